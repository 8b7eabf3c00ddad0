/**
 * The floats of plain data made from a config whose values a JS number cannot tell from ints
 * (`1.0`, `0.0`). A resolver gets its container arguments as plain data, as a Python resolver
 * gets a DictConfig; one that hands them back (`(args) => args[0]`, or
 * `merge(...args.map((a) => createConfig(a)))`) must give the floats back as floats, as
 * OmegaConf does (checker x46). So each such number is noted beside its container, by key, with
 * its value: `create` and a resolver's result read a noted number as a float while it is still
 * the value there (a value set since is read as it is).
 *
 * @module
 */

const noted = new WeakMap<object, Map<unknown, number>>();

/**
 * Notes that `container[key]` holds the float `value` (integral: other numbers are floats
 * anyway).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNotedFloat, noteFloat } from "./float_marks.ts";
 * const args = { lr: 1 };
 * noteFloat(args, "lr", 1);
 * assert.equal(isNotedFloat(args, "lr", 1), true);
 * args.lr = 2;
 * assert.equal(isNotedFloat(args, "lr", args.lr), false);
 * ```
 */
export function noteFloat(container: object, key: unknown, value: number): void {
  if (!Number.isInteger(value)) return;
  let keys = noted.get(container);
  if (keys === undefined) noted.set(container, keys = new Map());
  keys.set(key, value);
}

/**
 * Whether `value`, read at `container[key]`, is a float {@link noteFloat} noted there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNotedFloat } from "./float_marks.ts";
 * assert.equal(isNotedFloat([1], 0, 1), false);
 * ```
 */
export function isNotedFloat(container: object, key: unknown, value: unknown): value is number {
  if (typeof value !== "number") return false;
  const at = noted.get(container)?.get(key);
  return at !== undefined && Object.is(at, value);
}
