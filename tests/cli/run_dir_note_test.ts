/**
 * A Hydra app handed `{overrides}` and no `hydra.run.dir` runs in the run dir its own config sets
 * (`outputs/<date>/<time>`, its own clock), not the job's: `run -m` and the manifests warn, the
 * README's cluster line gives `hydra.run.dir={run_dir}` (checker x32).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const APP = "# a stand-in for the app: strata reads its @hydra.main\n" +
  '# @hydra.main(config_path="conf", config_name="config", version_base=None)\n' +
  "print('ran')\n";
const WARNING =
  /^warning: CMD hands the app \{overrides\} but no hydra\.run\.dir: .*add hydra\.run\.dir=\{run_dir\} to CMD$/m;

Deno.test("run -m / sweep: a Hydra app given {overrides} without hydra.run.dir is warned of", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 0\n",
    "main.py": APP,
    "plain.py": "print(1)\n",
  });
  try {
    const many = await strata(
      ["run", "-m", "seed=1,2", "hydra.sweep.dir=m", "--", "python3", "main.py", "{overrides}"],
      { cwd: dir },
    );
    assert.equal(many.code, 0, many.stderr);
    assert.match(many.stderr, WARNING);
    const slurm = await strata(
      ["sweep", "seed=1,2", "-f", "slurm", "--", "python3", "main.py", "{overrides}"],
      { cwd: dir },
    );
    assert.equal(slurm.code, 0, slurm.stderr);
    assert.match(slurm.stderr, WARNING);
    // CMD sets it, a single run's override given to strata is handed on, or no @hydra.main
    const quiet = [
      ["run", "-m", "seed=1,2", "hydra.sweep.dir=q", "--", "python3", "main.py", "{overrides}"]
        .concat("hydra.run.dir={run_dir}"),
      ["run", "hydra.run.dir=one", "--", "python3", "main.py", "{overrides}"],
      ["run", "-m", "seed=1,2", "hydra.sweep.dir=p", "--", "python3", "plain.py", "{overrides}"],
    ];
    for (const args of quiet) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /no hydra\.run\.dir/, args.join(" "));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run / run -m / sweep: the warning quotes the hydra.run.dir the config sets, Hydra's default said as such (checker x60 #2)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 0\n",
    "conf/own.yaml": "seed: 0\nhydra:\n  run:\n    dir: runs/${hydra.job.name}/${now:%H}\n",
    "main.py": APP,
  });
  try {
    const cmd = ["--", "python3", "main.py", "{overrides}"];
    for (
      const args of [
        ["run", "-n", "own", "seed=3", ...cmd],
        ["run", "-n", "own", "-m", "seed=1,2", "hydra.sweep.dir=m", ...cmd],
        ["sweep", "-n", "own", "seed=1,2", "-f", "slurm", ...cmd],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        /the run dir its own config sets \(runs\/\$\{hydra\.job\.name\}\/\$\{now:%H\}, resolved by the app and relative to where it starts\)/,
        args.join(" "),
      );
    }
    const plain = await strata(["run", "seed=3", ...cmd], { cwd: dir });
    assert.match(plain.stderr, /\(outputs\/<date>\/<time> by default, from its own clock and/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
