import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// BenchMARL: `task: ???` in the primary; the real tasks are in sub-directories (task/vmas/*.yaml),
// each including a YAML stand-in for its ConfigStore schema (task/*_config.yaml, every key ???).
const TASKS = {
  "conf/config.yaml": "defaults:\n  - task: ???\n  - model: small\n  - _self_\nseed: 0\n",
  "conf/task/balance_config.yaml": "size: ???\n",
  "conf/task/nav_config.yaml": "size: ???\n",
  "conf/task/vmas/balance.yaml": "defaults:\n  - balance_config\n  - _self_\nsize: 3\n",
  "conf/task/vmas/nav.yaml": "defaults:\n  - nav_config\n  - _self_\nsize: 4\n",
  "conf/model/small.yaml": "w: 1\n",
  "conf/model/big.yaml": "w: 2\n",
};

Deno.test("validate: a ??? group default is filled with an option no other config includes (not a stand-in)", async () => {
  const r = await validateIn(writeTree(TASKS), ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.lines, ["no problems in 7 files, 3 compositions"]);
  assert.doesNotMatch(r.stderr, /_config/);
});

Deno.test("validate: a ??? group default is filled with an option validate.options allows", async () => {
  // a problem in model/big.yaml is labelled with the composition it was found in
  const files = { ...TASKS, "conf/model/big.yaml": "w: ???\n" };
  const unscoped = await validateIn(writeTree(files), ["-d", "conf"]);
  assert.equal(unscoped.code, 0, unscoped.stdout + unscoped.stderr);
  assert.match(unscoped.stdout, /\[key: model\.w\] \(with task=vmas\/balance model=big\)$/m);
  const dir = writeTree({
    ...files,
    ".strata.yaml": "validate:\n  options:\n    config: {task: ['vmas/n*']}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/model/big.yaml:1:4: warning: Missing mandatory value (???) [key: model.w] (with task=vmas/nav model=big)",
    "1 warning in 7 files, 2 compositions",
  ]);
});

// BenchMARL's model/sequence.yaml: an option whose own group defaults are ???.
const SEQUENCE = {
  "conf/config.yaml": "defaults:\n  - model: layers/mlp\n  - _self_\nseed: 0\n",
  "conf/model/layers/mlp.yaml": "num_cells: [32]\n",
  "conf/model/layers/cnn.yaml": "num_cells: [8]\n",
  "conf/model/sequence.yaml":
    "defaults:\n  - layers@layers.l1: ???\n  - layers@layers.l2: ???\n  - _self_\nsizes: [4]\n",
};

Deno.test("validate: an option's own ??? group defaults are filled as the primary's are", async () => {
  const r = await validateIn(writeTree(SEQUENCE), ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /You must specify/);
  assert.match(r.stdout, /^no problems in 4 files, \d+ compositions$/m);
  // pre-commit on the option itself: it takes part in a composition
  const one = await validateIn(writeTree(SEQUENCE), ["-d", "conf", "conf/model/sequence.yaml"]);
  assert.equal(one.code, 0, one.stdout + one.stderr);
  assert.match(one.stdout, /^no problems in 1 file, [1-9]\d* compositions?$/m);
});

Deno.test("validate: a broken option behind a filled ??? is reported with the fill in its label", async () => {
  const r = await validateIn(
    writeTree({ ...SEQUENCE, "conf/model/layers/mlp.yaml": "num_cells: ${nope}\n" }),
    ["-d", "conf"],
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /model\/layers@model\.layers\.l1=/);
});

Deno.test("validate: an experiment's override of a ??? group is checked with its own choice, not beaten by validate's fill of the ??? (checker w38)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - model: ???\n  - experiment: null\n",
    "conf/model/a.yaml": "x: 1\n",
    "conf/model/b.yaml": "y: 2\n",
    "conf/experiment/e.yaml":
      "# @package _global_\ndefaults:\n  - override /model: c\n  - _self_\n",
    "conf/experiment/f.yaml": "# @package _global_\ndefaults:\n  - override /model: b\n" +
      "  - _self_\nlr: ${model.x}\n",
    "conf/experiment/ok.yaml": "# @package _global_\ndefaults:\n  - override /model: a\n" +
      "  - _self_\nlr: ${model.x}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/experiment\/e\.yaml:3:22: error: In 'config': Could not find 'model\/c' \(with experiment=e\)$/m,
    );
    assert.match(
      r.stdout,
      /^conf\/experiment\/f\.yaml:5:5: error: Interpolation key 'model\.x' not found \[key: lr\] \(with experiment=f\)$/m,
    );
    assert.doesNotMatch(r.stdout, /experiment\/ok/);
    // a pre-commit run of the experiment alone finds it too
    const one = await validateIn(dir, ["-d", "conf", "conf/experiment/e.yaml"]);
    assert.equal(one.code, 1, one.stdout + one.stderr);
    assert.match(one.stdout, /Could not find 'model\/c'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a ??? group filled with an option that does not compose is said, and the next option stands in (checker v64)", async () => {
  // `domain: ???`; its first option names a config that is not there; a typo elsewhere
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - domain: ???\n  - _self_\nroot: /data\n" +
      "paths:\n  data: ${roott}/x\n",
    "conf/domain/detection.yaml": "defaults:\n  - /model: nosuch\n  - _self_\nname: det\n",
    "conf/domain/recognition.yaml": "defaults:\n  - /model: crnn\n  - _self_\nname: rec\n",
    "conf/model/crnn.yaml": "layers: 2\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  const errors = r.lines.filter((l) => / error: /.test(l));
  assert.equal(errors.length, 2, r.stdout + r.stderr);
  const has = (re: RegExp) => assert.ok(errors.some((l) => re.test(l)), r.stdout);
  has(/^conf\/domain\/detection\.yaml:2:\d+: error: .*Could not find 'model\/nosuch'/);
  has(
    /^conf\/config\.yaml:6:9: error: Interpolation key 'roott' not found.*\(with domain=recognition\)$/,
  );
  assert.doesNotMatch(r.stderr, /no composition built/);
});
