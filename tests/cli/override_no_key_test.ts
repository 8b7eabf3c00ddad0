// An override with no key (`=3`, `='3'`): Hydra reads the config root as its group and fails;
// strata's hint says the key is missing, not to quote the value or to append `+=3`, which fail
// again (checker x43 #4).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("an override without a key: the hint says so", async () => {
  const dir = await confTree({ "conf/config.yaml": "defaults:\n  - _self_\nx: 1\n" });
  try {
    for (
      const [override, message] of [
        ["=3", "Config group override must be a string or a list. Got int"],
        ["='3'", "Could not override ''. No match in the defaults list."],
        ["=abc", "Could not override ''. No match in the defaults list."],
      ]
    ) {
      const r = await strata(["compose", "-d", "conf", override], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, override);
      assert.ok(r.stderr.startsWith(`override #1 '${override}': ${message}`), r.stderr);
      assert.match(r.stderr, /\n {4}the override has no key: write KEY=VALUE\n$/, override);
      assert.doesNotMatch(r.stderr, /quote it/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
