/**
 * The plain sweep formats, streamed: `jsonl` (one JSON object per job, with
 * its stable id) and `text` (one job's overrides per line).
 *
 * @module
 */

import type { JobIds } from "../sweep/job_id.ts";
import type { JobSource } from "./types.ts";

/**
 * The sweep's lines, one job at a time, never all in memory:
 * `{"index", "id", "overrides", "override_dirname"}` for `jsonl`, the
 * space-joined overrides for `text`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { JobIds } from "../sweep/job_id.ts";
 * import { jobLines } from "./jsonl.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2", "b=x"] }), null, null);
 * const [first] = jobLines(jobs, "jsonl", new JobIds("0123456789abcdef"));
 * const job = JSON.parse(first);
 * assert.deepEqual(job.overrides, ["a=1", "b=x"]);
 * assert.match(job.id, /^[0-9a-f]{16}$/);
 * assert.deepEqual([...jobLines(jobs, "text", null)], ["a=1 b=x", "a=2 b=x"]);
 * ```
 */
export function* jobLines(
  source: JobSource,
  format: "jsonl" | "text",
  ids: JobIds | null,
): Generator<string> {
  for (const job of source.jobs()) {
    if (format === "text") {
      yield job.overrides.join(" ");
      continue;
    }
    yield JSON.stringify({
      index: job.index,
      ...(ids ? { id: ids.of(job.overrides) } : {}),
      overrides: job.overrides,
      override_dirname: job.overrideDirname,
    });
  }
}
