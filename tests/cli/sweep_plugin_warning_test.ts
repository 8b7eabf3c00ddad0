/**
 * A config made for a sweeper plugin (Optuna, Ax, Nevergrad) whose params all
 * read as sweeps: strata expands them as Hydra's BasicSweeper would, and says
 * so, instead of running a grid where the user expects n_trials samples.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("sweep: a sweeper plugin's _target_ gets a located warning that the sweep runs as a grid", async () => {
  const optuna = "hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper";
  const dir = await confTree({
    // the plugin's option, written by the user (strata runs no Python); with Hydra's `basic`
    // option, hydra.sweeper is a BasicSweeperConf, which has no n_trials
    "conf/config.yaml": "defaults:\n  - override hydra/sweeper: optuna\n  - _self_\n" +
      `a: 1\nhydra:\n  sweeper:\n    _target_: ${optuna}\n    n_trials: 20\n    params:\n      a: choice(1, 2)\n`,
    "conf/hydra/sweeper/optuna.yaml": `_target_: ${optuna}\nn_trials: 10\n`,
    "conf/basic.yaml": "a: 1\nhydra:\n  sweeper:\n    params:\n      a: 1,2\n",
  });
  try {
    const r = await strata(["sweep", "-d", "conf", "-f", "jsonl"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 2);
    assert.match(
      r.stderr,
      new RegExp(
        `^conf/config\\.yaml:7:15: warning: hydra\\.sweeper\\._target_ is ${
          optuna.replaceAll(".", "\\.")
        }: strata expands the sweep as Hydra's BasicSweeper does`,
      ),
    );
    const basic = await strata(["sweep", "-d", "conf", "-n", "basic", "-f", "jsonl"], { cwd: dir });
    assert.equal(basic.code, 0, basic.stderr);
    assert.equal(basic.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
