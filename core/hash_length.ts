/**
 * How long a short config hash is, in a module of its own: the `hash`
 * command's help text reads it, and core/hash.ts would load node:crypto at
 * every start-up.
 *
 * @module
 */

/**
 * How many hex digits of a config hash name a job or a run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SHORT_HASH_LENGTH } from "./hash_length.ts";
 * assert.equal(SHORT_HASH_LENGTH, 12);
 * ```
 */
export const SHORT_HASH_LENGTH = 12;
