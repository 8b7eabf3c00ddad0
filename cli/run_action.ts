/**
 * What `strata run` does once its arguments are parsed (./run.ts defines the
 * command): compose, write Hydra's run directories and run CMD once per job,
 * N at a time.
 *
 * @module
 */

import { dirname, join } from "../core/path.ts";
import { formatWarning, isStrataError, StrataError } from "../core/errors.ts";
import { parseOverrides } from "../core/override/parse.ts";
import { unpinnedOverrides } from "../core/run/unpinned.ts";
import { shQuote } from "../core/manifest/command.ts";
import { warningLines } from "../core/compose/legacy_header.ts";
import { type Composition, defaultsTree } from "../core/compose/compose.ts";
import { jobNameKeptWarning } from "../core/run/job_name.ts";
import { configJobName, scriptStem } from "../core/run/command.ts";
import { strayJobDirs } from "../core/run/stray_jobs.ts";
import type { LaunchJob } from "../core/run/launch.ts";
import { configuredMode, planMultirun, planRun, type RunOptions } from "../core/run/plan.ts";
import { callbacksWarning, hydraOrigin, localLauncherWarning } from "../core/run/hydra_values.ts";
import { checkCreatable, readStatus, runDirKey, writeAtomic } from "../core/run/write.ts";
import {
  checkDistinctDirs,
  checkNoneRunning,
  checkResumable,
  checkSameJob,
  renamedLogWarning,
  replacedJobWarning,
  resumesNothing,
  sweepKeyReadsClock,
  tasksScatter,
} from "../core/run/dir_checks.ts";
import { Exit } from "./failure.ts";
import { writeErr, writeOut } from "./output.ts";
import { summary } from "./run_report.ts";
import { projectSettings } from "./settings.ts";
import { opaqueOnce, warnUnresolvedOnce } from "./unresolved.ts";
import type { RunOpts } from "./run.ts";
import { withJsonHint } from "./show_hints.ts";
import { showCfg } from "./show.ts";
import { infoTopic, showInfo, showPlugins } from "./show_info.ts";
import { checkShowFlags } from "./show_options.ts";
import {
  commandOf,
  pinnedOverrides,
  resolvedProgram,
  stdinText,
  usage,
  warnSweepOnly,
} from "./run_argv.ts";
import { launch, launchJob } from "./run_launch.ts";
import { clockNow } from "../core/strftime.ts";
import {
  configNameNote,
  configRunDir,
  defaultConfigNote,
  modeNote,
  runDirNote,
} from "../core/run/overrides_note.ts";
import { tasksShuffle } from "../core/run/task_shuffle.ts";
import { searchPathDirs } from "../core/run/config_file.ts";

/** A signal stopped the jobs: 128 + its number, as a shell reports a process it killed (130 for Ctrl-C). */
const exitInterrupted = (signal = 2) => 128 + signal;
const EXIT_STDOUT_GONE = Exit.StdoutGone;

/**
 * Runs the jobs `opts` describe (or prints what `--cfg`/`--info` ask for);
 * sets `Deno.exitCode` from the jobs' outcome.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["run", "-d", "conf", "--", "python", "train.py"], { from: "user" });
 * ```
 */
