/**
 * `strata sweep -f jsonl` at scale: a 10^6-job sweep (three keys of 100
 * values, and one key `seed=range(10^6)`) turned into JSON lines with their stable ids, written as UTF-8 in
 * 64 KiB chunks as the CLI writes them, into a sink that counts bytes.
 * Under `deno bench` it is one case; run it directly
 * (`deno run -A bench/manifest_bench.ts`) for jobs/s and peak memory, which
 * stays flat: lines are produced one at a time and never kept.
 */

import { jsonlChunks } from "../core/manifest/jsonl.ts";
import type { SweepExpansion } from "../core/sweep/expand.ts";
import { JobIds } from "../core/sweep/job_id.ts";
import { million, millionRange, PeakMemory } from "./_sweep_fixture.ts";

/** Writes the sweep's JSONL to a byte-counting sink; calls `sample` after every chunk. */
function toJsonl(sweep: SweepExpansion, sample: () => void = () => {}): number {
  let bytes = 0;
  for (const chunk of jsonlChunks(sweep, new JobIds("0123456789abcdef"))) {
    bytes += chunk.length;
    sample();
  }
  return bytes;
}

/** The obvious way, for reference: JSON.stringify per job, 4096 lines joined and encoded. */
function toJsonlByStringify(sweep: SweepExpansion): number {
  const ids = new JobIds("0123456789abcdef");
  const encoder = new TextEncoder();
  let bytes = 0;
  let chunk: string[] = [];
  for (const job of sweep) {
    chunk.push(JSON.stringify({
      index: job.index,
      id: ids.of(job.overrides),
      overrides: job.overrides,
      override_dirname: job.overrideDirname,
    }));
    if (chunk.length === 4096) {
      bytes += encoder.encode(chunk.join("\n") + "\n").length;
      chunk = [];
    }
  }
  return bytes + encoder.encode(chunk.join("\n") + "\n").length;
}

Deno.bench("sweep -f jsonl: 10^6 jobs with ids, in 64 KiB chunks", { n: 3 }, () => {
  toJsonl(million());
});

Deno.bench("sweep -f jsonl: seed=range(10^6), one key of 10^6 values", { n: 3 }, () => {
  toJsonl(millionRange());
});

Deno.bench("reference: JSON.stringify per job, joined and encoded", { n: 3 }, () => {
  toJsonlByStringify(million());
});

if (import.meta.main) {
  const memory = new PeakMemory();
  let chunks = 0;
  const t0 = performance.now();
  const bytes = toJsonl(million(), () => {
    if (++chunks % 64 === 0) memory.sample();
  });
  const ms = performance.now() - t0;
  const peak = memory.report("sampled every 64 chunks");
  const t1 = performance.now();
  let n = 0;
  for (const job of million()) n += job.overrides.length;
  const expandMs = performance.now() - t1;
  const t2 = performance.now();
  if (toJsonlByStringify(million()) !== bytes) throw new Error("the reference wrote other bytes");
  const referenceMs = performance.now() - t2;
  const t3 = performance.now();
  const rangeBytes = toJsonl(millionRange(), () => {
    if (++chunks % 64 === 0) memory.sample();
  });
  const rangeMs = performance.now() - t3;
  console.log(`jsonl: 10^6 jobs, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${ms.toFixed(0)} ms`);
  console.log(`(JSON.stringify per job, same run: ${referenceMs.toFixed(0)} ms)`);
  console.log(`(expansion alone, same run: ${expandMs.toFixed(0)} ms)`);
  console.log(`throughput: ${(1e6 / ms * 1000 / 1e6).toFixed(2)} M jobs/s`);
  console.log(
    `jsonl: seed=range(10^6), ${(rangeBytes / 1024 / 1024).toFixed(1)} MB, in ${
      rangeMs.toFixed(0)
    } ms`,
  );
  console.log(peak);
}
