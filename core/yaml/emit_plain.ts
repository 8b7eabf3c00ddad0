/**
 * The emitter's fast path for the common scalar: one pass over a printable
 * ASCII text tells whether PyYAML would write it plain in block context,
 * without splitting it into characters (./scalar_analysis.ts's analyzeScalar
 * does the general case; the tests check the two agree).
 *
 * @module
 */

/** {@link scanAscii}: a character outside printable ASCII (U+0020..U+007E) was found. */
export const SCAN_NOT_ASCII = 1;
/** {@link scanAscii}: the text holds a space. */
export const SCAN_SPACE = 2;
/** {@link scanAscii}: the text holds a single quote. */
export const SCAN_QUOTE = 4;
/** {@link scanAscii}: PyYAML would not write the text as a plain scalar in block context. */
export const SCAN_NOT_PLAIN = 8;

/** Characters that may not start a plain scalar at all (PyYAML's first-character indicators). */
const FIRST_INDICATOR = new Uint8Array(128);
for (const ch of "#,[]{}&*!|>'\"%@`") FIRST_INDICATOR[ch.charCodeAt(0)] = 1;

/**
 * One pass over a non-empty scalar that is printable ASCII, the common case:
 * the analyzeScalar (./scalar_analysis.ts) facts the block emitter needs, as bits
 * (`SCAN_*`), without splitting the text into characters. For printable
 * ASCII, `SCAN_NOT_PLAIN` is exactly `!allowBlockPlain`, and single quotes are
 * always allowed; `SCAN_NOT_ASCII` means "ask analyzeScalar".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCAN_NOT_PLAIN, SCAN_SPACE, scanAscii } from "./emit_plain.ts";
 * assert.equal(scanAscii("a b"), SCAN_SPACE);
 * assert.equal(scanAscii("a: b"), SCAN_SPACE | SCAN_NOT_PLAIN);
 * ```
 */
export function scanAscii(text: string): number {
  const n = text.length;
  let bits = 0;
  const first = text.charCodeAt(0);
  if (first < 0x20 || first > 0x7e) return SCAN_NOT_ASCII;
  if (FIRST_INDICATOR[first] === 1) bits |= SCAN_NOT_PLAIN;
  else if (first === 0x20) bits |= SCAN_NOT_PLAIN | SCAN_SPACE;
  else if (first === 0x3f /* ? */ || first === 0x3a /* : */ || first === 0x2d /* - */) {
    if (n === 1 || text.charCodeAt(1) === 0x20) bits |= SCAN_NOT_PLAIN;
  }
  if (text.startsWith("---") || text.startsWith("...")) bits |= SCAN_NOT_PLAIN;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return SCAN_NOT_ASCII;
    if (c === 0x20) bits |= SCAN_SPACE;
    else if (c === 0x27) bits |= SCAN_QUOTE;
    else if (c === 0x3a /* : */) {
      if (i + 1 === n || text.charCodeAt(i + 1) === 0x20) bits |= SCAN_NOT_PLAIN;
    } else if (c === 0x23 /* # */ && text.charCodeAt(i - 1) === 0x20) bits |= SCAN_NOT_PLAIN;
  }
  if (first === 0x27) bits |= SCAN_QUOTE;
  if (text.charCodeAt(n - 1) === 0x20) bits |= SCAN_NOT_PLAIN | SCAN_SPACE;
  return bits;
}
