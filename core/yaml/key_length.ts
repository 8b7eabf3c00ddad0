/**
 * PyYAML's limit on an implicit key's length, apart from the checks that
 * need npm:yaml's tokens (implicit_keys.ts): the fast reader counts with it
 * too, and must not load npm:yaml to do so.
 *
 * @module
 */

/** PyYAML's longest simple key: the `:` at most this many characters after the key's start. */
export const MAX_SIMPLE_KEY = 1024;

/**
 * Whether text[from, to) holds more than `limit` code points (counted only
 * when its UTF-16 units exceed it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { longerThan } from "./key_length.ts";
 * assert.equal(longerThan("😀😀", 0, 4, 2), false);
 * assert.equal(longerThan("kkk", 0, 3, 2), true);
 * ```
 */
export function longerThan(text: string, from: number, to: number, limit: number): boolean {
  if (to - from <= limit) return false;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === from) n++; // a low surrogate ends a pair counted once
  }
  return n > limit;
}
