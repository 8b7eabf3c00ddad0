import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// hydra.sweeper.params entries are overrides written in YAML (the
// lightning-hydra-template's hparams_search/mnist_optuna.yaml): what fails in
// one is reported at its file:line:col and key, never as a command-line
// override it is not.

Deno.test("sweep: an interval in hydra.sweeper.params names its file:line:col, key and the sweeper; under another sweeper it is unsupported use", async () => {
  const dir = writeTree({
    "conf/config.yaml": "lr: 0.1\n",
    "conf/hparams_search/optuna.yaml": [
      "# @package _global_",
      "hydra:",
      "  sweeper:",
      "    _target_: hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper",
      "    params:",
      "      lr: interval(0.0001, 0.1)",
      "",
    ].join("\n"),
  });
  const r = await strata(["sweep", "+hparams_search=optuna"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  // Optuna's interval() is valid for Hydra, beyond what strata expands: unsupported use (exit 2),
  // not an invalid config (checker x25); under BasicSweeper it stays Hydra's error, exit 1
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^conf\/hparams_search\/optuna\.yaml:6:11: BasicSweeper does not support sweep type : INTERVAL_SWEEP\n/,
  );
  assert.match(r.stderr, /full key: hydra\.sweeper\.params\.lr\n/);
  assert.match(
    r.stderr,
    /optuna\.yaml:4:15: hydra\.sweeper\._target_ is .*OptunaSweeper: .*BasicSweeper/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep: a job that fails on a hydra.sweeper.params value points at that entry", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\nhydra:\n  sweeper:\n    params:\n      b: 1,2\n",
  });
  const r = await strata(["sweep"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^conf\/config\.yaml:5:10: Could not override 'b'\./);
  assert.doesNotMatch(r.stderr, /override #/);
  assert.match(r.stderr, /conf\/config\.yaml:5:10: in sweep job #0: b=1/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test('sweep: a list in hydra.sweeper.params is one value of every job, as Hydra\'s f"{k}={v}" gives it', async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "m: 0\nseed: 0\nhydra:\n  sweeper:\n    params:\n      m: [0.9, 0.99]\n      seed: 1,2\n",
  });
  try {
    const r = await strata(["sweep", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    const jobs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(jobs.length, 2);
    const c = await strata(["compose", "-d", "conf", ...jobs[1].overrides, "-f", "json"], {
      cwd: dir,
    });
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(JSON.parse(c.stdout), { m: [0.9, 0.99], seed: 2 });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep: interval() typed on the command line is Hydra's BasicSweeper error, bad usage as range(1,5,0) is (checkers v62, w53)", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 1\n" });
  const r = await strata(["sweep", "seed=interval(1,3)"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^override #1 'seed=interval\(1,3\)': BasicSweeper does not support sweep type : INTERVAL_SWEEP\n/,
  );
  // a caret under the value, as the other sweep errors of a typed override have
  assert.match(r.stderr, /\n +seed=interval\(1,3\)\n +\^+\n/, r.stderr);
  const range = await strata(["sweep", "seed=range(1,5,0)"], { cwd: dir });
  assert.equal(range.code, r.code, range.stderr);
});

// drqv2's hparams/ax.yaml: Ax's search space in ax_config.params, which strata does not sweep;
// the warning named Optuna's settings and said nothing of it (checker v68 #2)
Deno.test("sweep: a plugin's search space kept outside hydra.sweeper.params is said not to be swept", async () => {
  const dir = writeTree({
    "conf/hydra/sweeper/ax.yaml":
      "_target_: hydra_plugins.hydra_ax_sweeper.ax_sweeper.AxSweeper\nmax_batch_size: null\n" +
      "ax_config:\n  max_trials: 10\n  params: {}\n",
    "conf/config.yaml": "defaults:\n  - override hydra/sweeper: ax\n  - _self_\nbs: 1\n" +
      "hydra:\n  sweeper:\n    ax_config:\n      params:\n        bs:\n          type: choice\n" +
      "          values: [256, 512]\n",
  });
  try {
    const r = await strata(["sweep", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 1);
    assert.match(
      r.stderr,
      /AxSweeper: strata expands the sweep as Hydra's BasicSweeper does .* the plugin's own settings \(ax_config\) are not used; its search space hydra\.sweeper\.ax_config\.params is not swept/,
    );
    assert.doesNotMatch(r.stderr, /n_trials/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// lambda_hat's `seed=choice(1,2),3` (checker x58 #1): Hydra's BasicSweeper fails with a bare
// AssertionError; typed on the command line it is bad usage, with a caret under the sweep
Deno.test("sweep: a sweep inside a sweep's values typed on the command line is bad usage, with a caret", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const r = await strata(["sweep", "-d", "conf", "seed=choice(1,2),3"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^override #1 'seed=choice\(1,2\),3': A sweep nested in a sweep's values is not supported .*\n {4}seed=choice\(1,2\),3\n {9}\^+\n$/,
    );
    assertNoStackTrace(r.stderr);
    // inside a value's list, the hint names strata's ways to sweep, not Hydra's --multirun only
    const inList = await strata(["sweep", "-d", "conf", "seed=[choice(1,2)]"], { cwd: dir });
    assert.equal(inList.code, 1, inList.stderr);
    assert.match(inList.stderr, /in a multirun \(-m\) or strata sweep/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// an option file whose name Hydra's override grammar cannot write (checker x58 #3): the tree is
// at fault, not what was typed (`+grp=glob(*)` parses): exit 1, naming the option
Deno.test("sweep: a glob that reaches an option named outside the override grammar is an invalid config, exit 1", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    "conf/grp/a.yaml": "x: 1\n",
    "conf/grp/é.yaml": "x: 2\n",
  });
  try {
    const r = await strata(["sweep", "-d", "conf", "+grp=glob(*)"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^override #1 '\+grp=glob\(\*\)': Error parsing override '\+grp=é'/);
    assert.match(
      r.stderr,
      /'é' is the name of an option file of group 'grp' that an override cannot write/,
    );
    // typed, the same value is bad usage
    const typed = await strata(["sweep", "-d", "conf", "+grp=é"], { cwd: dir });
    assert.equal(typed.code, 2, typed.stderr);
    assertNoStackTrace(r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
