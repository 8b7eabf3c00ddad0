/**
 * What a run writes, before anything is written: the job's composed config,
 * its run directory and the `.hydra/` files, as Hydra 1.3.2 records them. A
 * single run composes with `hydra.mode=RUN` and lives in `hydra.run.dir`; a
 * multirun composes a master config (sweeps not applied, `hydra.mode=MULTIRUN`)
 * for `multirun.yaml` in `hydra.sweep.dir`, and each job in
 * `hydra.sweep.dir/hydra.sweep.subdir` with its `hydra.job.id` and `num`.
 * One job's plan from its composition is ./job_plan.ts's.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "../path.ts";
import { compose, type Composition } from "../compose/compose.ts";
import { afterComposing } from "../compose/legacy_header.ts";
import type { VersionBase } from "../compose/version_base.ts";
import { parseOverride } from "../override/parse.ts";
import { isHydraOverride } from "../compose/hydra_node.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { int, type Node, type Origin, originOf, str } from "../node.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import type { Unresolved } from "./lenient.ts";
import { noJobsWarning } from "../sweep/entries.ts";
import { expandSweep, type SweepExpansion } from "../sweep/expand.ts";
import { inMasterConfig, inSweepJob, userOrigin, userWarning } from "../sweep/error_context.ts";
import { jobComposer, jobWarningsOnce } from "../sweep/master.ts";
import { toYaml } from "../yaml/emit.ts";
import { checkEnvCopy, hydraOrigin, hydraString, withHydraFirst } from "./hydra_values.ts";
import { child, type JobPlan, jobPlan, setIn } from "./job_plan.ts";
import { isOverridesFile } from "./write.ts";

export type { JobPlan } from "./job_plan.ts";
import { clockNow } from "../strftime.ts";

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
  /** Hydra's `version_base` to compose as: see ComposeOptions. */
  versionBase?: VersionBase;
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
  /** Resolvers `.strata.yaml` declares opaque (see ProjectComposeOptions.opaqueResolvers). */
  opaqueResolvers?: readonly string[];
  /** What a sweep override's error says to do (see ComposeOptions.sweepHint). */
  sweepHint?: string;
  /** The overrides were typed in a shell (see ComposeOptions.fromShell). */
  fromShell?: boolean;
  /**
   * Called for each value of a job's config that cannot resolve (kept as
   * written in `config.yaml`, as Hydra leaves it to the app).
   */
  onUnresolved?: (u: Unresolved) => void;
  /**
   * `hash` and `diff` make no run dir: a `hydra.run.dir` that calls a resolver
   * `opaqueResolvers` names (the app's) stands as written, reported through
   * `onUnresolved`, where `run` fails on it (checker v43).
   */
  runDirAsWritten?: boolean;
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
  /**
   * Its overrides as Hydra's launcher logs them (`#N : ...`): the sweep's list for it without
   * the `hydra.` keys (hydra/core/utils.py's filter_overrides), so a `hydra/` group swept or set
   * by the sweeper's params is shown, which `overrides` (the task's) leaves out (checker x55).
   */
  logged?: string[];
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
   * Whether a job planned so far has an absolute `hydra.sweep.subdir`: its run dir is that path,
   * outside the sweep dir (a warning in {@link jobWarnings} says so).
   */
  readonly subdirAbsolute: boolean;
  /**
   * Plans job `index` (composes it). `pinned`: the job's overrides as a
   * manifest recorded them when it was written; they are run as they are,
   * and the sweep is not expanded again (a `shuffle` or a `glob` could
   * give another job list now). `light`: its config is not resolved
   * (`resolvedConfig` and `configHash` are empty): a plan ahead of its start.
   * `dir`: the run dir that plan resolved, kept (not resolved again).
   */
  job(index: number, pinned?: readonly string[], light?: boolean, dir?: string): JobPlan;
  /**
   * Plans job `index` as {@link job} does (every error of its composition and
   * its hydra node now; its config's values are resolved when it starts, by
   * {@link PlannedJob.full}), and keeps only what it needs until it starts.
   */
  check(index: number, pinned?: readonly string[]): PlannedJob;
  /** Job `index`'s run dir, as {@link job} gives it, without writing its files (a manifest's check). */
  dirOf(index: number): string;
  /**
   * Job `index` composed as it runs (`hydra.job.num` and `id` set): what
   * `--cfg` prints for a manifest's task (`--job-index`); `pinned` as for {@link job}.
   */
  composition(index: number, pinned?: readonly string[]): Composition;
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
  const now = options.now ?? clockNow();
  const c = compose({
    ...base(options),
    overrides: [...(options.overrides ?? []), ...modeOverride(options, "RUN")],
    reuseFiles: false, // one composition: its files' trees are given to the merge
  });
  let dir;
  try {
    dir = resolve(options.cwd ?? Deno.cwd(), hydraString(c, "run.dir", now, options.resolvers));
  } catch (e) {
    const written = options.runDirAsWritten ? opaqueRunDir(c, e, options) : undefined;
    if (written === undefined) throw afterComposing(e, c.warningsAt);
    dir = resolve(options.cwd ?? Deno.cwd(), written);
  }
  return { ...jobPlan(c, null, dir, now, options), composition: c };
}

