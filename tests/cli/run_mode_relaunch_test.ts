/**
 * A Hydra app launched for one job (`{overrides}`, `STRATA_JOB_OVERRIDES`)
 * reads `hydra.mode` back from its config (Hydra's `_run_app` asks
 * `get_mode`): when the config sets MULTIRUN, as lightning-hydra-template's
 * `hparams_search` options do, the job's overrides end with
 * `hydra.mode=RUN`, else the app sweeps its one job into `hydra.sweep.dir`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { PYTHON } from "./_run.ts";

const ECHO = `import json, os, sys
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "argv.json"), "w") as f:
    json.dump({"argv": sys.argv[1:], "env": os.environ.get("STRATA_JOB_OVERRIDES")}, f)
`;

function project(files: Record<string, string>): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-relaunch-" }));
  Deno.writeTextFileSync(join(dir, "app.py"), ECHO);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, "conf", name);
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(path, text);
  }
  return dir;
}

const GRID =
  "# @package _global_\nhydra:\n  mode: MULTIRUN\n  sweeper:\n    params:\n      seed: 1,2\n";
const CONFIG = "defaults:\n  - _self_\n  - optional hparams_search: null\nseed: 0\nlr: 0.1\n";
const CMD = ["--", PYTHON, "app.py", "{overrides}", "hydra.run.dir={run_dir}"];

const got = (dir: string, job: string) =>
  JSON.parse(Deno.readTextFileSync(join(dir, job, "argv.json")));

Deno.test("a config's hydra.mode: MULTIRUN: {overrides} and STRATA_JOB_OVERRIDES end with hydra.mode=RUN", async () => {
  const dir = project({ "config.yaml": CONFIG, "hparams_search/grid.yaml": GRID });
  try {
    const r = await strata(["run", "-q", "hparams_search=grid", "hydra.sweep.dir=s", ...CMD], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(got(dir, "s/1").argv, [
      "hydra.sweep.dir=s",
      "seed=2",
      "hparams_search=grid",
      // the job's number and id, which Hydra's launcher sets (checker x33)
      "hydra.job.num=1",
      "hydra.job.id=1",
      "hydra.mode=RUN",
      `hydra.run.dir=${dir}/s/1`,
    ]);
    assert.equal(got(dir, "s/1").env, "seed=2 hparams_search=grid hydra.mode=RUN");
    // recorded as Hydra records it: the task overrides, the mode the sweep's
    const overrides = Deno.readTextFileSync(join(dir, "s/1/.hydra/overrides.yaml"));
    assert.equal(overrides, "- seed=2\n- hparams_search=grid\n");
    assert.match(
      Deno.readTextFileSync(join(dir, "s/1/.hydra/hydra.yaml")),
      /\n {2}mode: MULTIRUN\n/,
    );
    // a manifest's task (--job-index) runs the same command
    const t = await strata(
      ["run", "-q", "--job-index", "0", "hparams_search=grid", "hydra.sweep.dir=t", ...CMD],
      { cwd: dir },
    );
    assert.equal(t.code, 0, t.stderr);
    assert.deepEqual(got(dir, "t/0").argv.slice(-2), [
      "hydra.mode=RUN",
      `hydra.run.dir=${dir}/t/0`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hydra.mode=RUN typed over a config's MULTIRUN: the single run's app gets it too", async () => {
  const dir = project({ "config.yaml": "lr: 0.1\nhydra:\n  mode: MULTIRUN\n" });
  try {
    const r = await strata(["run", "-q", "hydra.mode=RUN", "hydra.run.dir=out", "lr=2", ...CMD], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(got(dir, "out").argv, [
      "hydra.run.dir=out",
      "lr=2",
      "hydra.mode=RUN",
      `hydra.run.dir=${dir}/out`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("no hydra.mode=RUN when the config leaves the mode unset or RUN (-m, hydra.mode=MULTIRUN)", async () => {
  const dir = project({ "config.yaml": CONFIG, "hparams_search/grid.yaml": GRID });
  try {
    const m = await strata(["run", "-q", "-m", "hydra.sweep.dir=m", "seed=1,2", ...CMD], {
      cwd: dir,
    });
    assert.equal(m.code, 0, m.stderr);
    assert.deepEqual(got(dir, "m/1").argv, [
      "hydra.sweep.dir=m",
      "seed=2",
      "hydra.job.num=1",
      "hydra.job.id=1",
      `hydra.run.dir=${dir}/m/1`,
    ]);
    assert.equal(got(dir, "m/1").env, "seed=2");
    const o = await strata(
      ["run", "-q", "hydra.mode=MULTIRUN", "hydra.sweep.dir=o", "seed=1,2", ...CMD],
      { cwd: dir },
    );
    assert.equal(o.code, 0, o.stderr);
    assert.deepEqual(got(dir, "o/0").argv, [
      "hydra.sweep.dir=o",
      "seed=1",
      "hydra.job.num=0",
      "hydra.job.id=0",
      `hydra.run.dir=${dir}/o/0`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
