/**
 * Two mistakes of block YAML, as PyYAML's scanner and parser see them, for
 * ./syntax_error.ts: a line that is neither `key: value` nor `- item` (PyYAML
 * takes it for a key and then misses its `:`), and a mapping key under a
 * block sequence at the sequence's own indentation (a list and a mapping
 * sharing one block).
 *
 * @module
 */

/** A syntax error as strata reports it: the message and the offset it is located at. */
export interface SyntaxReport {
  /** The message, without its location. */
  message: string;
  /** Where the problem starts (an offset in the text). */
  offset: number;
}

/** The offset of the first character of the line holding `offset`. */
function lineBegin(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Whether only spaces stand between the start of its line and `offset`.  *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startsLine } from "./syntax_lines.ts";
 * assert.equal(startsLine("a:\n  b", 5), true);
 * assert.equal(startsLine("a: b", 3), false);
 * ```
 */
export function startsLine(text: string, offset: number): boolean {
  return /^ *$/.test(text.slice(lineBegin(text, offset), offset));
}

/**
 * What the line starting (after its indentation) at `at` holds, when it is a
 * scalar in block context: `key` when a `:` and a space (or the line's end)
 * follows it on the line, `scalar` when nothing does; `undefined` for a list
 * item, a flow collection, a comment and the rest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineScalar } from "./syntax_lines.ts";
 * assert.equal(lineScalar("b: 1\n", 0), "key");
 * assert.equal(lineScalar("'a: b' # c\n", 0), "scalar");
 * assert.equal(lineScalar("- b\n", 0), undefined);
 * ```
 */
