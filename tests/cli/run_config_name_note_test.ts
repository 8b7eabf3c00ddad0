/**
 * A Hydra app handed `{overrides}` composes its own `@hydra.main(config_name=...)`: run with
 * `-n grid_search` and no `--config-name` in CMD, every job would run another config than the
 * run dir records. `strata run`, `run -m` and the manifests warn (checker w32).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const APP = "# a stand-in for the app: strata reads its @hydra.main\n" +
  '# @hydra.main(config_path="conf", config_name="experiment", version_base=None)\n' +
  "print('ran')\n";

Deno.test("run / sweep: CMD that hands the app {overrides} but not -n's config is warned of (checker w32)", async () => {
  const dir = writeTree({
    "conf/experiment.yaml": "seed: 0\nlogger: dummy\n",
    "conf/grid_search.yaml": "defaults:\n  - experiment\n  - _self_\nlogger: wandb\n",
    "main.py": APP,
  });
  try {
    const warning =
      /^warning: CMD hands the app \{overrides\} but not the config: its @hydra\.main composes 'experiment', not grid_search, which strata composed and the run dir records; add --config-name=grid_search to CMD$/m;
    const one = await strata(
      ["run", "-n", "grid_search", "hydra.run.dir=out", "--", "python3", "main.py", "{overrides}"],
      { cwd: dir },
    );
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stderr, warning);
    const many = await strata(
      ["run", "-m", "-n", "grid_search", "seed=1,2", "hydra.sweep.dir=m", "--", "python3"]
        .concat("main.py", "{overrides}"),
      { cwd: dir },
    );
    assert.equal(many.code, 0, many.stderr);
    assert.match(many.stderr, warning);
    const slurm = await strata(
      ["sweep", "-n", "grid_search", "seed=1,2", "-f", "slurm", "--", "python3", "main.py"]
        .concat("{overrides}"),
      { cwd: dir },
    );
    assert.equal(slurm.code, 0, slurm.stderr);
    assert.match(slurm.stderr, warning);
    // CMD names the config, or -n is the app's own: no warning
    const named = await strata(
      ["run", "-n", "grid_search", "hydra.run.dir=out2", "--", "python3", "main.py"]
        .concat("--config-name=grid_search", "{overrides}"),
      { cwd: dir },
    );
    assert.doesNotMatch(named.stderr, /hands the app/);
    const own = await strata(
      ["run", "-n", "experiment", "hydra.run.dir=out3", "--", "python3", "main.py", "{overrides}"],
      { cwd: dir },
    );
    assert.doesNotMatch(own.stderr, /hands the app/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
