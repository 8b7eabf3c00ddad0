/**
 * Columns as PyYAML and OmegaConf count them: in characters (code points),
 * not in JavaScript's UTF-16 units, so a line with 😀 before the error gives
 * the same column as Python; and the place of a key, found from the place of
 * its value (nodes keep only their values' origins).
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { readDouble, readSingle } from "./fast_quoted.ts";

/**
 * The 1-based column of `offset` on the line that starts at `lineStart`, in
 * code points (a surrogate pair is one character).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codePointCol } from "./columns.ts";
 * assert.equal(codePointCol("a: 1", 0, 3), 4);
 * assert.equal(codePointCol("x: 😀😀 y", 0, 8), 7);
 * ```
 */
export function codePointCol(text: string, lineStart: number, offset: number): number {
  let col = offset - lineStart + 1;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) col--;
  }
  return col;
}

/**
 * Code-point columns ({@link codePointCol}) of the origins of many nodes of
 * one text: where the text holds no character past U+FFFF (no surrogate
 * pair) a column is a subtraction; where it does, a column further on the
 * line of the last one is counted on from it. Counting each from the line's
 * start is quadratic on a long line (a 10^5-item flow list: minutes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ColumnCounter } from "./columns.ts";
 * const text = "x: 😀😀 y";
 * const columns = new ColumnCounter(text);
 * assert.equal(columns.col(0, 5), 5);
 * assert.equal(columns.col(0, 8), 7);
 * ```
 */
export class ColumnCounter {
  private lastStart = -1;
  private lastOffset = -1;
  private lastCol = 1;

  /**
   * @param text the text the offsets are in
   * @param astral whether it holds surrogate pairs (tested when not given)
   */
  constructor(
    readonly text: string,
    private readonly astral: boolean = /[\uD800-\uDBFF]/.test(text),
  ) {}

  /** The 1-based column of `offset` on the line that starts at `lineStart`. */
  col(lineStart: number, offset: number): number {
    if (!this.astral) return offset - lineStart + 1;
    const on = lineStart === this.lastStart && offset >= this.lastOffset;
    const col = on
      ? this.lastCol + codePointCol(this.text, this.lastOffset, offset) - 1
      : codePointCol(this.text, lineStart, offset);
    this.lastStart = lineStart;
    this.lastOffset = offset;
    this.lastCol = col;
    return col;
  }
}

/**
 * The offset in `text` of the 1-based code-point column `col` on the line
 * that starts at `lineStart` (the inverse of {@link codePointCol}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unitOffset } from "./columns.ts";
 * assert.equal(unitOffset("x: 😀😀 y", 0, 7), 8);
 * assert.equal(unitOffset("a\nb: 1", 2, 4), 5);
 * ```
 */
export function unitOffset(text: string, lineStart: number, col: number): number {
  let p = lineStart;
  for (let c = 1; c < col && p < text.length; c++) {
    const u = text.charCodeAt(p);
    p += u >= 0xd800 && u <= 0xdbff ? 2 : 1;
  }
  return p;
}

/** The offset of a 1-based line and code-point column in `text`, or -1 past its end. */
function offsetOf(text: string, line: number, col: number): number {
  let p = 0;
  for (let l = 1; l < line; l++) {
    p = text.indexOf("\n", p);
    if (p === -1) return -1;
    p++;
  }
  return unitOffset(text, p, col);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// One-line quoted scalars, escapes included (a key is on one line).
const DOUBLE_QUOTED = String.raw`"(?:[^"\\\n]|\\[^\n])*"`;
const SINGLE_QUOTED = String.raw`'(?:[^'\n]|'')*'`;

/** Whether a matched key text stands for `key`: a quoted one decoded, a plain one as written. */
function sameKey(written: string, key: string): boolean {
  const q = written[0] === '"'
    ? readDouble(written, 0, written.length)
    : written[0] === "'"
    ? readSingle(written, 0, written.length)
    : undefined;
  // a quoted text whose decoding stops early (`"a" "b"`) is not one scalar
  if (q !== undefined && q.end === written.length) return q.value === key;
  return written === key;
}

/**
 * Where `key` is written, given where its value is (`valueAt`) in `text`: the
 * last `key:` (plain or quoted) before the value. `undefined` when the text
 * does not show it there (the value came from elsewhere).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyOrigin } from "./columns.ts";
 * const text = "lr: 0.1\nweight_decy: 0.01\nx: {'k': 1}\n";
 * assert.deepEqual(keyOrigin(text, { file: "a.yaml", line: 2, col: 14 }, "weight_decy"),
 *   { file: "a.yaml", line: 2, col: 1 });
 * assert.deepEqual(keyOrigin(text, { file: "a.yaml", line: 3, col: 10 }, "k"),
 *   { file: "a.yaml", line: 3, col: 5 });
 * ```
 */
export function keyOrigin(text: string, valueAt: Origin, key: string): Origin | undefined {
  if (valueAt.line === undefined || valueAt.col === undefined) return undefined;
  const end = offsetOf(text, valueAt.line, valueAt.col);
  if (end === -1) return undefined;
  // A key is close before its value: on the same line, or a few lines up (a block mapping below it).
  const from = Math.max(0, end - 4096);
  // a quoted key is matched by its value, not its text: `"a\tb"` and `'it''s'` are written with
  // escapes the key itself does not hold
  const re = new RegExp(
    `(?:^|[\\s{,?])(${escapeRegExp(key)}|${DOUBLE_QUOTED}|${SINGLE_QUOTED})[ \\t]*:(?=\\s|$)`,
    "gm",
  );
  const window = text.slice(from, end);
  let at = -1;
  for (let m = re.exec(window); m !== null; m = re.exec(window)) {
    const lead = /^[\s{,?]/.test(m[0]) ? 1 : 0;
    if (sameKey(m[1], key)) at = from + m.index + lead;
  }
  if (at === -1) return undefined;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let line = 1;
  for (let p = text.indexOf("\n"); p !== -1 && p < at; p = text.indexOf("\n", p + 1)) line++;
  return { ...valueAt, line, col: codePointCol(text, lineStart, at) };
}
