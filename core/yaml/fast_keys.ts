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
/** Most slots of the cache of keys read last, found by length and end characters (a power of 2). */
const RECENT = 4096;
/** Text characters per slot: a small file (most of a conf/ tree) gets a small cache. */
const CHARS_PER_SLOT = 16;

/**
 * The shared string keys of one text (its readers share one table).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SharedKeys } from "./fast_keys.ts";
 * const keys = new SharedKeys();
 * const a = keys.of("lr");
 * assert.equal(a.canon, "lr");
 * assert.equal(keys.of("lr"), a, "a repeat is the same object");
 * assert.equal(keys.at("x: 1\nlr: 2", 5, 7), a, "found in the text, not sliced");
 * ```
 */
export class SharedKeys {
  private table = new Map<string, StrKey>();
  /** Lookups that missed, and that hit, since the table filled up. */
  private lateMisses = 0;
  private lateHits = 0;
  private off = false;
  private readonly recent: (StrKey | undefined)[];
  private readonly mask: number;

  /** @param textLength the length of the text read (sizes the cache of recent keys) */
  constructor(textLength: number = RECENT * CHARS_PER_SLOT) {
    let slots = 16;
    while (slots < RECENT && slots * CHARS_PER_SLOT < textLength) slots *= 2;
    this.recent = new Array(slots);
    this.mask = slots - 1;
  }

  /**
   * The str key `t[p, e)`, shared: a key read lately is found by comparing
   * it with the text in place, without slicing it (most keys of a big file
   * are repeats of a few).
   */
  at(t: string, p: number, e: number): StrKey {
    const len = e - p;
    // keys like `key_10`, `key_20` differ in the middle: four characters and the length
    const slot = (len * 31 + t.charCodeAt(p) * 7 + t.charCodeAt(p + (len >> 1)) * 13 +
      t.charCodeAt(e - 2) * 5 + t.charCodeAt(e - 1)) & this.mask;
    const seen = this.recent[slot];
    if (seen !== undefined && seen.key.length === len && t.startsWith(seen.key, p)) return seen;
    const sk = this.of(t.slice(p, e));
    this.recent[slot] = sk;
    return sk;
  }

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
