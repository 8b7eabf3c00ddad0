/**
 * What `strata run` does once its arguments are parsed (./run.ts defines the
 * command): compose, write Hydra's run directories and run CMD once per job,
 * N at a time.
 *
 * @module
 */

import { isAbsolute, join } from "../core/path.ts";
import { defaultsTree } from "../core/compose/compose.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import {
  configJobName,
  expandCommand,
  jobProcessEnv,
  scriptIndex,
  scriptStem,
} from "../core/run/command.ts";
import { type JobResult, Launcher, type LaunchJob } from "../core/run/launch.ts";
import {
  configuredMode,
  planMultirun,
  type PlannedJob,
  planRun,
  type RunOptions,
} from "../core/run/plan.ts";
import { findProgram } from "../core/run/process.ts";
import {
  checkCreatable,
  checkDistinctDirs,
  checkSameJob,
  readStatus,
  resumesNothing,
  runDirKey,
  writeAtomic,
  writeJobDir,
} from "../core/run/write.ts";
import { Exit } from "./failure.ts";
import { writeErr, writeOut } from "./output.ts";
import { Reporter, summary } from "./run_report.ts";
import { projectSettings } from "./settings.ts";
import { readStdin } from "./stdin.ts";
import { warnUnresolvedOnce } from "./unresolved.ts";
import type { RunOpts } from "./run.ts";
import { infoTopic, showCfg, showInfo } from "./show.ts";

const EXIT_INTERRUPTED = 130;
const EXIT_STDOUT_GONE = Exit.StdoutGone;

function usage(message: string): StrataError {
  return new StrataError(ErrorCode.Usage, message);
}

/**
 * The part of argv after `--`: the job's command line. commander hands it to
 * the action mixed into the overrides; the program's raw argv (commander's
 * `rawArgs`, untyped in extra-typings) says where it starts.
 */
