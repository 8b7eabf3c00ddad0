/**
 * Sweep expansion throughput: a 10^6-job sweep (three keys of 100 values
 * each) streamed to a sink that only counts, plus random access by
 * index. Under `deno bench` the cases run as benches; run it directly
 * (`deno run -A bench/sweep_bench.ts`) for jobs/s and peak memory:
 * memory stays flat because jobs are computed on demand, never stored.
 * The last case composes every job (the default `validate: true`), which is
 * what bounds a validated sweep's speed.
 */

import { expandSweep, type SweepExpansion } from "../core/sweep/expand.ts";
import { million, PeakMemory } from "./_sweep_fixture.ts";

const APP = new URL("../tests/fixtures/sweep/app", import.meta.url).pathname;

/** 3 × 100 × 2 = 600 jobs on a real conf tree, each composed (Hydra's per-batch check). */
function validated(): SweepExpansion {
  const seeds = Array.from({ length: 100 }, (_, i) => i).join(",");
  return expandSweep({
    configDir: APP,
    configName: "config",
    overrides: ["db=glob(*)", `seed=${seeds}`, "model=small,large"],
  });
}

/** Streams every job to a sink that counts and measures them. */
function drain(sweep: SweepExpansion): { jobs: number; chars: number } {
  let jobs = 0;
  let chars = 0;
  for (const job of sweep) {
    jobs++;
    chars += job.overrideDirname.length + job.overrides.length;
  }
  return { jobs, chars };
}

Deno.bench("sweep: stream 10^6 jobs (overrides + override_dirname)", { n: 3 }, () => {
  drain(million());
});

Deno.bench("sweep: jobAt over 10^5 random indices of a 10^6 sweep", () => {
  const sweep = million();
  let x = 12345;
  for (let i = 0; i < 100_000; i++) {
    x = (x * 1103515245 + 12345) % 1_000_000;
    sweep.jobAt(x);
  }
});

Deno.bench("sweep: 600 jobs, each composed (validate: true)", { n: 3 }, () => {
  drain(validated());
});

const EXAMPLE = new URL("../examples/llm-finetune/conf", import.meta.url).pathname;

/** `seed=range(10000) optimizer=glob(*)` on the example: 2 × 10^4 jobs, each composed. */
function validatedExample(): SweepExpansion {
  return expandSweep({
    configDir: EXAMPLE,
    configName: "config",
    overrides: ["optimizer=glob(*)", "seed=range(10000)"],
  });
}

Deno.bench("sweep: 2 x 10^4 jobs of the example, each composed (one batch)", { n: 3 }, () => {
  drain(validatedExample());
});

if (import.meta.main) {
  const memory = new PeakMemory();
  const sweep = million();
  const t0 = performance.now();
  let jobs = 0;
  for (const job of sweep) {
    jobs++;
    if (job.overrides.length !== 3) throw new Error("bad job");
    if ((jobs & 0xffff) === 0) memory.sample();
  }
  const ms = performance.now() - t0;
  console.log(`sweep: ${jobs} jobs streamed in ${ms.toFixed(0)} ms`);
  console.log(`throughput: ${(jobs / ms * 1000 / 1e6).toFixed(2)} M jobs/s`);
  console.log(memory.report("sampled every 65536 jobs"));
  const t1 = performance.now();
  let x = 12345;
  for (let i = 0; i < 100_000; i++) {
    x = (x * 1103515245 + 12345) % 1_000_000;
    sweep.jobAt(x);
  }
  console.log(`random access: 10^5 jobAt in ${(performance.now() - t1).toFixed(0)} ms`);
  const t2 = performance.now();
  const n = drain(validated()).jobs;
  const per = (performance.now() - t2) / n;
  console.log(`validated: ${n} jobs composed at ${per.toFixed(2)} ms/job`);
  const t3 = performance.now();
  const big = drain(validatedExample()).jobs;
  console.log(`validated: ${big} jobs of the example in ${(performance.now() - t3).toFixed(0)} ms`);
}
