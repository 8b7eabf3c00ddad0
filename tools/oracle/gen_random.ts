/**
 * The seeded randomness of the oracle's generators (./gen.ts, ./gen_yaml.ts):
 * the same seed gives the same inputs, so a difference can be replayed.
 *
 * @module
 */

import { prng } from "../../bench/compare/generate.ts";

/** A seeded generator of numbers in [0, 1): bench:compare's. */
export const random: (seed: number) => () => number = prng;

/** A seeded generator, as {@link random} makes one. */
export type Rand = () => number;
/** An item of `xs`, at random. */
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** An integer in [lo, hi], at random. */
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/**
 * A seeded shuffle (Fisher-Yates). Not `sort(() => r() - 0.5)`: V8's sort
 * with a comparator that is not consistent calls it a varying number of
 * times, so the same seed gave other inputs from one run to the next.
 */
export const shuffled = <T>(r: Rand, xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};
