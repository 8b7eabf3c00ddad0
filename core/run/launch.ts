/**
 * The local launcher: runs prepared jobs N at a time, sends each job's
 * stdout and stderr to its log file and, line by line, to a callback (the
 * CLI echoes them with the job number), records each outcome in the job's
 * run dir, and stops every running job (its whole process group) on
 * {@link Launcher.stop} or on the first failure with `failFast`.
 *
 * @module
 */

import { spawnJob, type SpawnSpec, stopJob } from "./process.ts";
import { type JobStatus, writeStatus } from "./write.ts";

/** A job ready to start: its run dir is written when `prepare` is called. */
export interface LaunchJob {
  /** The job number shown to the user (`hydra.job.num`, 0 for a single run). */
  num: number;
  /** The run dir, where the outcome is recorded. */
  dir: string;
  /** The log file (`<run dir>/<job name>.log`). */
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
  log: string;
}

/** What the launcher reports while it runs. */
export interface LaunchListener {
  started?(job: LaunchJob): void;
  /** One line of a job's output (without its newline). */
  output?(job: LaunchJob, stream: "stdout" | "stderr", line: string): void;
  finished?(job: LaunchJob, result: JobResult): void;
}

/** Options of {@link Launcher}. */
export interface LaunchOptions {
  /** Jobs at a time (at least 1). */
  parallel: number;
  /** Stop launching, and stop running jobs, after the first failure. */
  failFast: boolean;
  /** Seconds between SIGTERM and SIGKILL when stopping jobs. */
  graceSeconds?: number;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs jobs with a bounded pool.
 *
 * @example
 * ```ts ignore
 * const launcher = new Launcher({ parallel: 3, failFast: false }, { finished: (j, r) => console.log(r) });
 * Deno.addSignalListener("SIGINT", () => launcher.stop());
 * const results = await launcher.run(jobs);
 * ```
 */
export class Launcher {
  #running = new Map<number, Deno.ChildProcess>();
  #stopping = false;

  constructor(readonly options: LaunchOptions, readonly listener: LaunchListener = {}) {}

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
    const results: JobResult[] = [];
    let next = 0;
    let error: unknown = undefined;
    const worker = async () => {
      while (!this.#stopping && next < jobs.length) {
        const job = jobs[next++];
        try {
          const result = await this.#runOne(job);
          results.push(result);
          if (result.state === "failed" && this.options.failFast) this.stop();
        } catch (e) {
          // A run dir that cannot be written: stop the others, then report it.
          error ??= e;
          this.stop();
        }
      }
    };
    const n = Math.max(1, Math.min(this.options.parallel, jobs.length));
    await Promise.all(Array.from({ length: n }, worker));
    if (error !== undefined) throw error;
    return results;
  }

  /** Stops running jobs (SIGTERM to their process groups, SIGKILL after the grace time). */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    for (const child of this.#running.values()) stopJob(child, "SIGTERM");
    const grace = (this.options.graceSeconds ?? 5) * 1000;
    const timer = setTimeout(() => {
      for (const child of this.#running.values()) stopJob(child, "SIGKILL");
    }, grace);
    Deno.unrefTimer(timer);
  }

  async #runOne(job: LaunchJob): Promise<JobResult> {
    const spec = job.prepare();
    // The log is emptied, then written in append mode: a Hydra app launched
    // as the job appends its own log records to the same file
    // (`<output_dir>/<job name>.log`), and both must land, interleaved, not
    // overwrite each other at stale offsets.
    await Deno.writeFile(job.log, new Uint8Array());
    const log = await Deno.open(job.log, { append: true });
    let child: Deno.ChildProcess;
    try {
      child = spawnJob(spec);
    } catch (e) {
      const msg = `strata: cannot start ${spec.argv[0]}: ${e instanceof Error ? e.message : e}\n`;
      await log.write(new TextEncoder().encode(msg));
      log.close();
      return this.#record(job, "failed", 127);
    }
    this.#running.set(job.num, child);
    this.listener.started?.(job);
    const pumps = [
      this.#pump(job, child.stdout, "stdout", log),
      this.#pump(job, child.stderr, "stderr", log),
    ];
    const status = await child.status;
    await Promise.all(pumps);
    log.close();
    this.#running.delete(job.num);
    const code = status.signal ? 128 + (SIGNAL_NUMBERS[status.signal] ?? 0) : status.code;
    const state = this.#stopping && !status.success
      ? "interrupted"
      : status.success
      ? "done"
      : "failed";
    return this.#record(job, state, code);
  }

  #record(job: LaunchJob, state: JobResult["state"], code: number): JobResult {
    writeStatus(job.dir, { state, exit_code: code });
    const result = { num: job.num, state, code, log: job.log };
    this.listener.finished?.(job, result);
    return result;
  }

  /**
   * Copies a job's stream to its log and to the listener, a whole line at a
   * time, so that lines of stdout and stderr never cut into each other.
   */
  async #pump(
    job: LaunchJob,
    stream: ReadableStream<Uint8Array>,
    name: "stdout" | "stderr",
    log: Deno.FsFile,
  ): Promise<void> {
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const emit = async (lines: string[]) => {
      const bytes = encoder.encode(lines.map((l) => l + "\n").join(""));
      let off = 0;
      while (off < bytes.length) off += await log.write(bytes.subarray(off));
      for (const line of lines) this.listener.output?.(job, name, line);
    };
    let partial = "";
    for await (const chunk of stream) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split("\n");
      partial = lines.pop()!;
      if (lines.length) await emit(lines);
    }
    partial += decoder.decode();
    if (partial) await emit([partial]);
  }
}
