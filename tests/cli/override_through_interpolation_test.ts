/**
 * A value override below a node interpolation (`model.optimizer.lr=1` where `model.optimizer:
 * ${optimizer}`, WANDR's model config): Hydra's "Could not override", with a line naming the
 * interpolation and the override to give, `optimizer.lr=1` (checker v43).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: an override through a node interpolation names it and the key it reads", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: m\n  - _self_\noptimizer:\n  lr: 0.1\n",
    "conf/model/m.yaml": "optimizer: ${optimizer}\n",
  });
  try {
    const r = await strata(["compose", "model.optimizer.lr=1"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      "override #1 'model.optimizer.lr=1': Could not override 'model.optimizer.lr'.\n" +
        "To append to your config use +model.optimizer.lr=1\nKey 'lr' is not in struct\n" +
        "    full key: model.optimizer.lr\n" +
        "    conf/model/m.yaml:1:12: model.optimizer is '${optimizer}': the value it reads is " +
        "optimizer's, so the override to give is optimizer.lr=1\n",
    );
    const given = await strata(["compose", "optimizer.lr=1", "--resolve"], { cwd: dir });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(given.stdout, "model:\n  optimizer:\n    lr: 1\noptimizer:\n  lr: 1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