export async function runAction(
  overrideArgs: string[],
  opts: RunOpts,
  cmd: { parent: unknown; getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  checkShowFlags("run", opts);
  const command = commandOf(cmd);
  const overrides = overrideArgs.slice(0, overrideArgs.length - command.length);
  if (command.length === 0 && opts.cfg === undefined && opts.info === undefined) {
    commandWithoutDashes(overrides);
  }
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(
      cmd,
      opts,
      opts.resolvers ?? [],
    );
  const options: RunOptions = {
    configDir,
    configName,
    configNameAt,
    versionBase,
    searchPath,
    overrides,
    fromShell: true,
    link: opts.link,
    jobName: opts.jobName ?? scriptStem(command) ?? configJobName(configName),
    // one clock reading for the run: its dirs, hydra.job and the config format one `${now:...}`
    now: opts.now ?? clockNow(),
    resolvers,
    opaqueResolvers: settings.opaqueResolvers,
    // -c/--info print and write no config.yaml: what it would keep as written is not said
    ...(opts.cfg === undefined && opts.info === undefined
      ? { onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers, "run") }
      : {}),
  };
  // Hydra lists its plugins without composing
  if (opts.info !== undefined && infoTopic(opts.info) === "plugins") return writeOut(showPlugins());
  // Hydra's _run_app: a hydra.mode the config or an override sets decides
  // (MULTIRUN runs a sweep without -m), and Hydra appends hydra.mode=... to
  // the overrides only when it is unset, or RUN under --multirun.
  const mode = configuredMode(options, opts.multirun === true);
  const sweep = opts.multirun || opts.jobIndex !== undefined || mode === "MULTIRUN";
  options.appendMode = mode === null || (sweep && mode === "RUN");
  if (opts.multirun && mode === "RUN") {
    writeErr(
      formatWarning("hydra.mode is RUN: running the sweep of --multirun with hydra.mode=MULTIRUN"),
    );
  }
  if (!sweep) warnSweepOnly(cmd);
  const pinned = opts.jobOverrides === undefined
    ? undefined
    : pinnedOverrides(opts.jobOverrides, await stdinText(opts.jobOverrides));
  if (pinned && opts.jobIndex === undefined) throw usage("--job-overrides needs --job-index");
  const unpinned = pinned ? unpinnedOverrides(overrides, pinned) : [];
  if (unpinned.length > 0) {
    writeErr(formatWarning(
      `${unpinned.map((o) => `'${o}'`).join(", ")} ${
        unpinned.length === 1 ? "is" : "are"
      } not applied: --job-overrides pins the job's overrides, and the command line's only ` +
        "shape the sweep (hydra.* and sweeps); add it to --job-overrides",
    ));
  }
  if (opts.cfg !== undefined || opts.info !== undefined) {
    // a manifest's task (--job-index) prints its job's config, as that job runs it
    const c = !sweep
      ? planRun(options).composition
      : opts.jobIndex === undefined
      ? planMultirun(options).master
      : jobComposition(planMultirun(options), opts.jobIndex, pinned);
    for (const line of warningLines(c.warningsAt)) writeErr(line);
    warnJobNameKept(c, opts.jobName, options);
    if (opts.info !== undefined) {
      const tree = defaultsTree({ ...options, multirun: sweep });
      writeOut(showInfo(infoTopic(opts.info), tree, c));
    } else {
      // the hints compose gives the same errors (a hydra value reading a job key, ...)
      writeOut(withJsonHint(
        opts.cfg ?? "job",
        () =>
          showCfg(c, {
            ...opts,
            cfg: opts.cfg ?? "job",
            resolvers,
            opaque: settings.opaqueResolvers,
            onOpaque: opaqueOnce(),
            now: options.now,
          }),
        opts.resolve ? c.config : undefined,
        c.warningsAt,
        { json: false, pkg: opts.package },
      ));
    }
    return;
  }
  if (command.length === 0) {
    throw usage(
      "missing the command to run: strata run [options] [overrides...] -- CMD [ARGS...]",
    );
  }
  const argv = resolvedProgram(command);
  Deno.exitCode = sweep
    ? await runSweep(options, argv, { ...opts, pinned })
    : await runSingle(options, argv, opts.quiet, opts.jobName);
}

/** Job `index` of the sweep composed (pinned: a manifest's overrides), its range checked. */
function jobComposition(
  plan: ReturnType<typeof planMultirun>,
  index: number,
  pinned: string[] | undefined,
): Composition {
  checkJobIndex(plan, index, pinned);
  return plan.composition(index, pinned);
}

