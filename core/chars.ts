/**
 * Strings measured and cut in characters (code points), as Python's `len()`
 * and `s[:n]` do, not in JavaScript's UTF-16 units: 😀 is one character, and
 * a cut never leaves half of it (a lone surrogate, which Python's
 * `.encode()` refuses and UTF-8 output turns into U+FFFD).
 *
 * @module
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The number of characters of `text`, as Python's `len()` counts them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { charCount } from "./chars.ts";
 * assert.equal(charCount("a😀"), 2);
 * assert.equal("a😀".length, 3);
 * ```
 */
export function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * The first `n` characters of `text`, as Python's `text[:n]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstChars } from "./chars.ts";
 * assert.equal(firstChars("a😀😀", 2), "a😀");
 * assert.equal(firstChars("ab", 5), "ab");
 * ```
 */
export function firstChars(text: string, n: number): string {
  // n characters take at least n units: a shorter text is whole
  if (text.length <= n) return text;
  let end = 0;
  for (let count = 0; count < n && end < text.length; count++) {
    end += isHigh(text.charCodeAt(end)) && isLow(text.charCodeAt(end + 1)) ? 2 : 1;
  }
  return text.slice(0, end);
}

/**
 * Whether cutting `text` at UTF-16 offset `at` splits a surrogate pair.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitsPair } from "./chars.ts";
 * assert.equal(splitsPair("a😀", 2), true);
 * assert.equal(splitsPair("a😀", 1), false);
 * ```
 */
export function splitsPair(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) &&
    isLow(text.charCodeAt(at));
}

/**
 * `text.slice(start, end)` in UTF-16 units, narrowed by one unit at either
 * end that would split a surrogate pair: for cuts that need only be at most
 * a length (an error echoing a long key), never half a character.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sliceWhole } from "./chars.ts";
 * assert.equal(sliceWhole("a😀b", 0, 2), "a");
 * assert.equal(sliceWhole("a😀b", 2), "b");
 * ```
 */
export function sliceWhole(text: string, start: number, end = text.length): string {
  return text.slice(
    splitsPair(text, start) ? start + 1 : start,
    splitsPair(text, end) ? end - 1 : end,
  );
}
