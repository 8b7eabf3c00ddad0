/**
 * Scalars of the fast YAML reader (./fast.ts) that go on past their first
 * line, as PyYAML writes long strings (`yaml.dump` wraps at 80 columns):
 * plain scalars with continuation lines, and single- or double-quoted
 * scalars over several lines. Lines are folded as YAML folds them: a line
 * break is a space, each blank line a `\n`, and a double-quoted line ending
 * in `\` joins the next with nothing. Anything less common (a blank line in
 * a plain scalar, a continuation that starts with an indicator, or one that
 * is not indented past its parent) throws BAIL: the full reader decides.
 *
 * @module
 */

import { BAIL, COLON, DQ, HASH, type LineReader, SP, spacesEnd, SQ } from "./fast_lines.ts";
import { readDouble } from "./fast_quoted.ts";

/** First characters that end a plain scalar's continuation for this reader (YAML indicators). */
const INDICATOR = new Uint8Array(128);
for (const ch of ",[]{}#&*!|>'\"%@`-?:") INDICATOR[ch.charCodeAt(0)] = 1;

/**
 * A plain scalar's continuation lines, from the current line on: each line
 * indented past `ind` (the parent container's indent) is folded into
 * `first` with a space. Stops before a blank or less indented line, and
 * after a line that ends in a comment.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "./fast_lines.ts";
 * import { plainContinued } from "./fast_multiline.ts";
 * const r = new LineReader("a: long\n  text\nb: 1\n", "c.yaml");
 * r.nextLine();
 * assert.equal(plainContinued(r, "long", 0), "long text");
 * assert.equal(r.line, 2);
 * ```
 */
export function plainContinued(r: LineReader, first: string, ind: number): string {
  const t = r.text;
  let out = first;
  while (r.start <= t.length) {
    const q = spacesEnd(t, r.start, r.end);
    const end = r.end;
    if (q === end || q - r.start <= ind) break;
    const c = t.charCodeAt(q);
    if (c === HASH) break;
    if (c < 128 && INDICATOR[c] === 1) throw BAIL;
    let e = q;
    let commented = false;
    for (; e < end; e++) {
      const ch = t.charCodeAt(e);
      if (ch === HASH && t.charCodeAt(e - 1) === SP) {
        commented = true;
        break;
      }
      if (ch === COLON && (e + 1 >= end || t.charCodeAt(e + 1) === SP)) throw BAIL;
    }
    while (t.charCodeAt(e - 1) === SP) e--;
    out += " " + t.slice(q, e);
    r.nextLine();
    if (commented) break;
  }
  return out;
}

/** A quoted scalar read over several lines: its value and the offset after its closing quote. */
export interface QuotedLines {
  /** The folded value, escapes resolved. */
  value: string;
  /** The offset just after the closing quote, on the reader's current line. */
  end: number;
}

/** One line's part of a quoted scalar, its escapes resolved. */
function decode(t: string, from: number, to: number, quote: number): string {
  const raw = t.slice(from, to);
  if (quote === SQ) return raw.replaceAll("''", "'");
  const q = readDouble(`"${raw}"`, 0, raw.length + 2);
  if (q === undefined || q.end !== raw.length + 2) throw BAIL;
  return q.value;
}

/** How many `\` end t[from, to). */
function backslashesBefore(t: string, from: number, to: number): number {
  let n = 0;
  while (to - n > from && t.charCodeAt(to - n - 1) === 92) n++;
  return n;
}

/**
 * A single- or double-quoted scalar that opens at `p` on the current line
 * and closes on a later one; its lines after the first must be indented
 * past `ind` (blank lines may be anything). Leaves the reader on the line of
 * the closing quote.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "./fast_lines.ts";
 * import { quotedContinued } from "./fast_multiline.ts";
 * const r = new LineReader("a: 'it''s\n  long'\n", "c.yaml");
 * assert.deepEqual(quotedContinued(r, 3, 0), { value: "it's long", end: 17 });
 * ```
 */
export function quotedContinued(r: LineReader, p: number, ind: number): QuotedLines {
  const t = r.text;
  const quote = t.charCodeAt(p);
  if (quote !== SQ && quote !== DQ) throw BAIL;
  let out = "";
  let join = ""; // what goes between the last part and the next: " ", "\n"s or ""
  let from = p + 1;
  let first = true;
  for (;;) {
    const end = r.end;
    let close = -1;
    for (let j = from; j < end; j++) {
      const c = t.charCodeAt(j);
      if (c === 92 && quote === DQ) j++;
      else if (c === quote) {
        if (quote === SQ && t.charCodeAt(j + 1) === SQ) j++;
        else {
          close = j;
          break;
        }
      }
    }
    let s = from;
    if (!first) { while (s < end && t.charCodeAt(s) === SP) s++; }
    if (close !== -1) {
      // on one line: ./fast_quoted.ts's, or an error; a last line must be indented too
      if (first || s - r.start <= ind) throw BAIL;
      return { value: out + join + decode(t, s, close, quote), end: close + 1 };
    }
    let e = end;
    while (e > s && t.charCodeAt(e - 1) === SP) e--;
    if (s === e && first) throw BAIL; // nothing after the opening quote: rare, left to the full reader
    if (s === e) {
      // a blank line: one `\n` in place of the fold's space
      if (join === "") throw BAIL;
      join = join === " " ? "\n" : join + "\n";
    } else {
      if (!first && s - r.start <= ind) throw BAIL;
      const slashes = quote === DQ ? backslashesBefore(t, s, e) : 0;
      if (slashes % 2 === 1) {
        // an escaped line break joins with nothing; a trailing escaped space would need care
        if (e !== end) throw BAIL;
        out += join + decode(t, s, e - 1, quote);
        join = "";
      } else {
        out += join + decode(t, s, e, quote);
        join = " ";
      }
    }
    first = false;
    r.nextLine();
    if (r.start > t.length) throw BAIL; // no closing quote: an error, the full reader's
    from = r.start;
  }
}
