/**
 * A search path directory inside the config directory (physicsnemo's
 * `conf/base`, searched as `pkg://conf/base`): its configs are that root's
 * own, not options of a group `base` of the config directory. validate
 * counts each file once and composes no `+base=...`, which Hydra would fail
 * (`training/regression`'s `- base_all` is relative to `training`, of the
 * search root).
 *
 * @module
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("validate: a search path entry inside the config dir is its own root, not a group", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - training: regression\n  - _self_\nx: 1\n",
    "conf/base/training/base_all.yaml": "steps: 2\n",
    "conf/base/training/regression.yaml": "defaults:\n  - base_all\nlr: 1\n",
  });
  const r = await strata(["validate", "-d", "conf", "--search-path", "conf/base"], { cwd: dir });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no problems in 3 files, \d+ compositions?\n$/);
  const c = await strata(["compose", "-d", "conf", "--search-path", "conf/base"], { cwd: dir });
  assert.equal(c.stdout, "training:\n  steps: 2\n  lr: 1\nx: 1\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("validate: a search path directory holding the config dir (eztorch's configs/ above configs/run/x) is walked without it: its options are tried (checker w31)", async () => {
  const dir = await confTree({
    "configs/run/exp/main.yaml": "defaults:\n  - /trainer: gpu\n  - _self_\nhydra:\n" +
      "  searchpath:\n    - file://configs\nseed: 1\n",
    "configs/trainer/gpu.yaml": "devices: 1\n",
    "configs/trainer/gpu_ddp.yaml": "devices: 2\nstrategy: ${nope}\n",
  });
  try {
    const r = await strata(["validate", "-d", "configs/run/exp", "-n", "main"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(
      r.stdout,
      "configs/trainer/gpu_ddp.yaml:2:11: error: Interpolation key 'nope' not found " +
        "[key: trainer.strategy] (with trainer=gpu_ddp)\n",
    );
    assert.match(r.stderr, /1 error in 3 files, 2 compositions/);
    // the file itself, given as pre-commit gives it
    const file = await strata(
      ["validate", "-d", "configs/run/exp", "-n", "main", "configs/trainer/gpu_ddp.yaml"],
      { cwd: dir },
    );
    assert.equal(file.code, 1, file.stdout + file.stderr);
    assert.match(file.stdout, /gpu_ddp\.yaml:2:11: error: Interpolation key 'nope' not found/);
    // a project's root (file://., the working directory) is still not walked as a config tree
    Deno.writeTextFileSync(`${dir}/notes.yaml`, "a: [\n");
    Deno.writeTextFileSync(
      `${dir}/configs/run/exp/main.yaml`,
      "defaults:\n  - /trainer: gpu\n  - _self_\nhydra:\n  searchpath:\n    - file://.\nseed: 1\n",
    );
    const root = await strata(["validate", "-d", "configs/run/exp", "-n", "main"], { cwd: dir });
    assert.doesNotMatch(root.stdout + root.stderr, /notes\.yaml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate with no config name: the top-level primaries' hydra.searchpath directories are walked and their options tried, FILES there checked (checker v38)", async () => {
  const primary = (k: string) =>
    `defaults:\n  - _self_\n  - logger: csv\nhydra:\n  searchpath:\n    - file://shared\n${k}: 1\n`;
  const dir = await confTree({
    "configs/train.yaml": primary("x"),
    "configs/eval.yaml": primary("y"),
    "shared/logger/csv.yaml": "a: 1\n",
    "shared/logger/wandb.yaml": "b: 1\nprobe: ${nope}\n",
  });
  try {
    const error =
      /^shared\/logger\/wandb\.yaml:2:8: error: Interpolation key 'nope' not found \[key: logger\.probe\]/;
    const r = await strata(["validate", "-d", "configs"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, error);
    const file = await strata(["validate", "-d", "configs", "shared/logger/wandb.yaml"], {
      cwd: dir,
    });
    assert.equal(file.code, 1, file.stdout + file.stderr);
    assert.match(file.stdout, error);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
