/**
 * A `???` default of a group that is not there (`trainr: ???`, a typo of `trainer`): Hydra's "You
 * must specify" lists no option; strata adds which group was likely meant (checker w41).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: a ??? default of a misspelt group names the group meant", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainr: ???\n  - _self_\n",
    "conf/trainer/t.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["compose"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:2:13: You must specify 'trainr', e\.g, trainr=<OPTION>/,
    );
    assert.match(r.stderr, /there is no group 'trainr': did you mean 'trainer'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
