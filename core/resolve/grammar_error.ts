/**
 * The error the interpolation grammar's parsers throw ({@link GrammarError}):
 * a message and an offset, made a located `grammar` error by their callers.
 *
 * @module
 */

import type { NodeOrigin, Origin } from "../node.ts";
import { valuePosition } from "./value_position.ts";

/**
 * A grammar error: message and the offending offset. The parsers throw it;
 * callers turn it into a `grammar` `StrataError` with the node's key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigValue } from "./grammar.ts";
 * import { GrammarError } from "./grammar_error.ts";
 * try {
 *   parseConfigValue("${foo:");
 * } catch (e) {
 * assert.equal(  e instanceof GrammarError && e.at, 6);
 * }
 * ```
 */
export class GrammarError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/**
 * What a grammar error of `text` shows beside OmegaConf's message: the text
 * with a caret at the failing interpolation, and, when a `${` is never
 * closed (OmegaConf's terse "no viable alternative at input '${foo'"), which
 * one and what is missing. A block scalar of a file is placed at its failing
 * line (`origin` is then that line's); any other text on several lines gets
 * no snippet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { grammarErrorContext, GrammarError } from "./grammar_error.ts";
 * const c = grammarErrorContext("x_${a.b", new GrammarError("no viable alternative at input '${a.b'", 2));
 * assert.deepEqual(c.snippet, { text: "x_${a.b", start: 2, end: 4 });
 * assert.match(c.related[0].message, /never closed/);
 * ```
 */
export function grammarErrorContext(text: string, e: GrammarError, origin?: NodeOrigin): {
  origin?: Origin;
  snippet?: { text: string; start: number; end: number };
  related: { message: string; origin: Record<string, never> }[];
} {
  const open = unclosedOpening(text);
  const at = Math.min(Math.max(e.at, 0), Math.max(text.length - 1, 0));
  const [start, end] = open >= 0 ? [open, open + 2] : [at, at + 1];
  const related = open >= 0
    ? [{ message: "this '${' is never closed: a '}' is missing", origin: {} }]
    : [];
  const placed = valuePosition(origin, text, start, end);
  if (placed) return { ...placed, related };
  return text.includes("\n") ? { related: [] } : { snippet: { text, start, end }, related };
}

/**
 * The offset of the first `${` that no `}` closes, or -1. Braces are
 * counted as written (a `}` in a quoted resolver argument counts too):
 * good enough to name the opening a user forgot to close.
 */
function unclosedOpening(text: string): number {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++; // `\${` and `\}` are escapes
    else if (c === 36 && text.charCodeAt(i + 1) === 123) open.push(i++);
    else if (c === 125 && open.length > 0) open.pop();
  }
  return open.length > 0 ? open[0] : -1;
}