/**
 * The text of a `hydra.run.dir` that failed (`e`) only for calling a resolver `.strata.yaml`
 * declares opaque, said through `onUnresolved`; undefined for any other failure.
 */
function opaqueRunDir(c: Composition, e: unknown, options: RunOptions): string | undefined {
  const name = unsupportedResolverName(e);
  if (name === undefined || !(options.opaqueResolvers ?? []).includes(name)) return undefined;
  const node = child(child(c.hydra, "run"), "dir");
  if (node?.kind !== "value" || node.type !== "str") return undefined;
  options.onUnresolved?.({ key: "hydra.run.dir", error: e as StrataError, node });
  return String(node.value);
}

function modeOverride(options: RunOptions, mode: "RUN" | "MULTIRUN"): string[] {
  return options.appendMode === false ? [] : [`hydra.mode=${mode}`];
}

/**
 * The `hydra.mode` the config and the overrides set (`RUN`, `MULTIRUN`), or
 * null when they leave it unset: Hydra's `get_mode`, which composes with the
 * overrides as a multirun would (sweeps allowed). Hydra runs a multirun when
 * it is `MULTIRUN`, even without `--multirun`. `multirun`: `--multirun` was
 * given, so a composition error is the master config's (said so).
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
export function configuredMode(
  options: RunOptions,
  multirun = false,
): "RUN" | "MULTIRUN" | null {
  let c;
  try {
    c = compose({ ...base(options), overrides: options.overrides ?? [], multirun: true });
  } catch (e) {
    // under --multirun this is the master config's composition: said, as the sweep says it
    throw multirun ? masterError(e, options.overrides ?? []) : e;
  }
  const mode = child(c.hydra, "mode");
  if (mode === undefined || mode.kind !== "value" || mode.type === "null") return null;
  if (mode.value === "RUN" || mode.value === "MULTIRUN") return mode.value;
  throw new StrataError(
    ErrorCode.Validation,
    `hydra.mode must be RUN or MULTIRUN, got '${String(mode.value)}'`,
    { fullKey: "hydra.mode", origin: mode.origin },
  );
}

/** An error composing a multirun's master config, said to be that ({@link inMasterConfig}). */
function masterError(e: unknown, texts: string[]): unknown {
  let parsed;
  try {
    parsed = texts.map((t, i) => parseOverride(t, i));
  } catch {
    return e; // an override that does not parse: the error is about it
  }
  return inMasterConfig(e, parsed);
}

