import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// audiocraft's shape: `augmentations/default.yaml` is only ever included by the watermark solver
// (which sets what it interpolates); `dset/example.yaml` is chosen by that solver.
const TREE: Record<string, string> = {
  "conf/config.yaml": "defaults:\n  - dset: default\n  - solver: default\n  - _self_\n",
  "conf/solver/default.yaml": "# @package __global__\nlr: 1\n",
  "conf/solver/wm.yaml": "# @package __global__\ndefaults:\n" +
    "  - /augmentations/default\n  - override /dset: example\n  - _self_\nsample_rate: 16000\n",
  "conf/augmentations/default.yaml": "speed:\n  sample_rate: ${sample_rate}\n",
  "conf/dset/default.yaml": "train: a\n",
  "conf/dset/example.yaml": "train: b\n",
};

Deno.test("validate: a config only included by others is not tried alone when the includer's composition breaks", async () => {
  const clean = await validateIn(writeTree(TREE));
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  // a duplicate key in the dataset the solver chooses: its compositions are skipped
  const dir = writeTree({ ...TREE, "conf/dset/example.yaml": "train: b\ntrain: c\n" });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/dset/example.yaml:2:1: error: while constructing a mapping (at 1:1): found duplicate key train [key: dset.train]",
  ]);
});

Deno.test("validate: a file with only warnings is still composed (its errors in context are found)", async () => {
  const dir = writeTree({
    ...TREE,
    // a misspelt header word is a warning: the file still composes, and its `${nope}` is found
    "conf/solver/wm.yaml": "# @package __globl__\ndefaults:\n" +
      "  - /augmentations/default\n  - _self_\nsample_rate: 16000\nx: ${nope}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.ok(
    r.lines.some((l) => l.startsWith("conf/solver/wm.yaml:1:") && l.includes("warning")),
    r.stdout,
  );
  assert.ok(
    r.lines.some((l) => l.includes("'nope' not found") && l.includes("(with solver=wm)")),
    r.stdout,
  );
});
