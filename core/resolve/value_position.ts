/**
 * A value's error placed at the character that fails: an interpolation error
 * in a block scalar (`script: |` and thirty lines) is said at its own line,
 * with that line and a caret, not at the `|`.
 *
 * @module
 */

import { type NodeOrigin, type Origin, originOf } from "../node.ts";
import { blockScalarPosition } from "../yaml/scalar_position.ts";

/**
 * Where characters `offset` to `end` of `value` are, when the value is a
 * block scalar of a file (its origin at the `|` or `>`; a folded one may be
 * one line long): the origin of that line and column, and the line's text
 * with a caret span. Undefined for anything else (a plain or quoted value,
 * which the caller shows whole; an override; a file that cannot be read
 * again). It reads the file again: for an error, not on a hot path.
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
): { origin: Origin; snippet: { text: string; start: number; end: number } } | undefined {
  const origin = originOf(packed);
  if (origin?.file === undefined || origin.line === undefined || origin.col === undefined) {
    return undefined;
  }
  let source: string;
  try {
    source = Deno.readTextFileSync(origin.file);
  } catch {
    return undefined;
  }
  const at = blockScalarPosition(source, origin.line, origin.col, value, offset);
  if (at === undefined) return undefined;
  const stop = Math.min(at.start + Math.max(end - offset, 1), at.text.length);
  return {
    origin: { file: origin.file, line: at.line, col: at.col },
    snippet: { text: at.text, start: at.start, end: Math.max(stop, at.start + 1) },
  };
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
  e: { at?: { text: string; origin?: NodeOrigin }; piece?: string },
): ReturnType<typeof valuePosition> {
  const at = e.at;
  const offset = at && e.piece !== undefined ? at.text.indexOf(e.piece) : -1;
  if (!at || offset < 0) return undefined;
  return valuePosition(at.origin, at.text, offset, offset + e.piece!.length);
}
