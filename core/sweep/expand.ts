/**
 * Multirun expansion, as Hydra's BasicSweeper does it: the master config is
 * composed without the sweeps, `hydra.sweeper.params` is put before the
 * command line (which wins), every key's values are expanded, and the jobs are
 * their Cartesian product — streamed, never materialised.
 *
 * @module
 */

import type { BatchStats } from "../compose/batch.ts";
import { isHydraOverride } from "../compose/hydra_node.ts";
import { ErrorCode, formatWarning, isStrataError, StrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import type { Origin } from "../node.ts";
import {
  type EmptySweep,
  emptySweeps,
  type GroupOptions,
  overrideOrigin,
  sweepEntries,
} from "./entries.ts";
import { linkAxes } from "./link.ts";
import {
  composeWhole,
  dirnameSettings,
  groupOptionsIn,
  jobComposer,
  jobWarningsOnce,
  resolveInMaster,
  resolveSweepDir,
  sweeperSettings,
} from "./master.ts";
import { SweepPlan } from "./plan.ts";
import type { DirnameConfig, ProjectSweepOptions, SweepJob } from "./types.ts";

/**
 * A job's composition error, pointed back at the user's override (or
 * `hydra.sweeper.params` entry) that produced the failing job override, and
 * naming the job. `before` holds the command-line position of each override
 * composed before the job's own (undefined: one strata adds, as
 * `hydra.mode=MULTIRUN`), so an error in one is numbered as the user typed
 * it. Without a plan (a job a manifest pinned), the job's own overrides are
 * numbered in `pinnedBy`'s list (`--job-overrides`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inSweepJob } from "./expand.ts";
 * import { StrataError } from "../errors.ts";
 * const e = inSweepJob(new StrataError("value", "bad"), undefined, 3, ["a=1"], []);
 * assert.equal((e as StrataError).message, "bad\n(in sweep job #3: a=1)");
 * // composed as [hydra.run.dir=o (typed 3rd), hydra.mode=MULTIRUN, a=[1]
 * const bad = new StrataError("override-parse", "bad", { origin: { override: 2, text: "a=[1" } });
 * const pinned = inSweepJob(bad, undefined, 0, ["a=[1"], [2, undefined], "--job-overrides");
 * assert.deepEqual((pinned as StrataError).origin, { override: 0, text: "a=[1", list: "--job-overrides" });
 * ```
 */
export function inSweepJob(
  e: unknown,
  plan: SweepPlan | undefined,
  index: number,
  job: string[],
  before: readonly (number | undefined)[],
  pinnedBy?: string,
): unknown {
  if (!(e instanceof StrataError)) return e;
  const where = `in sweep job #${index}: ${job.join(" ")}`;
  const k = e.origin?.override;
  const skip = before.length;
  const entry = plan && k !== undefined && k >= skip ? plan.entries[k - skip] : undefined;
  if (entry?.origin) {
    return new StrataError(e.code, e.message, {
      ...e,
      origin: entry.origin,
      related: [...e.related, { message: where, origin: entry.origin }],
    });
  }
  // the number the user sees: the command line's position, or the pinned list's
  let origin = e.origin;
  if (k !== undefined && k < skip && before[k] !== undefined) {
    origin = { ...e.origin, override: before[k] };
  } else if (k !== undefined && k >= skip && pinnedBy !== undefined) {
    origin = { ...e.origin, override: k - skip, list: pinnedBy };
  }
  return new StrataError(e.code, `${e.message}\n(${where})`, { ...e, origin });
}

/**
 * A multirun's error composing its master config, before any job: said to be
 * that, or a user reads it as a job's (`solver=a,b x.y=1` fails when the
 * default solver has no `x`, as Hydra's does: hydra#283).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inMasterConfig } from "./expand.ts";
 * import { parseOverride } from "../override/parse.ts";
 * import { StrataError } from "../errors.ts";
 * const e = inMasterConfig(new StrataError("composition", "bad"), [parseOverride("db=a,b")]);
 * assert.match((e as StrataError).related[0].message, /without its sweeps \('db=a,b'\)/);
 * ```
 */
export function inMasterConfig(e: unknown, parsed: Override[]): unknown {
  const sweeps = parsed.filter(isSweep).map((o) => `'${o.text}'`);
  if (!(e instanceof StrataError) || sweeps.length === 0) return e;
  const message = "in the multirun's config, composed before any job without its sweeps " +
    `(${sweeps.join(", ")}), as Hydra composes it: every other override must apply to it`;
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, { message, origin: {} }],
  });
}

