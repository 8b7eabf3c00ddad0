import assert from "node:assert/strict";
import { inTree, validateIn } from "./_tree.ts";

// safari: experiment/wt103/base.yaml puts an `override` before the entry it overrides; h3.yaml
// includes it as `/experiment/wt103/base.yaml`, so Hydra names it `base` in one composition and
// `base.yaml` in the other: one defect, reported once
Deno.test("validate: an override-order error of a file two compositions name differently is one problem", async () => {
  await inTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - scheduler: x\n  - experiment: base\n",
    "conf/scheduler/x.yaml": "s: 1\n",
    "conf/scheduler/y.yaml": "s: 2\n",
    "conf/pipeline/w.yaml": "p: 1\n",
    "conf/experiment/base.yaml": "# @package _global_\nb: 1\n",
    "conf/experiment/w/base.yaml":
      "# @package _global_\ndefaults:\n  - override /scheduler: y\n  - /pipeline: w\n",
    "conf/experiment/w/h3.yaml": "# @package _global_\ndefaults:\n  - /experiment/w/base.yaml\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      // (base, included by h3 beside it with no relative entry of its own, is run alone too:
      // checker w66; the two namings are one problem)
      /experiment\/w\/base\.yaml:4:16: error: In experiment\/w\/base: Override 'scheduler : y' is defined before 'pipeline: w'\. \(with experiment=w\/base and 1 more composition\)$/,
    );
  });
});
