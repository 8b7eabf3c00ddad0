/**
 * What `strata run` shows while jobs run: a single run's output as it comes,
 * a sweep's echoed with each job's number, a live progress line on stderr
 * when stderr is a terminal (plain lines otherwise), and the summary at the
 * end.
 *
 * @module
 */

import type { JobResult, LaunchJob, LaunchListener } from "../core/run/launch.ts";

const encoder = new TextEncoder();
const NL = 10;
const CR = 13;

/** How long a job's unfinished line waits for its end before it is shown (a sweep). */
const PARTIAL_LINE_MS = 100;
/** An unfinished line this long is shown at once. */
const PARTIAL_LINE_BYTES = 1 << 16;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Options of {@link Reporter}. */
export interface ReportOptions {
  /** Jobs in this launch. */
  total: number;
  /**
   * Prefix echoed lines with `[#N]` (a sweep), or pass the output through
   * byte for byte (a single run).
   */
  prefix: boolean;
  /** Do not echo job output. */
  quiet: boolean;
  /** Draw a live progress line (stderr is a terminal). */
  live: boolean;
  /** Called once when stdout's reader is gone (`strata run ... | head`). */
  onStdoutGone?: () => void;
  /** The lines announcing a batch before it starts (`Launching N jobs locally`), if any. */
  batchLines?: (jobs: readonly LaunchJob[]) => string[];
}

/** A job stream's output not shown yet, and where its line is on the terminal. */
interface StreamState {
  stream: "stdout" | "stderr";
  prefix: Uint8Array;
  pending: Uint8Array[];
  pendingBytes: number;
  /** The next byte shown starts a line (after `\n` or `\r`): it gets the prefix. */
  atStart: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * `bytes` with `prefix` at each line start (after `\n` and `\r`, not right
 * before a `\r`: a progress bar redrawn with `\r` gets it once).
 */
function prefixed(bytes: Uint8Array, prefix: Uint8Array, atStart: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let from = 0;
  if (atStart && bytes.length > 0 && bytes[0] !== CR) parts.push(prefix);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b === NL || b === CR) && i + 1 < bytes.length && bytes[i + 1] !== CR) {
      parts.push(bytes.subarray(from, i + 1), prefix);
      from = i + 1;
    }
  }
  parts.push(bytes.subarray(from));
  return concat(parts);
}

/**
 * The launcher's listener that prints progress and job output. A single
 * run's output passes through as it comes, byte for byte (progress bars,
 * prompts); a sweep's is shown a line at a time with the job number, and an
 * unfinished line (a `\r` progress bar) after {@link PARTIAL_LINE_MS}.
 *
 * @example
 * ```ts ignore
 * const reporter = new Reporter({ total: 6, prefix: true, quiet: false, live: Deno.stderr.isTerminal() });
 * await new Launcher({ parallel: 3, failFast: false }, reporter).run(jobs);
 * ```
 */
export class Reporter implements LaunchListener {
  #done = 0;
  #failed = 0;
  #running = 0;
  #start = Date.now();
  #drawn = false;
  #timer?: ReturnType<typeof setInterval>;
  #streams = new Map<string, StreamState>();
  /** The stream whose last line shown is unfinished, if any. */
  #open: StreamState | null = null;
  #stdoutGone = false;
  /** Why strata stopped the jobs still running, when it did on its own (not Ctrl-C). */
  #why: string | undefined;

