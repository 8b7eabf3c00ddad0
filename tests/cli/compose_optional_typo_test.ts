/**
 * An override choosing an option an `optional` entry's group lacks (`experiment=burgers_gradnorn`
 * for `optional experiment: null`): Hydra skips the entry (defaults_list.py drops a missing
 * optional config), so the run silently gets none of the experiment; strata composes the same
 * config, exit 0, with a warning and did-you-mean (checkers v55 #4, x48 #1). An entry whose own
 * default is not there (`optional local: default`, a file each machine may add) stays silent.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose: a typo in an optional group's choice composes as Hydra does, with a warning", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "defaults:\n  - optional experiment: null\n  - optional local: default\n  - _self_\na: 1\n",
    "conf/experiment/burgers_gradnorm.yaml": "# @package _global_\nlr: 2\n",
    "conf/local/other.yaml": "b: 1\n",
  });
  try {
    const typo = await strata(["compose", "-d", "conf", "experiment=burgers_gradnorn"], {
      cwd: dir,
    });
    assert.equal(typo.code, 0, typo.stderr);
    assert.equal(typo.stdout, "a: 1\n");
    assert.equal(
      typo.stderr,
      "override #1 'experiment=burgers_gradnorn': warning: 'experiment' has no option " +
        "'burgers_gradnorn': its optional entry is skipped, as Hydra skips it. Did you mean " +
        "'burgers_gradnorm'?\n",
    );
    const good = await strata(["compose", "-d", "conf", "experiment=burgers_gradnorm"], {
      cwd: dir,
    });
    assert.equal(good.stdout, "lr: 2\na: 1\n");
    // the entry's own default missing (local/default.yaml): no warning
    const plain = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
