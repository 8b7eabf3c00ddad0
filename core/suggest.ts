/**
 * "Did you mean ...?": close matches among candidates by edit distance.
 *
 * @module
 */

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Candidates within a third of the word's length in edits (at least 1, at most 3),
 * closest first.
 *
 * @example
 * ```ts
 * import { suggest } from "./suggest.ts";
 * suggest("optimzer", ["optimizer", "model", "dataset"]); // ["optimizer"]
 * ```
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d <= limit && c !== word) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
  return scored.slice(0, max).map(([, c]) => c);
}
