/**
 * End to end on a real SLURM cluster (tools/slurm-local.sh starts one): a
 * sweep becomes array scripts, sbatch runs them, every job runs once. In CI
 * (CI=true) a missing SLURM fails; elsewhere these tests are skipped.
 */

import assert from "node:assert/strict";
import { parse } from "yaml";
import { listFiles } from "./_manifest.ts";
import { ROOT, strata } from "./_cli.ts";
import { slurmUp, submit, taskStates, waitFor } from "./_slurm.ts";

const up = await slurmUp();
const inCi = Deno.env.get("CI") === "true";
if (!up && !inCi) console.log("skipped: no SLURM (tools/slurm-local.sh starts one)");
const ignore = !up && !inCi;

const EXAMPLE = ROOT + "examples/llm-finetune/conf";
const SWEEP = ["model=gpt2,llama3_8b,mistral_7b", "optimizer=adamw,sgd", "training.epochs=1,2"];

function requireSlurm(): void {
  if (!up) throw new Error("SLURM is not running, and CI=true requires it (tools/slurm-local.sh)");
}

/** Expands SWEEP to slurm scripts in `dir/sweep`, submits them and waits; returns the tasks' states. */
async function runOnSlurm(dir: string, extra: string[], command: string[]): Promise<string[]> {
  const r = await strata(
    ["sweep", "-f", "slurm", "-d", EXAMPLE, "-o", "sweep", ...extra, ...SWEEP, "--", ...command],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const ids = await submit(`${dir}/sweep/submit.sh`);
  await waitFor(ids);
  return await taskStates(ids);
}

async function jobsOf(dir: string) {
  const r = await strata(["sweep", "-d", EXAMPLE, ...SWEEP], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

Deno.test({
  name: "slurm e2e: split arrays (MaxArraySize 5) run each of 12 tasks once with its job index",
  ignore,
  async fn() {
    requireSlurm();
    const dir = Deno.makeTempDirSync({ prefix: "strata-slurm-" });
    const fake = `${dir}/fake-strata.sh`;
    // Stands in for `strata run`: records the job index and the pinned overrides it was given.
    Deno.writeTextFileSync(
      fake,
      `#!/bin/bash\necho "$3 $5" >> ${dir}/runs.log\n`,
      { mode: 0o755 },
    );
    const states = await runOnSlurm(dir, ["--max-array-size", "5", "--strata-cmd", fake], ["true"]);
    assert.deepEqual(states, Array(12).fill("COMPLETED 0:0"));
    const runs = Deno.readTextFileSync(`${dir}/runs.log`).trim().split("\n").sort((a, b) =>
      parseInt(a) - parseInt(b)
    );
    const jobs = await jobsOf(dir);
    assert.deepEqual(runs, jobs.map((j) => `${j.index} ${JSON.stringify(j.overrides)}`));
    assert.equal(listFiles(`${dir}/sweep`).filter((f) => f.endsWith(".out")).length, 12);
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test({
  name:
    "slurm e2e: a 12-job sweep of the example; each job dir holds the config strata compose gives",
  ignore,
  async fn() {
    requireSlurm();
    const dir = Deno.makeTempDirSync({ prefix: "strata-slurm-" });
    const states = await runOnSlurm(dir, [`hydra.sweep.dir=${dir}/multirun`], ["true"]);
    assert.deepEqual(states, Array(12).fill("COMPLETED 0:0"));
    for (const job of await jobsOf(dir)) {
      const composed = await strata(["compose", "-d", EXAMPLE, ...job.overrides], { cwd: dir });
      assert.equal(composed.code, 0, composed.stderr);
      const written = Deno.readTextFileSync(`${dir}/multirun/${job.index}/.hydra/config.yaml`);
      assert.deepEqual(parse(written), parse(composed.stdout), `job ${job.index}`);
    }
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test({
  name: "slurm e2e: a sweep split by a small MaxArraySize runs every job exactly once",
  ignore,
  async fn() {
    requireSlurm();
    const dir = Deno.makeTempDirSync({ prefix: "strata-slurm-" });
    const states = await runOnSlurm(dir, ["--max-array-size", "5"], [
      "sh",
      "-c",
      `echo "$STRATA_JOB_NUM" >> ${dir}/runs.log`,
    ]);
    assert.deepEqual(states, Array(12).fill("COMPLETED 0:0"));
    const runs = Deno.readTextFileSync(`${dir}/runs.log`).trim().split("\n").map(Number);
    assert.deepEqual(runs.sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i));
    const dirs = listFiles(dir).filter((f) => f.endsWith("/.hydra/overrides.yaml"));
    assert.equal(dirs.length, 12);
    Deno.removeSync(dir, { recursive: true });
  },
});
