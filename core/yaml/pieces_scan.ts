/**
 * Where a top-level entry of a YAML text ends, seen line by line without parsing it: the next
 * line at column 1 that starts an entry of its own, past any quoted scalar or flow collection
 * still open (PyYAML reads their lines at any indent) and block scalar lines. ./pieces.ts cuts
 * the text there; the full reader says whether the cut was right (a piece cut short is made
 * longer with {@link nextLineAtColumnOne}).
 *
 * @module
 */

/**
 * Where the top-level entry that starts at `start` (line `startLine`, 0-based) ends: the start
 * of the next line at column 1 that holds content, with no quoted scalar or flow collection open
 * across it (PyYAML reads their lines at any indent). One open to the end of the text ends at
 * the first such line, marked `openToEnd`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entryEnd } from "./pieces_scan.ts";
 * assert.deepEqual(entryEnd("a: |\n  \"x\nb: 1\n", 0, 0), { line: 2, start: 10 });
 * assert.deepEqual(entryEnd('a: "x\nb: y"\nc: 1\n', 0, 0), { line: 2, start: 12 });
 * ```
 */
export function entryEnd(text: string, start: number, startLine: number): EntryEnd {
  const scan = new OpenScan();
  let lineNo = startLine;
  let at = start;
  let blockInd = -1; // the indent of a block scalar's header line while its lines are skipped
  let first: { line: number; start: number } | undefined;
  for (;;) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    let ind = 0;
    while (at + ind < end && text.charCodeAt(at + ind) === 32) ind++;
    const blank = at + ind === end || text.charCodeAt(at + ind) === 35;
    // (a line that starts with a tab, or a `- ` item or `: ` value at column 1, is no entry of
    // its own: the first is the full reader's to say, the others belong to the entry above)
    if (lineNo > startLine && ind === 0 && !blank && !continues(text, at, end)) {
      if (scan.closed()) return { line: lineNo, start: at };
      first ??= { line: lineNo, start: at };
    }
    if (blockInd >= 0 && (blank || ind > blockInd)) {
      // a line of a block scalar: text, whatever it holds
    } else {
      blockInd = -1;
      const content = scan.line(text, at, end);
      if (scan.closed() && BLOCK_HEADER.test(text.slice(at, content))) blockInd = ind;
    }
    if (nl === -1) {
      return scan.closed()
        ? { line: lineNo + 1, start: text.length }
        : { ...(first ?? { line: lineNo + 1, start: text.length }), openToEnd: true };
    }
    at = nl + 1;
    lineNo++;
  }
}

/** Whether a line at column 1 goes on with the entry above it (see {@link entryEnd}). */
function continues(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 9) return true;
  const next = at + 1 < end ? text.charCodeAt(at + 1) : 32;
  return (c === 45 || c === 58) && (next === 32 || next === 9);
}

/** Where an entry ends; `openToEnd`: a quote or bracket it opens is open to the end of the text. */
export type EntryEnd = { line: number; start: number; openToEnd?: true };

/** A line (its comment cut off) that opens a block scalar: `key: |`, `- >-`, `? |`, `key: |2`. */
const BLOCK_HEADER = /(?:^|[:?-]\s)\s*[|>][0-9+-]*\s*$/;

/**
 * Quoted scalars and flow collections open across lines, as a line-by-line scan sees them: a
 * quote opens only where a scalar may start (an apostrophe in `don't` does not).
 */
class OpenScan {
  private quote = 0;
  private depth = 0;

  closed(): boolean {
    return this.quote === 0 && this.depth === 0;
  }

  /** Scans one line; returns where its content ends (its comment's `#`, or its end). */
  line(text: string, start: number, end: number): number {
    for (let j = start; j < end; j++) {
      const c = text.charCodeAt(j);
      if (this.quote === 34) {
        if (c === 92) j++;
        else if (c === 34) this.quote = 0;
        continue;
      }
      if (this.quote === 39) {
        if (c === 39) {
          if (text.charCodeAt(j + 1) === 39) j++;
          else this.quote = 0;
        }
        continue;
      }
      const prev = j === start ? 32 : text.charCodeAt(j - 1);
      if (c === 35 && (prev === 32 || prev === 9)) return j; // a comment
      if (c === 34 || c === 39 || c === 91 || c === 123) {
        const inFlow = this.depth > 0;
        if (!startsScalar(text, start, j, inFlow) && !(inFlow && (c === 91 || c === 123))) continue;
        if (c === 91 || c === 123) this.depth++;
        else this.quote = c;
      } else if ((c === 93 || c === 125) && this.depth > 0) this.depth--;
    }
    return end;
  }
}

/**
 * Whether a scalar may start at `j` of the line that starts at `start`: after indentation, `: `,
 * `- `, `? `, or a flow indicator; in a flow collection also right after `:` (`{"k":"v"}`).
 */
function startsScalar(text: string, start: number, j: number, inFlow: boolean): boolean {
  let k = j - 1;
  while (k >= start && text.charCodeAt(k) === 32) k--;
  if (k < start) return true;
  const p = text.charCodeAt(k);
  if (p === 91 || p === 123 || p === 44) return true; // [ { ,
  if (p === 58 && inFlow) return true;
  // `:`, `-` or `?` with a space after them
  return (p === 58 || p === 45 || p === 63) && k + 1 < j;
}

/**
 * The next line after `end`'s that starts at column 1 with content of an entry of its own.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextLineAtColumnOne } from "./pieces_scan.ts";
 * assert.deepEqual(nextLineAtColumnOne("a: 1\n  b\n- c\nd: 2\n", { line: 0, start: 0 }),
 *   { line: 3, start: 13 });
 * ```
 */
export function nextLineAtColumnOne(text: string, end: EntryEnd): EntryEnd {
  let at = end.start;
  let lineNo = end.line;
  for (;;) {
    const nl = text.indexOf("\n", at);
    if (nl === -1) return { line: lineNo + 1, start: text.length };
    at = nl + 1;
    lineNo++;
    const c = text.charCodeAt(at);
    const nextNl = text.indexOf("\n", at);
    const lineEnd = nextNl === -1 ? text.length : nextNl;
    if (at < text.length && c !== 32 && c !== 10 && c !== 35 && !continues(text, at, lineEnd)) {
      return { line: lineNo, start: at };
    }
  }
}
