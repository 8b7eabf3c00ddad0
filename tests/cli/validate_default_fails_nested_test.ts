/**
 * The primary's default option fails (hyena-dna's `experiment: base`, whose pipeline is
 * missing): the group's other options, in its sub-directories too (`experiment=hg38/hyena`),
 * are tried in its place, so what they reach is validated, not hidden behind the one failure.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a failing default option does not hide the group's options in sub-directories", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - experiment: base\n  - _self_\nseed: 1\n",
    "conf/experiment/base.yaml": "# @package _global_\ndefaults:\n  - /pipeline: mnist\n",
    "conf/experiment/hg38/hyena.yaml": "# @package _global_\ndefaults:\n  - /pipeline: cifar\n" +
      "lr: 0.1\n",
    "conf/pipeline/cifar.yaml": "defaults:\n  - /task: cls\nname: cifar\n",
    "conf/pipeline/chromatin.yaml": "defaults:\n  - /task: multilabel\nname: chrom\n",
    "conf/task/cls.yaml": "k: 1\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(
      r.lines[0],
      "conf/experiment/base.yaml:3:16: error: In 'experiment/base': Could not find 'pipeline/mnist'",
    );
    assert.ok(
      r.lines.includes(
        "conf/pipeline/chromatin.yaml:2:12: error: In 'pipeline/chromatin': Could not find " +
          "'task/multilabel' (with experiment=hg38/hyena pipeline=chromatin)",
      ),
      r.stdout,
    );
    assert.match(r.stderr, /^2 errors in 6 files, 1 composition$/m);
    // pre-commit on the experiment: it is composed, not only the primary's failure
    const one = await validateIn(dir, ["-d", "conf", "conf/experiment/hg38/hyena.yaml"]);
    assert.match(one.stderr, /^1 error in 1 file, 1 composition$/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
