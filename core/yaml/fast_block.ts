/**
 * Block scalars for the fast YAML reader (./fast.ts): `|` and `>`, with
 * `-` or `+` chomping, their lines indented as the first one is, read as
 * PyYAML's scanner reads them (`scan_block_scalar`): a literal keeps its line
 * breaks, a folded one joins two lines that start with content with a space
 * (a more-indented line, or a blank line between, keeps its breaks), and the
 * tail is clipped to one break, stripped, or kept whole. Anything less common
 * throws BAIL for the full reader: an indentation indicator, blank lines
 * before the first line, a tab, a CR or one of PyYAML's other line breaks in
 * the block, a first line not indented past its parent.
 *
 * @module
 */

import { BAIL, HASH, type LineReader, SP, spacesEnd } from "./fast_lines.ts";

const GT = 62, PLUS = 43, MINUS = 45;

/** What PyYAML reads otherwise than a line of text in a block: the full reader's. */
const ODD = /[\t\r\x85\u2028\u2029]/;

/**
 * The leading spaces of the line at `start` (ending at `end`), and whether
 * it has more than spaces.
 */
function spacesOf(t: string, start: number, end: number): { n: number; blank: boolean } {
  const q = spacesEnd(t, start, end);
  return { n: q - start, blank: q === end };
}

/**
 * The value of the block scalar whose header (`|`, `>-`, `|+`) is at `p` on
 * the reader's current line, a value of a container at indent `ind`. The
 * reader is left on the first line after the block.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "./fast_lines.ts";
 * import { blockScalar } from "./fast_block.ts";
 * const r = new LineReader("a: >\n  one\n  two\n\n  three\nb: 1\n", "c.yaml");
 * assert.equal(blockScalar(r, 3, 0), "one two\nthree\n");
 * assert.equal(r.line, 5);
 * ```
 */
export function blockScalar(r: LineReader, p: number, ind: number): string {
  const t = r.text;
  const folded = t.charCodeAt(p) === GT;
  let q = p + 1;
  let chomp: "clip" | "strip" | "keep" = "clip";
  const c = t.charCodeAt(q);
  if (c === PLUS || c === MINUS) {
    chomp = c === PLUS ? "keep" : "strip";
    q++;
  }
  // the header's rest: spaces and a comment (an indentation digit is the full reader's)
  if (q < r.end && t.charCodeAt(q) !== SP) throw BAIL;
  while (q < r.end && t.charCodeAt(q) === SP) q++;
  if (q < r.end && t.charCodeAt(q) !== HASH) throw BAIL;
  if (ODD.test(t.slice(p, r.end))) throw BAIL;
  r.nextLine();
  if (r.start >= t.length) return "";
  const first = spacesOf(t, r.start, r.end);
  if (first.blank) throw BAIL; // blank lines first: PyYAML's indentation rules for them
  // a first line not indented past the parent: an empty scalar, and an error after it
  if (first.n <= ind) throw BAIL;
  const indent = first.n;
  let out = "";
  let lineBreak = "";
  let breaks = 0;
  for (;;) {
    const line = t.slice(r.start + indent, r.end);
    if (ODD.test(line)) throw BAIL;
    const leadingNonSpace = line.charCodeAt(0) !== SP;
    out += "\n".repeat(breaks) + line;
    lineBreak = r.end < t.length ? "\n" : "";
    r.nextLine();
    // blank lines (spaces up to the indent, then the end of the line)
    breaks = 0;
    let next: { n: number; blank: boolean } | undefined;
    while (r.start < t.length) {
      const s = spacesOf(t, r.start, r.end);
      if (s.blank && s.n <= indent) {
        if (r.end >= t.length) break; // (the last line, unended: no break)
        breaks++;
        r.nextLine();
        continue;
      }
      next = s;
      break;
    }
    if (next === undefined || next.n < indent) break;
    const nextChar = t.charCodeAt(r.start + indent);
    if (folded && lineBreak === "\n" && leadingNonSpace && nextChar !== SP) {
      if (breaks === 0) out += " ";
    } else out += lineBreak;
  }
  if (chomp === "clip") out += lineBreak;
  else if (chomp === "keep") out += lineBreak + "\n".repeat(breaks);
  return out;
}
