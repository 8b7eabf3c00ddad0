// A primary whose group default names a missing option (`model: unett`): the groups no defaults
// list names are tried in the composition of the option meant (`model=unet`, the did-you-mean),
// not of the first option by name, where a hyper-parameter search over unet's keys fails for
// nothing the commit changed (checker w45 #1).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a missing option's did-you-mean hosts the groups tried after the primary fails", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - model: unett\n  - _self_\nseed: 1\n",
    "conf/model/convnet.yaml": "name: convnet\nchannels: 8\n",
    "conf/model/unet.yaml": "name: unet\ncriterion:\n  p: 1.5\n",
    "conf/hparams_search/unet.yaml": "# @package _global_\nhydra:\n  mode: MULTIRUN\n  sweeper:\n" +
      "    params:\n      model.criterion.p: 1.1,1.5\n",
  });
  const r = await validateIn(dir, ["-n", "train"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), [
    "conf/train.yaml:2:12: error: In 'train': Could not find 'model/unett'. Did you mean 'unet'?",
  ]);
});
