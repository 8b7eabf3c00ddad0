/**
 * A resolved config as plain JS data, with one convention for numbers: an
 * int is a `number` (a `bigint` beyond ±2^53), a float is a `number`; with
 * `exactFloats`, a float whose value is integral (`1.0`) is a
 * {@link PyFloat}, the wrapper `createConfig` reads as a float, so
 * `createConfig(cfg.toObject({ exactFloats: true }))` gives the same config back.
 *
 * @module
 */

import { PyFloat } from "../create.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { fullKey, type Key, type Node, type Origin } from "../node.ts";

/** Options of `toObject`. */
export interface ToObjectOptions {
  /** Return floats with an integral value (`1.0`) as {@link PyFloat} (default false: numbers). */
  exactFloats?: boolean;
}

/**
 * The resolved tree `node` (found at `path`) as plain data: dicts with only
 * string keys become objects, other dicts Maps, lists arrays.
 *
 * @throws {StrataError} `missing-value` at the first `???`, located by `originAt`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig } from "../../mod.ts";
 * assert.deepEqual(createConfig({ a: [1, 2.5] }).toObject(), { a: [1, 2.5] });
 * ```
 */
export function plainOf(
  node: Node,
  path: Key[],
  options: ToObjectOptions,
  originAt: (keys: Key[]) => Origin | undefined,
): unknown {
  if (node.kind === "list") {
    return node.items.map((item, i) => plainOf(item, [...path, i], options, originAt));
  }
  if (node.kind === "dict") {
    const entries = [...node.entries.values()];
    const pairs = entries.map((e) =>
      [e.key, plainOf(e.node, [...path, e.key], options, originAt)] as const
    );
    if (entries.every((e) => typeof e.key === "string")) return Object.fromEntries(pairs);
    return new Map(pairs);
  }
  switch (node.type) {
    case "missing": {
      const key = fullKey(path, path.map((k) => typeof k === "number"));
      throw new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${key}`, {
        fullKey: key,
        origin: originAt(path) ?? node.origin,
      });
    }
    case "float":
      return options.exactFloats && Number.isInteger(node.value)
        ? new PyFloat(node.value as number)
        : node.value;
    default:
      return node.value;
  }
}
