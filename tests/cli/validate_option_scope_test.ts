import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// diffusion_policy: image workspaces read task.shape, lowdim ones task.dim; each task option is
// meant for one kind. `.strata.yaml`'s validate.options says which options a primary is tried with.
const TREE = {
  "conf/train_image.yaml": "defaults:\n  - _self_\n  - task: a_image\nh: ${task.shape}\n",
  "conf/train_lowdim.yaml": "defaults:\n  - _self_\n  - task: a_lowdim\nd: ${task.dim}\n",
  "conf/task/a_image.yaml": "shape: [3, 96, 96]\n",
  "conf/task/b_image.yaml": "shape: [3, 84, 84]\n",
  "conf/task/a_lowdim.yaml": "dim: 20\n",
  "conf/task/b_lowdim.yaml": "dim: 60\n",
};

Deno.test("validate: .strata.yaml's validate.options scopes the options tried with a primary", async () => {
  const unscoped = writeTree({ ...TREE, ".strata.yaml": "config_name: train_image\n" });
  const before = await validateIn(unscoped, ["-d", "conf"]);
  assert.equal(before.code, 1);
  assert.deepEqual(before.lines, [
    "conf/train_image.yaml:4:4: error: Interpolation key 'task.shape' not found [key: h] (with task=a_lowdim and 1 more composition)",
  ]);
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "config_name: train_image\nvalidate:\n  options:\n" +
      "    train_image: {task: ['*_image']}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // train_image, with task=b_image; train_lowdim as another primary
  assert.deepEqual(r.lines, ["no problems in 6 files, 3 compositions"]);
  assert.match(r.stderr, /checked as YAML only\): conf\/task\/b_lowdim\.yaml$/m);
  // pre-commit on an option scoped out of the primary: YAML only, not an error
  const one = await validateIn(dir, ["-d", "conf", "conf/task/b_lowdim.yaml"]);
  assert.equal(one.code, 0, one.stdout + one.stderr);
  assert.deepEqual(one.lines, ["no problems in 1 file, 0 compositions"]);
});

Deno.test("validate: validate.options naming no config, no group or no option is a located error in .strata.yaml", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "config_name: train_image\nvalidate:\n  options:\n" +
      "    train_imgae: {task: ['*_image']}\n" +
      "    train_lowdim:\n      tsak: ['*_lowdim']\n      task: ['*_lowdmi', '*_lowdim']\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.slice(0, 3), [
    ".strata.yaml:4:5: error: no config 'train_imgae' in the config directory to scope options for [key: validate.options.train_imgae] Did you mean 'train_image'?",
    ".strata.yaml:6:7: error: no group 'tsak' in the config directory [key: validate.options.train_lowdim.tsak] Did you mean 'task'?",
    ".strata.yaml:7:14: error: '*_lowdmi' matches no option of group 'task' (a_image, a_lowdim, b_image, b_lowdim) [key: validate.options.train_lowdim.task]",
  ]);
  const shape = writeTree({
    ...TREE,
    ".strata.yaml": "validate:\n  options:\n    train_image: {task: 3}\n",
  });
  const bad = await validateIn(shape, ["-d", "conf"]);
  assert.equal(bad.code, 1);
  assert.deepEqual(bad.lines, [
    ".strata.yaml:3:25: error: validate.options.train_image.task must be a glob or a list of globs [key: validate.options.train_image.task]",
  ]);
  const key = writeTree({ ...TREE, ".strata.yaml": "validate:\n  option: {}\n" });
  const unknown = await validateIn(key, ["-d", "conf"]);
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.lines[0],
    /^\.strata\.yaml:2:3: error: unknown setting 'validate\.option'.*Did you mean 'validate\.options'\?/,
  );
});

