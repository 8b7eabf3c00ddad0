/**
 * A sub-directory of a group that no defaults list names as a group of its own
 * (`conf/experiment/sub/x.yaml`) holds options of the group, `experiment=sub/x`,
 * as Hydra composes them: validate tries them so, not as a second experiment
 * (`+experiment/sub=x`) on top of the default one.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: base\n",
  "conf/experiment/base.yaml": "# @package _global_\ndefaults:\n  - /model: a\n",
  "conf/experiment/sub/x.yaml": "# @package _global_\ndefaults:\n  - /model: b\n",
  "conf/model/a.yaml": "n: 1\n",
  "conf/model/b.yaml": "n: 2\n",
};

Deno.test("validate: an experiment in a sub-directory is composed as experiment=sub/x, as compose does", async () => {
  const dir = writeTree(TREE);
  try {
    const compose = await strata(["compose", "-d", "conf", "experiment=sub/x"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "model:\n  'n': 2\n");
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 5 files, 3 compositions"]);
    // a problem of the nested option is found, in the composition that has it
    Deno.writeTextFileSync(
      `${dir}/conf/experiment/sub/x.yaml`,
      TREE["conf/experiment/sub/x.yaml"] + "k: ${nope}\n",
    );
    const broken = await validateIn(dir, ["-d", "conf"]);
    assert.equal(broken.code, 1);
    assert.equal(
      broken.lines[0],
      "conf/experiment/sub/x.yaml:4:4: error: Interpolation key 'nope' not found [key: k] (with experiment=sub/x)",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// A group with no options of its own, only sub-directories (flash-attention's `experiment/owt/`,
// `experiment/pile/`), and a slot in the primary (`experiment: null`) before `_self_`.
const SLOT_TREE = {
  "conf/config.yaml": "defaults:\n  - experiment: null\n  - _self_\n\nx: 1\n",
  "conf/experiment/owt/a.yaml": "# @package _global_\nx: ${missing}\n",
  "conf/experiment/pile/b.yaml": "# @package _global_\ny: ${nope}\n",
};

Deno.test("validate: a group whose options are all in sub-directories is composed at its slot, experiment=owt/a", async () => {
  const dir = writeTree(SLOT_TREE);
  try {
    // as users run it, the primary's `x: 1` (after the slot) wins: no error
    const compose = await strata(["compose", "-d", "conf", "experiment=owt/a", "--resolve"], {
      cwd: dir,
    });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "x: 1\n");
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // `+experiment/owt=a` (appended after `_self_`) gave a false error on x; the label says
    // the override users type
    assert.deepEqual(r.lines, [
      "conf/experiment/pile/b.yaml:2:4: error: Interpolation key 'nope' not found [key: y] (with experiment=pile/b)",
    ]);
    assert.match(r.stderr, /1 error in 3 files, 3 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: such a group that no defaults list names is appended as +exp3=a/x, at the top group", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\nlr: 1\n",
    "conf/exp3/a/x.yaml": "v: ${..lr}\n",
    "conf/exp3/a/y.yaml": "w: ${..nope}\n",
  });
  try {
    const compose = await strata(["compose", "-d", "conf", "+exp3=a/x", "--resolve"], {
      cwd: dir,
    });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "lr: 1\nexp3:\n  v: 1\n");
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // `+exp3/a=x` put x.yaml at exp3.a, where ${..lr} is not found: a false error
    assert.deepEqual(r.lines, [
      "conf/exp3/a/y.yaml:1:4: error: Interpolation key 'nope' not found [key: exp3.w] (with +exp3=a/y)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
