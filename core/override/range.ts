/**
 * Expands `range(start, stop, step)` exactly as Hydra 1.3 does: Python's
 * `range` for ints, and for floats its `FloatRange`, which steps in
 * `decimal.Decimal` (exact binary values, 28-digit context, half-even) and
 * yields `float(d)` — hence `1.9000000000000001` in `range(1.0, 3.14, 0.1)`.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { float, int, type Node } from "../node.ts";
import type { RangeSweep, SweepValues } from "./types.ts";

/** A decimal number m × 10^e. */
interface Dec {
  m: bigint;
  e: number;
}

const PREC = 28;

/** The exact decimal value of a double (Python's `Decimal(float)`). */
function decOfFloat(x: number): Dec {
  if (Number.isInteger(x)) return { m: BigInt(x), e: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  // x = mant × 2^exp with exp < 0 here (integers returned above)
  return { m: sign * mant * 5n ** BigInt(-exp), e: exp };
}

function decOfNode(n: Node): Dec {
  const v = (n as { value: unknown }).value;
  if (typeof v === "bigint") return { m: v, e: 0 };
  if (typeof v === "boolean") return { m: v ? 1n : 0n, e: 0 };
  const x = Number(v);
  if (!Number.isFinite(x)) {
    // Hydra's Decimal loop never ends on inf and fails on nan: refuse both
    throw new StrataError(ErrorCode.Sweep, `range() needs finite numbers, got ${x}`);
  }
  return decOfFloat(x);
}

function digits(m: bigint): number {
  return (m < 0n ? -m : m).toString().length;
}

/** Decimal addition rounded to the context precision (half-even). */
function add(a: Dec, b: Dec): Dec {
  const e = Math.min(a.e, b.e);
  let m = a.m * 10n ** BigInt(a.e - e) + b.m * 10n ** BigInt(b.e - e);
  let exp = e;
  const n = digits(m);
  if (n > PREC) {
    const drop = n - PREC;
    const div = 10n ** BigInt(drop);
    const neg = m < 0n;
    const abs = neg ? -m : m;
    let q = abs / div;
    const r = abs % div;
    const twice = r * 2n;
    if (twice > div || (twice === div && q % 2n === 1n)) q += 1n;
    m = neg ? -q : q;
    exp += drop;
  }
  return { m, e: exp };
}

function cmp(a: Dec, b: Dec): number {
  const e = Math.min(a.e, b.e);
  const x = a.m * 10n ** BigInt(a.e - e), y = b.m * 10n ** BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toFloat(d: Dec): number {
  return Number(`${d.m}e${d.e}`);
}

function isIntLike(n: Node): boolean {
  return n.kind === "value" && (n.type === "int" || n.type === "bool");
}

function bigOf(n: Node): bigint {
  const v = (n as { value: unknown }).value;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return BigInt(v as number | bigint);
}

const SAFE = 2n ** 53n;

function intNode(v: bigint): Node {
  return int(v >= -SAFE && v <= SAFE ? Number(v) : v);
}

/**
 * The most values one range may expand to, and the most jobs a sweep may
 * have (core/sweep/plan.ts): counting and listing a sweep see the same limit.
 * Every value becomes a string of the sweep (Hydra builds the whole list
 * too): a range past this would run out of memory or time, so it is refused
 * up front.
 */
export const MAX_RANGE_VALUES = 1_000_000;

function checkSize(n: number): void {
  if (n > MAX_RANGE_VALUES) {
    // a limit of strata's, as a sweep's job count is (exit 1, counted or listed alike)
    throw new StrataError(
      ErrorCode.Limit,
      `range() has ${n} values, more than the ${MAX_RANGE_VALUES} a sweep can expand`,
    );
  }
}

/**
 * The values of a range sweep, in order (before any shuffle).
 *
 * @throws {StrataError} `sweep` for a zero step, `limit` for more than {@link MAX_RANGE_VALUES}
 *   values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandRange, float, int, type RangeSweep } from "../../engine.ts";
 * const ints = expandRange({ kind: "range", start: int(0), stop: int(3), step: int(1), tags: [], shuffle: false });
 * assert.deepEqual(ints, [int(0), int(1), int(2)]);
 * const floats: RangeSweep = { kind: "range", start: float(0), stop: float(0.3), step: float(0.1), tags: [], shuffle: false };
 * assert.equal(expandRange(floats).length, 3);
 * ```
 */
export function expandRange(r: RangeSweep): Node[] {
  const out: Node[] = [];
  const ints = intRange(r);
  if (ints?.safe) {
    // Every value is a safe integer: count in doubles (BigInt steps cost ~10x).
    const s = Number(ints.start), d = Number(ints.step);
    for (let i = 0; i < ints.length; i++) out.push(int(s + i * d));
    return out;
  }
  if (ints) {
    for (let i = 0n; i < BigInt(ints.length); i++) out.push(intNode(ints.start + i * ints.step));
    return out;
  }
  let cur = decOfNode(r.start);
  const stop = decOfNode(r.stop), step = decOfNode(r.step);
  const dir = step.m > 0n ? 1 : step.m < 0n ? -1 : 0;
  if (dir === 0) {
    throw new StrataError(
      ErrorCode.Sweep,
      `Invalid range values (start:${toFloat(cur)}, stop:${toFloat(stop)}, step:0)`,
    );
  }
  checkSize(Math.ceil((toFloat(stop) - toFloat(cur)) / toFloat(step)));
  while (cmp(cur, stop) === -dir) {
    out.push(float(toFloat(cur)));
    cur = add(cur, step);
  }
  return out;
}

/**
 * The values of an integer range as Python's `str()` writes them, each
 * computed when read; undefined unless start, stop and step are ints within
 * ±2^53 (other ranges go through {@link expandRange}).
 *
 * @throws {StrataError} `sweep` for a zero step, `limit` for more than {@link MAX_RANGE_VALUES}
 *   values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../node.ts";
 * import { intRangeValues } from "./range.ts";
 * const v = intRangeValues({ kind: "range", start: int(10), stop: int(0), step: int(-3), tags: [], shuffle: false })!;
 * assert.deepEqual([v.length, v.at(0), v.at(3)], [4, "10", "1"]);
 * ```
 */
export function intRangeValues(r: RangeSweep): SweepValues | undefined {
  const ints = intRange(r);
  if (!ints?.safe) return undefined;
  const { length } = ints;
  const s = Number(ints.start), d = Number(ints.step);
  return {
    length,
    at: (i) => (i >= 0 && i < length && Number.isInteger(i) ? String(s + i * d) : undefined),
  };
}

/**
 * An integer range's first value, step and length (checked against the
 * limit), and whether every value is within ±2^53; undefined when start,
 * stop or step is not an int.
 */
function intRange(
  r: RangeSweep,
): { start: bigint; step: bigint; length: number; safe: boolean } | undefined {
  if (!isIntLike(r.start) || !isIntLike(r.stop) || !isIntLike(r.step)) return undefined;
  const start = bigOf(r.start), stop = bigOf(r.stop), step = bigOf(r.step);
  if (step === 0n) throw new StrataError(ErrorCode.Sweep, "range() arg 3 must not be zero");
  const n = (stop - start + step - (step > 0n ? 1n : -1n)) / step;
  const length = n > 0n ? Number(n) : 0;
  checkSize(length);
  // The values lie between start and stop.
  const safe = start >= -SAFE && start <= SAFE && stop >= -SAFE && stop <= SAFE;
  return { start, step, length, safe };
}
