/**
 * gafl (checker v25): model/gafl.yaml extends its sibling model/default.yaml (`- default`), and
 * interpolant/*.yaml reads a key only gafl sets. `model=default` alone fails with every primary;
 * that default.yaml composes as a part of model=gafl was taken for `model=default` composing,
 * so a whole-tree run passed it (exit 0, with a note naming the same primaries as failing and
 * composing) where `-n` failed it.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const primary = "defaults:\n  - model: gafl\n  - interpolant: default\n  - _self_\nseed: 1\n";

Deno.test("validate: a base a sibling option includes composing there is not its own run composing", async () => {
  const dir = writeTree({
    "conf/train_a.yaml": primary,
    "conf/train_b.yaml": primary,
    "conf/model/default.yaml": "width: 8\n",
    "conf/model/gafl.yaml": "defaults:\n  - default\n  - _self_\nedge:\n  self_condition: true\n",
    "conf/interpolant/default.yaml": "self_condition: ${model.edge.self_condition}\n",
  });
  try {
    const whole = await validateIn(dir, ["-d", "conf"]);
    const one = await validateIn(dir, ["-d", "conf", "-n", "train_a"]);
    for (const r of [whole, one]) {
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        /^conf\/interpolant\/default\.yaml:1:17: error: Interpolation key 'model\.edge\.self_condition' not found .*model=default/m,
      );
    }
    assert.doesNotMatch(whole.stderr, /fails with .* and composes with/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
