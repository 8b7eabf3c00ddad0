/**
 * The fast reader's lines (./fast.ts): where it is in the text, one line at
 * a time, and the line-level questions it asks (is this a `- ` item, a
 * `key:`, how far does this block go). No nodes are built here.
 *
 * @module
 */

import type { NodeOrigin, Origin } from "../node.ts";
import { fileId, packOrigin } from "../origin.ts";
import { ColumnCounter } from "./columns.ts";
import { readDouble, readSingle } from "./fast_quoted.ts";

// A big file's lazy subtrees are read again with a new reader over the same
// text: the answer for the last text is kept (the same string compares at once).
let lastText: string | undefined;
let lastAstral = false;

function holdsAstral(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastAstral = /[\uD800-\uDBFF]/.test(text);
  }
  return lastAstral;
}

/** Thrown inside the reader when the input leaves the supported subset. */
export const BAIL = Symbol("bail");

/** Character codes the reader looks for. */
export const SP = 32, HASH = 35, COLON = 58, DASH = 45, SQ = 39, DQ = 34, NL = 10;

/**
 * The offset of the first character other than a space in `t[start, end)`
 * (`end` when there is none): a line's indent ends there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spacesEnd } from "./fast_lines.ts";
 * assert.equal(spacesEnd("  a: 1", 0, 6), 2);
 * assert.equal(spacesEnd("   ", 0, 3), 3);
 * ```
 */
export function spacesEnd(t: string, start: number, end: number): number {
  let q = start;
  while (q < end && t.charCodeAt(q) === SP) q++;
  return q;
}

/** The origin of what a read that drops it builds (never kept). */
const NO_ORIGIN: Origin = Object.freeze({});

/**
 * A position in a text, moved a line at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "./fast_lines.ts";
 * import { originOf } from "../node.ts";
 * const r = new LineReader("a: 1\n\n  # note\nb: 2\n", "c.yaml");
 * r.nextLine();
 * assert.ok(r.content());
 * assert.deepEqual(originOf(r.origin(r.cs)), { file: "c.yaml", line: 4, col: 1 });
 * ```
 */
export class LineReader {
  /** How many reads that check and drop what they read are under way: no origins then. */
  dropping = 0;
  /**
   * The current line: its index, where it starts and ends (its `\n` or the
   * end of the text), its indentation and the offset of its first non-space
   * character. The reader moves a line at a time, so no table of line
   * starts is built.
   */
  line = 0;
  start = 0;
  end: number;
  ind = 0;
  cs = 0;

  /**
   * Columns in code points (as PyYAML counts them), which differ from UTF-16
   * offsets where the text holds a character beyond the BMP. The test for
   * one costs nothing on a text V8 stores one byte a character.
   */
  private readonly columns: ColumnCounter;
  /** The file's id in the packed origins' table (core/origin.ts), looked up at the first origin. */
  private fid = -2;

  /**
   * @param text the YAML text
   * @param file the file origins name
   */
  constructor(readonly text: string, readonly file: string) {
    const nl = text.indexOf("\n");
    this.end = nl === -1 ? text.length : nl;
    this.columns = new ColumnCounter(text, holdsAstral(text));
  }

  /** Puts the reader at the start of line `line` (0-based), which starts at offset `start`. */
  seek(line: number, start: number): void {
    this.line = line;
    this.start = start;
    const nl = this.text.indexOf("\n", start);
    this.end = nl === -1 ? this.text.length : nl;
  }

  /**
   * Whether the current line (with content) is past the block of a child of
   * the container at indent `ind`; `seqAtInd`: that block is a sequence at
   * the parent's own indent, whose `- ` lines belong to it.
   */
  endsBlock(ind: number, seqAtInd: boolean): boolean {
    return this.ind < ind || (this.ind === ind && !(seqAtInd && this.isSeqItem(this.cs)));
  }

