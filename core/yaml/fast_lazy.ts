/**
 * The fast reader's lazy mode (core/lazy.ts): the settings and lookups
 * shared by every reader of one big text, and where a lazy subtree is.
 *
 * @module
 */

import type { DictNode, Key, ListNode, Node } from "../node.ts";
import type { LazySource, LazySpot } from "../lazy.ts";
import { SharedKeys } from "./fast_keys.ts";

/** Lazy mode's settings, shared by every reader of one text. */
export interface LazyText {
  /** Block containers spanning this many bytes of text or more become lazy. */
  minBytes: number;
  /** Offsets of every `${` in the text, ascending. */
  interps: number[];
  /** The string keys read so far, shared by the readers of the text. */
  keys: SharedKeys;
  /** Reads a lazy subtree of the text again. */
  source: LazySource<Spot>;
}

/** Where a lazy subtree's text is, for the reader that reads it again. */
export interface Spot extends LazySpot {
  /** Where its first line starts. */
  start: number;
  /** How many containers deep it is. */
  depth: number;
  /** Whether it is a map that starts on a `- ` line, after the dash. */
  inSeq: boolean;
  /** A flow collection's: the indent of the block around it (-1 at the root). */
  flowInd?: number;
}

/**
 * Whether the text holds `${` in [start, end): a binary search in `lazy.interps`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holdsBetween, lazyText } from "./fast_lazy.ts";
 * import { dict } from "../node.ts";
 * assert.equal(holdsBetween(lazyText("x: ${y}", "c.yaml", 64, () => dict()), 0, 7), true);
 * ```
 */
export function holdsBetween(lazy: LazyText, start: number, end: number): boolean {
  const at = lazy.interps;
  let lo = 0, hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < at.length && at[lo] < end - 1;
}

/**
 * Lazy mode's settings for `text`: subtrees of `minBytes` or more are lazy,
 * read again by `reread`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { holdsBetween, lazyText } from "./fast_lazy.ts";
 * import { dict } from "../node.ts";
 * const lazy = lazyText("a: 1\nb: ${a}\n", "c.yaml", 64, () => dict());
 * assert.deepEqual(lazy.interps, [8]);
 * assert.equal(holdsBetween(lazy, 0, 5), false);
 * assert.equal(holdsBetween(lazy, 5, 14), true);
 * ```
 */
export function lazyText(
  text: string,
  file: string,
  minBytes: number,
  reread: (
    text: string,
    lazy: LazyText,
    spot: Spot,
    each?: (node: Node, key: Key | undefined) => void,
    interpolating?: boolean,
  ) => DictNode | ListNode,
): LazyText {
  const interps: number[] = [];
  for (let i = text.indexOf("${"); i !== -1; i = text.indexOf("${", i + 2)) interps.push(i);
  const lazy: LazyText = {
    minBytes,
    interps,
    keys: new SharedKeys(text.length),
    source: {
      file,
      read: (spot, each, interpolating) => reread(text, lazy, spot, each, interpolating),
    },
  };
  return lazy;
}
