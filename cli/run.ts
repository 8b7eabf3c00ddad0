/**
 * `strata run [-m] [overrides...] -- CMD [ARGS...]`: compose, write Hydra's
 * run directories (`.hydra/config.yaml`, `overrides.yaml`, `hydra.yaml`,
 * `multirun.yaml`) and run CMD once per job, N at a time. `--job-index I`
 * runs job I of the sweep alone (a SLURM array task, a Kubernetes indexed pod).
 * The launching code is ./run_action.ts, loaded only when `run` runs.
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";
import {
  configDirOption,
  configNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";
import { showOptions } from "./show_options.ts";
import { resolversOption } from "./settings.ts";
import { linkOption } from "./sweep.ts";
import { parseNow } from "../core/run/now.ts";

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
STRATA_JOB_NUM and STRATA_JOB_ID; CMD may use {overrides}, {run_dir} and {job_num}.
{overrides} is one argument per override: the job's hydra.* overrides (hydra.overrides.hydra,
but hydra.mode, which is the launcher's), then its task overrides (hydra.overrides.task, as in
.hydra/overrides.yaml), then, for a job of a sweep, hydra.job.num=N hydra.job.id=N, which Hydra's launcher sets on
the job: what a Hydra app given them composes the job's config from, as Hydra's own launchers
rebuild a job. When the config sets hydra.mode: MULTIRUN, hydra.mode=RUN ends
them, so the app runs this one job. In a script run with sh -c '...', {overrides}, {run_dir}
and {job_num} are quoted for the shell. STRATA_JOB_OVERRIDES holds the task overrides only (and
that hydra.mode=RUN).`;

/** A usage error (exit 2). */
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

/** The `run` command's arguments and options. */
function runCommand(program: Command) {
  const [cfg, resolve, pkg, info] = showOptions();
  return program
    .command("run")
    .description("write Hydra's run directories and run a command in each (-m: a sweep)")
    .usage("[options] [overrides...] -- CMD [ARGS...]")
    .argument("[overrides...]", "overrides (sweeps with -m): lr=1e-4,1e-3 model=glob(*)")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .option("-m, --multirun", "run every job of the sweep the overrides describe", false)
    .addOption(linkOption())
    .addOption(
      new Option("-j, --jobs <n>", "jobs of a sweep at a time").argParser(count("--jobs", 1))
        .default(1),
    )
    .addOption(
      new Option("--job-index <i>", "run only job I of the sweep (0-based; SLURM array index)")
        .argParser(count("--job-index", 0)),
    )
    .option(
      "--job-overrides <json>",
      "with --job-index: job I's overrides as a manifest pinned them, a JSON array of " +
        "strings, @FILE holding one or @- (stdin); run as given, the sweep is not expanded again",
    )
    .addOption(
      new Option(
        "--now <time>",
        "the time ${now:...} formats, local YYYY-MM-DDTHH:MM:SS[.ffffff] (a manifest's tasks " +
          "get the time it was written, so they share its sweep dir)",
      ).argParser(parseNow),
    )
    .addOption(versionBaseOption())
    .option(
      "--job-name <name>",
      "hydra.job.name when the config leaves it unset (default: the script's stem, else the " +
        "config name); a name the config sets wins, as in Hydra: override hydra.job.name=NAME",
    )
    .option("-q, --quiet", "do not echo the jobs' output (it is still in each job's log)", false)
    .option("--fail-fast", "stop every job after the first failure", false)
    .option("--resume", "run only the jobs of the sweep dir that have not finished", false)
    .addOption(resolversOption())
    .addOption(cfg)
    .addOption(resolve)
    .addOption(pkg)
    .addOption(info)
    .addHelpText("after", RUN_EXAMPLES);
}

/** The parsed options of `run`. */
export type RunOpts = ReturnType<ReturnType<typeof runCommand>["opts"]>;

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
  runCommand(program).action(async (overrideArgs, opts, cmd) => {
    const { runAction } = await import("./run_action.ts");
    await runAction(overrideArgs, opts, cmd);
  });
}
