/**
 * The environment policy (core/env.ts) set from plain JavaScript: anything
 * but "all", "none" or { allow: string[] } is a usage error, and the policy
 * in force stays as it was (a misspelled "None" must not open every variable).
 */

import assert from "node:assert/strict";
import { readEnv, setEnvPolicy } from "../../core/env.ts";
import { ErrorCode, StrataError } from "../../core/errors.ts";

Deno.test("env: a policy that is not all, none or { allow: string[] } is a usage error, the old one kept", () => {
  const before = setEnvPolicy("none");
  try {
    for (const bad of ["None", 5, undefined, null, { allow: "CI_*" }, { allow: [1] }, {}]) {
      assert.throws(
        () => setEnvPolicy(bad as never),
        (e: unknown) =>
          e instanceof StrataError && e.code === ErrorCode.Usage &&
          /setEnvPolicy: the policy must be "all", "none" or \{ allow: string\[\] \}/.test(
            e.message,
          ),
        String(bad),
      );
      assert.deepEqual(readEnv("PATH"), { denied: "environment access is off (--no-env)" });
    }
    setEnvPolicy({ allow: ["PATH"] });
    assert.equal("value" in readEnv("PATH"), true);
  } finally {
    setEnvPolicy(before);
  }
});