/** `--job-index` within the sweep; a pinned job is the manifest's: the sweep's count now does not matter. */
function checkJobIndex(
  plan: ReturnType<typeof planMultirun>,
  index: number,
  pinned: readonly string[] | undefined,
): void {
  if (!pinned && index >= plan.count) {
    throw usage(`--job-index ${index} is out of range: the sweep has ${plan.count} jobs`);
  }
}

/** `--job-name` that the config's own hydra.job.name outranks, as in Hydra: said, at that name. */
function warnJobNameKept(c: Composition, given: string | undefined, options: RunOptions): void {
  const w = given === undefined
    ? undefined
    : jobNameKeptWarning(c, given, options.now!, options.resolvers);
  if (w) writeErr(w);
}

async function runSingle(
  options: RunOptions,
  argv: string[],
  quiet: boolean,
  given: string | undefined,
): Promise<number> {
  const plan = planRun(options);
  // what Hydra warns of while composing (a primary without `_self_`), as compose prints it
  for (const line of warningLines(plan.composition.warningsAt)) writeErr(line);
  warnJobNameKept(plan.composition, given, options);
  const callbacks = callbacksWarning(plan.composition);
  if (callbacks) writeErr(callbacks);
  // as run -m says it: a Hydra app given no {overrides} runs its default config, not the
  // overridden one the run dir records
  const note = plan.overrides.length > 0 ? defaultConfigNote(argv, plan.overrides) : undefined;
  if (note) writeErr(note);
  const named = configNameNote(argv, options.configName);
  if (named) writeErr(named);
  // (a single run's {overrides} hands on a hydra.run.dir given to strata)
  const runDir = runDirNote(argv, options.overrides, configRunDir(plan.composition.hydra));
  if (runDir) writeErr(runDir);
  // a run whose dir holds a job still running (a run started the same second, or a fixed
  // hydra.run.dir) would replace the files that job reads: refused, as a sweep's (checker y3)
  checkNoneRunning([{ num: null, dir: plan.dir }], false);
  checkCreatable(plan.dir, runDirKey(null), hydraOrigin(plan.composition, "run.dir"));
  const job = launchJob({ ...plan, full: () => plan }, argv, {
    configDirs: searchPathDirs(options, plan.composition),
    setAt: hydraOrigin(plan.composition, "run.dir"),
  });
  const { results, interrupted, stoppedBy, stdoutGone } = await launch([job], {
    parallel: 1,
    failFast: false,
    quiet,
    sweep: false,
  });
  if (stdoutGone) return EXIT_STDOUT_GONE;
  if (interrupted) return exitInterrupted(stoppedBy);
  return results[0].code;
}

