/**
 * Hydra's command-line override grammar: `key=value`, `+key=value`,
 * `++key=value`, `~key`, `group@pkg=option`, and sweeps (`a,b`, `range(...)`,
 * `choice(...)`, `glob(...)`, `interval(...)`), with cast and sort functions.
 * Parsed overrides are data; {@link sweepStrings} lists the values a sweep
 * expands to, written as Hydra writes them into each job's overrides.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride, sweepStrings } from "./override.ts";
 *
 * const o = parseOverride("optimizer.lr=1e-4,3e-4");
 * assert.equal(o.key, "optimizer.lr");
 * assert.equal(o.valueType, "SIMPLE_CHOICE_SWEEP");
 * assert.deepEqual(sweepStrings(o), ["0.0001", "0.0003"]);
 * ```
 *
 * @module
 */

export { parseOverride, parseOverrides } from "./core/override/parse.ts";
export { elementToString, sweepStrings, sweepValues } from "./core/override/format.ts";
export type * from "./core/override/types.ts";
export type {
  DictNode,
  Entry,
  Flags,
  FloatKey,
  Key,
  ListNode,
  Node,
  NodeOrigin,
  Origin,
  PackedOrigin,
  ValueNode,
  ValueType,
} from "./core/node.ts";
