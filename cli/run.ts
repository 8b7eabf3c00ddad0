/**
 * `strata run [-m] [overrides...] -- CMD [ARGS...]`: compose, write Hydra's
 * run directories (`.hydra/config.yaml`, `overrides.yaml`, `hydra.yaml`,
 * `multirun.yaml`) and run CMD once per job, N at a time. `--job-index I`
 * runs job I of the sweep alone (a SLURM array task, a Kubernetes indexed pod).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { isAbsolute, join } from "node:path";
import { defaultsTree } from "../core/compose/compose.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { expandCommand, jobEnvironment, scriptIndex, scriptStem } from "../core/run/command.ts";
import { type JobResult, Launcher, type LaunchJob } from "../core/run/launch.ts";
import { type JobPlan, planMultirun, planRun, type RunOptions } from "../core/run/plan.ts";
import { linkOption } from "./sweep.ts";
import { findProgram } from "../core/run/process.ts";
import { readStatus, writeAtomic, writeJobDir } from "../core/run/write.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeErr, writeOut } from "./output.ts";
import { Reporter, summary } from "./run_report.ts";
import { infoTopic, showCfg, showInfo, showOptions } from "./show.ts";

const RUN_EXAMPLES = `
Examples:
  strata run -d conf -- python train.py                 one run in outputs/<date>/<time>/
  strata run -d conf -m lr=1e-4,1e-3 model=a,b -j 2 -- python train.py
                                                        4 jobs, 2 at a time, in multirun/<date>/<time>/<n>/
  strata run -cd conf -cn config -m db=mysql,postgresql -- python my_app.py {overrides} hydra.run.dir={run_dir}
                                                        an existing Hydra app, launched as is
  strata run -d conf --job-index $SLURM_ARRAY_TASK_ID hydra.sweep.dir=sweep lr=1e-4,1e-3 -- ./train.sh
                                                        job I of the sweep only (array tasks)
  strata run -d conf -m hydra.sweep.dir=sweep lr=1,2,3 --resume -- python train.py
                                                        rerun only the jobs not finished

The job gets STRATA_CONFIG (its resolved config.yaml), STRATA_CONFIG_HASH, STRATA_RUN_DIR,
STRATA_JOB_NUM and STRATA_JOB_ID; CMD may use {overrides}, {run_dir} and {job_num}.`;

const EXIT_INTERRUPTED = 130;

function usage(message: string): StrataError {
  return new StrataError(ErrorCode.Usage, message);
}

function count(name: string, min: number) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim()) || Number(v) < min) {
      throw usage(`${name} must be an integer >= ${min}, got '${v}'`);
    }
    return Number(v);
  };
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
  return out;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function launchJob(plan: JobPlan, argv: string[]): LaunchJob {
  const num = plan.num ?? 0;
  return {
    num,
    dir: plan.dir,
    log: join(plan.dir, `${plan.jobName}.log`),
    prepare() {
      const config = writeJobDir(plan);
      return {
        argv: expandCommand(argv, { overrides: plan.overrides, runDir: plan.dir, num }),
        cwd: plan.chdir ? plan.dir : Deno.cwd(),
        env: {
          ...Deno.env.toObject(),
          ...plan.env,
          ...jobEnvironment({
            config,
            hash: plan.configHash,
            runDir: plan.dir,
            num,
            id: String(num),
          }),
        },
        stdin: plan.num === null ? "inherit" : "null",
      };
    },
  };
}

async function launch(
  jobs: LaunchJob[],
  opts: { parallel: number; failFast: boolean; quiet: boolean; sweep: boolean },
): Promise<{ results: JobResult[]; interrupted: boolean }> {
  const reporter = new Reporter({
    total: jobs.length,
    prefix: opts.sweep,
    quiet: opts.quiet,
    live: opts.sweep && Deno.stderr.isTerminal(),
  });
  const launcher = new Launcher({ parallel: opts.parallel, failFast: opts.failFast }, reporter);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    launcher.stop();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  try {
    const results = await launcher.run(jobs);
    reporter.close();
    return { results, interrupted };
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
}

/**
 * Registers the `run` command on the program.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["run", "-d", "conf", "--", "python", "train.py"], { from: "user" });
 * ```
 */
