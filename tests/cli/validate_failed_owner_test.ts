import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// No config.yaml: train and eval are the primaries. Only train chooses `model`, and train fails (its
// `opt` default is missing). model=big is tried with train, where it fails; appended to eval
// (`+model=big`) it composes, but no run adds a model to eval: the option's own error (a key it
// lacks, read by train's interpolation) is reported, not noted away as eval's option (checker v19).
Deno.test("validate: an option of a group only a failing primary chooses is not credited to another primary", async () => {
  const dir = writeTree({
    "conf/train.yaml":
      "defaults:\n  - opt: gone\n  - model: small\n  - _self_\nwidth: ${model.dim}\n",
    "conf/eval.yaml": "batch: 8\n",
    "conf/opt/adam.yaml": "lr: 0.1\n",
    "conf/model/small.yaml": "dim: 4\n",
    "conf/model/big.yaml": "layers: 8\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.ok(!r.stderr.includes("taken as"), r.stderr);
  assert.ok(
    r.lines.some((l) =>
      l.startsWith("conf/train.yaml:5:8: error: Interpolation key 'model.dim' not found") &&
      l.includes("model=big")
    ),
    r.lines.join("\n"),
  );
});