Deno.test("validate without config.yaml: a top-level primary validate.options names is tried with the options it takes", async () => {
  // no config.yaml, no config name: each workspace is a primary, each task tried with each; an
  // option that composes with one of them is no error (b_image), one that composes with none is,
  // with what each said (the scopes below say which workspace it belongs to)
  const broken = { ...TREE, "conf/task/b_lowdim.yaml": "dmi: 60\n" };
  const plain = await validateIn(writeTree(broken), ["-d", "conf"]);
  assert.equal(plain.code, 1, plain.stdout + plain.stderr);
  assert.ok(
    plain.lines.includes(
      "conf/train_lowdim.yaml:4:4: error: Interpolation key 'task.dim' not found [key: d] Did you mean 'task.dmi'? (with --config-name=train_lowdim task=b_lowdim)",
    ),
    plain.stdout,
  );
  assert.doesNotMatch(plain.stdout, /b_image/);
  const dir = writeTree({
    ...broken,
    ".strata.yaml": "validate:\n  options:\n    train_image: {task: '*_image'}\n" +
      "    train_lowdim: {task: '*_lowdim'}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/train_lowdim.yaml:4:4: error: Interpolation key 'task.dim' not found [key: d] Did you mean 'task.dmi'? (with --config-name=train_lowdim task=b_lowdim)",
  ]);
  assert.equal(r.stderr.split("\n").at(-2), "1 error in 6 files, 4 compositions");
  // the primaries, once each (not once per option tried with them)
  assert.match(r.stderr, /as primaries: train_image, train_lowdim\n/);
  // pre-commit on that option checks it with the workspace it belongs to
  const one = await validateIn(dir, ["-d", "conf", "conf/task/b_lowdim.yaml"]);
  assert.equal(one.code, 1);
  assert.deepEqual(one.lines, r.lines);
});

// IsaacGymEnvs: task/ holds bases that other task files include (not task= options), and
// contextual/ant/config.yaml is a second primary (`--config-path cfg/contextual/ant`) that
// validate tries as `+contextual/ant=config` (as `+contextual=ant/config` its relative `pbt`
// group is not found). A group with no options of its own is named all the same, its options as
// `+contextual=...` names them; `[]` tries none of them.
const IGX = {
  "conf/config.yaml": "defaults:\n  - task: Ant\n  - _self_\nseed: 1\n",
  "conf/task/Ant.yaml": "name: Ant\n",
  "conf/task/FactoryBase.yaml": "defaults:\n  - /factory_schema_config_base\nname: base\n",
  "conf/task/FactoryTask.yaml": "defaults:\n  - FactoryBase\n  - _self_\nname: task\n",
  "conf/contextual/ant/config.yaml": "defaults:\n  - pbt: no_pbt\n  - _self_\nx: 1\n",
  "conf/contextual/ant/pbt/no_pbt.yaml": "enabled: false\n",
  "conf/factory_schema_config_base.yaml": "sim: {}\n",
};

Deno.test("validate.options: bases inside a group, and a group of other primaries tried not at all ([])", async () => {
  const unscoped = await validateIn(writeTree(IGX), ["-d", "conf"]);
  assert.equal(unscoped.code, 0, unscoped.stdout);
  assert.equal(unscoped.stdout, "no problems in 7 files, 4 compositions\n");
  const dir = writeTree({
    ...IGX,
    ".strata.yaml": "validate:\n  options:\n    config:\n" +
      "      task: [Ant, 'Factory[!B]*']\n      contextual: []\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, "no problems in 7 files, 2 compositions\n");
  assert.match(r.stderr, /conf\/contextual\/ant\/config\.yaml/); // checked as YAML only
  // a glob of a sub-directory's options names them as +contextual=... does
  const globbed = writeTree({
    ...IGX,
    ".strata.yaml": "validate:\n  options:\n    config:\n      contextual: ['ant/pbt/*']\n",
  });
  const g = await validateIn(globbed, ["-d", "conf"]);
  assert.doesNotMatch(g.stdout, /no group 'contextual'|matches no option/);
  assert.doesNotMatch(g.stdout, /with \+contextual=ant\/config\b/);
});

Deno.test("validate: validate.options naming no config with an empty mapping is the same located error (checker w37)", async () => {
  const dir = writeTree({
    ...TREE,
    ".strata.yaml": "config_name: train_image\nvalidate:\n  options:\n    train_imgae: {}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines.slice(0, 1), [
    ".strata.yaml:4:5: error: no config 'train_imgae' in the config directory to scope options for [key: validate.options.train_imgae] Did you mean 'train_image'?",
  ]);
  // an empty mapping for a primary that is one: nothing scoped, nothing said of the settings
  const right = writeTree({
    ...TREE,
    ".strata.yaml": "config_name: train_image\nvalidate:\n  options:\n    train_image: {}\n",
  });
  const ok = await validateIn(right, ["-d", "conf"]);
  assert.doesNotMatch(ok.stdout + ok.stderr, /\.strata\.yaml/);
});
