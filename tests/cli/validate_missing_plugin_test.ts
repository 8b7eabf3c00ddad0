// An option choosing a sweeper or launcher plugin that is not there (no hydra/sweeper/optuna.yaml,
// as Hydra without the plugin installed): the one error says so, and validate makes no composition
// with Hydra's `basic` option in its place, where every key of the plugin's would be an error no
// run meets (checkers v49 #4, v51 #1).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a missing sweeper or launcher plugin is one error, with no basic stand-in's key errors", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\nlr: 0.1\n",
    "conf/hparams_search/opt.yaml":
      "# @package _global_\ndefaults:\n  - override /hydra/sweeper: optuna\n" +
      "hydra:\n  sweeper:\n    direction: maximize\n    n_trials: 20\n    params:\n      lr: interval(0.01, 0.1)\n",
    "conf/local/slurm.yaml":
      "# @package _global_\ndefaults:\n  - override /hydra/launcher: submitit_slurm\n" +
      "hydra:\n  launcher:\n    nodes: 1\n    mem_gb: 8\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout);
  const located = r.lines.filter((l) => /^conf\//.test(l));
  assert.deepEqual(located, [
    "conf/hparams_search/opt.yaml:3:30: error: In 'hydra/config': Could not find 'hydra/sweeper/optuna' (with +hparams_search=opt)",
    "conf/local/slurm.yaml:3:31: error: In 'hydra/config': Could not find 'hydra/launcher/submitit_slurm' (with +local=slurm)",
  ]);
  assert.doesNotMatch(
    r.stdout,
    /BasicSweeperConf|BasicLauncherConf|hydra\/sweeper=basic|hydra\/launcher=basic/,
  );
});
