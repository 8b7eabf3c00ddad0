/**
 * What `strata run` shows while jobs run: each job's output echoed with its
 * job number, a live progress line on stderr when stderr is a terminal
 * (plain lines otherwise), and the summary at the end.
 *
 * @module
 */

import type { JobResult, LaunchJob, LaunchListener } from "../core/run/launch.ts";

const encoder = new TextEncoder();

function write(stream: "stdout" | "stderr", text: string): void {
  const w = stream === "stdout" ? Deno.stdout : Deno.stderr;
  const bytes = encoder.encode(text);
  let off = 0;
  while (off < bytes.length) off += w.writeSync(bytes.subarray(off));
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Options of {@link Reporter}. */
export interface ReportOptions {
  /** Jobs in this launch. */
  total: number;
  /** Prefix echoed lines with `[#N]` (a sweep) or not (a single run). */
  prefix: boolean;
  /** Do not echo job output. */
  quiet: boolean;
  /** Draw a live progress line (stderr is a terminal). */
  live: boolean;
}

/**
 * The launcher's listener that prints progress and job output.
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

  constructor(readonly options: ReportOptions) {
    if (options.live) {
      const timer = setInterval(() => this.#draw(), 1000);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
  }

  /** Prints a line of strata's own on stderr (above the progress line). */
  note(text: string): void {
    this.#print("stderr", text);
  }

  started(): void {
    this.#running++;
    this.#draw();
  }

  output(job: LaunchJob, stream: "stdout" | "stderr", line: string): void {
    if (this.options.quiet) return;
    this.#print(stream, this.options.prefix ? `[#${job.num}] ${line}` : line);
  }

  finished(_job: LaunchJob, result: JobResult): void {
    if (result.state !== "interrupted") this.#running = Math.max(0, this.#running - 1);
    if (result.state === "done") this.#done++;
    else if (result.state === "failed") this.#failed++;
    if (!this.options.live && this.options.prefix) {
      this.note(`[strata] #${result.num} ${result.state} (exit ${result.code})`);
    }
    this.#draw();
  }

  /** Clears the progress line and stops redrawing it. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#clear();
  }

  #print(stream: "stdout" | "stderr", text: string): void {
    this.#clear();
    write(stream, text + "\n");
    this.#draw();
  }

  #clear(): void {
    if (this.#drawn) write("stderr", "\r\x1b[2K");
    this.#drawn = false;
  }

  #draw(): void {
    if (!this.options.live) return;
    const finished = this.#done + this.#failed;
    const elapsed = Date.now() - this.#start;
    const eta = finished > 0 && finished < this.options.total
      ? `, ETA ${duration((elapsed / finished) * (this.options.total - finished))}`
      : "";
    write(
      "stderr",
      `\r\x1b[2K[strata] ${this.#done}/${this.options.total} done, ${this.#failed} failed, ` +
        `${this.#running} running, ${duration(elapsed)}${eta}`,
    );
    this.#drawn = true;
  }
}

/**
 * The summary printed after a sweep: counts, then every job that did not
 * finish with its exit code and log path.
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
 * ```
 */
export function summary(results: JobResult[], total: number): string {
  const count = (s: JobResult["state"]) => results.filter((r) => r.state === s).length;
  const lines = [
    `[strata] ${total} jobs: ${count("done")} done, ${count("failed")} failed, ` +
    `${count("interrupted")} interrupted, ${total - results.length} not started`,
  ];
  for (const r of [...results].sort((a, b) => a.num - b.num)) {
    if (r.state !== "done") lines.push(`  #${r.num} ${r.state} (exit ${r.code}): ${r.log}`);
  }
  return lines.join("\n");
}
