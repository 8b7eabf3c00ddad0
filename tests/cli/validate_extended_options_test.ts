/**
 * Options that other options of their group extend (sheeprl's experiments:
 * `exp/ppo_recurrent.yaml` includes `ppo`, and `exp=ppo` is run as it is) are
 * composed alone too, so an error only that choice makes is found; a base
 * with the `???` its extensions fill (sheeprl's `exp/default`) is not its own
 * problem there, and a part other groups include (audiocraft's
 * augmentations) or one named `_base` is checked where it is included.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an experiment another experiment extends is composed alone, and its own error found", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - algo: a\n  - _self_\n",
    "conf/algo/a.yaml": "name: a\n",
    "conf/algo/b.yaml": "name: b\n",
    "conf/algo/c.yaml": "name: c\nlstm: 64\n",
    "conf/exp/base.yaml":
      "# @package _global_\ndefaults:\n  - override /algo: b\n  - _self_\nhidden: ${algo.lstm}\n",
    "conf/exp/child.yaml":
      "# @package _global_\ndefaults:\n  - base\n  - override /algo: c\n  - _self_\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/exp/base.yaml:5:9: error: Interpolation key 'algo.lstm' not found [key: hidden] (with +exp=base)",
    ]);
    // as a user runs it
    const run = await strata(["compose", "+exp=base", "--resolve"], { cwd: dir });
    assert.equal(run.code, 1);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a base its extensions fill (???), header-less under _global_ extensions, is no problem of its own", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - env: default\n  - exp: ???\n  - _self_\nseed: 1\n",
    "conf/env/default.yaml": "id: ???\nwrapper: x\n",
    "conf/env/gym.yaml": "defaults:\n  - default\n  - _self_\nid: CartPole\n",
    "conf/exp/default.yaml": "run_benchmarks: false\nsteps: ???\n",
    "conf/exp/ppo.yaml":
      "# @package _global_\ndefaults:\n  - default\n  - override /env: gym\n  - _self_\nsteps: 10\n",
    "conf/exp/sac.yaml": "# @package _global_\ndefaults:\n  - ppo\n  - _self_\nsteps: 20\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // the primary with exp=sac (what fills `???`), and exp=ppo alone; not exp=default, whose
    // steps: ??? its extensions fill, nor env=default (id: ???); no header warning for it
    assert.deepEqual(r.lines, ["no problems in 6 files, 2 compositions"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate FILES: an experiment that chooses a group the primary chose is reported for that file (Hydra's Multiple values)", async () => {
  // ProtoMotions' shape: `- /robot: tiny` without `override`, the primary's `robot: smpl`
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - robot: smpl\n  - _self_\n",
    "conf/robot/smpl.yaml": "dofs: 69\n",
    "conf/robot/tiny.yaml": "dofs: 3\n",
    "conf/exp/mv.yaml": "# @package _global_\ndefaults:\n  - /robot: tiny\n  - _self_\nname: mv\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "conf/exp/mv.yaml"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.lines[0],
      /^conf\/config\.yaml:2:12: error: Multiple values for robot\. To override a value use 'override robot: tiny' \(with \+exp=mv\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an experiment in a group sub-directory that one beside it extends is run alone too, unless a relative entry of its own reads otherwise there (checker w66)", async () => {
  const tree = {
    "conf/config.yaml": "defaults:\n  - _self_\n  - opt: a\n  - exp: ???\n",
    "conf/opt/a.yaml": "lr: ${extra_lr}\n",
    "conf/exp/g/base.yaml": "# @package _global_\nname: base\n",
    "conf/exp/g/child.yaml": "# @package _global_\ndefaults:\n  - g/base\nextra_lr: 0.01\n",
  };
  const r = await validateIn(writeTree(tree), ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout);
  assert.deepEqual(r.lines.filter((l) => l.includes("error")), [
    "conf/opt/a.yaml:1:5: error: Interpolation key 'extra_lr' not found [key: opt.lr] (with exp=g/base)",
  ]);
  // with a relative entry, it is a part: composed where it is included only
  const part = await validateIn(
    writeTree({
      ...tree,
      "conf/exp/g/base.yaml": "# @package _global_\ndefaults:\n  - bits\nname: base\n",
      "conf/exp/g/bits.yaml": "# @package _global_\nextra_lr: 1\n",
    }),
    ["-d", "conf"],
  );
  assert.equal(part.code, 0, part.stdout);
});
