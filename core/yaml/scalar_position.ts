/**
 * Where a character of a block scalar's value (`|` or `>`) is in its file: a
 * value of thirty lines is located at its `|`, and an error in its twelfth
 * line should point there.
 *
 * @module
 */

import { codePointCol } from "./columns.ts";

/**
 * The 1-based line and column in `source` of character `offset` of `value`
 * (and that line's content, `text`, with the character at `start`),
 * the value of the block scalar whose indicator (`|`, `>`, with `-`, `+` or
 * an indentation digit) is at `line`:`col`; undefined when that is no block
 * scalar's indicator or the value does not read off the lines below it. A
 * block scalar has no escapes: each content line, its indentation taken off,
 * is in the value as written, in order (`>` joins lines with a space, `|`
 * with a newline), so each line is found in the value after the one before.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockScalarPosition } from "./scalar_position.ts";
 * const src = "a: 1\ntpl: |\n  one\n  two ${x}\n";
 * const at = blockScalarPosition(src, 2, 6, "one\ntwo ${x}\n", 8);
 * assert.deepEqual(at, { line: 4, col: 7, text: "two ${x}", start: 4 });
 * assert.equal(blockScalarPosition(src, 1, 4, "1", 0), undefined);
 * ```
 */
export function blockScalarPosition(
  source: string,
  line: number,
  col: number,
  value: string,
  offset: number,
): { line: number; col: number; text: string; start: number } | undefined {
  const lines = source.split("\n").map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
  const header = lines[line - 1];
  if (header === undefined || offset < 0 || offset >= value.length) return undefined;
  const indicator = /^[|>]([1-9][-+]?|[-+][1-9]?)?(?=\s|$)/.exec(header.slice(col - 1));
  if (!indicator) return undefined;
  const parent = header.length - header.trimStart().length;
  const digit = /[1-9]/.exec(indicator[1] ?? "");
  let indent = digit ? parent + Number(digit[0]) : -1;
  let from = 0;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i];
    const blank = text.trim() === "";
    const own = text.length - text.trimStart().length;
    if (indent < 0 && !blank) indent = own;
    if (!blank && own < indent) break;
    const content = blank ? "" : text.slice(indent);
    if (content === "") continue;
    const at = value.indexOf(content, from);
    if (at < 0) return undefined;
    if (offset >= from && offset < at + content.length) {
      // a character between two lines (the newline or space that joins them) is the line's start
      const start = Math.max(offset - at, 0);
      // columns count code points (a surrogate pair is one)
      return { line: i + 1, col: indent + codePointCol(content, 0, start), text: content, start };
    }
    from = at + content.length;
  }
  return undefined;
}
