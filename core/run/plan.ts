/**
 * What a run writes, before anything is written: the job's composed config,
 * its run directory and the `.hydra/` files, as Hydra 1.3.2 records them. A
 * single run composes with `hydra.mode=RUN` and lives in `hydra.run.dir`; a
 * multirun composes a master config (sweeps not applied, `hydra.mode=MULTIRUN`)
 * for `multirun.yaml` in `hydra.sweep.dir`, and each job in
 * `hydra.sweep.dir/hydra.sweep.subdir` with its `hydra.job.id` and `num`.
 *
 * @module
 */

import { configHash } from "../hash.ts";
import { isAbsolute, join, resolve } from "../path.ts";
import { compose, type Composition } from "../compose/compose.ts";
import { parseOverride } from "../override/parse.ts";
import { isHydraOverride } from "../compose/hydra_node.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import {
  canonicalKey,
  dict,
  type DictNode,
  int,
  list,
  type Node,
  type Origin,
  str,
} from "../node.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { resolveLenient, type Unresolved } from "./lenient.ts";
import { noJobsWarning } from "../sweep/entries.ts";
import { expandSweep, inSweepJob, type SweepExpansion } from "../sweep/expand.ts";
import { jobComposer, jobWarningsOnce } from "../sweep/master.ts";
import { toYaml } from "../yaml/emit.ts";
import {
  checkEnvCopy,
  hydraString,
  jobChdir,
  jobEnv,
  jobLogFile,
  withHydraFirst,
} from "./hydra_values.ts";

/** Input of {@link planRun} and {@link planMultirun}. */
export interface RunOptions {
  /** The primary config directory. */
  configDir: string;
  /** The primary config's name; null composes without one. */
  configName: string | null;
  /** Where `configName` was set when not on the command line (`.strata.yaml`): see ComposeOptions. */
  configNameAt?: Origin;
  /** More config directories, searched after `configDir`. */
  searchPath?: string[];
  /** Command-line overrides, as typed (sweeps allowed in a multirun). */
  overrides?: string[];
  /** Linked sweeps: keys that advance together (`strata sweep --link`). */
  link?: string[][];
  /** `hydra.job.name` unless the config or an override sets it. */
  jobName: string;
  /** The time `${now:...}` formats (one per strata invocation). */
  now?: Date;
  /** The directory relative run dirs are under (default: the current directory). */
  cwd?: string;
  /** The project's resolvers (`.strata.yaml`'s module, `--resolvers`). */
  resolvers?: Record<string, ResolverFn>;
  /**
   * Called for each value of a job's config that cannot resolve (kept as
   * written in `config.yaml`, as Hydra leaves it to the app).
   */
  onUnresolved?: (u: Unresolved) => void;
  /**
   * Called with each job's resolved config, the tree its
   * {@link JobPlan.configHash} hashes (`strata hash --canonical` prints it).
   */
  onResolved?: (config: Node) => void;
  /**
   * Append `hydra.mode=RUN` / `hydra.mode=MULTIRUN` to the overrides, as
   * Hydra does unless the config or an override sets `hydra.mode`
   * ({@link configuredMode}); default true.
   */
  appendMode?: boolean;
}

/** One job's run directory and the files it gets. */
export interface JobPlan {
  /** `hydra.job.num`, or null for a single run. */
  num: number | null;
  /** The absolute run directory (`hydra.runtime.output_dir`). */
  dir: string;
  /** The job's task overrides (`hydra.overrides.task`). */
  overrides: string[];
  /**
   * Its `hydra.overrides.hydra` but `hydra.mode`: what a Hydra app launched
   * for this one job needs before the task overrides to compose the same
   * config (as Hydra's launchers do with `load_sweep_config`); the mode is
   * the launcher's, and a `hydra.mode=MULTIRUN` would make the app sweep.
   */
  hydraOverrides: string[];
  /**
   * `hydra.mode=RUN` when the job's configs set `hydra.mode: MULTIRUN` (an
   * `hparams_search` option does): an app launched for this one job reads
   * the mode back from its config and would sweep (one job, in
   * `hydra.sweep.dir`) instead of running in `{run_dir}`. It ends
   * `{overrides}` and `STRATA_JOB_OVERRIDES`; `.hydra/overrides.yaml` keeps
   * the task overrides, as Hydra records them. Empty otherwise.
   */
  runMode: string[];
  /** `hydra.job.name`. */
  jobName: string;
  /**
   * The job's log in its run dir, as `hydra.job_logging`'s file handler
   * names it (`<job name>.log` by default); null when no handler writes a
   * file (`hydra/job_logging=disabled`): strata's capture then goes to
   * `.strata/output.log` alone.
   */
  logFile: string | null;
  /** `hydra.job.chdir`: run the job inside its run dir. */
  chdir: boolean;
  /** Files relative to `dir` (`.hydra/config.yaml`, ...) and their text. */
  files: Map<string, string>;
  /** The resolved job config, written as `config.yaml` beside `.hydra/`. */
  resolvedConfig: string;
  /** The content hash of the resolved config ({@link configHash}): `STRATA_CONFIG_HASH`. */
  configHash: string;
  /** `hydra.job.env_set`: environment variables the job gets. */
  env: Record<string, string>;
}

