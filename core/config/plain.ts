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
import { FloatKey, fullKey, type Key, type Node, type Origin } from "../node.ts";
import { jsonKey, type Plain } from "../container.ts";

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

/**
 * `resolve()`'s tree, or the error OmegaConf's `to_object` meets first. It
 * walks the config once in key order, resolving each node as it comes, so a
 * `???` written before the key whose resolution fails is its error
 * (`model: ???` then `name: ${model}_run` is MissingMandatoryValue at
 * `model`), where resolving the whole tree first would report `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedInOrder } from "./plain.ts";
 * import { StrataError } from "../errors.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const raw = loadYaml("model: ???\nname: ${model}_run\n");
 * const failing = () => {
 *   throw new StrataError("interpolation-to-missing", "...", { fullKey: "name" });
 * };
 * assert.throws(() => resolvedInOrder(failing, raw, [], () => undefined), /Missing mandatory value: model/);
 * ```
 */
export function resolvedInOrder(
  resolve: () => Node,
  raw: Node,
  path: Key[],
  originAt: (keys: Key[]) => Origin | undefined,
): Node {
  try {
    return resolve();
  } catch (e) {
    if (!(e instanceof StrataError) || e.fullKey === undefined) throw e;
    const first = missingBefore(raw, path, e.fullKey);
    if (first !== undefined) plainOf(first.node, first.path, {}, originAt); // throws its error
    throw e;
  }
}

/**
 * The first `???` written in `node` (at `path`) in key order before the key
 * `failing`, when that key is in the tree (an error reported at another node,
 * a cycle's or a resolver's, keeps its place).
 */
function missingBefore(
  node: Node,
  path: Key[],
  failing: string,
): { node: Node; path: Key[] } | undefined {
  let first: { node: Node; path: Key[] } | undefined;
  const walk = (n: Node, p: Key[]): boolean => {
    if (fullKey(p, p.map((k) => typeof k === "number")) === failing) return true;
    if (n.kind === "value") {
      if (n.type === "missing" && first === undefined) first = { node: n, path: p };
      return false;
    }
    if (n.kind === "list") return n.items.some((c, i) => walk(c, [...p, i]));
    for (const e of n.entries.values()) if (walk(e.node, [...p, e.key])) return true;
    return false;
  };
  return walk(node, path) ? first : undefined;
}

/** `JSON.rawJSON` (ES2025): a bigint written by JSON.stringify as its exact digits. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * Plain data with its Maps (dicts with non-string keys) as objects keyed as
 * JSON writes them, and its bigints (ints beyond 2^53) as raw JSON numbers,
 * which JSON.stringify refuses as bigints.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonReady } from "./plain.ts";
 * assert.equal(JSON.stringify(jsonReady({ n: 2n ** 64n, m: new Map([[1, "a"]]) })), '{"n":18446744073709551616,"m":{"1":"a"}}');
 * ```
 */
export function jsonReady(x: unknown): unknown {
  if (typeof x === "bigint") return rawJSON(String(x));
  if (Array.isArray(x)) return x.map(jsonReady);
  if (x instanceof Map) {
    return Object.fromEntries([...x].map(([k, v]) => [jsonKey(k), jsonReady(v)]));
  }
  if (x !== null && typeof x === "object") {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, jsonReady(v)]));
  }
  return x;
}

/**
 * Plain data for display: a float key shows as its number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shown } from "./plain.ts";
 * import { FloatKey } from "../node.ts";
 * assert.deepEqual(shown(new Map([[new FloatKey(1.5), 1]])), new Map([[1.5, 1]]));
 * ```
 */
export function shown(x: Plain): unknown {
  if (Array.isArray(x)) return x.map(shown);
  if (x instanceof Map) {
    return new Map([...x].map(([k, v]) => [k instanceof FloatKey ? k.value : k, shown(v)]));
  }
  if (x !== null && typeof x === "object") {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, shown(v)]));
  }
  return x;
}