function commandOf(cmd: { parent: unknown }): string[] {
  const raw = (cmd.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const dash = raw.indexOf("--");
  return dash < 0 ? [] : raw.slice(dash + 1);
}

/**
 * The program to run, checked before anything is written. The program and
 * the script it runs are made absolute when they are relative paths that
 * exist, so that `hydra.job.chdir` (the job runs in its run dir) does not
 * change what they name: Python reads its script before Hydra changes
 * directory.
 */
function resolvedProgram(argv: string[]): string[] {
  const cwd = Deno.cwd();
  const program = findProgram(argv[0], cwd);
  if (program === null) {
    throw usage(`cannot run '${argv[0]}': no such program (not found on PATH or not executable)`);
  }
  const out = [argv[0].includes("/") ? program : argv[0], ...argv.slice(1)];
  const script = scriptIndex(argv);
  if (script > 0 && !isAbsolute(out[script]) && isFile(join(cwd, out[script]))) {
    out[script] = join(cwd, out[script]);
  }
  // A launcher's script (`torchrun --nproc_per_node 2 train.py`, `accelerate
  // launch train.py`, `python -m torch.distributed.run train.py`) is read
  // where the launcher starts too: a Python file of this directory is named
  // absolutely, as its script is.
  for (let i = 1; i < out.length; i++) {
    const a = out[i];
    if (i === script || !a.endsWith(".py") || a.startsWith("-") || a.includes("=")) continue;
    if (!isAbsolute(a) && isFile(join(cwd, a))) out[i] = join(cwd, a);
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** A job to launch; its whole plan (`full`) is made when it starts. */
function launchJob(job: PlannedJob, argv: string[]): LaunchJob {
  const num = job.num ?? 0;
  return {
    num,
    dir: job.dir,
    log: join(job.dir, `${job.jobName}.log`),
    prepare() {
      const plan = job.full();
      const config = writeJobDir(plan);
      const { env, overridesTooLong } = jobProcessEnv(Deno.env.toObject(), Deno.cwd(), {
        config,
        hash: plan.configHash,
        runDir: plan.dir,
        num,
        id: String(num),
        overrides: plan.overrides,
        argv,
        chdir: plan.chdir,
        extra: plan.env,
      });
      if (overridesTooLong !== undefined) {
        writeErr(
          `warning: job #${num}: its overrides take ${overridesTooLong} bytes, more than ` +
            `an environment variable can hold; STRATA_JOB_OVERRIDES is not set ` +
            `(they are in ${join(plan.dir, ".hydra", "overrides.yaml")})`,
        );
      }
      return {
        argv: expandCommand(argv, {
          overrides: plan.overrides,
          hydraOverrides: plan.hydraOverrides,
          runDir: plan.dir,
          num,
        }),
        cwd: plan.chdir ? plan.dir : Deno.cwd(),
        env,
        stdin: plan.num === null ? "inherit" : "null",
      };
    },
  };
}

/** How a launch ended, besides its jobs' results. */
interface Launched {
  results: JobResult[];
  /** Ctrl-C, SIGTERM or SIGHUP stopped it. */
  interrupted: boolean;
  /** stdout's reader went away (`strata run ... | head`): exit 141, as a Unix tool would. */
  stdoutGone: boolean;
  /** Why strata stopped running jobs on its own (stdout gone, --fail-fast), if it did. */
  stopReason: string | undefined;
  /** The batch whose failure kept the later ones from starting, if any. */
  lastBatch?: number;
}

async function launch(
  jobs: LaunchJob[],
  opts: {
    parallel: number;
    failFast: boolean;
    quiet: boolean;
    sweep: boolean;
    batchOf?: (num: number) => number;
    batchLines?: (jobs: readonly LaunchJob[]) => string[];
  },
): Promise<Launched> {
  let interrupted = false;
  const reporter = new Reporter({
    total: jobs.length,
    prefix: opts.sweep,
    quiet: opts.quiet,
    live: opts.sweep && Deno.stderr.isTerminal(),
    batchLines: opts.batchLines,
    // the jobs are stopped and recorded, as on Ctrl-C
    onStdoutGone: () => launcher.stop("SIGTERM"),
  });
  const launcher = new Launcher(
    { parallel: opts.parallel, failFast: opts.failFast, batchOf: opts.batchOf },
    reporter,
  );
  // Ctrl-C is forwarded as SIGINT (the jobs run in sessions of their own, out
  // of the terminal's reach); SIGTERM and SIGHUP (the terminal closed, ssh
  // dropped) stop them with SIGTERM. Either way, SIGKILL after the grace time.
  const listeners: [Deno.Signal, () => void][] = [
    ["SIGINT", () => {
      interrupted = true;
      launcher.stop("SIGINT");
    }],
    ["SIGTERM", () => {
      interrupted = true;
      launcher.stop("SIGTERM");
    }],
    ["SIGHUP", () => {
      interrupted = true;
      launcher.stop("SIGTERM");
    }],
  ];
  for (const [sig, f] of listeners) Deno.addSignalListener(sig, f);
  try {
    const results = await launcher.run(jobs);
    reporter.close();
    return {
      results,
      interrupted,
      stdoutGone: reporter.stdoutGone,
      stopReason: reporter.stopReason,
      lastBatch: launcher.lastBatch,
    };
  } finally {
    for (const [sig, f] of listeners) Deno.removeSignalListener(sig, f);
  }
}

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
  const command = commandOf(cmd);
  const overrides = overrideArgs.slice(0, overrideArgs.length - command.length);
  const { configDir, configName, resolvers, settings } = await projectSettings(
    cmd,
    opts,
    opts.resolvers ?? [],
  );
  const options: RunOptions = {
    configDir,
    configName,
    searchPath: opts.searchPath ?? [],
    overrides,
    link: opts.link,
    jobName: opts.jobName ?? scriptStem(command) ?? configJobName(configName),
    now: opts.now,
    resolvers,
    onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers),
  };
  // Hydra's _run_app: a hydra.mode the config or an override sets decides
  // (MULTIRUN runs a sweep without -m), and Hydra appends hydra.mode=... to
  // the overrides only when it is unset, or RUN under --multirun.
  const mode = configuredMode(options);
  const sweep = opts.multirun || opts.jobIndex !== undefined || mode === "MULTIRUN";
  options.appendMode = mode === null || (sweep && mode === "RUN");
  if (opts.multirun && mode === "RUN") {
    writeErr(
      "warning: hydra.mode is RUN: running the sweep of --multirun with hydra.mode=MULTIRUN",
    );
  }
  if (!sweep) warnSweepOnly(cmd);
  if (opts.cfg !== undefined || opts.info !== undefined) {
    const c = sweep ? planMultirun(options).master : planRun(options).composition;
    if (opts.info !== undefined) {
      const tree = defaultsTree({ ...options, multirun: sweep });
      writeOut(showInfo(infoTopic(opts.info), tree, c));
    } else writeOut(showCfg(c, { ...opts, cfg: opts.cfg ?? "job", resolvers }));
    return;
  }
  if (command.length === 0) {
    throw usage(
      "missing the command to run: strata run [options] [overrides...] -- CMD [ARGS...]",
    );
  }
  const pinned = opts.jobOverrides === undefined
    ? undefined
    : pinnedOverrides(opts.jobOverrides, await stdinText(opts.jobOverrides));
  if (pinned && opts.jobIndex === undefined) throw usage("--job-overrides needs --job-index");
  const argv = resolvedProgram(command);
  Deno.exitCode = sweep
    ? await runSweep(options, argv, { ...opts, pinned })
    : await runSingle(options, argv, opts.quiet);
}

/** The options that only a sweep reads, as `--help` names them, by commander's key. */
const SWEEP_ONLY: [string, string][] = [
  ["jobs", "-j/--jobs"],
  ["failFast", "--fail-fast"],
  ["resume", "--resume"],
];

/**
 * Warns of sweep-only options given to a single run: it would ignore them. A
 * warning, not a usage error: the run still does what was asked, and Hydra
 * ignores `hydra.launcher.n_jobs` outside a multirun the same way, so a
 * script that passes `-j` with or without `-m` keeps working.
 */
function warnSweepOnly(cmd: { getOptionValueSource(key: string): string | undefined }): void {
  const given = SWEEP_ONLY.filter(([key]) => {
    const source = cmd.getOptionValueSource(key);
    return source !== undefined && source !== "default";
  }).map(([, flag]) => flag);
  if (given.length === 0) return;
  writeErr(
    `warning: ${given.join(", ")} ${given.length > 1 ? "apply" : "applies"} to a sweep only ` +
      "(-m, --job-index or hydra.mode=MULTIRUN): this run is a single job and ignores " +
      (given.length > 1 ? "them" : "it"),
  );
}

/** `--job-overrides @-`: stdin's text, read whole (as curl's `@-`); else undefined. */
async function stdinText(value: string): Promise<string | undefined> {
  if (value !== "@-") return undefined;
  try {
    return new TextDecoder().decode(await readStdin());
  } catch (e) {
    throw usage(`--job-overrides: cannot read stdin: ${(e as Error).message}`);
  }
}

/**
 * `--job-overrides`: a JSON array of strings, or `@FILE` holding one (a
 * Kubernetes pod's projected ConfigMap entry), or `@-` (`stdin`: its text).
 */
function pinnedOverrides(value: string, stdin: string | undefined): string[] {
  let text = stdin ?? value;
  if (stdin === undefined && value.startsWith("@")) {
    try {
      text = Deno.readTextFileSync(value.slice(1));
    } catch (e) {
      throw usage(`--job-overrides: cannot read '${value.slice(1)}': ${(e as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((o) => typeof o === "string")) {
    throw usage(
      `--job-overrides must be a JSON array of strings (or @FILE holding one), got '${
        text.length > 200 ? text.slice(0, 200) + "…" : text
      }'`,
    );
  }
  return parsed;
}

async function runSingle(options: RunOptions, argv: string[], quiet: boolean): Promise<number> {
  const plan = planRun(options);
  checkCreatable(plan.dir, runDirKey(null));
  const job = launchJob({ ...plan, full: () => plan }, argv);
  const { results, interrupted, stdoutGone } = await launch([job], {
    parallel: 1,
    failFast: false,
    quiet,
    sweep: false,
  });
  if (stdoutGone) return EXIT_STDOUT_GONE;
  if (interrupted) return EXIT_INTERRUPTED;
  return results[0].code;
}

async function runSweep(
  options: RunOptions,
  argv: string[],
  opts: {
    jobs: number;
    jobIndex?: number;
    pinned?: string[];
    failFast: boolean;
    quiet: boolean;
    resume: boolean;
  },
): Promise<number> {
  const plan = planMultirun(options);
  const indices = opts.jobIndex === undefined
    ? Array.from({ length: plan.count }, (_, i) => i)
    : [opts.jobIndex];
  // A pinned job is the manifest's: the sweep's count now does not matter.
  if (opts.jobIndex !== undefined && !opts.pinned && opts.jobIndex >= plan.count) {
    throw usage(`--job-index ${opts.jobIndex} is out of range: the sweep has ${plan.count} jobs`);
  }
  // Every job is composed and its run dir resolved and checked before any
  // job starts (a dir that cannot be created writes nothing); what it needs
  // to start is composed again when it starts (PlannedJob).
  const plans = indices.map((i) => plan.check(i, opts.pinned));
  const batched = opts.jobIndex === undefined && plan.batchCount > 1;
  const batchOf = batched ? plan.batchOf : undefined;
  for (const warning of checkDistinctDirs(plans, opts.jobs, batchOf)) writeErr(warning);
  if (opts.resume) { for (const p of plans) checkSameJob(p); }
  // checked before multirun.yaml is written there
  const nothing = opts.resume ? resumesNothing(plan) : undefined;
  if (nothing) writeErr(nothing);
  const todo = opts.resume ? plans.filter((p) => readStatus(p.dir)?.state !== "done") : plans;
  checkCreatable(plan.sweepDir, "hydra.sweep.dir");
  for (const p of todo) checkCreatable(p.dir, runDirKey(p.num));
  writeAtomic(join(plan.sweepDir, "multirun.yaml"), plan.multirunYaml, "hydra.sweep.dir");
  if (opts.resume && todo.length < plans.length) {
    writeErr(
      `[strata] --resume: ${plans.length - todo.length} of ${plans.length} jobs already done`,
    );
  }
  // as Hydra's launcher, once per batch: `Launching N jobs locally`, then its jobs
  const overridesOf = new Map(todo.map((p) => [p.num, p.overrides.join(" ")]));
  const batchLines = (jobs: readonly LaunchJob[]) => [
    `[strata] Launching ${jobs.length} jobs locally in ${plan.sweepDir}`,
    ...jobs.map((j) => `[strata] \t#${j.num} : ${overridesOf.get(j.num)}`),
  ];
  const batches = opts.jobIndex === undefined ? plan.batchCount : 1;
  const launched = await launch(todo.map((p) => launchJob(p, argv)), {
    parallel: opts.jobs,
    failFast: opts.failFast,
    quiet: opts.quiet,
    sweep: true,
    batchOf,
    batchLines,
  });
  const { results, interrupted, stdoutGone, lastBatch, stopReason } = launched;
  if (lastBatch !== undefined) {
    writeErr(
      `[strata] batch ${lastBatch + 1} of ${batches} (hydra.sweeper.max_batch_size) had a ` +
        `failed job: the later batches do not run, as with Hydra's BasicSweeper`,
    );
  }
  writeErr(summary(results, todo.length, stopReason));
  if (stdoutGone) return EXIT_STDOUT_GONE;
  if (interrupted) return EXIT_INTERRUPTED;
  // With --resume, job I may be done already: nothing ran, nothing failed.
  if (opts.jobIndex !== undefined) return results[0]?.code ?? 0;
  return results.length === todo.length && results.every((r) => r.state === "done") ? 0 : 1;
}