/**
 * A single run's plan, with its composition (what `--cfg` prints). A
 * multirun's job plans leave theirs out: a sweep plans every job before the
 * first starts, and 10^4 compositions kept to the end took ~36 KB a job.
 */
export interface RunPlan extends JobPlan {
  /** The job's composition. */
  composition: Composition;
}

/**
 * A multirun job as planned before the sweep starts: what it keeps until it
 * starts (a few hundred bytes of its own; its config texts are ~5-25 KB, and a sweep
 * plans every job first). {@link PlannedJob.full} plans it again, whole.
 */
export interface PlannedJob
  extends Pick<JobPlan, "num" | "dir" | "overrides" | "jobName" | "logFile"> {
  /** Its `overrides.yaml` (path relative to `dir`, text), what --resume compares; none without `.hydra/`. */
  files: Map<string, string>;
  /** The whole plan, composed again from the same cached config tree, overrides and clock. */
  full(): JobPlan;
}

/** A multirun: its sweep dir, `multirun.yaml`, and its jobs, planned one at a time. */
export interface MultirunPlan {
  /** The absolute `hydra.sweep.dir`. */
  sweepDir: string;
  /** The text of `multirun.yaml` (the master config, `hydra:` first). */
  multirunYaml: string;
  /** The number of jobs. */
  count: number;
  /** The number of batches (`hydra.sweeper.max_batch_size`; one when unset). */
  batchCount: number;
  /** The batch job `index` is launched in: batches run one after another. */
  batchOf(index: number): number;
  /** The master composition (what `--cfg` prints for a multirun). */
  master: Composition;
  /** What the user should know about the sweep's expansion (`warning: ...` lines), its lack of jobs too. */
  warnings: readonly string[];
  /**
   * The warnings of the jobs' compositions not in {@link warnings} (a header of an option only
   * some jobs choose), once each, added as jobs are planned.
   */
  jobWarnings: readonly string[];
  /**
   * Plans job `index` (composes it). `pinned`: the job's overrides as a
   * manifest recorded them when it was written; they are run as they are,
   * and the sweep is not expanded again (a `shuffle` or a `glob` could
   * give another job list now).
   */
  job(index: number, pinned?: readonly string[]): JobPlan;
  /**
   * Plans job `index` as {@link job} does (every error now), and keeps only
   * what it needs until it starts.
   */
  check(index: number, pinned?: readonly string[]): PlannedJob;
}

function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

function setIn(node: DictNode, path: string[], value: Node): void {
  let cur = node;
  for (const k of path.slice(0, -1)) {
    const next = child(cur, k);
    if (next?.kind !== "dict") return;
    cur = next;
  }
  const k = path.at(-1)!;
  const prev = cur.entries.get(canonicalKey(k));
  cur.entries.set(canonicalKey(k), { key: prev?.key ?? k, node: value });
}