  /**
   * Whether the block that starts on the current line (a child of the
   * container at indent `ind`) spans `bytes` bytes or more; it looks at
   * about that many bytes and leaves the reader where it was.
   */
  spansAtLeast(ind: number, seqAtInd: boolean, bytes: number): boolean {
    const here = this.mark();
    const limit = this.start + bytes;
    this.nextLine();
    while (this.content() && this.start < limit) {
      if (this.endsBlock(ind, seqAtInd)) break;
      this.nextLine();
    }
    const big = Math.min(this.start, this.text.length) >= limit;
    this.restore(here);
    return big;
  }

  /** Where the reader is: for {@link restore}. */
  mark(): [number, number, number, number, number] {
    return [this.line, this.start, this.end, this.ind, this.cs];
  }

  /** Puts the reader back where {@link mark} said it was. */
  restore([line, start, end, ind, cs]: [number, number, number, number, number]): void {
    this.line = line;
    this.start = start;
    this.end = end;
    this.ind = ind;
    this.cs = cs;
  }

  /**
   * Moves past the block that starts on the current line (checked text:
   * indentation alone says where it ends), a child of the container at
   * indent `ind`; `seqAtInd`: a sequence at the parent's own indent.
   */
  skipBlock(ind: number, seqAtInd: boolean): void {
    this.nextLine();
    while (this.content()) {
      if (this.endsBlock(ind, seqAtInd)) return;
      this.nextLine();
    }
  }

  /**
   * The position of `offset` on the current line: packed (a Smi, no object
   * per node) when the file's id, the line and the column fit, an object otherwise.
   */
  origin(offset: number): NodeOrigin {
    if (this.dropping > 0) return NO_ORIGIN;
    if (this.fid === -2) this.fid = fileId(this.file);
    return packOrigin(this.fid, this.file, this.line + 1, this.col(offset));
  }

  /** The 1-based column of `offset` on the current line, in code points as PyYAML counts. */
  col(offset: number): number {
    return this.columns.col(this.start, offset);
  }

  nextLine(): void {
    this.line++;
    this.start = this.end + 1;
    if (this.start > this.text.length) return;
    const nl = this.text.indexOf("\n", this.start);
    this.end = nl === -1 ? this.text.length : nl;
  }

  /** Moves to the next line with content; returns false at the end. */
  content(): boolean {
    const t = this.text;
    for (; this.start <= t.length; this.nextLine()) {
      let p = this.start;
      const end = this.end;
      while (p < end && t.charCodeAt(p) === SP) p++;
      if (p === end || t.charCodeAt(p) === HASH) continue;
      if (
        p === this.start &&
        (t.startsWith("---", p) || t.startsWith("...", p) || t.charCodeAt(p) === 37)
      ) throw BAIL;
      this.ind = p - this.start;
      this.cs = p;
      return true;
    }
    return false;
  }

  isSeqItem(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== DASH) return false;
    const n = t.charCodeAt(p + 1);
    return n === SP || n === NL || p + 1 >= t.length;
  }

  /** After a value ends at `p` on the current line: only spaces and a comment may follow. */
  endOfLine(p: number) {
    const t = this.text;
    const end = this.end;
    if (p < end && t.charCodeAt(p) !== SP) throw BAIL;
    while (p < end && t.charCodeAt(p) === SP) p++;
    if (p < end && t.charCodeAt(p) !== HASH) throw BAIL;
    this.nextLine();
  }

  /** The offset of the `:` that ends a plain key starting at p, or -1. */
  plainKeyEnd(p: number): number {
    const t = this.text;
    const end = this.end;
    for (let i = p; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        const n = t.charCodeAt(i + 1);
        if (i + 1 >= end || n === SP) return i;
      } else if (c === HASH && t.charCodeAt(i - 1) === SP) return -1;
    }
    return -1;
  }

  /** Whether the content at p is `key: ...` (a plain or quoted key followed by `:`). */
  startsKey(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === SQ || c === DQ) {
      const q = c === SQ ? readSingle(this.text, p, this.end) : readDouble(this.text, p, this.end);
      return q !== undefined && this.text.charCodeAt(q.end) === COLON;
    }
    return this.plainKeyEnd(p) !== -1;
  }
}
