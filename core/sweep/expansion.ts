/**
 * An expanded sweep's jobs, streamed from its plan: each computed from its
 * mixed-radix digits (never materialised), in batches of
 * `hydra.sweeper.max_batch_size`.
 *
 * @module
 */

import type { BatchStats } from "../compose/batch.ts";
import { type EmptySweep, emptySweeps } from "./entries.ts";
import type { SweepPlan } from "./plan.ts";
import type { DirnameConfig, SweepJob } from "./types.ts";

/**
 * An expanded sweep: iterate it for the jobs in order, or address job `i`
 * directly (SLURM array index, Kubernetes completion index). {@link expandSweep}
 * returns one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../../engine.ts";
 * const sweep = new SweepExpansion(planSweep({ overrides: ["a=1,2,3"] }), 2, null);
 * assert.equal(sweep.batchCount, 2);
 * assert.deepEqual(sweep.jobAt(2).overrides, ["a=3"]);
 * assert.deepEqual([...sweep].map((job) => job.overrideDirname), ["a=1", "a=2", "a=3"]);
 * ```
 */
export class SweepExpansion implements Iterable<SweepJob> {
  /** The number of jobs. */
  readonly count: number;
  /** `hydra.sweeper.max_batch_size`, or null for one batch of all jobs. */
  readonly maxBatchSize: number | null;
  /** What the user should know about how the sweep was expanded (a sweeper plugin's config). */
  readonly warnings: string[] = [];
  /**
   * The overrides that give no values, when the sweep has no jobs: a listing or a launch warns
   * (`noJobsWarning` of ./entries.ts), a manifest fails (`noJobsError`).
   */
  readonly empty: readonly EmptySweep[];
  /**
   * The `hydra.mode` the master config sets itself (`MULTIRUN` in an `hparams_search` option),
   * null when it sets none or the sweep was planned without composing.
   */
  configMode: string | null = null;
  /**
   * `hydra.run.dir` as the master config writes it, when it is a string (a warning quotes it);
   * undefined when it is not, or the sweep was planned without composing.
   */
  configRunDir: string | undefined = undefined;

  /**
   * A sweep over the jobs of `plan`.
   *
   * @param plan the job space
   * @param validate composes a job's config before it is returned (null: no check)
   * @param composeStats what the validating composer has reused so far
   */
  constructor(
    readonly plan: SweepPlan,
    maxBatchSize: number | null,
    private readonly validate:
      | ((overrides: string[], index: number) => DirnameConfig | undefined)
      | null,
    readonly composeStats?: Readonly<BatchStats>,
  ) {
    this.count = plan.count;
    this.maxBatchSize = maxBatchSize;
    this.empty = emptySweeps(plan.entries);
  }

  /** Whether each job is composed (and may write its override_dirname its own way). */
  get validates(): boolean {
    return this.validate !== null;
  }

  /** The number of batches the launcher gets. */
  get batchCount(): number {
    if (this.count === 0) return 0;
    return this.maxBatchSize === null ? 1 : Math.ceil(this.count / this.maxBatchSize);
  }

  /** The batch job `index` is launched in. */
  batchOf(index: number): number {
    return this.maxBatchSize === null ? 0 : Math.floor(index / this.maxBatchSize);
  }

  /**
   * Job `index`, computed from its mixed-radix digits.
   *
   * @throws {StrataError} `sweep` when out of range; composition errors when validating.
   */
  jobAt(index: number): SweepJob {
    const digits = this.plan.digitsAt(index);
    return this.#job(index, digits);
  }

  /** Jobs `start` to `end - 1`, in order (one job object at a time). */
  *jobs(start = 0, end = this.count): Generator<SweepJob> {
    let index = start;
    for (const digits of this.plan.digits(start, Math.min(end, this.count))) {
      yield this.#job(index++, digits);
    }
  }

  /** The jobs in order. */
  [Symbol.iterator](): Iterator<SweepJob> {
    return this.jobs();
  }

  #job(index: number, digits: number[]): SweepJob {
    const overrides = this.plan.overridesOf(digits);
    // A job's own config decides how its override_dirname is written.
    const own = this.validate?.(overrides, index);
    return { index, overrides, overrideDirname: this.plan.dirnameOf(digits, own) };
  }
}
