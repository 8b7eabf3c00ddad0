/**
 * A value's error placed at the character that fails: an interpolation error
 * in a block scalar (`script: |` and thirty lines) is said at its own line,
 * with that line and a caret, not at the `|`.
 *
 * @module
 */

import { type NodeOrigin, type Origin, originOf } from "../node.ts";
import { blockScalarPosition } from "../yaml/scalar_position.ts";
import { codePointCol, unitOffset } from "../yaml/columns.ts";
import { readFileText } from "../file_overlay.ts";

/**
 * Where characters `offset` to `end` of `value` are, when the value is a
 * block scalar of a file (its origin at the `|` or `>`; a folded one may be
 * one line long): the origin of that line and column, and the line's text
 * with a caret span; or a value on one line (plain or quoted) whose text
 * from `offset` to `end` is written as it is on that line: its column, the
 * value with the caret span. Undefined for anything else (a value folded from
 * several lines, or whose text there is escaped; an override; a file that
 * cannot be read again). It reads the file again: for an error, not on a hot
 * path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valuePosition } from "./value_position.ts";
 * assert.equal(valuePosition({ file: "nowhere.yaml", line: 1, col: 4 }, "a\n${b\n", 2, 4), undefined);
 * assert.equal(valuePosition(undefined, "a\n${b\n", 2, 4), undefined);
 * ```
 */
export function valuePosition(
  packed: NodeOrigin | undefined,
  value: string,
  offset: number,
  end: number,
): { origin: Origin; snippet?: { text: string; start: number; end: number } } | undefined {
  const origin = originOf(packed);
  if (origin?.file === undefined || origin.line === undefined || origin.col === undefined) {
    return undefined;
  }
  let source: string;
  try {
    source = readFileText(origin.file);
  } catch {
    return undefined;
  }
  const at = blockScalarPosition(source, origin.line, origin.col, value, offset);
  if (at === undefined) {
    const { file, line, col } = origin;
    return inlinePosition(source, { file, line, col }, value, offset, end);
  }
  const stop = Math.min(at.start + Math.max(end - offset, 1), at.text.length);
  return {
    origin: { file: origin.file, line: at.line, col: at.col },
    snippet: { text: at.text, start: at.start, end: Math.max(stop, at.start + 1) },
  };
}

/**
 * A one-line value's characters `offset` to `end` in its line: the same text
 * written there after the value's start, as often before it as in the value
 * (a quoted value's escapes are before or after it, or it is not found).
 */
function inlinePosition(
  source: string,
  origin: { file: string; line: number; col: number },
  value: string,
  offset: number,
  end: number,
): ReturnType<typeof valuePosition> {
  const piece = value.slice(offset, Math.max(end, offset + 1));
  if (value.includes("\n") || piece === "") return undefined;
  const line = source.split("\n")[origin.line - 1];
  if (line === undefined) return undefined;
  if (piece === value) {
    // a value that is the `${...}` alone is placed at its start already, and says itself; a
    // quoted one's start is its quote: one column on, at the `${`
    const start = unitOffset(line, 0, origin.col);
    const quote = line[start];
    if ((quote !== '"' && quote !== "'") || !line.startsWith(piece, start + 1)) return undefined;
    return { origin: { ...origin, col: origin.col + 1 } };
  }
  let before = 0;
  for (let i = value.indexOf(piece); i >= 0 && i < offset; i = value.indexOf(piece, i + 1)) {
    before++;
  }
  let at = line.indexOf(piece, unitOffset(line, 0, origin.col));
  for (; at >= 0 && before > 0; before--) at = line.indexOf(piece, at + 1);
  if (at < 0) return continuationPosition(source, origin, piece, before);
  return {
    origin: { file: origin.file, line: origin.line, col: codePointCol(line, 0, at) },
    snippet: { text: value, start: offset, end: Math.max(end, offset + 1) },
  };
}

/**
 * A plain value folded from several lines (`n: first` and `  ${nme}` below):
 * the piece on a continuation line (one indented deeper than the line the
 * value starts on), after `before` earlier copies of it there; its line with
 * a caret.
 */
function continuationPosition(
  source: string,
  origin: { file: string; line: number; col: number },
  piece: string,
  before: number,
): ReturnType<typeof valuePosition> {
  const lines = source.split("\n");
  const indent = (l: string) => l.length - l.trimStart().length;
  const own = indent(lines[origin.line - 1]);
  for (let n = origin.line; n < lines.length; n++) {
    const text = lines[n].replace(/\r$/, "");
    if (text.trim() === "" || indent(text) <= own) return undefined;
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      if (before-- > 0) continue;
      return {
        origin: { file: origin.file, line: n + 1, col: codePointCol(text, 0, at) },
        snippet: { text, start: at, end: at + piece.length },
      };
    }
  }
  return undefined;
}

/**
 * {@link valuePosition} of the interpolation a resolution failure names (a
 * {@link ./fail.ts}'s `Fail` with `at` and `piece`): where in the failing
 * value's block scalar its text is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failPosition } from "./value_position.ts";
 * assert.equal(failPosition({ at: { text: "${a}", origin: undefined }, piece: "${a}" }), undefined);
 * ```
 */
export function failPosition(
  e: { at?: { text: string; origin?: NodeOrigin }; piece?: string; message?: string },
): ReturnType<typeof valuePosition> {
  const at = e.at;
  const offset = at && e.piece !== undefined ? at.text.indexOf(e.piece) : -1;
  if (!at || offset < 0) return undefined;
  // a key not found in a nested `${...}` (`${oc.decode:${model.nett}}`): at the inner one
  const key = /^Interpolation key '([^']+)' not found/.exec(e.message ?? "")?.[1];
  const inner = key === undefined ? -1 : at.text.indexOf("${" + key + "}", offset);
  if (inner > offset && inner < offset + e.piece!.length) {
    return valuePosition(at.origin, at.text, inner, inner + key!.length + 3);
  }
  return valuePosition(at.origin, at.text, offset, offset + e.piece!.length);
}