function base(options: RunOptions) {
  return {
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    searchPath: options.searchPath,
    versionBase: options.versionBase,
    jobName: options.jobName,
    resolvers: options.resolvers,
    opaqueResolvers: options.opaqueResolvers,
    sweepHint: options.sweepHint,
    fromShell: options.fromShell,
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
  const now = options.now ?? clockNow();
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
  let master;
  try {
    master = compose({
      ...base(options),
      overrides: [...texts, ...modeOverride(options, "MULTIRUN")],
      multirun: true,
    });
  } catch (e) {
    throw masterError(e, texts);
  }
  checkEnvCopy(master); // Hydra's master config copies env_copy too
  let sweepDir;
  try {
    sweepDir = resolve(cwd, hydraString(master, "sweep.dir", now, options.resolvers));
  } catch (e) {
    throw afterComposing(e, master.warningsAt);
  }
  // the hydra overrides every job composes first, and where the user typed each
  const hydraAt = texts.flatMap((t, i) => isHydraOverride(parseOverride(t, i)) ? [i] : []);
  const hydraTexts = hydraAt.map((i) => texts[i]);
  // The jobs share the config tree: read once, merged once per group choice.
  const jobs = jobComposer(base(options));
  const jobWarnings: string[] = [];
  let subdirAbsolute = false;
  // a job's warning at the override the user typed (the job's list adds hydra.mode=MULTIRUN)
  const jobAt = [...hydraAt, ...modeOverride(options, "MULTIRUN").map(() => undefined)];
  const sayJob = jobWarningsOnce(
    master,
    (w) => jobWarnings.push(w),
    (w) => userWarning(w, sweep().plan, jobAt),
  );
  const strings = new Map<string, string>();
  const shared = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  // job `index` composed, with its number and its run dir (hydra.sweep.dir/subdir resolved)
  // `known`: the dir its plan ahead of its start resolved (a resolver there runs once a job: a
  // uuid's or the clock's second value would name another dir: checker w55)
  const located = (index: number, overrides: readonly string[], pinned = false, known?: string) => {
    const c = jobs.compose([...hydraTexts, ...modeOverride(options, "MULTIRUN"), ...overrides]);
    // a pinned job (a manifest's task) is not the sweep's: its warnings were the manifest's
    if (!pinned) sayJob(c);
    setIn(c.hydra, ["job", "id"], str(String(index)));
    setIn(c.hydra, ["job", "num"], int(index));
    if (known !== undefined) return { c, dir: known };
    const jobSweepDir = hydraString(c, "sweep.dir", now, options.resolvers);
    const sub = hydraString(c, "sweep.subdir", now, options.resolvers);
    // Hydra's os.path.join(sweep_dir, subdir) keeps an absolute subdir as is: the job writes
    // there, outside the sweep dir (L2M's `${hydra.job.override_dirname}/seed=${seed}` with seed
    // excluded gives `/seed=1`, checker x29); said once, where the subdir is set
    if (isAbsolute(sub) && !subdirAbsolute) {
      subdirAbsolute = true;
      jobWarnings.push(formatWarning(
        `job #${index}'s hydra.sweep.subdir resolves to '${sub}', an absolute path: Hydra joins ` +
          `it to hydra.sweep.dir with os.path.join, which keeps it as is, so the job writes ` +
          `its run dir there, outside ${jobSweepDir}`,
        hydraOrigin(c, "sweep.subdir"),
      ));
    }
    return { c, dir: isAbsolute(sub) ? sub : join(resolve(cwd, jobSweepDir), sub) };
  };
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
    get subdirAbsolute() {
      return subdirAbsolute;
    },
    batchOf: (index) => sweep().batchOf(index),
    job(index: number, pinned?: readonly string[], light = false, dir?: string): JobPlan {
      const overrides = pinned ? [...pinned] : sweep().jobAt(index).overrides;
      const mode = modeOverride(options, "MULTIRUN");
      const at = [...hydraAt, ...mode.map(() => undefined)];
      try {
        const { c, dir: jobDir } = located(index, overrides, pinned !== undefined, dir);
        // a value an override set that does not resolve is warned of at what the user typed
        // (`x=1,${oops}`, override #1), not at the job's own list
        const said = options.onUnresolved;
        const onUnresolved = said && ((u: Unresolved) => {
          const o = originOf(u.node.origin);
          const to = o &&
            (pinned
              ? userOrigin(o, undefined, at, "--job-overrides")
              : userOrigin(o, sweep().plan, at));
          // (jobs run side by side with -j: the warning says whose it is, checker w55 #6)
          said({ ...u, ...(to === o ? {} : { node: { ...u.node, origin: to } }), job: index });
        });
        return jobPlan(c, index, jobDir, now, { ...options, onUnresolved }, light);
      } catch (e) {
        // a pinned job's overrides are the manifest's: no sweep entry to point at, an
        // error's number is in --job-overrides
        throw pinned
          ? inSweepJob(e, undefined, index, overrides, at, "--job-overrides")
          : inSweepJob(e, sweep().plan, index, overrides, at);
      }
    },
    dirOf(index: number): string {
      const overrides = sweep().jobAt(index).overrides;
      try {
        return located(index, overrides).dir;
      } catch (e) {
        const at = [...hydraAt, ...modeOverride(options, "MULTIRUN").map(() => undefined)];
        throw inSweepJob(e, sweep().plan, index, overrides, at);
      }
    },
    composition(index: number, pinned?: readonly string[]): Composition {
      const overrides = pinned ? [...pinned] : sweep().jobAt(index).overrides;
      const at = [...hydraAt, ...modeOverride(options, "MULTIRUN").map(() => undefined)];
      try {
        return located(index, overrides, pinned !== undefined).c;
      } catch (e) {
        throw pinned
          ? inSweepJob(e, undefined, index, overrides, at, "--job-overrides")
          : inSweepJob(e, sweep().plan, index, overrides, at);
      }
    },
    check(index: number, pinned?: readonly string[]): PlannedJob {
      // (its config is resolved when it starts: full())
      const p = out.job(index, pinned, true);
      // thousands are kept: one string for what every job shares, no Map until asked
      const kept = [...p.files].find(([rel]) => isOverridesFile(rel));
      const resume = kept && [shared(kept[0]), kept[1]] as const;
      const dir = p.dir;
      // (Hydra's test is on the text: `+hydra.x=1` is logged)
      const logged = pinned
        ? p.overrides
        : sweep().jobAt(index).overrides.filter((o) => !o.startsWith("hydra."));
      return {
        num: p.num,
        dir: p.dir,
        overrides: p.overrides,
        logged: logged.length === p.overrides.length ? p.overrides : logged,
        jobName: shared(p.jobName),
        logFile: p.logFile === null ? null : shared(p.logFile),
        get files() {
          return new Map(resume ? [resume] : []);
        },
        // (the dir alone: a closure over `p` would keep its config texts until the job starts)
        full: () => out.job(index, pinned, false, dir),
      };
    },
  };
  return out;
}
