/**
 * Sweep expansion throughput: a 10^6-job sweep (three keys of 100 values
 * each) streamed to a sink that only counts, plus random access by
 * index. Under `deno bench` the cases run as benches; run it directly
 * (`deno run -A bench/sweep_bench.ts`) for jobs/s and peak memory:
 * memory stays flat because jobs are computed on demand, never stored.
 * The last case composes every job (the default `validate: true`), which is
 * what bounds a validated sweep's speed.
 */

import { expandSweep, planSweep, SweepExpansion } from "../core/sweep/expand.ts";

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

function million(): SweepExpansion {
  // 100 × 100 × 100 = 10^6 jobs.
  const values = (p: string) => Array.from({ length: 100 }, (_, i) => `${p}${i}`).join(",");
  const plan = planSweep({
    overrides: [`a=${values("")}`, `+b=${values("0.")}`, `model.name=${values("v")}`],
  });
  return new SweepExpansion(plan, null, null);
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

if (import.meta.main) {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const before = Deno.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sweep = million();
  const t0 = performance.now();
  let jobs = 0;
  for (const job of sweep) {
    jobs++;
    if (job.overrides.length !== 3) throw new Error("bad job");
    if ((jobs & 0xffff) === 0) {
      const m = Deno.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const ms = performance.now() - t0;
  const end = Deno.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  console.log(`sweep: ${jobs} jobs streamed in ${ms.toFixed(0)} ms`);
  console.log(`throughput: ${(jobs / ms * 1000 / 1e6).toFixed(2)} M jobs/s`);
  console.log(
    `memory: rss ${mb(before.rss)} -> peak ${mb(peakRss)} MB, heapUsed ${mb(before.heapUsed)} -> ` +
      `peak ${mb(peakHeap)} MB (sampled every 65536 jobs)`,
  );
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
}
