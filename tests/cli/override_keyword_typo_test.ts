/**
 * `- overide /model: cnn_simple` in an experiment (checker w24, on DYffusion): Hydra's
 * _extract_keywords_from_config_group passes over a word that is no keyword, so the entry is a
 * second choice for `model`, and Hydra fails with "Multiple values for model". compose says
 * that error as Hydra does, with the misspelt word as its reason (not a two-packages hint).
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose: a misspelt 'override' keyword is named as the reason of Hydra's 'Multiple values for' (checker w24)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - experiment: null\n  - _self_\n",
    "conf/model/a.yaml": "k: 1\n",
    "conf/model/b.yaml": "k: 2\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - overide /model: b\n" +
      "  - _self_\nseed: 3\n",
    "conf/experiment/ok.yaml": "# @package _global_\ndefaults:\n  - override /model: b\n" +
      "  - _self_\nseed: 3\n",
  });
  try {
    const r = await strata(["compose", "experiment=e"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:12: Multiple values for model. To override a value use 'override " +
        "model: b'\n    conf/experiment/e.yaml:3:5: 'overide' is no defaults keyword: Hydra " +
        "ignores the word, so this entry is a second choice for model. Did you mean " +
        "'override'?\n    conf/experiment/e.yaml:3:21: 'model: b' is chosen here\n",
    );
    const ok = await strata(["compose", "experiment=ok"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "model:\n  k: 2\nseed: 3\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
