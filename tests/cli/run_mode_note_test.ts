/**
 * A config that sets `hydra.mode: MULTIRUN` (unifloral_hydra's primary): each job's
 * `{overrides}` ends with `hydra.mode=RUN`, so an app that branches on
 * `HydraConfig.get().mode` takes its single-run way, where a job of Hydra's own multirun sees
 * MULTIRUN. `run` and the manifests warn when the script reads the mode (checker x35).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONFIG =
  "seed: 0\nhydra:\n  mode: MULTIRUN\n  sweeper:\n    params:\n      seed: range(0,2)\n";
const APP = "# a stand-in for the app: strata reads its text\n" +
  '# @hydra.main(config_path="conf", config_name="config", version_base=None)\n' +
  "import sys\n" +
  "# if HydraConfig.get().mode == RunMode.MULTIRUN: run += job.num\n" +
  "print(' '.join(sys.argv[1:]))\n";
const WARNING =
  /^warning: the config sets hydra\.mode: MULTIRUN, so each job's \{overrides\} ends with hydra\.mode=RUN .*app\.py:4 reads HydraConfig's mode; hydra\.job\.num and hydra\.job\.id are passed as Hydra's launcher sets them$/m;

Deno.test("run / sweep: a config in MULTIRUN mode and an app that reads HydraConfig's mode: warned that the app sees RUN", async () => {
  const dir = writeTree({
    "conf/config.yaml": CONFIG,
    "conf/plain.yaml": "seed: 0\n",
    "app.py": APP,
    "other.py": '# @hydra.main(config_path="conf", version_base=None)\nimport sys\nprint(1)\n',
  });
  const cmd = ["--", "python3", "app.py", "{overrides}", "hydra.run.dir={run_dir}"];
  try {
    const run = await strata(["run", ...cmd], { cwd: dir });
    assertNoStackTrace(run.stderr);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, WARNING);
    // what the app was handed: the mode override ends each job's list
    assert.match(
      run.stdout,
      /seed=1 hydra\.job\.num=1 hydra\.job\.id=1 hydra\.mode=RUN hydra\.run\.dir=/,
    );
    const slurm = await strata(["sweep", "-f", "slurm", ...cmd], { cwd: dir });
    assert.equal(slurm.code, 0, slurm.stderr);
    assert.match(slurm.stderr, WARNING);
    // no MULTIRUN in the config, or a script that never reads the mode: no warning
    const quiet = [
      ["run", "-m", "-n", "plain", "seed=1,2", ...cmd],
      [
        "sweep",
        "-f",
        "slurm",
        "--",
        "python3",
        "other.py",
        "{overrides}",
        "hydra.run.dir={run_dir}",
      ],
    ];
    for (const args of quiet) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /hydra\.mode: MULTIRUN/, args.join(" "));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
