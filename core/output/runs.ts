/**
 * Output text built from many short pieces (a key, a colon, a value, an
 * indent), as the emitters write it: each piece is copied into a UTF-8 byte
 * buffer as it comes and the buffer is decoded into a run of text when full.
 * Keeping the pieces as strings to join later cost half of writing a big
 * tree, cold, as a CLI process writes it: half a million short strings to
 * allocate, keep and copy again. The text must be well-formed (UTF-8 holds
 * no lone surrogate: one would come out as U+FFFD); the emitters escape
 * them, as output written to a file would need anyway.
 *
 * @module
 */

/** How many bytes one run holds before it is decoded (at least). */
const RUN_BYTES = 1 << 16;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * Text written piece by piece, handed out as runs (a 50 MB output is never
 * one string).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TextRuns } from "./runs.ts";
 * const out = new TextRuns();
 * out.write("a: ");
 * out.write("é\n");
 * assert.deepEqual(out.runs(), ["a: é\n"]);
 * assert.equal(out.text(), "a: é\n");
 * ```
 */
export class TextRuns {
  // small at first: many outputs are one value (`toJson` of a leaf)
  private buf = new Uint8Array(256);
  private at = 0;
  private done: string[] = [];
  /** The full buffers, kept as bytes ({@link TextRuns.keepBytes}); undefined: decoded as runs. */
  private chunks: Uint8Array[] | undefined;

  /** Where full buffers go as they fill ({@link TextRuns.keepBytes}), if anywhere. */
  private sink: ((chunk: Uint8Array) => void) | undefined;

  /**
   * Keeps what is written as UTF-8 chunks for {@link TextRuns.byteRuns}
   * instead of decoding each run: output that goes to a file or a pipe is
   * not decoded into strings only to be encoded again. Call before writing.
   * With `sink`, each chunk is handed to it as it fills instead (and its
   * buffer written over after: the sink writes it out or copies it), so a
   * big output is never held whole.
   */
  keepBytes(sink?: (chunk: Uint8Array) => void): void {
    this.chunks ??= [];
    this.sink ??= sink;
  }

  /** Appends a piece. */
  write(piece: string): void {
    const n = piece.length;
    // a UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2)
    if (this.at + n * 3 > this.buf.length) this.makeRoom(n * 3);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = piece.charCodeAt(i);
      if (c >= 128) {
        // the rest as UTF-8; a surrogate pair is never split (both halves are >= 128)
        at += utf8.encodeInto(i === 0 ? piece : piece.slice(i), buf.subarray(at)).written;
        break;
      }
      buf[at++] = c;
    }
    this.at = at;
  }

  /**
   * Appends a string as JSON writes it (`JSON.stringify(s)`): quoted, and
   * escaped where it must be. Most strings need no escape and are copied as
   * they are.
   */
  writeJsonString(s: string): void {
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // control characters, quote, backslash and surrogates (a lone one is escaped)
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
        return this.write(JSON.stringify(s));
      }
    }
    if (this.at + n * 3 + 2 > this.buf.length) this.makeRoom(n * 3 + 2);
    this.buf[this.at++] = 0x22;
    this.write(s);
    this.buf[this.at++] = 0x22;
  }

  /** Grows the buffer up to a run's size, or starts a new run, so that `bytes` more fit. */
  private makeRoom(bytes: number): void {
    if (this.buf.length < RUN_BYTES) {
      let size = this.buf.length * 2;
      while (size < this.at + bytes && size < RUN_BYTES) size *= 2;
      if (this.at + bytes <= size) {
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(0, this.at));
        this.buf = next;
        return;
      }
    }
    this.flush();
    if (bytes > this.buf.length) this.buf = new Uint8Array(Math.max(bytes, RUN_BYTES));
  }

  private flush(): void {
    if (this.at === 0) return;
    if (this.sink) this.sink(this.buf.subarray(0, this.at));
    else if (this.chunks) {
      // the chunk keeps this buffer: the next run gets a new one
      this.chunks.push(this.buf.subarray(0, this.at));
      this.buf = new Uint8Array(Math.max(this.buf.length, RUN_BYTES));
    } else this.done.push(fromUtf8.decode(this.buf.subarray(0, this.at)));
    this.at = 0;
  }

  /** Everything written so far, as runs of text to write one after the other. */
  runs(): string[] {
    this.flush();
    if (this.chunks) {
      for (const c of this.chunks) this.done.push(fromUtf8.decode(c));
      this.chunks = [];
    }
    return this.done;
  }

  /**
   * Everything written since {@link TextRuns.keepBytes}, as UTF-8 chunks to
   * write one after the other.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { TextRuns } from "./runs.ts";
   * const out = new TextRuns();
   * out.keepBytes();
   * out.write("a: é\n");
   * assert.deepEqual(out.byteRuns(), [new TextEncoder().encode("a: é\n")]);
   * ```
   */
  byteRuns(): Uint8Array[] {
    this.keepBytes();
    this.flush();
    return this.chunks!;
  }

  /** Everything written so far, as one string. */
  text(): string {
    this.flush();
    const all = this.done.join("");
    this.done = [all];
    return all;
  }
}
