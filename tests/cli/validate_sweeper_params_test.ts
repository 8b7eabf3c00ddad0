/**
 * validate reads `hydra.sweeper.params` against the config they sweep: a param that changes a key
 * the composition does not have fails every job of its multirun (Hydra's "Could not override"),
 * as `strata run -m` shows; validate warns at the param, with did-you-mean
 * (lightning-hydra-template's `hparams_search/mnist_optuna` sweeps `datamodule.batch_size` where
 * the key is `data.batch_size`). Appends, group choices, hydra keys and known keys pass.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a sweeper param naming a key the config lacks is a warning at the param", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - search: none\n  - _self_\n" +
      "trainer:\n  max_epochs: 3\nlink: ${trainer}\nhydra:\n  sweep:\n    dir: multi\n",
    "conf/db/a.yaml": "host: x\n",
    "conf/db/b.yaml": "host: y\n",
    "conf/search/none.yaml": "{}\n",
    "conf/search/grid.yaml": "# @package _global_\nhydra:\n  sweeper:\n    params:\n" +
      "      trainer.max_epoch: 1,2\n      db: glob(*)\n      +extra: 1,2\n" +
      "      trainer.max_epochs: 5,6\n      link.max_epochs: 7\n      hydra.job.name: x\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/search/grid.yaml:5:26: warning: Could not override 'trainer.max_epoch'. No key " +
      "'trainer.max_epoch' in the config: every job of a multirun of this composition fails on " +
      "this param. To append to your config use +trainer.max_epoch " +
      "[key: hydra.sweeper.params.trainer.max_epoch] Did you mean 'trainer.max_epochs'? " +
      "(with search=grid)",
      "1 warning in 5 files, 3 compositions",
    ]);
    const strict = await validateIn(dir, ["-d", "conf", "--strict"]);
    assert.equal(strict.code, 1);
    // what a multirun of that composition does
    const run = await strata(["run", "-m", "-d", "conf", "search=grid", "--", "true"], {
      cwd: dir,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Could not override 'trainer\.max_epoch'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a sweeper param whose first level is named otherwise gets the key where the rest is (lightning-hydra-template)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - data: mnist\n  - hparams_search: null\n  - _self_\n",
    "conf/data/mnist.yaml": "batch_size: 64\n",
    "conf/hparams_search/mnist_optuna.yaml": "# @package _global_\nhydra:\n  sweeper:\n" +
      "    params:\n      datamodule.batch_size: choice(32, 64)\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.lines[0],
      /warning: Could not override 'datamodule\.batch_size'.* Did you mean 'data\.batch_size'\? \(with hparams_search=mnist_optuna\)$/,
    );
    // a value override on the command line is told the same
    const c = await strata(["compose", "-d", "conf", "datamodule.batch_size=3"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /Did you mean 'data\.batch_size'\?/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: params that choose a group option sweep the keys under it, and hydra.sweep.subdir reads them (tmlr_btnr's baseline_ablation)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - optional abl: null\n  - _self_\nseed: 0\n",
    "conf/model/a.yaml": "name: a\n",
    "conf/model/b.yaml": "name: b\nk: 1\n",
    "conf/abl/k_sweep.yaml": "# @package _global_\nhydra:\n  sweep:\n" +
      "    subdir: k${model.k}/seed${seed}\n  sweeper:\n    params:\n      model: b\n" +
      "      model.k: 1,2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 4 files, 3 compositions"]);
    // what a multirun of it does: each job composed with model=b
    const run = await strata(["run", "-m", "-d", "conf", "abl=k_sweep", "--", "true"], {
      cwd: dir,
    });
    assert.equal(run.code, 0, run.stderr);
    // a typo under the group is still a problem of every job: the subdir's key is not found
    Deno.writeTextFileSync(
      `${dir}/conf/abl/k_sweep.yaml`,
      "# @package _global_\nhydra:\n  sweep:\n    subdir: k${model.kk}\n  sweeper:\n    params:\n" +
        "      lr: 1,2\n",
    );
    const typo = await validateIn(dir, ["-d", "conf"]);
    assert.equal(typo.code, 1, typo.stdout);
    assert.match(
      typo.lines[0],
      /error: Interpolation key 'model\.kk' not found \[key: hydra\.sweep\.subdir\]/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a sweeper param a multirun cannot read (no override, interval() under BasicSweeper) is a warning at the param (checker x23)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - search: none\n  - _self_\nseed: 1\nlr: 0.1\n",
    "conf/search/none.yaml": "# @package _global_\n{}\n",
    "conf/search/grammar.yaml": "# @package _global_\nhydra:\n  sweeper:\n    params:\n" +
      "      seed: 37,,42\n",
    "conf/search/range.yaml": "# @package _global_\nhydra:\n  sweeper:\n    params:\n" +
      "      seed: range(3\n",
    "conf/search/interval.yaml": "# @package _global_\nhydra:\n  sweeper:\n    params:\n" +
      "      lr: interval(1e-5, 1e-3)\n",
    // Optuna's sweeper takes interval(): no word
    "conf/search/optuna.yaml": "# @package _global_\nhydra:\n  sweeper:\n" +
      "    _target_: hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper\n" +
      "    params:\n      lr: interval(1e-5, 1e-3)\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const tail =
      ": a multirun of this composition fails on this param (strata sweep, strata run -m " +
      "and Hydra's -m alike)";
    assert.deepEqual(r.lines, [
      "conf/search/grammar.yaml:5:13: warning: Error parsing override 'seed=37,,42': expected a " +
      `value at column 9, got ','${tail} [key: hydra.sweeper.params.seed] (with search=grammar)`,
      "conf/search/interval.yaml:5:11: warning: BasicSweeper does not support sweep type : " +
      `INTERVAL_SWEEP${tail} [key: hydra.sweeper.params.lr] (with search=interval)`,
      "conf/search/range.yaml:5:13: warning: Error parsing override 'seed=range(3': expected ',' " +
      `or ')' at column 13, got the end${tail} [key: hydra.sweeper.params.seed] (with search=range)`,
      "3 warnings in 6 files, 5 compositions",
    ]);
    assert.equal((await validateIn(dir, ["-d", "conf", "--strict"])).code, 1);
    // what a multirun of one does
    const sweep = await strata(["sweep", "-d", "conf", "search=grammar"], { cwd: dir });
    assert.equal(sweep.code, 1);
    assert.match(sweep.stderr, /Error parsing override 'seed=37,,42'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a sweeper param choosing a group option the group lacks is a warning at the param, with did-you-mean (checker v33)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model/encoder: egnn\n  - _self_\nseed: 1\n",
    "conf/model/encoder/egnn.yaml": "d: 1\n",
    "conf/model/encoder/gnn.yaml": "d: 2\n",
    "conf/experiment/sweep.yaml":
      "# @package _global_\nhydra:\n  sweeper:\n    params:\n      model/encoder: egnn,egn\n      seed: 1,2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/experiment/sweep.yaml:5:22: warning: Could not find 'model/encoder/egn': a job of a " +
      "multirun of this composition chooses it, and fails [key: hydra.sweeper.params.model/encoder] " +
      "Did you mean 'egnn'? (with +experiment=sweep)",
      "1 warning in 4 files, 3 compositions",
    ]);
    // the sweep itself fails on it, as the warning says
    const s = await strata(["sweep", "-d", "conf", "+experiment=sweep", "--count"], { cwd: dir });
    assert.equal(s.code, 1, s.stderr);
    assert.match(s.stderr, /Could not find 'model\/encoder\/egn'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a sweeper param choosing an option of a group the primary's hydra.searchpath adds is checked against that directory's options", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - model: egnn\n  - _self_\nhydra:\n  searchpath:\n    - file://shared\n" +
      "  sweeper:\n    params:\n      model: egnn,gnnn\n",
    "shared/model/egnn.yaml": "d: 1\n",
    "shared/model/gnn.yaml": "d: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.lines.length, 2, r.lines.join("\n"));
    assert.match(
      r.lines[0],
      /^conf\/config\.yaml:9:\d+: warning: Could not find 'model\/gnnn'.*Did you mean 'gnn'\?/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: in a config whose hydra.mode is MULTIRUN, a param no run can read or an option not there is an error (checker x33)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - dataset: asia\n  - _self_\nhydra:\n  mode: MULTIRUN\n" +
      "  sweeper:\n    params:\n      dataset: asia,celeba\n      seed: 1,,2\nseed: 0\n",
    "conf/dataset/asia.yaml": "n: 1\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^conf\/config\.yaml:8:16: error: Could not find 'dataset\/celeba'/m);
    assert.match(r.stdout, /^conf\/config\.yaml:9:13: error: Error parsing override 'seed=1,,2'/m);
    // without hydra.mode: MULTIRUN only a multirun reads them: warnings, as before
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "defaults:\n  - dataset: asia\n  - _self_\nhydra:\n  sweeper:\n    params:\n" +
        "      dataset: asia,celeba\nseed: 0\n",
    );
    const w = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(w.code, 0, w.stdout + w.stderr);
    assert.match(w.stdout, /warning: Could not find 'dataset\/celeba'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate, a config that always sweeps (hydra.mode: MULTIRUN): params resolved as Hydra's sweeper reads them, keys they add there, a param's missing key an error", async () => {
  // rewts' ensemble.yaml (checker v49): `range(${a}, ${b}, 1)` sweeps 0..2, and each job has x
  const ok = writeTree({
    "conf/config.yaml": "a: 0\nb: 3\nuses: ${x}\nhydra:\n  mode: MULTIRUN\n  sweeper:\n" +
      "    params:\n      ++x: range(${a}, ${b}, 1)\n",
  });
  // training-framework's plateau_grid_search (checker w44): every run of it fails
  const typo = writeTree({
    "conf/config.yaml": "a: 1\nhydra:\n  mode: MULTIRUN\n  sweeper:\n    params:\n" +
      "      scheduler.factor: 0.1,0.5\n",
  });
  try {
    const r = await validateIn(ok, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const t = await validateIn(typo, ["-d", "conf"]);
    assert.equal(t.code, 1, t.stdout);
    assert.match(
      t.stdout,
      /^conf\/config\.yaml:6:25: error: Could not override 'scheduler\.factor'/m,
    );
  } finally {
    Deno.removeSync(ok, { recursive: true });
    Deno.removeSync(typo, { recursive: true });
  }
});
