/**
 * The YAML reader as a user meets it: where the nesting limit is reported,
 * and dialect edge cases decided by PyYAML/OmegaConf.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a flow collection nested past 500 levels fails where the limit is crossed", async () => {
  const deep = (n: number) => `a: ${"[".repeat(n)}${"]".repeat(n)}\n`;
  const dir = await confTree({
    "conf/d501.yaml": deep(501),
    "conf/d1000.yaml": deep(1000),
    "conf/d200000.yaml": deep(200_000),
    "conf/d500.yaml": deep(500),
  });
  try {
    for (const name of ["d501", "d1000", "d200000"]) {
      const r = await strata(["compose", "-d", "conf", "-n", name], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.match(
        r.stderr,
        new RegExp(
          `^conf/${name}\\.yaml:1:503: the document nests deeper than 500 levels\\n {4}full key: …\\]\\[0\\]`,
        ),
        name,
      );
      assertNoStackTrace(r.stderr);
    }
    const ok = await strata(["compose", "-d", "conf", "-n", "d500", "-f", "json"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