function isSweep(o: Override): boolean {
  return o.valueType !== null && o.valueType !== "ELEMENT";
}

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

/** Input of {@link planSweep}: a sweep without a config tree. */
export interface PlanOptions {
  /** Task overrides (no `hydra.*`), as typed. */
  overrides: string[];
  /** `hydra.sweeper.params` as `key=value` strings; they go first and the command line wins. */
  params?: string[];
  /** A group's options, for `glob(...)` (default: none). */
  groupOptions?: GroupOptions;
  /** A group's sub-directories, named when a glob matches no option (default: none). */
  groupDirs?: GroupOptions;
  /** Linked sweeps (see {@link ProjectSweepOptions.link}). */
  link?: string[][];
  /** How override_dirname is written. */
  dirname?: DirnameConfig;
}

/**
 * The job space of a sweep from override strings alone (no composition, no
 * validation): what {@link expandSweep} builds after reading the config.
 *
 * @throws {StrataError} `override-parse`, `sweep` (intervals, bad links).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep } from "../../engine.ts";
 * const plan = planSweep({ overrides: ["a=1,2", "+b=x,y,z"] });
 * assert.equal(plan.count, 6);
 * assert.deepEqual(plan.overridesAt(5), ["a=2", "+b=z"]);
 * ```
 */
export function planSweep(options: PlanOptions): SweepPlan {
  const params = (options.params ?? []).map((t) => parseOverride(t));
  const task = options.overrides.map((t, i) => parseOverride(t, i));
  return planOf(params, task, options);
}

function planOf(
  params: Override[],
  task: Override[],
  options: Omit<PlanOptions, "overrides">,
  originOf?: (o: Override) => Origin | undefined,
) {
  const entries = sweepEntries(
    [...params, ...task],
    options.groupOptions ?? (() => []),
    originOf,
    options.groupDirs,
  );
  const axes = options.link?.length ? linkAxes(entries, options.link) : undefined;
  return new SweepPlan(entries, axes, options.dirname);
}

/**
 * Expands a multirun into its jobs, like `python app.py -m ...` with Hydra's
 * BasicSweeper (plus linked sweeps, see `link`).
 *
 * @throws {StrataError} `override-parse` for bad overrides, `composition` /
 *   `missing-config` when the master config does not compose (hydra#283:
 *   `db=a,b db.user=x` is checked against the default `db`), `sweep` for
 *   interval sweeps and bad links. When validating, a job that does not
 *   compose throws when it is reached.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandSweep } from "../../engine.ts";
 * const sweep = expandSweep({ configDir: "examples/llm-finetune/conf", configName: "config", overrides: ["optimizer=glob(*)", "+x=1,2"] });
 * assert.equal(sweep.count, 4);
 * assert.deepEqual([...sweep].map((job) => job.overrides.join(" ")), [
 *   "optimizer=adamw +x=1",
 *   "optimizer=adamw +x=2",
 *   "optimizer=sgd +x=1",
 *   "optimizer=sgd +x=2",
 * ]);
 * ```
 */