export function registerRun(program: Command): void {
  const [cfg, resolve, pkg, info] = showOptions();
  program
    .command("run")
    .description("write Hydra's run directories and run a command in each (-m: a sweep)")
    .usage("[options] [overrides...] -- CMD [ARGS...]")
    .argument("[overrides...]", "overrides (sweeps with -m): lr=1e-4,1e-3 model=glob(*)")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
    .option("-m, --multirun", "run every job of the sweep the overrides describe", false)
    .addOption(linkOption())
    .addOption(
      new Option("-j, --jobs <n>", "jobs at a time").argParser(count("--jobs", 1)).default(1),
    )
    .addOption(
      new Option("--job-index <i>", "run only job I of the sweep (0-based; SLURM array index)")
        .argParser(count("--job-index", 0)),
    )
    .option(
      "--job-name <name>",
      "hydra.job.name (default: the script's stem, else the config name)",
    )
    .option("-q, --quiet", "do not echo the jobs' output (it is still in each job's log)", false)
    .option("--fail-fast", "stop every job after the first failure", false)
    .option("--resume", "run only the jobs of the sweep dir that have not finished", false)
    .addOption(cfg)
    .addOption(resolve)
    .addOption(pkg)
    .addOption(info)
    .addHelpText("after", RUN_EXAMPLES)
    .action(async (overrideArgs, opts, cmd) => {
      const command = commandOf(cmd);
      const overrides = overrideArgs.slice(0, overrideArgs.length - command.length);
      const sweep = opts.multirun || opts.jobIndex !== undefined;
      const options: RunOptions = {
        configDir: opts.configDir,
        configName: opts.configName,
        searchPath: opts.searchPath ?? [],
        overrides,
        link: opts.link,
        jobName: opts.jobName ?? scriptStem(command) ?? opts.configName,
      };
      if (opts.cfg !== undefined || opts.info !== undefined) {
        const c = sweep ? planMultirun(options).master : planRun(options).composition;
        if (opts.info !== undefined) {
          const tree = defaultsTree({ ...options, multirun: sweep });
          writeOut(showInfo(infoTopic(opts.info), tree, c));
        } else writeOut(showCfg(c, { ...opts, cfg: opts.cfg ?? "job" }));
        return;
      }
      if (command.length === 0) {
        throw usage(
          "missing the command to run: strata run [options] [overrides...] -- CMD [ARGS...]",
        );
      }
      const argv = resolvedProgram(command);
      Deno.exitCode = sweep
        ? await runSweep(options, argv, opts)
        : await runSingle(options, argv, opts.quiet);
    });
}

async function runSingle(options: RunOptions, argv: string[], quiet: boolean): Promise<number> {
  const job = launchJob(planRun(options), argv);
  const { results, interrupted } = await launch([job], {
    parallel: 1,
    failFast: false,
    quiet,
    sweep: false,
  });
  if (interrupted) return EXIT_INTERRUPTED;
  return results[0].code;
}

async function runSweep(
  options: RunOptions,
  argv: string[],
  opts: { jobs: number; jobIndex?: number; failFast: boolean; quiet: boolean; resume: boolean },
): Promise<number> {
  const plan = planMultirun(options);
  const indices = opts.jobIndex === undefined
    ? Array.from({ length: plan.count }, (_, i) => i)
    : [opts.jobIndex];
  if (opts.jobIndex !== undefined && opts.jobIndex >= plan.count) {
    throw usage(`--job-index ${opts.jobIndex} is out of range: the sweep has ${plan.count} jobs`);
  }
  // Every job is composed and its run dir resolved before any job starts.
  const plans = indices.map((i) => plan.job(i));
  const todo = opts.resume ? plans.filter((p) => readStatus(p.dir)?.state !== "done") : plans;
  writeAtomic(join(plan.sweepDir, "multirun.yaml"), plan.multirunYaml);
  if (opts.resume && todo.length < plans.length) {
    writeErr(
      `[strata] --resume: ${plans.length - todo.length} of ${plans.length} jobs already done`,
    );
  }
  writeErr(`[strata] Launching ${todo.length} jobs locally in ${plan.sweepDir}`);
  for (const p of todo) writeErr(`[strata] \t#${p.num} : ${p.overrides.join(" ")}`);
  const { results, interrupted } = await launch(todo.map((p) => launchJob(p, argv)), {
    parallel: opts.jobs,
    failFast: opts.failFast,
    quiet: opts.quiet,
    sweep: true,
  });
  writeErr(summary(results, todo.length));
  if (interrupted) return EXIT_INTERRUPTED;
  // With --resume, job I may be done already: nothing ran, nothing failed.
  if (opts.jobIndex !== undefined) return results[0]?.code ?? 0;
  return results.length === todo.length && results.every((r) => r.state === "done") ? 0 : 1;
}
