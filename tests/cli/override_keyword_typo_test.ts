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

Deno.test("compose: a misspelt 'override' after a real one is named as the reason of Hydra's 'Overrides must be at the end' (checker w35)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - trainer: cpu\n  - logger: tb\n  - _self_\na: 1\n",
    "conf/experiment/x.yaml": "# @package _global_\ndefaults:\n  - override /trainer: gpu\n" +
      "  - overide /logger: csv\nb: 2\n",
    "conf/trainer/cpu.yaml": "n: 1\n",
    "conf/trainer/gpu.yaml": "n: 2\n",
    "conf/logger/tb.yaml": "n: 3\n",
    "conf/logger/csv.yaml": "n: 4\n",
  });
  try {
    const r = await strata(["compose", "+experiment=x"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/experiment/x.yaml:4:22: In experiment/x: Override 'trainer : gpu' is defined before " +
        "'logger: csv'.\nOverrides must be at the end of the defaults list\n" +
        "    conf/experiment/x.yaml:4:5: 'overide' is no defaults keyword: Hydra drops the word " +
        "and reads this entry as a plain choice of logger, not an override. Did you mean " +
        "'override'?\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
