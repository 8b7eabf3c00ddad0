/**
 * The quoted scalars of the fast YAML reader (./fast.ts): single- and
 * double-quoted, on one line. Anything else (a scalar that goes on to the
 * next line, an unknown escape) is undefined: the full reader takes it.
 *
 * @module
 */

/** A quoted scalar's value and the offset after its closing quote. */
export interface Quoted {
  /** The scalar's value, escapes resolved. */
  value: string;
  /** The offset just after the closing quote. */
  end: number;
}

const SQ = 39, DQ = 34;

/**
 * PyYAML's escapes in double quotes (`\x`, `\u`, `\U` and line breaks are read
 * apart), for both readers (./unicode_breaks.ts reads scalars again with it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DQ_ESCAPES } from "./fast_quoted.ts";
 * assert.equal(DQ_ESCAPES["N"], "\x85");
 * ```
 */
export const DQ_ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  "\t": "\t",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};

/**
 * A single-quoted scalar starting at `p` and ending before `end` (one line):
 * its value and the offset after the closing quote, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSingle } from "./fast_quoted.ts";
 * assert.deepEqual(readSingle("'it''s' x", 0, 9), { value: "it's", end: 7 });
 * ```
 */
export function readSingle(t: string, p: number, end: number): Quoted | undefined {
  let out = "";
  let from = p + 1;
  for (let i = p + 1; i < end; i++) {
    if (t.charCodeAt(i) !== SQ) continue;
    if (t.charCodeAt(i + 1) === SQ) {
      out += t.slice(from, i + 1);
      from = i + 2;
      i++;
      continue;
    }
    return { value: out + t.slice(from, i), end: i + 1 };
  }
  return undefined;
}

/**
 * A double-quoted scalar on one line, with YAML escapes (as {@link readSingle}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDouble } from "./fast_quoted.ts";
 * assert.deepEqual(readDouble('"a\\tb"', 0, 6), { value: "a\tb", end: 6 });
 * ```
 */
export function readDouble(t: string, p: number, end: number): Quoted | undefined {
  let out = "";
  let from = p + 1;
  for (let i = p + 1; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === DQ) return { value: out + t.slice(from, i), end: i + 1 };
    if (c !== 92) continue;
    out += t.slice(from, i);
    const e = t[i + 1];
    const hex = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (hex > 0) {
      const h = t.slice(i + 2, i + 2 + hex);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== hex) return undefined;
      out += String.fromCodePoint(parseInt(h, 16));
      i += 1 + hex;
    } else {
      const r = DQ_ESCAPES[e];
      if (r === undefined) return undefined;
      out += r;
      i++;
    }
    from = i + 1;
  }
  return undefined;
}
