/**
 * The string keys the fast reader has read, shared: a config repeats few
 * key names many times, so each is kept once with its canonical form. A
 * file of 10^6 distinct keys (`key_0` … `key_999999`) gains nothing from it
 * and would pay a lookup per key in a full table, so once the table is
 * full and as many lookups again have missed, mostly (fewer than one hit
 * in eight), it is no longer asked.
 *
 * @module
 */

import { canonicalKey } from "../node.ts";

/** A string key as read once: the key and its canonical form, shared by every repeat. */
export interface StrKey {
  /** The key. */
  key: string;
  /** Its canonical form (core/node.ts `canonicalKey`). */
  canon: string;
}

/** Distinct string keys remembered (a config repeats few key names many times). */
const MAX_KEYS = 1 << 16;

/**
 * The shared string keys of one text (its readers share one table).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SharedKeys } from "./fast_keys.ts";
 * const keys = new SharedKeys();
 * const a = keys.of("lr");
 * assert.equal(a.canon, "slr");
 * assert.equal(keys.of("lr"), a, "a repeat is the same object");
 * ```
 */
export class SharedKeys {
  private table = new Map<string, StrKey>();
  /** Lookups that missed, and that hit, since the table filled up. */
  private lateMisses = 0;
  private lateHits = 0;
  private off = false;

  /** The key `text` with its canonical form, shared with its earlier reads. */
  of(text: string): StrKey {
    if (this.off) return { key: text, canon: canonicalKey(text) };
    const full = this.table.size >= MAX_KEYS;
    const seen = this.table.get(text);
    if (seen !== undefined) {
      if (full) this.lateHits++;
      return seen;
    }
    const sk = { key: text, canon: canonicalKey(text) };
    if (!full) this.table.set(text, sk);
    else if (++this.lateMisses >= MAX_KEYS) this.off = this.lateHits * 8 < this.lateMisses;
    return sk;
  }
}
