/**
 * The local launcher: runs prepared jobs N at a time, sends each job's
 * stdout and stderr to its log file and to a callback (the CLI echoes them),
 * as they come, like tee (the log a line at a time: ./log_lines.ts); records each outcome in the job's run
 * dir, and stops every running job (its whole process group) on
 * {@link Launcher.stop} or on the first failure with `failFast`.
 *
 * @module
 */

import { LineLog } from "./log_lines.ts";
import { groupRunning, spawnJob, type SpawnSpec, stopJob } from "./process.ts";
import { type JobStatus, writeStatus } from "./write.ts";
import { osReason } from "../os_error.ts";
import { thrownText } from "../errors.ts";

/** A job ready to start: its run dir is written when `prepare` is called. */
export interface LaunchJob {
  /** The job number shown to the user (`hydra.job.num`, 0 for a single run). */
  num: number;
  /** The run dir, where the outcome is recorded. */
  dir: string;
  /**
   * The log file: `<run dir>/<job name>.log`, or `<run dir>/.strata/output.log`
   * for a Hydra app handed the run dir (`jobLogPath` in ./command.ts).
   */
  log: string;
  /** Writes the run dir and returns how to start the job. */
  prepare(): SpawnSpec;
}

/** How a job ended. */
export interface JobResult {
  num: number;
  state: JobStatus["state"];
  /** The exit code; 128 + n when a signal ended it. */
  code: number;
  /** The signal that ended it (`SIGSEGV`), when one did: the summary names it. */
  signal?: string;
  log: string;
}

/** What the launcher reports while it runs. */
export interface LaunchListener {
  /**
   * A batch is about to start (every job at once when there are no batches):
   * Hydra's launcher logs `Launching N jobs locally` once per batch.
   */
  batchStarting?(jobs: readonly LaunchJob[]): void;
  started?(job: LaunchJob): void;
  /** Bytes of a job's output, as the job wrote them (not split into lines). */
  output?(job: LaunchJob, stream: "stdout" | "stderr", bytes: Uint8Array): void;
  finished?(job: LaunchJob, result: JobResult): void;
  /** A failed job stopped the others (`failFast`): the jobs still running are stopped next. */
  failingFast?(failed: JobResult): void;
  /**
   * The stopped jobs' own processes exited, but `jobs` of them left processes
   * in their group: strata waits for those, sending `next` within
   * `graceSeconds` (or at the next {@link Launcher.stop}). Said once per run.
   */
  waitingForLeftovers?(jobs: number, next: Deno.Signal, graceSeconds: number): void;
}

/** Options of {@link Launcher}. */
export interface LaunchOptions {
  /** Jobs at a time (at least 1). */
  parallel: number;
  /** Stop launching, and stop running jobs, after the first failure. */
  failFast: boolean;
  /** Seconds between one stop signal and the next (SIGINT, SIGTERM, SIGKILL). */
  graceSeconds?: number;
  /**
   * The batch of a job (`hydra.sweeper.max_batch_size`), jobs given in batch
   * order. As with Hydra's BasicSweeper, a batch starts when the previous one
   * is over, and a batch with a failed job is the last.
   */
  batchOf?: (num: number) => number;
}

/** Linux's signal numbers: a job a signal ended exits 128 + n, as a shell reports it. */
const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

/**
 * The exit code a shell reports for a process: its own code, or 128 + n
 * when signal n ended it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exitCode } from "./launch.ts";
 * assert.equal(exitCode({ success: false, code: 1, signal: "SIGSEGV" }), 139);
 * assert.equal(exitCode({ success: false, code: 3, signal: null }), 3);
 * ```
 */
export function exitCode(status: Deno.CommandStatus): number {
  if (!status.signal) return status.code;
  const n = SIGNAL_NUMBERS[status.signal];
  return n === undefined ? (status.code > 128 ? status.code : 128) : 128 + n;
}

/**
 * How long the output of a job whose process exited is still read: a
 * background process it started (`tensorboard &`) may hold its stdout open
 * for ever, and the job is finished when its own process is.
 */
const DRAIN_MS = 200;

/** The signals {@link Launcher.stop} sends, one after the other. */
const STOP_SEQUENCE: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGKILL"];

