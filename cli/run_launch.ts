/**
 * Launching `strata run`'s jobs: each job's process (its run dir written and
 * its environment made when it starts), N at a time through the Launcher,
 * with Ctrl-C, SIGTERM and SIGHUP stopping them, reported as they go.
 *
 * @module
 */

import { join } from "../core/path.ts";
import { expandCommand, handsRunDirToHydra, jobLogPath } from "../core/run/command.ts";
import { jobProcessEnv } from "../core/run/job_env.ts";
import { type JobResult, Launcher, type LaunchJob, SAME_SIGNAL_MS } from "../core/run/launch.ts";
import type { PlannedJob } from "../core/run/plan.ts";
import { runDirKey, writeJobDir } from "../core/run/write.ts";
import { keptConfigWarning } from "../core/run/config_file.ts";
import { formatWarning } from "../core/errors.ts";
import type { Origin } from "../core/node.ts";
import { writeErr } from "./output.ts";
import { Reporter } from "./run_report.ts";
import { CHDIR_WARNING } from "../core/run/job_plan.ts";

/** Whether this process said Hydra's chdir warning (once, as Python's warnings filter says it). */
let chdirSaid = false;

/** Where a job's run dir was chosen, and the config dirs its files must not replace. */
export interface RunDirSource {
  /** The config dirs of the search path: a `config.yaml` in them is never overwritten. */
  configDirs: readonly string[];
  /** Where the key that chose the run dir (`hydra.run.dir`, `hydra.sweep.subdir`) was set. */
  setAt?: Origin;
}

/**
 * A job to launch; its whole plan (`full`) is made when it starts.
 *
 * @example
 * ```ts ignore
 * const job = launchJob({ ...plan, full: () => plan }, ["python", "train.py"], { configDirs: ["conf"] });
 * ```
 *
 * @param stdin what the job reads: strata's own stdin when one job runs at a time (a single run,
 *   a sweep at `-j 1`, a manifest's task), as Hydra's BasicLauncher runs each job in its process
 *   (a `breakpoint()`, a login prompt); nothing when jobs run side by side
 */
export function launchJob(
  job: PlannedJob,
  argv: string[],
  source: RunDirSource,
  stdin: "inherit" | "null" = "inherit",
): LaunchJob {
  const num = job.num ?? 0;
  return {
    num,
    dir: job.dir,
    log: jobLogPath(job.dir, job.logFile, argv),
    prepare() {
      const plan = job.full();
      // once a process, as Python's warnings filter says a warning once per place
      if (plan.chdirByDefault && !chdirSaid) {
        chdirSaid = true;
        writeErr(formatWarning(CHDIR_WARNING));
      }
      const written = writeJobDir(plan, source.configDirs);
      const config = written.path;
      if (written.kept !== undefined) {
        writeErr(keptConfigWarning(
          { ...written, kept: written.kept, why: written.why ?? "" },
          runDirKey(plan.num),
          source.setAt,
        ));
      }
      // a Hydra app given its run dir changes into it itself, after it records where it started
      // (`hydra.runtime.cwd`, get_original_cwd()): it starts where strata did
      const chdir = plan.chdir && !handsRunDirToHydra(argv);
      const { env, overridesTooLong } = jobProcessEnv(Deno.env.toObject(), Deno.cwd(), {
        config,
        hash: plan.configHash,
        runDir: plan.dir,
        num,
        id: String(num),
        // as `{overrides}` ends: hydra.mode=RUN when the config sets MULTIRUN
        overrides: [...plan.overrides, ...plan.runMode],
        argv,
        chdir,
        extra: plan.env,
      });
      if (overridesTooLong !== undefined) {
        writeErr(formatWarning(
          `job #${num}: its overrides take ${overridesTooLong} bytes, more than ` +
            `an environment variable can hold; STRATA_JOB_OVERRIDES is not set ` +
            `(they are in ${join(plan.dir, ".hydra", "overrides.yaml")})`,
        ));
      }
      return {
        argv: expandCommand(argv, {
          overrides: plan.overrides,
          hydraOverrides: plan.hydraOverrides,
          runMode: plan.runMode,
          identity: job.num === null ? [] : [`hydra.job.num=${num}`, `hydra.job.id=${num}`],
          runDir: plan.dir,
          num,
        }),
        cwd: chdir ? plan.dir : Deno.cwd(),
        env,
        stdin,
      };
    },
  };
}

/**
 * How a launch ended, besides its jobs' results.
 *
 * @example
 * ```ts
 * import type { Launched } from "./run_launch.ts";
 * const none: Launched = { results: [], interrupted: false, stdoutGone: false, stopReason: undefined };
 * ```
 */
export interface Launched {
  results: JobResult[];
  /** Ctrl-C, SIGTERM or SIGHUP stopped it. */
  interrupted: boolean;
  /** The number of the signal that stopped it first (2, 15, 1): strata exits 128 + it. */
  stoppedBy?: number;
  /** stdout's reader went away (`strata run ... | head`): exit 141, as a Unix tool would. */
  stdoutGone: boolean;
  /** Why strata stopped running jobs on its own (stdout gone, --fail-fast), if it did. */
  stopReason: string | undefined;
  /** The batch whose failure kept the later ones from starting, if any. */
  lastBatch?: number;
}

/**
 * Runs jobs N at a time, reporting them, until they end or a signal stops
 * them; the signal listeners live only as long as the launch.
 *
 * @example
 * ```ts ignore
 * const { results } = await launch([job], { parallel: 1, failFast: false, quiet: false, sweep: false });
 * ```
 */
export async function launch(
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
  let stoppedBy: number | undefined;
  const listeners: [Deno.Signal, () => void][] = [
    ["SIGINT", () => {
      interrupted = true;
      stoppedBy ??= 2;
      launcher.stop("SIGINT");
    }],
    // a SIGTERM from outside may have reached the jobs too (SLURM signals every process of the
    // step): one that ended just before is interrupted as well
    ["SIGTERM", () => {
      interrupted = true;
      stoppedBy ??= 15;
      launcher.stop("SIGTERM", SAME_SIGNAL_MS);
    }],
    ["SIGHUP", () => {
      interrupted = true;
      stoppedBy ??= 1;
      launcher.stop("SIGTERM", SAME_SIGNAL_MS);
    }],
  ];
  for (const [sig, f] of listeners) Deno.addSignalListener(sig, f);
  try {
    const results = await launcher.run(jobs);
    reporter.close();
    return {
      results,
      interrupted,
      stoppedBy,
      stdoutGone: reporter.stdoutGone,
      stopReason: reporter.stopReason,
      lastBatch: launcher.lastBatch,
    };
  } finally {
    for (const [sig, f] of listeners) Deno.removeSignalListener(sig, f);
  }
}