function jobPlan(
  c: Composition,
  num: number | null,
  dir: string,
  now: Date,
  options: RunOptions,
): JobPlan {
  checkEnvCopy(c); // Hydra copies it when it composes, before the job exists
  setIn(c.hydra, ["runtime", "output_dir"], str(dir));
  const job = child(c.hydra, "job");
  const texts = (name: string) => {
    const node = child(child(c.hydra, "overrides"), name);
    return node?.kind === "list"
      ? node.items.map((n) => String((n as { value: unknown }).value))
      : [];
  };
  const overrides = texts("task");
  const hydraOverrides = texts("hydra").filter((t, i) => parseOverride(t, i).key !== "hydra.mode");
  const files = new Map<string, string>();
  const sub = child(c.hydra, "output_subdir");
  // hydra.output_subdir: null means Hydra writes no .hydra/ files.
  if (sub?.kind === "value" && sub.type !== "null") {
    // read as Hydra reads it (`Path(hydra.output_subdir)`): resolved
    const at = hydraString(c, "output_subdir", now, options.resolvers);
    files.set(`${at}/config.yaml`, toYaml(c.config));
    files.set(`${at}/hydra.yaml`, toYaml(dict([["hydra", c.hydra]])));
    files.set(`${at}/overrides.yaml`, toYaml(list(overrides.map((o) => str(o)))));
  }
  const resolved = resolveLenient(c, {
    resolvers: { ...hydraResolvers(c.hydra, now, c.config), ...options.resolvers },
    onUnresolved: options.onUnresolved,
  });
  options.onResolved?.(resolved);
  const name = child(job, "name");
  // the log is `${hydra.job.name}.log`: resolved (`name: ${model.name}`)
  const jobName = name?.kind === "value"
    ? hydraString(c, "job.name", now, options.resolvers)
    : "app";
  // ... in the job's dir: a name with a '/' names a file in a dir that does
  // not exist (Hydra's FileHandler fails there too); refused before any file
  // of the run is written
  if (/[/\0]/.test(jobName)) {
    throw new StrataError(
      ErrorCode.Validation,
      `hydra.job.name ${JSON.stringify(jobName)} cannot name the job's log ` +
        `(<run dir>/<job name>.log): it holds a '/' or a NUL`,
      { fullKey: "hydra.job.name", origin: name?.origin },
    );
  }
  const chdir = jobChdir(c, now, options.resolvers);
  const cwd = chdir ? dir : (options.cwd ?? Deno.cwd());
  return {
    env: jobEnv(c, now, options.resolvers),
    num,
    dir,
    overrides,
    hydraOverrides,
    runMode: c.configMode === "MULTIRUN" ? ["hydra.mode=RUN"] : [],
    jobName,
    logFile: jobLogFile(c, dir, cwd, jobName, now, options.resolvers),
    chdir,
    files,
    resolvedConfig: toYaml(resolved),
    configHash: configHash(resolved),
  };
}

