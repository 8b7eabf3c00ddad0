import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// A user coming from `compose` types overrides as validate's positionals, which name files.
Deno.test("validate OVERRIDE: a positional that reads as an override and is no file points at --override (exit 2)", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n", "conf/db/x.yaml": "b: 1\n" });
  for (const arg of ["db=x", "+db=x", "~a"]) {
    const r = await validateIn(dir, ["-d", "conf", arg]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `file '${arg}' not found: to compose with an override use --override '${arg}'\n`,
    );
  }
  // a path that is no override keeps the plain message
  const r = await validateIn(dir, ["-d", "conf", "conf/typo.yaml"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "file 'conf/typo.yaml' not found\n");
});