  constructor(readonly options: ReportOptions) {
    if (options.live) {
      const timer = setInterval(() => this.#draw(), 1000);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
  }

  /** Whether stdout's reader went away. */
  get stdoutGone(): boolean {
    return this.#stdoutGone;
  }

  /** Why strata stopped the jobs it interrupted on its own, if it did (see {@link outcome}). */
  get stopReason(): string | undefined {
    return this.#why;
  }

  failingFast(failed: JobResult): void {
    this.#why ??= `job #${failed.num} failed and --fail-fast stopped the others`;
  }

  waitingForLeftovers(jobs: number, next: Deno.Signal, graceSeconds: number): void {
    // stdout's reader went away (`| head`): strata stops quietly, as a Unix tool does
    if (this.#stdoutGone) return;
    const what = jobs === 1 ? "a stopped job" : `${jobs} stopped jobs`;
    this.note(
      `[strata] waiting for processes left running by ${what}: ${next} within ` +
        `${graceSeconds} s${next === "SIGKILL" ? "" : ", then SIGKILL"}; Ctrl-C sends it now`,
    );
  }

  /** Prints a line of strata's own on stderr (above the progress line). */
  note(text: string): void {
    this.#endOpenLine();
    this.#clear();
    this.#write("stderr", encoder.encode(text + "\n"));
    this.#draw();
  }

  batchStarting(jobs: readonly LaunchJob[]): void {
    for (const line of this.options.batchLines?.(jobs) ?? []) this.note(line);
  }

  started(): void {
    this.#running++;
    this.#draw();
  }

  output(job: LaunchJob, stream: "stdout" | "stderr", bytes: Uint8Array): void {
    if (this.options.quiet) return;
    const key = `${job.num}:${stream}`;
    let st = this.#streams.get(key);
    if (!st) {
      st = {
        stream,
        prefix: encoder.encode(this.options.prefix ? `[#${job.num}] ` : ""),
        pending: [],
        pendingBytes: 0,
        atStart: true,
      };
      this.#streams.set(key, st);
    }
    if (!this.options.prefix) return this.#show(st, bytes);
    // the chunk may be reused by the stream: keep a copy of what waits
    const end = bytes.lastIndexOf(NL);
    if (end >= 0) {
      this.#show(st, concat([...st.pending, bytes.subarray(0, end + 1)]));
      st.pending = [];
      st.pendingBytes = 0;
    }
    const rest = bytes.subarray(end + 1);
    if (rest.length === 0) return;
    st.pending.push(rest.slice());
    st.pendingBytes += rest.length;
    if (st.pendingBytes >= PARTIAL_LINE_BYTES) this.#flush(st);
    else if (st.timer === undefined) {
      st.timer = setTimeout(() => this.#flush(st), PARTIAL_LINE_MS);
    }
  }

  finished(job: LaunchJob, result: JobResult): void {
    for (const stream of ["stdout", "stderr"]) {
      const st = this.#streams.get(`${job.num}:${stream}`);
      if (!st) continue;
      this.#flush(st);
      // a sweep job's last line without its newline: end it, for the next prefix
      if (this.options.prefix && this.#open === st) this.#endOpenLine();
      this.#streams.delete(`${job.num}:${stream}`);
    }
    if (result.state !== "interrupted") this.#running = Math.max(0, this.#running - 1);
    if (result.state === "done") this.#done++;
    else if (result.state === "failed") this.#failed++;
    if (!this.options.live && this.options.prefix) {
      this.note(`[strata] #${result.num} ${outcome(result, this.#why)}`);
    }
    this.#draw();
  }

  /** Shows what every job left unfinished, clears the progress line and stops redrawing it. */
  close(): void {
    for (const st of this.#streams.values()) this.#flush(st);
    if (this.options.prefix) this.#endOpenLine();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#clear();
  }

  #flush(st: StreamState): void {
    if (st.timer !== undefined) clearTimeout(st.timer);
    st.timer = undefined;
    if (st.pending.length === 0) return;
    const bytes = concat(st.pending);
    st.pending = [];
    st.pendingBytes = 0;
    this.#show(st, bytes);
  }

  /** Writes a stream's bytes (prefixed in a sweep), ending another job's unfinished line first. */
  #show(st: StreamState, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.options.prefix && this.#open !== null && this.#open !== st) this.#endOpenLine();
    this.#clear();
    const out = this.options.prefix ? prefixed(bytes, st.prefix, st.atStart) : bytes;
    this.#write(st.stream, out);
    const last = bytes[bytes.length - 1];
    st.atStart = last === NL || last === CR;
    this.#open = last === NL ? null : st;
    this.#draw();
  }

  #endOpenLine(): void {
    const st = this.#open;
    if (st === null) return;
    this.#open = null;
    // a single run's output is the job's own bytes: no newline is added
    if (!this.options.prefix) return;
    this.#write(st.stream, encoder.encode("\n"));
    st.atStart = true;
  }

  #write(stream: "stdout" | "stderr", bytes: Uint8Array): void {
    if (stream === "stdout" && this.#stdoutGone) return;
    const w = stream === "stdout" ? Deno.stdout : Deno.stderr;
    try {
      let off = 0;
      while (off < bytes.length) off += w.writeSync(bytes.subarray(off));
    } catch (e) {
      // stdout's reader gone (`| head`): stop writing it and tell the caller;
      // a terminal that hung up: nowhere left to write, the logs keep it all
      if (stream === "stdout" && e instanceof Deno.errors.BrokenPipe) {
        this.#stdoutGone = true;
        this.#why ??= "stdout was closed, strata stopped the job";
        this.options.onStdoutGone?.();
      }
    }
  }

  #clear(): void {
    if (this.#drawn) this.#write("stderr", encoder.encode("\r\x1b[2K"));
    this.#drawn = false;
  }

  #draw(): void {
    // not over a job's unfinished line
    if (!this.options.live || this.#open !== null) return;
    const finished = this.#done + this.#failed;
    const elapsed = Date.now() - this.#start;
    const eta = finished > 0 && finished < this.options.total
      ? `, ETA ${duration((elapsed / finished) * (this.options.total - finished))}`
      : "";
    this.#write(
      "stderr",
      encoder.encode(
        `\r\x1b[2K[strata] ${this.#done}/${this.options.total} done, ${this.#failed} failed, ` +
          `${this.#running} running, ${duration(elapsed)}${eta}`,
      ),
    );
    this.#drawn = true;
  }
}

/**
 * How a job ended, in words: its state and exit code, and, for a job strata
 * stopped on its own, why (`why`): stdout's reader went away (`strata run -m
 * ... | head`), or another job failed under `--fail-fast`. Such a job did not
 * fail, and no one pressed Ctrl-C, whatever code it exited with then.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { outcome } from "./run_report.ts";
 * const r = { num: 0, state: "interrupted" as const, code: 0, log: "/o/0/app.log" };
 * assert.equal(outcome(r, undefined), "interrupted (exit 0)");
 * assert.equal(outcome({ ...r, state: "failed", code: 139, signal: "SIGSEGV" }, undefined),
 *   "failed (exit 139, SIGSEGV)");
 * assert.equal(
 *   outcome(r, "stdout was closed, strata stopped the job"),
 *   "interrupted: stdout was closed, strata stopped the job (exit 0)",
 * );
 * ```
 */
export function outcome(result: JobResult, why: string | undefined): string {
  // the signal that ended it named beside its code (checker x60 #3: 139 is SIGSEGV)
  const exit = `exit ${result.code}${result.signal ? `, ${result.signal}` : ""}`;
  return result.state === "interrupted" && why !== undefined
    ? `interrupted: ${why} (${exit})`
    : `${result.state} (${exit})`;
}

/**
 * The summary printed after a sweep: counts, then every job that did not
 * finish with its exit code and log path (`why`: why strata stopped the
 * interrupted ones on its own, see {@link outcome}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summary } from "./run_report.ts";
 * const text = summary([
 *   { num: 0, state: "done", code: 0, log: "/o/0/app.log" },
 *   { num: 1, state: "failed", code: 3, log: "/o/1/app.log" },
 * ], 2);
 * assert.match(text, /#1 failed \(exit 3\): \/o\/1\/app\.log/);
 * assert.match(summary([{ num: 3, state: "done", code: 0, log: "/o/3/app.log" }], 1), /^\[strata\] 1 job: 1 done/);
 * assert.match(summary([], 0, undefined, 4), /0 not started; 4 done before, not run again$/);
 * ```
 */
export function summary(
  results: JobResult[],
  total: number,
  why?: string,
  doneBefore = 0,
): string {
  const count = (s: JobResult["state"]) => results.filter((r) => r.state === s).length;
  // (`--resume`: the jobs an earlier run finished are said, not left out of the count as if lost,
  // checker x49)
  const before = doneBefore > 0 ? `; ${doneBefore} done before, not run again` : "";
  const lines = [
    `[strata] ${total} job${total === 1 ? "" : "s"}: ${count("done")} done, ${
      count("failed")
    } failed, ` +
    `${count("interrupted")} interrupted, ${total - results.length} not started${before}`,
  ];
  for (const r of [...results].sort((a, b) => a.num - b.num)) {
    if (r.state !== "done") lines.push(`  #${r.num} ${outcome(r, why)}: ${r.log}`);
  }
  return lines.join("\n");
}
