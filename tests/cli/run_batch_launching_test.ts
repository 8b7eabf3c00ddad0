/**
 * `strata run -m` with `hydra.sweeper.max_batch_size` says `Launching N jobs`
 * once per batch, before the batch starts, with that batch's jobs: Hydra's
 * BasicSweeper hands each batch to the launcher, which logs `Launching N jobs
 * locally` and each job's line.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const launching = (stderr: string) =>
  stderr.split("\n").filter((l) => /^\[strata\] (Launching|\t#)/.test(l))
    .map((l) => l.replace(/ in \S+$/, ""));

Deno.test("run -m: one 'Launching N jobs' per batch, each with its own jobs", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(
      [
        ...["run", "-d", "conf", "-m", "hydra.sweep.dir=s", "hydra.sweeper.max_batch_size=2"],
        ...["a=1,2,3", "--", "true"],
      ],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(launching(r.stderr), [
      "[strata] Launching 2 jobs locally",
      "[strata] \t#0 : a=1",
      "[strata] \t#1 : a=2",
      "[strata] Launching 1 jobs locally",
      "[strata] \t#2 : a=3",
    ]);
    // the second batch is announced after the first ended
    const lines = r.stderr.split("\n");
    const second = lines.findIndex((l, i) => i > 0 && l.startsWith("[strata] Launching 1"));
    assert.ok(lines.slice(0, second).some((l) => /#1 done/.test(l)), r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: without batches, one 'Launching N jobs' for the whole sweep", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(
      ["run", "-d", "conf", "-m", "hydra.sweep.dir=s", "a=1,2", "--", "true"],
      {
        cwd: dir,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(launching(r.stderr), [
      "[strata] Launching 2 jobs locally",
      "[strata] \t#0 : a=1",
      "[strata] \t#1 : a=2",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// concept-graphs' multirun config sweeps scenes with the sweeper's params, one of them a
// `hydra/job_logging` choice: Hydra's launcher logs each job's list without the `hydra.` keys
// only (filter_overrides), so the group is shown; overrides.yaml has the task's only.
Deno.test("run -m: a job's line shows a hydra/ group of the sweeper's params, as Hydra's launcher logs it (checker x55)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: 1\nhydra:\n  sweeper:\n    params:\n      a: 1,2\n" +
      "      hydra/job_logging: default\n",
  });
  try {
    const r = await strata(
      ["run", "-d", "conf", "-m", "hydra.sweep.dir=s", "hydra.job.chdir=false", "--", "true"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(launching(r.stderr), [
      "[strata] Launching 2 jobs locally",
      "[strata] \t#0 : a=1 hydra/job_logging=default",
      "[strata] \t#1 : a=2 hydra/job_logging=default",
    ]);
    assert.equal(Deno.readTextFileSync(`${dir}/s/0/.hydra/overrides.yaml`), "- a=1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
