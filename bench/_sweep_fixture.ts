/**
 * What the sweep benches share: the 10^6-job sweep and a peak-memory sampler.
 *
 * @module
 */

import { planSweep, SweepExpansion } from "../core/sweep/expand.ts";

/** 100 × 100 × 100 = 10^6 jobs, never composed (no config tree). */
export function million(): SweepExpansion {
  const values = (p: string) => Array.from({ length: 100 }, (_, i) => `${p}${i}`).join(",");
  const plan = planSweep({
    overrides: [`a=${values("")}`, `+b=${values("0.")}`, `model.name=${values("v")}`],
  });
  return new SweepExpansion(plan, null, null);
}

/** `seed=range(1000000)`: 10^6 jobs of one key, its values read lazily (never composed). */
export function millionRange(): SweepExpansion {
  return new SweepExpansion(planSweep({ overrides: ["seed=range(1000000)"] }), null, null);
}

/** Peak RSS and heap over the samples taken, against the memory at its creation. */
export class PeakMemory {
  readonly #before = Deno.memoryUsage();
  #rss = this.#before.rss;
  #heap = this.#before.heapUsed;

  /** Records the memory now. */
  sample(): void {
    const m = Deno.memoryUsage();
    this.#rss = Math.max(this.#rss, m.rss);
    this.#heap = Math.max(this.#heap, m.heapUsed);
  }

  /** `memory: rss A -> peak B MB, heapUsed C -> peak D MB (how)`. */
  report(how: string): string {
    this.sample();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return `memory: rss ${mb(this.#before.rss)} -> peak ${mb(this.#rss)} MB, heapUsed ` +
      `${mb(this.#before.heapUsed)} -> peak ${mb(this.#heap)} MB (${how})`;
  }
}