export function lineScalar(text: string, at: number): "key" | "scalar" | undefined {
  const end = text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at);
  const line = text.slice(at, end).replace(/\r$/, "");
  if (line === "" || /^(-(\s|$)|[[\]{}#&*!|>?:%@`,])/.test(line)) return undefined;
  let rest = line;
  const quote = /^'(?:[^']|'')*'|^"(?:[^"\\]|\\.)*"/.exec(line);
  if (quote) rest = line.slice(quote[0].length);
  else if (/^['"]/.test(line)) return undefined;
  const plain = rest.split(/\s#/)[0];
  return /:(\s|$)/.test(plain) ? "key" : "scalar";
}

/**
 * Where PyYAML's scanner stops after the key on the line holding `offset`,
 * the problem mark of its "could not find expected ':'": for a plain key,
 * the first character of the next line that is not blank (a comment's `#`
 * too: a plain scalar's scan looks for more of it there); for a quoted one,
 * its next token, past comments. The end of the text when nothing follows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextTokenAfterLine } from "./syntax_lines.ts";
 * assert.equal(nextTokenAfterLine("y # c\n\n  # d\n  z: 1\n", 0, false), 15);
 * assert.equal(nextTokenAfterLine("y\n\n  # d\n  z: 1\n", 0, true), 5);
 * assert.equal(nextTokenAfterLine("y", 0, true), 1);
 * ```
 */
export function nextTokenAfterLine(text: string, offset: number, plain: boolean): number {
  const nl = text.indexOf("\n", offset);
  if (nl === -1) return text.length;
  let p = nl + 1;
  while (p < text.length) {
    const c = text[p];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") p++;
    else if (c === "#" && !plain) {
      p = text.indexOf("\n", p) === -1 ? text.length : text.indexOf("\n", p);
    } else break;
  }
  return p;
}

/**
 * The offset of the first character of the first line at or after
 * `offset`'s that is not blank or a comment (npm:yaml may place an error on
 * a comment line before the line it is about).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { contentStart } from "./syntax_lines.ts";
 * assert.equal(contentStart("a: 1 # c\n# d\n- b\n", 9), 13);
 * assert.equal(contentStart("a: 1\r\n\t\r\n  b\r\n", 6), 11);
 * ```
 */
export function contentStart(text: string, offset: number): number {
  let p = lineStart(text, offset);
  // a blank line may hold tabs, and ends in "\r\n" in a CRLF file
  const blank = /[\t ]*[#\r\n]/y;
  while (p < text.length && (blank.lastIndex = p, blank.test(text))) {
    const next = text.indexOf("\n", p);
    if (next === -1) break;
    p = lineStart(text, next + 1);
  }
  return p;
}

/**
 * The columns where blocks start on a line: its indentation, and after each
 * leading `- ` the column of the item's own block (`- a: 1` holds a mapping
 * at 2, `- - x` a list; `- 1` none), deepest first, each with the text from
 * there.
 */
function heads(line: string): { col: number; body: string }[] {
  const body = line.trimStart();
  const out = [{ col: line.length - body.length, body }];
  for (let m; (m = /^-( +)(?=\S)/.exec(out[0].body)) !== null;) {
    const rest = out[0].body.slice(m[0].length);
    // a block only when the item holds one: a nested item or a key, not a scalar
    if (!/^-(\s|$)/.test(rest) && lineScalar(rest, 0) !== "key") break;
    out.unshift({ col: out[0].col + m[0].length, body: rest });
  }
  return out;
}

/**
 * The first item of the block sequence whose `- ` items stand at the
 * indentation of the line starting at `at`, right above it (deeper lines,
 * blank lines and comments between them); `undefined` when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sequenceAbove } from "./syntax_lines.ts";
 * const text = "a:\n  - 1\n  - x: 2\n    y: 3\n  b: 2\n";
 * assert.equal(sequenceAbove(text, text.indexOf("b:")), 5);
 * assert.equal(sequenceAbove("a: 1\nb: 2\n", 5), undefined);
 * ```
 */
export function sequenceAbove(text: string, at: number): number | undefined {
  return blockAbove(text, at, (body) => /^-(\s|$)/.test(body));
}

/**
 * The first key of the block mapping whose keys stand at the indentation of
 * the line starting at `at`, right above it; `undefined` when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mappingAbove } from "./syntax_lines.ts";
 * const text = "x: 0\na: 1\nb:\n  c: 2\n- d\n";
 * assert.equal(mappingAbove(text, text.indexOf("- d")), 0);
 * assert.equal(mappingAbove("- a\n- b\n", 4), undefined);
 * ```
 */
export function mappingAbove(text: string, at: number): number | undefined {
  return blockAbove(text, at, (body) => lineScalar(body, 0) === "key");
}

/**
 * The first of the lines above `at` whose block at `at`'s column `holds`,
 * contiguous (deeper lines, blank lines and comments between them); a block
 * a `- ` item opens at that column is the first of its lines.
 */
function blockAbove(
  text: string,
  at: number,
  holds: (body: string) => boolean,
): number | undefined {
  const indent = at - lineBegin(text, at);
  let first: number | undefined;
  for (const { begin, line, ind } of contentLinesAbove(text, at)) {
    if (ind > indent) continue;
    const head = heads(line).find((h) => h.col === indent);
    if (head === undefined || !holds(head.body)) break;
    first = begin + head.col;
    if (ind < indent) break; // the item's block starts here
  }
  return first;
}

/** The lines above the one at `at`, nearest first, but blank lines and comments, with indents. */
function* contentLinesAbove(
  text: string,
  at: number,
): Generator<{ begin: number; line: string; ind: number }> {
  for (let end = lineBegin(text, at) - 1; end >= 0;) {
    const begin = lineBegin(text, end);
    const line = text.slice(begin, end).replace(/\r$/, "");
    end = begin - 1;
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    yield { begin, line, ind: line.length - trimmed.length };
  }
}

/**
 * 1-based line and column of `offset`, for "(at L:C)" inside a message;
 * `added`: spaces full.ts added at line starts (0-based line → count), taken off.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { place } from "./syntax_lines.ts";
 * assert.equal(place("a: 1\nb: 😀 x\n", 11), "2:6"); // 😀 is one column
 * ```
 */
export function place(text: string, offset: number, added?: Map<number, number>): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  const col = [...text.slice(start, offset)].length + 1 - (added?.get(line - 1) ?? 0);
  return `${line}:${Math.max(1, col)}`;
}

/** The offset of a line's first non-blank character.  *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineStart } from "./syntax_lines.ts";
 * assert.equal(lineStart("a:\n  b: 1\n", 7), 5);
 * ```
 */
export function lineStart(text: string, offset: number): number {
  let p = text.lastIndexOf("\n", offset - 1) + 1;
  while (text[p] === " ") p++;
  return p;
}

/** The indents of the blocks enclosing the line at `offset` (the lines before it, outermost last).  *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { enclosingIndents } from "./syntax_lines.ts";
 * assert.deepEqual(enclosingIndents("a:\n  b:\n    c: 1\n  d\n", 17), [0, 2, 4]);
 * ```
 */
export function enclosingIndents(text: string, offset: number): number[] {
  const before = text.slice(0, text.lastIndexOf("\n", offset - 1) + 1).split("\n").reverse();
  const out: number[] = [];
  for (const line of before) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    for (const { col } of heads(line)) {
      if (out.length === 0 || col < out[out.length - 1]) out.push(col);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * The `-` of the block sequence item the line at `at` sits in, less indented than it, right
 * above it (blank lines and comments between); `undefined` when the nearest line less indented
 * is no item.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { itemAbove } from "./syntax_lines.ts";
 * const text = "l:\n  - x: 1\n   y: 2\n";
 * assert.equal(itemAbove(text, text.indexOf("y")), text.indexOf("-"));
 * assert.equal(itemAbove("a:\n  b: 1\n", 5), undefined);
 * ```
 */
export function itemAbove(text: string, at: number): number | undefined {
  const col = at - lineBegin(text, at);
  for (const { begin, line, ind } of contentLinesAbove(text, at)) {
    if (ind >= col) continue;
    return /^-(\s|$)/.test(line.slice(ind)) ? begin + ind : undefined;
  }
  return undefined;
}

/**
 * The `%` directive line npm:yaml stopped at (or just before), when content comes before it in
 * the file: where a directive cannot be.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { directiveAfterContent } from "./syntax_lines.ts";
 * assert.deepEqual(directiveAfterContent("a: 1\n%YAML 1.1\n", 5), { text: "%YAML 1.1", offset: 5 });
 * assert.equal(directiveAfterContent("%YAML 1.1\n---\na: 1\n", 0), undefined);
 * ```
 */
export function directiveAfterContent(
  text: string,
  offset: number,
): { text: string; offset: number } | undefined {
  const lines = text.split("\n");
  let at = 0;
  let content = false;
  for (const line of lines) {
    const end = at + line.length;
    if (line.startsWith("%")) {
      // npm:yaml names the directive's line, or the end of the line before it
      if (content && offset >= at - 1 && offset <= end) return { text: line.trim(), offset: at };
    } else if (/^\s*(#|$)/.test(line) || line.startsWith("---")) {
      // blank lines, comments and a document start are no content
    } else content = true;
    at = end + 1;
  }
  return undefined;
}
