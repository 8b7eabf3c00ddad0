import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// diffusion_policy: no config.yaml, every run names its primary (`--config-name`). Hydra given no
// config name composes an empty primary and does not fail; validate composes the top-level configs.
const NO_CONFIG_YAML = {
  "conf/train_image.yaml": "defaults:\n  - _self_\n  - task: pusht_image\nh: ${task.shape}\n",
  "conf/train_lowdim.yaml": "defaults:\n  - _self_\n  - task: pusht_lowdim\nd: ${task.dim}\n",
  "conf/task/pusht_image.yaml": "shape: [3, 96, 96]\n",
  "conf/task/pusht_lowdim.yaml": "dim: 20\n",
  "conf/task/kitchen_lowdim.yaml": "dim: 60\n",
};

Deno.test("validate with no config.yaml and no config name: the top-level configs are the primaries, no error", async () => {
  const dir = writeTree(NO_CONFIG_YAML);
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // each primary with every task swapped in; a task that composes with one of them (the lowdim
  // ones with train_lowdim) is no error of the other
  assert.deepEqual(r.lines, ["no problems in 5 files, 6 compositions"]);
  assert.match(
    r.stderr,
    /^note: conf has no config\.yaml and no config name was given \(-n, \.strata\.yaml config_name\): validated the top-level configs as primaries: train_image, train_lowdim$/m,
  );
  assert.doesNotMatch(r.stderr, /YAML only/);
  // GitHub annotations stay about the tree's problems: none, and no notes as annotations
  const gh = await validateIn(dir, ["-d", "conf", "-f", "github"]);
  assert.equal(gh.code, 0, gh.stdout + gh.stderr);
  assert.deepEqual(gh.lines, ["no problems in 5 files, 6 compositions"]);
  assert.doesNotMatch(gh.stderr, /YAML only/);
  const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
  assert.equal(json.code, 0, json.stdout + json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.errors, 0);
  assert.deepEqual(out.primaries, ["train_image", "train_lowdim"]);
  assert.equal(out.yamlOnly, undefined);
});

Deno.test("validate with several top-level primaries: an option that fails with every one of them is an error (lightning-hydra-template's train.yaml and eval.yaml)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - model: a\n  - _self_\nx: 1\n",
    "conf/eval.yaml": "defaults:\n  - model: a\n  - _self_\ny: 1\n",
    "conf/model/a.yaml": "size: 1\n",
    "conf/model/b.yaml": "size: ${nope}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.lines[0],
    /^conf\/model\/b\.yaml:1:7: error: Interpolation key 'nope' not found \[key: model\.size\] \(with --config-name=eval model=b and 1 more composition\)$/,
  );
  // pre-commit on that option alone finds it too
  const one = await validateIn(dir, ["-d", "conf", "conf/model/b.yaml"]);
  assert.equal(one.code, 1, one.stdout + one.stderr);
});

Deno.test("validate FILE with no config.yaml (pre-commit): an option no primary chooses is tried with each, no error when one composes it", async () => {
  const dir = writeTree(NO_CONFIG_YAML);
  const r = await validateIn(dir, ["-d", "conf", "conf/task/kitchen_lowdim.yaml"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // tried with both primaries; it composes with train_lowdim: no error of train_image's
  assert.deepEqual(r.lines, ["no problems in 1 file, 2 compositions"]);
  assert.doesNotMatch(r.stderr, /YAML only/);
  const used = await validateIn(dir, ["-d", "conf", "conf/task/pusht_lowdim.yaml"]);
  assert.equal(used.code, 0, used.stdout + used.stderr);
  assert.deepEqual(used.lines, ["no problems in 1 file, 2 compositions"]);
  assert.doesNotMatch(used.stderr, /YAML only/);
});

Deno.test("validate -n NAME, or .strata.yaml's config_name, that does not exist stays an error", async () => {
  const dir = writeTree(NO_CONFIG_YAML);
  const named = await validateIn(dir, ["-d", "conf", "-n", "config"]);
  assert.equal(named.code, 1);
  assert.match(named.lines[0], /^conf: error: Cannot find primary config 'config'/);
  const settings = writeTree({ ...NO_CONFIG_YAML, ".strata.yaml": "config_name: trian\n" });
  const r = await validateIn(settings, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /Cannot find primary config 'trian'/);
});
