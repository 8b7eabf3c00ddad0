/**
 * A primary that lists options of a group Hydra's own config also names (WANDR's
 * `/hydra/callbacks: [my_callback]` beside hydra/config's `callbacks: null`): the swap
 * `hydra/callbacks=x` makes the key twice, as in Hydra, in a composition no user makes, so
 * validate reports no error for it; the tree's real composition is checked (checker v43).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: swapping an option into a group the primary lists no longer fails the tree with 'appears more than once'", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - /hydra/callbacks:\n      - my_callback\nx: 1\n",
    "conf/hydra/callbacks/my_callback.yaml": "my_callback:\n  _target_: a.B\n  y: ${x}\n",
    "conf/hydra/callbacks/other.yaml": "other:\n  z: 2\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /appears more than once/);
    // the listed option is still checked in the composition
    Deno.writeTextFileSync(
      `${dir}/conf/hydra/callbacks/my_callback.yaml`,
      "my_callback:\n  _target_: a.B\n  y: ${nope}\n",
    );
    const broken = await validateIn(dir, []);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /Interpolation key 'nope' not found/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
