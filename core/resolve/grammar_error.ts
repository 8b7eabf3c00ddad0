/**
 * The error the interpolation grammar's parsers throw ({@link GrammarError}):
 * a message and an offset, made a located `grammar` error by their callers.
 *
 * @module
 */

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
