/**
 * The job space of a sweep as a lazy, index-addressable Cartesian product.
 *
 * Each override key contributes an entry: its job override strings
 * (`db=mysql`, `db=postgresql`). Entries are grouped into axes (one entry per
 * axis, or several for linked sweeps), and job `i` is read from the
 * mixed-radix digits of `i` with the last axis varying fastest, which is
 * `itertools.product`'s order. Nothing is materialised per job beyond the
 * job itself: memory is the sum of the entries' sizes, not their product.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import { MAX_RANGE_VALUES } from "../override/range.ts";
import { DEFAULT_DIRNAME, type DirnameConfig } from "./types.ts";
import type { SweepValues } from "../override/types.ts";

/** The most jobs a sweep may have, counted or listed: a range's limit. */
export const MAX_SWEEP_JOBS = MAX_RANGE_VALUES;

/** One override key of the sweep and the strings it can take. */
export interface SweepEntry {
  /** `get_key_element()`: prefix + key + `@package` (`+x`, `db@source`, `~db`). */
  keyElement: string;
  /** `key_or_group`, compared with `exclude_keys`. */
  keyOrGroup: string;
  /** The rendered values (`mysql`, `a\ b`), in sweep order (an array, or a range read lazily). */
  values: SweepValues;
  /** Where the override came from, for errors. */
  origin?: Origin;
  /** Why `values` is empty, when it is (`glob(x*) matches no option of 'env' (…)`). */
  noValues?: string;
}

/**
 * Python's string order (by code point), which differs from UTF-16 order beyond the BMP.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareCodePoints } from "./plan.ts";
 * assert.deepEqual(["\u{1f600}", "\uff5e"].sort(compareCodePoints), ["\uff5e", "\u{1f600}"]);
 * assert.deepEqual(["\u{1f600}", "\uff5e"].sort(), ["\u{1f600}", "\uff5e"], "UTF-16 order differs");
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Whether a key stays out of override_dirname under `config`. */
function excludes(config: DirnameConfig): (keyOrGroup: string) => boolean {
  const excluded = new Set(config.excludeKeys);
  // Hydra's own overrides never reach override_dirname (they can come from
  // hydra.sweeper.params).
  return (k) => excluded.has(k) || k.startsWith("hydra.") || k.startsWith("hydra/");
}

function sameDirnameConfig(a: DirnameConfig, b: DirnameConfig): boolean {
  return a.kvSep === b.kvSep && a.itemSep === b.itemSep &&
    a.excludeKeys.length === b.excludeKeys.length &&
    a.excludeKeys.every((k, i) => k === b.excludeKeys[i]);
}

/**
 * `values` with `f` applied to each: an array for an array, for a lazy range
 * a lazy list again (so a million-value range stays unexpanded).
 */
function linesOf(values: SweepValues, f: (v: string) => string): SweepValues {
  if (Array.isArray(values)) return values.map(f);
  // A job reads its line twice (overrides, then override_dirname): keep the last.
  let last = -1, line = "";
  return {
    length: values.length,
    at(i) {
      if (i !== last) {
        line = f(values.at(i)!);
        last = i;
      }
      return line;
    },
  };
}

/**
 * Hydra's `get_overrides_dirname` for one job: its override lines whose
 * `key_or_group` is not excluded, sorted as Python sorts strings, joined with
 * item_sep, and every `=` replaced with kv_sep.
 *
 * @example
 * ```ts
 * import { overrideDirname } from "./plan.ts";
 * const e = (k: string) => ({ keyElement: k, keyOrGroup: k.replace(/^\+/, ""), values: [] });
 * overrideDirname([e("seed"), e("+x")], ["seed=1", "+x=a"], { kvSep: ":", itemSep: ",", excludeKeys: ["seed"] });
 * // "+x:a"
 * ```
 */
export function overrideDirname(
  entries: SweepEntry[],
  lines: string[],
  config: DirnameConfig,
): string {
  const isExcluded = excludes(config);
  return lines.filter((_, i) => !isExcluded(entries[i].keyOrGroup))
    .sort(compareCodePoints)
    .join(config.itemSep)
    .replaceAll("=", config.kvSep);
}

/**
 * A sweep's jobs, computed on demand.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SweepPlan } from "../../engine.ts";
 * const plan = new SweepPlan([
 *   { keyElement: "db", keyOrGroup: "db", values: ["mysql", "pg"] },
 *   { keyElement: "+x", keyOrGroup: "x", values: ["1", "2", "3"] },
 * ]);
 * assert.equal(plan.count, 6);
 * assert.deepEqual(plan.overridesAt(4), ["db=pg", "+x=2"]);
 * ```
 */
export class SweepPlan {
  /** The number of jobs. */
  readonly count: number;
  /** `lines[e].at(v)`: the job override string of entry e with value v. */
  readonly #lines: SweepValues[];
  /** `dirLines[e].at(v)`: the same with `=` replaced by kv_sep, or null when e is excluded. */
  readonly #dirLines: (SweepValues | null)[];
  /** Entries in override_dirname order (Python-sorted), excluded ones left out. */
  readonly #dirOrder: number[];
  /** The entries of each axis, axes in product order. */
  readonly #axes: number[][];
  /** The length of each axis. */
  readonly #radix: number[];
  readonly #itemSep: string;

