/**
 * "Did you mean ...?": close matches among candidates by edit distance.
 *
 * @module
 */

/** Edit distance with adjacent transpositions (optimal string alignment): `prot` → `port` is 1. */
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * Candidates within a third of the word's length in edits (at least 1, at most 3),
 * closest first. The edits must leave at least half of the longer of the two
 * alike: one edit turns any one-character key into any other (`q` into `a`),
 * which is no likeness; Python's own "Did you mean" (3.10+ NameError,
 * AttributeError) does not offer `a` for `q` either, but offers `qq`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { suggest } from "./suggest.ts";
 * assert.deepEqual(suggest("optimzer", ["optimizer", "model", "dataset"]), ["optimizer"]);
 * assert.deepEqual(suggest("q", ["a", "qq"]), ["qq"]);
 * ```
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    const alike = 2 * d <= Math.max(word.length, c.length);
    if (d <= limit && alike && c !== word) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
  return scored.slice(0, max).map(([, c]) => c);
}