async function runSweep(
  options: RunOptions,
  argv: string[],
  opts: {
    jobs: number;
    jobIndex?: number;
    jobName?: string;
    pinned?: string[];
    failFast: boolean;
    quiet: boolean;
    resume: boolean;
    /** `--now` as given (undefined: the clock's). */
    now?: unknown;
  },
): Promise<number> {
  const plan = planMultirun(options);
  // a task of a manifest (--job-index) runs one job: the sweep's warnings are the manifest's
  if (opts.jobIndex === undefined) {
    for (const w of plan.warnings) writeErr(w);
    warnJobNameKept(plan.master, opts.jobName, options);
    // `-m launcher=slurm` would otherwise run every GPU job here, one after another
    const launcher = localLauncherWarning(plan.master);
    if (launcher) writeErr(launcher);
    const callbacks = callbacksWarning(plan.master);
    if (callbacks) writeErr(callbacks);
    // as sweep -f slurm says it: a Hydra app given no {overrides} runs its default config
    const note = defaultConfigNote(argv);
    if (note) writeErr(note);
    const named = configNameNote(argv, options.configName);
    if (named) writeErr(named);
    const runDir = runDirNote(argv, [], configRunDir(plan.master.hydra));
    if (runDir) writeErr(runDir);
    const mode = modeNote(argv, plan.master.configMode);
    if (mode) writeErr(mode);
  }
  const indices = opts.jobIndex === undefined
    ? Array.from({ length: plan.count }, (_, i) => i)
    : [opts.jobIndex];
  if (opts.jobIndex !== undefined) checkJobIndex(plan, opts.jobIndex, opts.pinned);
  // Every job is composed and its run dir resolved and checked before any
  // job starts (a dir that cannot be created writes nothing); what it needs
  // to start is composed again when it starts (PlannedJob).
  const plans = indices.map((i) => plan.check(i, opts.pinned));
  // (once the job composes: a job that fails says its error alone)
  if (opts.jobIndex !== undefined && opts.now === undefined) {
    const scatter = tasksScatter(plan.master);
    if (scatter) writeErr(scatter);
  }
  if (opts.jobIndex !== undefined && opts.pinned === undefined) {
    const shuffled = tasksShuffle(options.overrides ?? [], plan.master);
    if (shuffled) writeErr(shuffled);
  }
  if (opts.jobIndex === undefined) { for (const w of plan.jobWarnings) writeErr(w); }
  const batched = opts.jobIndex === undefined && plan.batchCount > 1;
  const batchOf = batched ? plan.batchOf : undefined;
  const clock = sweepKeyReadsClock(plan.master, "subdir");
  const subdirSetAt = hydraOrigin(plan.master, "sweep.subdir");
  for (const warning of checkDistinctDirs(plans, opts.jobs, batchOf, clock, subdirSetAt)) {
    writeErr(warning);
  }
  if (opts.resume) {
    checkResumable(plans);
    for (const p of plans) checkSameJob(p);
  } else if (opts.jobIndex !== undefined) {
    for (const p of plans) {
      const replaced = replacedJobWarning(p);
      if (replaced) writeErr(replaced);
    }
  }
  // checked before multirun.yaml is written there
  const nothing = opts.resume ? resumesNothing(plan, opts.now !== undefined) : undefined;
  if (nothing) writeErr(nothing);
  checkNoneRunning(plans, opts.resume === true);
  const todo = opts.resume ? plans.filter((p) => readStatus(p.dir)?.state !== "done") : plans;
  const renamed = opts.resume ? renamedLogWarning(todo) : undefined;
  if (renamed) writeErr(renamed);
  // where the dirs were set (the master's, as a job's hydra overrides are the sweep's)
  const sweepDirAt = hydraOrigin(plan.master, "sweep.dir");
  const subdirAt = hydraOrigin(plan.master, "sweep.subdir");
  checkCreatable(plan.sweepDir, "hydra.sweep.dir", sweepDirAt);
  for (const p of todo) checkCreatable(p.dir, runDirKey(p.num), subdirAt);
  // a narrower sweep resumed in the dir of a wider one: its other jobs stay, unnamed by
  // multirun.yaml (checker x44)
  const stray = opts.resume && opts.jobIndex === undefined
    ? strayJobDirs(plan.sweepDir, plans.map((p) => p.dir))
    : [];
  if (stray.length > 0) {
    const shown = stray.slice(0, 5).join(", ") + (stray.length > 5 ? ", ..." : "");
    writeErr(
      `[strata] --resume: ${stray.length} job dir${stray.length === 1 ? "" : "s"} in ` +
        `${plan.sweepDir} ${stray.length === 1 ? "is" : "are"} no job of this sweep (${shown}): ` +
        `left as ${stray.length === 1 ? "it is" : "they are"}; multirun.yaml now describes ` +
        "this sweep",
    );
  }
  const multirunYaml = join(plan.sweepDir, "multirun.yaml");
  writeAtomic(multirunYaml, plan.multirunYaml, "hydra.sweep.dir", sweepDirAt);
  if (opts.resume && todo.length === 0 && plans.length > 0) {
    // nothing to launch: no `Launching 0 jobs`, no summary of 0 jobs
    const which = opts.jobIndex === undefined
      ? plans.length === 1 ? "its one job" : `all ${plans.length} jobs`
      : `job #${opts.jobIndex}`;
    writeErr(`[strata] --resume: ${which} already done in ${plan.sweepDir}, nothing to launch`);
    return 0;
  }
  if (opts.resume && todo.length < plans.length) {
    writeErr(
      `[strata] --resume: ${plans.length - todo.length} of ${plans.length} jobs already done`,
    );
  }
  // as Hydra's launcher, once per batch: `Launching N jobs locally`, then its jobs
  const overridesOf = new Map(todo.map((p) => [p.num, (p.logged ?? p.overrides).join(" ")]));
  // a job's dir is elsewhere when hydra.sweep.dir reads a swept value: the one dir would mislead
  const inSweepDir = (j: LaunchJob) =>
    j.dir === plan.sweepDir || j.dir.startsWith(plan.sweepDir + "/");
  // a manifest's task (a SLURM array task, a pod, a runner) runs its one job where it is
  const launching = (jobs: readonly LaunchJob[]) =>
    opts.jobIndex === undefined
      ? `Launching ${jobs.length} jobs locally`
      : `Running job #${jobs[0].num} of the sweep`;
  const batchLines = (jobs: readonly LaunchJob[]) => [
    `[strata] ${launching(jobs)} ${
      jobs.every(inSweepDir)
        ? `in ${plan.sweepDir}`
        : jobs.length === 1
        ? `in ${dirname(jobs[0].dir)}`
        : plan.subdirAbsolute
        ? `in ${plan.sweepDir}, their run dirs where hydra.sweep.subdir puts them (an absolute path)`
        : "in their own sweep dirs (hydra.sweep.dir reads a swept value)"
    }`,
    ...jobs.map((j) => `[strata] \t#${j.num} : ${overridesOf.get(j.num)}`),
  ];
  const batches = opts.jobIndex === undefined ? plan.batchCount : 1;
  const source = { configDirs: searchPathDirs(options, plan.master), setAt: subdirAt };
  // one job at a time reads strata's stdin, as Hydra's BasicLauncher's jobs read the app's
  const stdin = opts.jobs === 1 || opts.jobIndex !== undefined ? "inherit" : "null";
  const launched = await launch(todo.map((p) => launchJob(p, argv, source, stdin)), {
    parallel: opts.jobs,
    failFast: opts.failFast,
    quiet: opts.quiet,
    // a manifest's task runs one job: its output goes to the scheduler's log as is, no `[#N] `
    sweep: opts.jobIndex === undefined,
    batchOf,
    batchLines,
  });
  const { results, interrupted, stoppedBy, stdoutGone, lastBatch, stopReason } = launched;
  if (lastBatch !== undefined) {
    writeErr(
      `[strata] batch ${lastBatch + 1} of ${batches} (hydra.sweeper.max_batch_size) had a ` +
        `failed job: the later batches do not run, as with Hydra's BasicSweeper`,
    );
  }
  writeErr(summary(results, todo.length, stopReason, plans.length - todo.length));
  if (stdoutGone) return EXIT_STDOUT_GONE;
  if (interrupted) return exitInterrupted(stoppedBy);
  if (opts.jobIndex !== undefined) return results[0]?.code ?? 0;
  return results.length === todo.length && results.every((r) => r.state === "done") ? 0 : 1;
}

/**
 * `strata run python train.py`: the command was given without `--` before it, so its words
 * are read as overrides. The parse error of the first says so, and how to write it.
 */
function commandWithoutDashes(overrides: string[]): void {
  // a bare word is no override (`~key` is one: a deletion)
  const bare = overrides.findIndex((o) => !o.includes("=") && !o.startsWith("~"));
  if (bare < 0) return;
  try {
    parseOverrides(overrides);
  } catch (e) {
    if (!isStrataError(e)) throw e;
    const line = ["strata run", ...overrides.slice(0, bare).map(shQuote), "--"]
      .concat(overrides.slice(bare).map(shQuote)).join(" ");
    throw new StrataError(e.code, e.message, {
      ...e,
      related: [...e.related, { message: `the command to run goes after --: ${line}`, origin: {} }],
    });
  }
}
