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
  assert.deepEqual(r.lines, ["no problems in 5 files, 2 compositions"]);
  assert.match(
    r.stderr,
    /^note: conf has no config\.yaml and no config name was given \(-n, \.strata\.yaml config_name\): validated the top-level configs as primaries: train_image, train_lowdim$/m,
  );
  // an option no composition uses is said to be checked as YAML only
  assert.match(
    r.stderr,
    /^note: 1 file takes part in no composition \(checked as YAML only\): conf\/task\/kitchen_lowdim\.yaml$/m,
  );
  // GitHub annotations stay about the tree's problems: none, and no notes as annotations
  const gh = await validateIn(dir, ["-d", "conf", "-f", "github"]);
  assert.equal(gh.code, 0, gh.stdout + gh.stderr);
  assert.deepEqual(gh.lines, ["no problems in 5 files, 2 compositions"]);
  assert.doesNotMatch(gh.stderr, /YAML only/);
  const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
  assert.equal(json.code, 0, json.stdout + json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.errors, 0);
  assert.deepEqual(out.primaries, ["train_image", "train_lowdim"]);
  assert.deepEqual(out.yamlOnly, ["conf/task/kitchen_lowdim.yaml"]);
});

Deno.test("validate FILE with no config.yaml (pre-commit): an option no primary uses is checked as YAML, no error", async () => {
  const dir = writeTree(NO_CONFIG_YAML);
  const r = await validateIn(dir, ["-d", "conf", "conf/task/kitchen_lowdim.yaml"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.lines, ["no problems in 1 file, 0 compositions"]);
  assert.match(r.stderr, /checked as YAML only\): conf\/task\/kitchen_lowdim\.yaml$/m);
  const used = await validateIn(dir, ["-d", "conf", "conf/task/pusht_lowdim.yaml"]);
  assert.equal(used.code, 0, used.stdout + used.stderr);
  assert.deepEqual(used.lines, ["no problems in 1 file, 1 composition"]);
  assert.doesNotMatch(used.stderr, /YAML only/);
});

Deno.test("validate -n NAME, or .strata.yaml's config_name, that does not exist stays an error", async () => {
  const dir = writeTree(NO_CONFIG_YAML);
  const named = await validateIn(dir, ["-d", "conf", "-n", "config"]);
  assert.equal(named.code, 1);
  assert.match(named.lines[0], /^conf\/config\.yaml: error: Cannot find primary config 'config'/);
  const settings = writeTree({ ...NO_CONFIG_YAML, ".strata.yaml": "config_name: trian\n" });
  const r = await validateIn(settings, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /Cannot find primary config 'trian'/);
});
