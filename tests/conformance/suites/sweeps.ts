/**
 * hydra/sweeps.json: BasicSweeper expansion (jobs, override_dirname per job,
 * batches) through the public `expandSweep`.
 */

import { join } from "node:path";
import { expandSweep } from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import type { Outcome, SuiteContext } from "../suite.ts";

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any, ctx: SuiteContext): Outcome {
  const want = c.expected;
  let jobs: string[][];
  let dirnames: string[];
  let batches: number[];
  try {
    const sweep = expandSweep({
      configDir: join(ctx.dir, "configs", c.config_dir),
      configName: c.config_name,
      overrides: c.overrides,
    });
    jobs = [];
    dirnames = [];
    batches = [];
    for (const job of sweep) {
      jobs.push(job.overrides);
      dirnames.push(job.overrideDirname);
      const b = sweep.batchOf(job.index);
      batches[b] = (batches[b] ?? 0) + 1;
    }
  } catch (e) {
    return want.error ? matchError(e, want.error) : `unexpected error: ${(e as Error).message}`;
  }
  if (want.error) return `expected ${want.error.type}, got ${jobs.length} job(s)`;
  const got = JSON.stringify(jobs);
  if (got !== JSON.stringify(want.jobs)) {
    return `jobs: got ${got}, want ${JSON.stringify(want.jobs)}`;
  }
  if (JSON.stringify(dirnames) !== JSON.stringify(want.override_dirnames)) {
    return `override_dirnames: got ${JSON.stringify(dirnames)}, want ${
      JSON.stringify(want.override_dirnames)
    }`;
  }
  if (want.batches && JSON.stringify(batches) !== JSON.stringify(want.batches)) {
    return `batches: got ${JSON.stringify(batches)}, want ${JSON.stringify(want.batches)}`;
  }
  return undefined;
}
