/**
 * A job's log, written from its two pipes a line at a time. The job's stdout
 * and stderr come through separate pipes, read side by side: copied chunk by
 * chunk, a line that Python writes in pieces (`print("epoch", 3)` is four
 * writes when unbuffered, as jobs run) is cut by whatever the other pipe
 * brings in between (a `logging` record on stderr), and the log reads
 * `epoch [INFO] ...\n 3\n`. Here each pipe's unfinished line waits until its
 * newline comes, at most {@link LINE_WAIT_MS} (a `\r` progress bar, a prompt)
 * or {@link LINE_MAX_BYTES}; every byte still lands, in order within its pipe.
 *
 * @module
 */

/** How long an unfinished line waits for its end before it is written as is. */
export const LINE_WAIT_MS = 100;
/** How much of an unfinished line is held at most (output without newlines). */
export const LINE_MAX_BYTES = 65_536;

const NEWLINE = 10;
const EMPTY = new Uint8Array();

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Writes the chunks of several streams to one file, whole lines at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineLog } from "./log_lines.ts";
 * const path = Deno.makeTempFileSync();
 * const file = Deno.openSync(path, { append: true });
 * const log = new LineLog(file);
 * const enc = (s: string) => new TextEncoder().encode(s);
 * await log.write(0, enc("epoch"));
 * await log.write(1, enc("warning\n"));
 * await log.write(0, enc(" 3\n"));
 * await log.close();
 * file.close();
 * assert.equal(Deno.readTextFileSync(path), "warning\nepoch 3\n");
 * Deno.removeSync(path);
 * ```
 */
export class LineLog {
  #file: Deno.FsFile;
  #pending: Uint8Array[] = [];
  #timers: (ReturnType<typeof setTimeout> | undefined)[] = [];
  /** When each stream's unfinished line began (performance.now()). */
  #since: number[] = [];
  /** Writes in the order they were asked for: two streams never interleave inside a write. */
  #queue: Promise<void> = Promise.resolve();

  /** @param file the log, open for writing (append mode). */
  constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  /** Takes a chunk of stream `stream`; resolves once what it completes is written. */
  write(stream: number, chunk: Uint8Array): Promise<void> {
    const held = this.#pending[stream] ?? EMPTY;
    const nl = chunk.lastIndexOf(NEWLINE);
    if (nl < 0 && held.length + chunk.length <= LINE_MAX_BYTES) {
      if (held.length === 0) this.#since[stream] = performance.now();
      this.#pending[stream] = concat(held, chunk);
      this.#arm(stream, LINE_WAIT_MS);
      return this.#queue;
    }
    const cut = nl < 0 ? chunk.length : nl + 1;
    this.#pending[stream] = chunk.slice(cut);
    this.#since[stream] = performance.now();
    // a timer already set stays (one per 0.1 s, not one per line): when it
    // fires, a newer unfinished line gets the rest of its own wait
    if (this.#pending[stream].length > 0) this.#arm(stream, LINE_WAIT_MS);
    return this.#enqueue(concat(held, chunk.subarray(0, cut)));
  }

  /** Writes stream `stream`'s unfinished line, if any (the stream ended). */
  end(stream: number): Promise<void> {
    this.#clear(stream);
    const held = this.#pending[stream] ?? EMPTY;
    this.#pending[stream] = EMPTY;
    return held.length > 0 ? this.#enqueue(held) : this.#queue;
  }

  /** Writes every unfinished line; the file stays open (the caller's). */
  async close(): Promise<void> {
    for (let i = 0; i < this.#pending.length; i++) await this.end(i);
    await this.#queue;
  }

  #arm(stream: number, ms: number): void {
    if (this.#timers[stream] !== undefined) return;
    this.#timers[stream] = setTimeout(() => {
      this.#timers[stream] = undefined;
      const held = this.#pending[stream] ?? EMPTY;
      if (held.length === 0) return;
      const waited = performance.now() - (this.#since[stream] ?? 0);
      if (waited < LINE_WAIT_MS) return this.#arm(stream, LINE_WAIT_MS - waited);
      this.#pending[stream] = EMPTY;
      this.#enqueue(held).catch(() => {});
    }, ms);
  }

  #clear(stream: number): void {
    clearTimeout(this.#timers[stream]);
    this.#timers[stream] = undefined;
  }

  #enqueue(bytes: Uint8Array): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      let off = 0;
      while (off < bytes.length) off += await this.#file.write(bytes.subarray(off));
    });
    return this.#queue;
  }
}