export function expandSweep(options: ProjectSweepOptions): SweepExpansion {
  const texts = options.overrides ?? [];
  const parsed = texts.map((t, i) => parseOverride(t, i));
  for (const o of parsed) {
    if (isSweep(o) && isHydraOverride(o)) {
      throw new StrataError(
        ErrorCode.Composition,
        `Sweeping over Hydra's configuration is not supported : '${o.text}'`,
        { origin: overrideOrigin(o) },
      );
    }
  }
  const base = {
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    searchPath: options.searchPath,
  };
  // The master config skips sweep overrides; the rest are checked against it
  // (hydra#283).
  let master;
  try {
    master = composeWhole({ ...base, overrides: texts }, true);
  } catch (e) {
    throw inMasterConfig(e, parsed);
  }
  // BasicSweeper creates hydra.sweep.dir before it expands: a sweep dir that
  // does not resolve fails the multirun, jobs or not.
  resolveSweepDir(master, undefined, options.resolvers);
  const settings = sweeperSettings(master.hydra, (path) => {
    try {
      return resolveInMaster(master, path, undefined, options.resolvers);
    } catch (e) {
      // A resolver the Python app registers: the jobs get the param as written.
      if (isStrataError(e) && e.code === ErrorCode.UnsupportedInterpolation) return undefined;
      throw e;
    }
  });
  // A params entry's errors point at its YAML position and key.
  const paramAt = new Map<Override, Origin>();
  const paramKeys = new Map<Origin, string>();
  const params = settings.params.map(({ text, origin }) => {
    try {
      const o = parseOverride(text);
      if (origin) {
        paramAt.set(o, origin);
        paramKeys.set(origin, o.key);
      }
      return o;
    } catch (e) {
      if (e instanceof StrataError && origin && !e.origin) {
        throw new StrataError(e.code, e.message, { ...e, origin, fullKey: e.fullKey });
      }
      throw e;
    }
  });
  const hydraOverrides = parsed.filter(isHydraOverride);
  const hydraTexts = hydraOverrides.map((o) => o.text);
  const hydraAt = hydraOverrides.map((o) => o.index);
  const task = parsed.filter((o) => !isHydraOverride(o));
  let plan: SweepPlan;
  try {
    const groups = groupOptionsIn(
      options.configDir,
      options.configName,
      parsed,
      options.searchPath ?? [],
    );
    plan = planOf(params, task, {
      groupOptions: (group) => groups(group),
      groupDirs: (group) => groups(group, "group"),
      link: options.link,
      dirname: settings.dirname,
    }, (o) => paramAt.get(o) ?? overrideOrigin(o));
  } catch (e) {
    const key = e instanceof StrataError && e.origin ? paramKeys.get(e.origin) : undefined;
    if (!(e instanceof StrataError) || key === undefined) throw e;
    const sweeper = settings.target;
    throw new StrataError(e.code, e.message, {
      ...e,
      fullKey: e.fullKey ?? `hydra.sweeper.params.${key}`,
      related: sweeper === undefined || sweeper.name.endsWith(".BasicSweeper")
        ? e.related
        : [...e.related, {
          message: `hydra.sweeper._target_ is ${sweeper.name}: strata expands sweeps as ` +
            "Hydra's BasicSweeper does, and runs no sweeper plugin",
          origin: sweeper.origin ?? {},
        }],
    });
  }
  // Jobs share the config tree: one batch composer reads it once and merges
  // each set of group choices once.
  const batch = options.validate === false ? null : jobComposer(base);
  // a job's warnings (a header of an option only it chooses), each once over the sweep
  const sayJob = jobWarningsOnce(
    master,
    (w) => options.onJobWarning ? options.onJobWarning(w) : expansion.warnings.push(w),
  );
  const validate = batch === null ? null : (job: string[], index: number) => {
    try {
      const c = batch.compose([...hydraTexts, ...job]);
      sayJob(c);
      return dirnameSettings(
        c.hydra,
        (path) => resolveInMaster(c, path, undefined, options.resolvers),
      );
    } catch (e) {
      throw inSweepJob(e, plan, index, job, hydraAt);
    }
  };
  const expansion = new SweepExpansion(plan, settings.maxBatchSize, validate, batch?.stats);
  // what Hydra warns of while composing (a primary without `_self_`), once: not per job
  expansion.warnings.push(...master.warningsAt.map((w) => formatWarning(w.message, w.origin)));
  const sweeper = settings.target;
  if (sweeper !== undefined && !sweeper.name.endsWith(".BasicSweeper")) {
    // an Optuna or Ax config whose params all read as sweeps would otherwise
    // run as a grid without a word
    expansion.warnings.push(formatWarning(
      `hydra.sweeper._target_ is ${sweeper.name}: strata expands the sweep as ` +
        "Hydra's BasicSweeper does (every combination of the values) and runs no sweeper " +
        "plugin, so the plugin's own settings (n_trials, sampler, direction, ...) are not used",
      sweeper.origin?.file ? sweeper.origin : undefined,
    ));
  }
  return expansion;
}