/** How often the process groups of stopped jobs whose own process exited are looked at. */
const LEFTOVER_POLL_MS = 100;
/**
 * How long before strata hears a SIGTERM from outside a job may have ended
 * by the same signal (SLURM signals every process of the step at once).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SAME_SIGNAL_MS } from "./launch.ts";
 * assert.equal(SAME_SIGNAL_MS, 1000);
 * ```
 */
export const SAME_SIGNAL_MS = 1000;
/** The signals that stop a job from outside (a scheduler, a terminal, a user's kill). */
const STOP_SIGNALS: readonly Deno.Signal[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** How long a job that ended unsignalled is remembered, for {@link Launcher.stop}'s `sameSignalMs`. */
const ENDED_KEPT_MS = 2000;

/**
 * Runs jobs with a bounded pool.
 *
 * @example
 * ```ts ignore
 * const launcher = new Launcher({ parallel: 3, failFast: false }, { finished: (j, r) => console.log(r) });
 * Deno.addSignalListener("SIGINT", () => launcher.stop("SIGINT"));
 * const results = await launcher.run(jobs);
 * ```
 */
export class Launcher {
  #running = new Map<number, Deno.ChildProcess>();
  /** Jobs strata signalled: they are `interrupted`, whatever their exit code. */
  #signalled = new Set<number>();
  /**
   * Jobs whose process ended lately without a signal from strata: when, and
   * their result once recorded (see {@link stop}'s `sameSignalMs`).
   */
  #ended = new Map<number, { at: number; job: LaunchJob; result?: JobResult }>();
  /**
   * The jobs strata stopped whose process group may still have members: a
   * job's process can exit (a shell Ctrl-C ends) leaving what it started
   * (`sleep 1000 &`, which ignores SIGINT) in its group; the stop sequence
   * goes on for the group until it is empty.
   */
  #groups = new Map<number, Deno.ChildProcess>();
  #stopping = false;
  /** Index in {@link STOP_SEQUENCE} of the last signal sent. */
  #stage = -1;
  #timer?: ReturnType<typeof setTimeout>;
  #lastBatch?: number;
  /** Whether the listener was told strata waits for leftover processes. */
  #saidWaiting = false;

  constructor(readonly options: LaunchOptions, readonly listener: LaunchListener = {}) {}

  /** The batch a failure made the last one (see {@link LaunchOptions.batchOf}), if any. */
  get lastBatch(): number | undefined {
    return this.#lastBatch;
  }

  /** Whether {@link stop} was called (or a failure stopped a fail-fast run). */
  get stopped(): boolean {
    return this.#stopping;
  }

  /**
   * Runs every job (unless stopped) and returns their results, in the order
   * they finished.
   *
   * @throws {StrataError} when a job's run dir cannot be written (after the
   *   running jobs were stopped).
   */
  async run(jobs: LaunchJob[]): Promise<JobResult[]> {
    const batchOf = this.options.batchOf;
    if (!batchOf) {
      this.listener.batchStarting?.(jobs);
      return this.#pool(jobs);
    }
    const results: JobResult[] = [];
    for (let start = 0; start < jobs.length && !this.#stopping;) {
      const batch = batchOf(jobs[start].num);
      let end = start + 1;
      while (end < jobs.length && batchOf(jobs[end].num) === batch) end++;
      this.listener.batchStarting?.(jobs.slice(start, end));
      const done = await this.#pool(jobs.slice(start, end));
      results.push(...done);
      if (end < jobs.length && done.some((r) => r.state === "failed")) {
        this.#lastBatch = batch;
        break;
      }
      start = end;
    }
    return results;
  }

  async #pool(jobs: LaunchJob[]): Promise<JobResult[]> {
    const results: JobResult[] = [];
    let next = 0;
    let error: unknown = undefined;
    const worker = async () => {
      while (!this.#stopping && next < jobs.length) {
        const job = jobs[next++];
        try {
          const result = await this.#runOne(job);
          results.push(result);
          if (result.state === "failed" && this.options.failFast && !this.#stopping) {
            this.listener.failingFast?.(result);
            this.stop();
          }
        } catch (e) {
          // A run dir that cannot be written: stop the others, then report it.
          error ??= e;
          this.stop();
        }
      }
    };
    const n = Math.max(1, Math.min(this.options.parallel, jobs.length));
    try {
      await Promise.all(Array.from({ length: n }, worker));
      if (this.#stopping) await this.#leftovers();
    } finally {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
    }
    if (error !== undefined) throw error;
    return results;
  }

  /**
   * Stops the running jobs and starts no more. The first signal is `first`
   * (Ctrl-C forwards SIGINT, as a shell does to its foreground jobs, so that
   * Python's `except KeyboardInterrupt` and `finally` run); then SIGTERM and
   * SIGKILL follow, each after the grace time, or at once when stop is called
   * again (a second Ctrl-C). They go to each job's whole process group, also
   * once the job's own process exited, as long as the group has members:
   * {@link run} returns when they are gone (or SIGKILL was sent).
   */
  stop(first: "SIGINT" | "SIGTERM" = "SIGTERM", sameSignalMs = 0): void {
    // SLURM's scancel and time limit signal every process of the step at once: a job that
    // ended in the moments before strata heard it (a trap that saves and exits 0) was cut
    // short by the same signal, so it is interrupted too (--resume runs it again)
    if (sameSignalMs > 0) {
      const since = performance.now() - sameSignalMs;
      for (const [num, ended] of this.#ended) {
        if (ended.at < since) continue;
        this.#signalled.add(num);
        const r = ended.result;
        if (r !== undefined && r.state !== "interrupted") {
          r.state = "interrupted";
          writeStatus(ended.job.dir, { state: "interrupted", exit_code: r.code });
        }
      }
    }
    if (!this.#stopping) {
      this.#stopping = true;
      this.#stage = STOP_SEQUENCE.indexOf(first) - 1;
    }
    this.#escalate();
  }

  #escalate(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#stage >= STOP_SEQUENCE.length - 1) return;
    this.#stage++;
    for (const [num, child] of this.#running) {
      this.#signalled.add(num);
      this.#groups.set(num, child);
    }
    for (const [num, child] of this.#groups) {
      if (!stopJob(child, STOP_SEQUENCE[this.#stage])) this.#groups.delete(num);
    }
    if (this.#stage < STOP_SEQUENCE.length - 1) {
      this.#timer = setTimeout(() => this.#escalate(), (this.options.graceSeconds ?? 5) * 1000);
      Deno.unrefTimer(this.#timer);
    }
  }

  /**
   * Once the processes of the stopped jobs exited, waits until their process
   * groups are empty too, the stop sequence going on meanwhile (SIGTERM, then
   * SIGKILL, after the grace time or at the next {@link stop}): strata returns
   * with nothing of its jobs left running. After SIGKILL there is nothing
   * more to wait for (a killed process may stay a zombie until init reaps it).
   */
  async #leftovers(): Promise<void> {
    while (true) {
      // Deno.kill has no signal 0 to ask whether a group has members: SIGCONT
      // is harmless here, and lets a stopped (Ctrl-Z'd) member act on SIGTERM.
      for (const [num, child] of this.#groups) {
        // a group of zombies only (members exited, not reaped yet) runs nothing: not waited for
        if (!stopJob(child, "SIGCONT") || groupRunning(child) === false) this.#groups.delete(num);
      }
      if (this.#groups.size === 0 || this.#stage >= STOP_SEQUENCE.length - 1) return;
      // the wait may last the grace time twice over: not in silence
      if (!this.#saidWaiting) {
        this.#saidWaiting = true;
        this.listener.waitingForLeftovers?.(
          this.#groups.size,
          STOP_SEQUENCE[this.#stage + 1],
          this.options.graceSeconds ?? 5,
        );
      }
      await new Promise((r) => setTimeout(r, LEFTOVER_POLL_MS));
    }
  }

  async #runOne(job: LaunchJob): Promise<JobResult> {
    const spec = job.prepare();
    // The log is written in append mode: a job may append its own lines to
    // the same file (a Hydra app strata could not tell is one, run from a
    // script, writes `<output_dir>/<job name>.log`), and both must land,
    // interleaved, not overwrite each other at stale offsets. A rerun in the same dir (`--resume`, a fixed
    // hydra.run.dir) appends after the earlier run's lines, as Hydra's
    // FileHandler (mode 'a') does, so what the interrupted run printed stays.
    const log = await Deno.open(job.log, { append: true, create: true });
    let child: Deno.ChildProcess;
    try {
      child = spawnJob(spec);
    } catch (e) {
      // the job is started through setsid: the reason is the job's, not setsid's
      const why = osReason(thrownText(e).replace(/^Failed to spawn '[^']*': /, ""));
      const msg = new TextEncoder().encode(`strata: cannot start ${spec.argv[0]}: ${why}\n`);
      await log.write(msg);
      log.close();
      this.listener.output?.(job, "stderr", msg); // on the terminal too, as the job's own would be
      return this.#record(job, "failed", 127);
    }
    this.#running.set(job.num, child);
    // what a `--resume` of this sweep reads while it runs (or if strata is killed and it is not)
    writeStatus(job.dir, {
      state: "running",
      exit_code: null,
      pid: child.pid,
      // (floored: the process started in this second or the one before)
      started: Math.floor(Date.now() / 1000) - 1,
    });
    // stopped while this one was starting: it gets the signal the others got
    if (this.#stopping && this.#stage >= 0) {
      this.#signalled.add(job.num);
      this.#groups.set(job.num, child);
      stopJob(child, STOP_SEQUENCE[this.#stage]);
    }
    this.listener.started?.(job);
    const readers = [child.stdout.getReader(), child.stderr.getReader()];
    const lines = new LineLog(log);
    const pumps = [
      this.#pump(job, readers[0], "stdout", lines, 0),
      this.#pump(job, readers[1], "stderr", lines, 1),
    ];
    const status = await child.status;
    this.#running.delete(job.num);
    if (!this.#signalled.has(job.num)) this.#noteEnded(job);
    const drained = Promise.all(pumps);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((r) => timer = setTimeout(() => r("late"), DRAIN_MS));
    if (await Promise.race([drained, late]) === "late") {
      // a process the job left behind holds its output open: stop reading it
      for (const r of readers) r.cancel().catch(() => {});
      await drained;
    }
    clearTimeout(timer);
    await lines.close();
    log.close();
    const code = exitCode(status);
    // Killed by a stop signal strata did not send (SLURM's scancel or time limit reaching the
    // job before strata, a user's kill): stopped from outside, not crashed (--resume runs it)
    const stoppedOutside = status.signal !== null && STOP_SIGNALS.includes(status.signal);
    const state = this.#signalled.has(job.num) || stoppedOutside
      ? "interrupted"
      : status.success
      ? "done"
      : "failed";
    return this.#record(job, state, code, status.signal ?? undefined);
  }

  /** Remembers that `job`'s process ended now, forgetting those that ended long ago. */
  #noteEnded(job: LaunchJob): void {
    const now = performance.now();
    for (const [num, ended] of this.#ended) {
      if (ended.at >= now - ENDED_KEPT_MS) break; // in the order they ended
      this.#ended.delete(num);
    }
    this.#ended.set(job.num, { at: now, job });
  }

  #record(
    job: LaunchJob,
    state: JobResult["state"],
    code: number,
    signal?: string,
  ): JobResult {
    writeStatus(job.dir, { state, exit_code: code });
    const result: JobResult = { num: job.num, state, code, log: job.log };
    if (signal !== undefined) result.signal = signal;
    const ended = this.#ended.get(job.num);
    if (ended !== undefined && ended.job === job) ended.result = result;
    this.listener.finished?.(job, result);
    return result;
  }

  /**
   * Copies a job's stream to its log (a line at a time, so that stdout's and
   * stderr's lines do not cut each other) and to the listener, as it comes.
   */
  async #pump(
    job: LaunchJob,
    reader: ReadableStreamDefaultReader<Uint8Array>,
    name: "stdout" | "stderr",
    log: LineLog,
    stream: number,
  ): Promise<void> {
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return void await log.end(stream);
        await log.write(stream, value);
        this.listener.output?.(job, name, value);
      }
    } catch (e) {
      // cancelled (see DRAIN_MS): what was read is written
      if (!(e instanceof TypeError || e instanceof Deno.errors.Interrupted)) throw e;
    }
  }
}
