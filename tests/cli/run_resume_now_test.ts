/**
 * `--resume` with the default `hydra.sweep.dir` (`${now:...}`): each run
 * names a new dir, so there is nothing to resume; strata says so, and
 * `--now` with the first run's time resumes it.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("run -m --resume: a ${now} sweep dir warns, and --now resumes it", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const args = ["run", "-q", "-m", "seed=1,2"];
    const T = "2026-01-02T03:04:05";
    const first = await strata([...args, "--now", T, "--", "true"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.ok(Deno.statSync(`${dir}/multirun/2026-01-02/03-04-05/1/.strata/status.json`).isFile);
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /warning: --resume: \S+ does not exist, so every job runs/);
    assert.match(again.stderr, /give --now the first run's time/);
    const resumed = await strata([...args, "--resume", "--now", T, "--", "true"], { cwd: dir });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, /warning/);
    assert.match(resumed.stderr, /--resume: all 2 jobs already done in .*, nothing to launch\n/);
    const fixed = await strata([...args, "hydra.sweep.dir=f", "--resume", "--", "true"], {
      cwd: dir,
    });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.doesNotMatch(fixed.stderr, /warning/, "a fixed dir's first run is no surprise");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m --resume: a fixed sweep dir whose job dirs read ${now} warns that every job runs again, and --now resumes it (checker x23)", async () => {
  // hfmt's config: `hydra.sweep.subdir: ${hydra.job.num}_${now:...}`
  const dir = await confTree({
    "conf/config.yaml": "seed: 0\nhydra:\n  sweep:\n    dir: sw\n" +
      "    subdir: ${hydra.job.num}_${now:%Y-%m-%d_%H-%M-%S}\n",
  });
  try {
    const args = ["run", "-q", "-m", "seed=1,2"];
    const T = "2026-01-02T03:04:05";
    const first = await strata([...args, "--now", T, "--", "true"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.ok(Deno.statSync(`${dir}/sw/1_2026-01-02_03-04-05/.strata/status.json`).isFile);
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stderr,
      /warning: --resume: hydra\.sweep\.subdir holds \$\{now:\.\.\.\}, so each job's dir is named after this run's time: no job of an earlier run in \S*sw is found, and every job runs again\. Give --now the first run's time/,
    );
    const resumed = await strata([...args, "--resume", "--now", T, "--", "true"], { cwd: dir });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, /warning/);
    assert.match(resumed.stderr, /--resume: all 2 jobs already done in .*, nothing to launch\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m --resume: a sweep dir reading the clock through another hydra key warns too (checker w50 #1)", async () => {
  // AaltoML/sfr: `hydra.sweep.dir: ${hydra.run.dir}` over a run dir named after the time
  const dir = await confTree({
    "conf/config.yaml": "seed: 0\nhydra:\n  run:\n    dir: out/${now:%Y-%m-%d_%H-%M-%S}\n" +
      "  sweep:\n    dir: ${hydra.run.dir}\n",
  });
  try {
    const r = await strata(["run", "-q", "-m", "seed=1,2", "--resume", "--", "true"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: --resume: \S+ does not exist, so every job runs/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
