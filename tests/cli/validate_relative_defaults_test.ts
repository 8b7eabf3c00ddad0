import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// audiocraft's shape: every solver is in a sub-directory, and their common base
// (`solver/comp/default.yaml`) includes the group's `solver/default.yaml` as `- ../default`.
const AUDIOCRAFT_SHAPE: Record<string, string> = {
  "conf/config.yaml": "defaults:\n  - solver: default\n  - _self_\nsr: 1\n",
  "conf/solver/default.yaml": "# @package __global__\nsolver: base\nlr: 1\n",
  "conf/solver/comp/default.yaml":
    "# @package __global__\ndefaults:\n  - ../default\n  - /model@enc: base\n  - _self_\ncomp:\n  n: 1\n",
  "conf/solver/comp/small.yaml":
    "# @package __global__\ndefaults:\n  - comp/default\n  - _self_\ncomp:\n  m: 2\n",
  "conf/model/base.yaml": "k: 3\n",
};

Deno.test("validate: a `../default` that stays in the config directory is not reported, and the tree validates clean", async () => {
  const r = await validateIn(writeTree(AUDIOCRAFT_SHAPE));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^no problems in 5 files, \d+ compositions\n$/);
});

Deno.test("validate: errors in a file with `../default`, and in one reached only through it, are reported", async () => {
  const dir = writeTree({
    ...AUDIOCRAFT_SHAPE,
    "conf/solver/comp/default.yaml":
      "# @package __global__\ndefaults:\n  - ../default\n  - /model@enc: base\n  - _self_\ncomp:\n  n: ${nope_a}\n",
    "conf/model/base.yaml": "k: ${nope_b}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/base.yaml:1:4: error: Interpolation key 'nope_b' not found [key: enc.k] (with solver=comp/small)",
    "conf/solver/comp/default.yaml:7:6: error: Interpolation key 'nope_a' not found [key: comp.n] (with solver=comp/small)",
  ]);
});

Deno.test("validate: a defaults entry that climbs above the config directory is still reported", async () => {
  const dir = writeTree({
    ...AUDIOCRAFT_SHAPE,
    "conf/solver/comp/far.yaml": "defaults:\n  - ../../../x\n  - _self_\n",
    "conf/solver/comp/group.yaml": "defaults:\n  - /../y: z\n  - _self_\n",
  });
  const r = await validateIn(dir, ["conf/solver/comp/far.yaml", "conf/solver/comp/group.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.filter((l) => l.includes("outside")), [
    "conf/solver/comp/far.yaml:2:5: error: '../../../x' points outside the config directory [key: defaults]",
    "conf/solver/comp/group.yaml:2:12: error: 'z' points outside the config directory [key: defaults]",
  ]);
});