  /**
   * The job space of `entries`.
   *
   * @param entries the override keys in Hydra's order (first occurrence position)
   * @param axes entry indices per axis; default one axis per entry. Linked
   *   entries share an axis and must have the same length (checked by the caller).
   * @param dirname how override_dirname is written
   */
  constructor(
    readonly entries: SweepEntry[],
    axes?: number[][],
    readonly dirname: DirnameConfig = DEFAULT_DIRNAME,
  ) {
    this.#axes = axes ?? entries.map((_, i) => [i]);
    this.#radix = this.#axes.map((a) => entries[a[0]].values.length);
    let count = 1;
    for (let a = 0; a < this.#radix.length; a++) {
      count *= this.#radix[a];
      if (count > MAX_SWEEP_JOBS) {
        const entry = entries[this.#axes[a][0]];
        throw new StrataError(
          ErrorCode.Sweep,
          `The sweep has more than ${MAX_SWEEP_JOBS} jobs (from '${entry.keyElement}' on: ` +
            `${
              this.#radix.slice(0, a + 1).join(" x ")
            } = ${count}), the limit for counting and listing`,
          { origin: entry.origin },
        );
      }
    }
    this.count = count;
    this.#lines = entries.map((e) => linesOf(e.values, (v) => `${e.keyElement}=${v}`));
    const isExcluded = excludes(dirname);
    this.#dirLines = this.#lines.map((lines, i) =>
      isExcluded(entries[i].keyOrGroup)
        ? null
        : dirname.kvSep === "="
        ? lines
        : linesOf(lines, (l) => l.replaceAll("=", dirname.kvSep))
    );
    // Lines of different keys compare on their keys alone: at the first
    // difference one side is a key character and the other either a key
    // character or '=', never a value character. So the order is fixed.
    this.#dirOrder = entries
      .map((e, i) => ({ k: e.keyElement + "=", i }))
      .filter(({ i }) => this.#dirLines[i] !== null)
      .sort((a, b) => compareCodePoints(a.k, b.k))
      .map(({ i }) => i);
    this.#itemSep = dirname.itemSep.replaceAll("=", dirname.kvSep);
  }

  /** The value index of every entry for job `index`. */
  digitsAt(index: number): number[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) {
      throw new StrataError(
        ErrorCode.Sweep,
        `Job index ${index} is out of range: the sweep has ${this.count} jobs`,
      );
    }
    const digits = new Array<number>(this.entries.length);
    let rest = index;
    for (let a = this.#axes.length - 1; a >= 0; a--) {
      const r = this.#radix[a];
      const d = rest % r;
      rest = (rest - d) / r;
      for (const e of this.#axes[a]) digits[e] = d;
    }
    return digits;
  }

  /** The job override strings for value indices `digits` (one per entry). */
  overridesOf(digits: number[]): string[] {
    const out = new Array<string>(digits.length);
    for (let e = 0; e < digits.length; e++) out[e] = this.#lines[e].at(digits[e])!;
    return out;
  }

  /**
   * `hydra.job.override_dirname` for value indices `digits`. `config` is for
   * a job whose own config writes override_dirname differently from the
   * plan's (an experiment that sets `exclude_keys`): the slow, general path.
   */
  dirnameOf(digits: number[], config?: DirnameConfig): string {
    if (config && !sameDirnameConfig(config, this.dirname)) {
      return overrideDirname(this.entries, this.overridesOf(digits), config);
    }
    let out = "";
    for (let k = 0; k < this.#dirOrder.length; k++) {
      const e = this.#dirOrder[k];
      if (k > 0) out += this.#itemSep;
      out += this.#dirLines[e]!.at(digits[e])!;
    }
    return out;
  }

  /**
   * How override_dirname is assembled from the plan's own strings, for
   * writers that copy them instead of building a string per job: the
   * entries in dirname order, `lines[e].at(v)` (entry e with value v, `=` as
   * kv_sep; null for excluded entries) and the separator.
   */
  dirnameLayout(): {
    order: readonly number[];
    lines: readonly (SweepValues | null)[];
    itemSep: string;
  } {
    return { order: this.#dirOrder, lines: this.#dirLines, itemSep: this.#itemSep };
  }

  /** The job override strings of job `index`. */
  overridesAt(index: number): string[] {
    return this.overridesOf(this.digitsAt(index));
  }

  /**
   * The value indices of jobs `start` to `end - 1`, in order. One array is
   * reused and advanced like an odometer: copy it to keep it.
   */
  *digits(start = 0, end = this.count): Generator<number[]> {
    if (start >= end || this.count === 0) return;
    const digits = this.digitsAt(start);
    const axisDigit = this.#axes.map((a) => digits[a[0]]);
    for (let i = start; i < end; i++) {
      if (i > start) {
        let a = this.#axes.length - 1;
        while (a >= 0) {
          const d = axisDigit[a] + 1 === this.#radix[a] ? 0 : axisDigit[a] + 1;
          axisDigit[a] = d;
          for (const e of this.#axes[a]) digits[e] = d;
          if (d !== 0) break;
          a--;
        }
      }
      yield digits;
    }
  }
}