/**
 * Plans a single run (`python app.py overrides...`): composes with
 * `hydra.mode=RUN`, resolves `hydra.run.dir`.
 *
 * @throws {StrataError} composition errors; a `hydra.run.dir` that does not
 *   resolve, with its key and origin.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planRun } from "./plan.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "lr: 0.1\n");
 * const job = planRun({
 *   configDir: conf, configName: "config", overrides: ["lr=0.5", "hydra.run.dir=out"],
 *   jobName: "train", cwd: "/work",
 * });
 * assert.equal(job.dir, "/work/out");
 * assert.equal(job.files.get(".hydra/config.yaml"), "lr: 0.5\n");
 * assert.equal(job.files.get(".hydra/overrides.yaml"), "- lr=0.5\n");
 * assert.match(job.files.get(".hydra/hydra.yaml")!, /\n  mode: RUN\n/);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function planRun(options: RunOptions): RunPlan {
  const now = options.now ?? new Date();
  const c = compose({
    ...base(options),
    overrides: [...(options.overrides ?? []), ...modeOverride(options, "RUN")],
    reuseFiles: false, // one composition: its files' trees are given to the merge
  });
  const dir = resolve(options.cwd ?? Deno.cwd(), hydraString(c, "run.dir", now, options.resolvers));
  return { ...jobPlan(c, null, dir, now, options), composition: c };
}

function modeOverride(options: RunOptions, mode: "RUN" | "MULTIRUN"): string[] {
  return options.appendMode === false ? [] : [`hydra.mode=${mode}`];
}

/**
 * The `hydra.mode` the config and the overrides set (`RUN`, `MULTIRUN`), or
 * null when they leave it unset: Hydra's `get_mode`, which composes with the
 * overrides as a multirun would (sweeps allowed). Hydra runs a multirun when
 * it is `MULTIRUN`, even without `--multirun`.
 *
 * @throws {StrataError} composition errors; a mode that is neither RUN nor MULTIRUN.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configuredMode } from "./plan.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "lr: 0.1\n");
 * const options = { configDir: conf, configName: "config", jobName: "app" };
 * assert.equal(configuredMode(options), null);
 * assert.equal(configuredMode({ ...options, overrides: ["hydra.mode=MULTIRUN", "lr=1,2"] }), "MULTIRUN");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function configuredMode(options: RunOptions): "RUN" | "MULTIRUN" | null {
  const c = compose({ ...base(options), overrides: options.overrides ?? [], multirun: true });
  const mode = child(c.hydra, "mode");
  if (mode === undefined || mode.kind !== "value" || mode.type === "null") return null;
  if (mode.value === "RUN" || mode.value === "MULTIRUN") return mode.value;
  throw new StrataError(
    ErrorCode.Validation,
    `hydra.mode must be RUN or MULTIRUN, got '${String(mode.value)}'`,
    { fullKey: "hydra.mode", origin: mode.origin },
  );
}

function base(options: RunOptions) {
  return {
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    searchPath: options.searchPath,
    jobName: options.jobName,
  };
}

/**
 * Plans a multirun (`python app.py -m sweeps...`): the sweep (as `strata
 * sweep` expands it), the master config for `multirun.yaml` and its
 * resolved `hydra.sweep.dir`. Jobs are composed when {@link MultirunPlan.job}
 * asks for them.
 *
 * @throws {StrataError} composition and sweep errors; a `hydra.sweep.dir`
 *   that does not resolve, with its key and origin.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planMultirun } from "./plan.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "lr: 0.1\n");
 * const plan = planMultirun({
 *   configDir: conf, configName: "config", overrides: ["lr=0.5,0.7"],
 *   jobName: "app", cwd: "/work", now: new Date(2024, 0, 5, 10, 0, 0),
 * });
 * assert.equal(plan.sweepDir, "/work/multirun/2024-01-05/10-00-00");
 * assert.equal(plan.count, 2);
 * assert.equal(plan.job(1).dir, "/work/multirun/2024-01-05/10-00-00/1");
 * assert.equal(plan.job(1).files.get(".hydra/overrides.yaml"), "- lr=0.7\n");
 * const planned = plan.check(1); // what a sweep keeps per job until it starts
 * assert.deepEqual([...planned.files.keys()], [".hydra/overrides.yaml"]);
 * assert.equal(planned.full().resolvedConfig, "lr: 0.7\n");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function planMultirun(options: RunOptions): MultirunPlan {
  const now = options.now ?? new Date();
  const cwd = options.cwd ?? Deno.cwd();
  const texts = options.overrides ?? [];
  // Expanded when first asked for: a pinned job needs no expansion.
  let expansion: SweepExpansion | undefined;
  const sweep = () =>
    expansion ??= expandSweep({
      ...base(options),
      overrides: texts,
      link: options.link,
      validate: false,
      resolvers: options.resolvers,
    });
  const master = compose({
    ...base(options),
    overrides: [...texts, ...modeOverride(options, "MULTIRUN")],
    multirun: true,
  });
  checkEnvCopy(master); // Hydra's master config copies env_copy too
  const sweepDir = resolve(cwd, hydraString(master, "sweep.dir", now, options.resolvers));
  // the hydra overrides every job composes first, and where the user typed each
  const hydraAt = texts.flatMap((t, i) => isHydraOverride(parseOverride(t, i)) ? [i] : []);
  const hydraTexts = hydraAt.map((i) => texts[i]);
  // The jobs share the config tree: read once, merged once per group choice.
  const jobs = jobComposer(base(options));
  const jobWarnings: string[] = [];
  const sayJob = jobWarningsOnce(master, (w) => jobWarnings.push(w));
  const strings = new Map<string, string>();
  const shared = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const out: MultirunPlan = {
    sweepDir,
    multirunYaml: toYaml(withHydraFirst(master)),
    master,
    get count() {
      return sweep().count;
    },
    get batchCount() {
      return sweep().batchCount;
    },
    get warnings() {
      const { warnings, empty } = sweep();
      return [...warnings, ...empty.map(noJobsWarning)];
    },
    jobWarnings,
    batchOf: (index) => sweep().batchOf(index),
    job(index: number, pinned?: readonly string[]): JobPlan {
      const overrides = pinned ? [...pinned] : sweep().jobAt(index).overrides;
      const mode = modeOverride(options, "MULTIRUN");
      const before = [...hydraTexts, ...mode];
      try {
        const c = jobs.compose([...before, ...overrides]);
        sayJob(c);
        setIn(c.hydra, ["job", "id"], str(String(index)));
        setIn(c.hydra, ["job", "num"], int(index));
        const jobSweepDir = hydraString(c, "sweep.dir", now, options.resolvers);
        const sub = hydraString(c, "sweep.subdir", now, options.resolvers);
        const dir = isAbsolute(sub) ? sub : join(resolve(cwd, jobSweepDir), sub);
        return jobPlan(c, index, dir, now, options);
      } catch (e) {
        // a pinned job's overrides are the manifest's: no sweep entry to point at, an
        // error's number is in --job-overrides
        const at = [...hydraAt, ...mode.map(() => undefined)];
        throw pinned
          ? inSweepJob(e, undefined, index, overrides, at, "--job-overrides")
          : inSweepJob(e, sweep().plan, index, overrides, at);
      }
    },
    check(index: number, pinned?: readonly string[]): PlannedJob {
      const p = out.job(index, pinned);
      // thousands are kept: one string for what every job shares, no Map until asked
      const kept = [...p.files].find(([rel]) => rel.endsWith("/overrides.yaml"));
      const resume = kept && [shared(kept[0]), kept[1]] as const;
      return {
        num: p.num,
        dir: p.dir,
        overrides: p.overrides,
        jobName: shared(p.jobName),
        logFile: p.logFile === null ? null : shared(p.logFile),
        get files() {
          return new Map(resume ? [resume] : []);
        },
        full: () => out.job(index, pinned),
      };
    },
  };
  return out;
}
