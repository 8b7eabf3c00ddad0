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
import {
  FloatKey,
  fullKey,
  isInterpolation,
  type Key,
  keyText,
  type Node,
  type Origin,
} from "../node.ts";
import { jsonFloat, jsonKey, type Plain } from "../container.ts";
import { keepingResolverFailures } from "../resolve/resolver_run.ts";

/** The full key of a path whose numbers are list indexes (`a.b[0]`). */
const pathKey = (path: Key[]) => fullKey(path, path.map((k) => typeof k === "number"));

/** Options of `toObject`. */
export interface ToObjectOptions {
  /** Return floats with an integral value (`1.0`) as {@link PyFloat} (default false: numbers). */
  exactFloats?: boolean;
  /**
   * Resolve interpolations (default true); `false` gives them as written
   * (`"${model}"`), as `OmegaConf.to_container(cfg)` does.
   */
  resolve?: boolean;
  /**
   * A `???` is a `missing-value` error (default true, `OmegaConf.to_object`);
   * `false` gives the string `"???"`, as `OmegaConf.to_container` does (an
   * interpolation that reaches a `???` still throws when resolving).
   */
  throwOnMissing?: boolean;
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
      if (options.throwOnMissing === false) return "???";
      // OmegaConf's to_container/to_object name the key in the message ($KEY), the full key apart
      const key = path.length > 0 ? keyText(path[path.length - 1]) : "";
      throw new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${key}`, {
        fullKey: pathKey(path),
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
 * `resolve()`'s tree, or the error OmegaConf's `to_object` meets first.
 * OmegaConf walks the config once in key order, resolving each node as it
 * comes; strata resolves the whole tree at once, which may fail elsewhere
 * first. So when it fails, the walk is replayed: each `???` and each
 * interpolation in key order, the interpolation resolved alone (with
 * `dereference`), and the first that fails gives the error (`model: ???` then
 * `name: ${model}_run` is MissingMandatoryValue at `model`, not `name`; a
 * `???` before a resolver caught in a cycle is reported, not the cycle).
 * When the replay meets no failure, the whole tree's error stands.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedInOrder } from "./plain.ts";
 * import { StrataError } from "../errors.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { dereferenceAt } from "../resolve/resolve.ts";
 * const raw = loadYaml("model: ???\nname: ${model}_run\n");
 * const failing = () => {
 *   throw new StrataError("interpolation-to-missing", "...", { fullKey: "name" });
 * };
 * assert.throws(
 *   () => resolvedInOrder(failing, raw, [], (keys) => dereferenceAt(raw, keys), () => undefined),
 *   /Missing mandatory value: model/,
 * );
 * ```
 */
export function resolvedInOrder(
  resolve: () => Node,
  raw: Node,
  path: Key[],
  dereference: (keys: Key[]) => Dereferenced,
  originAt: (keys: Key[]) => Origin | undefined,
): Node {
  // a resolver that failed in the whole resolution fails again in the walk without running again
  return keepingResolverFailures(() => {
    try {
      return resolve();
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      replayInOrder(raw, path, dereference, originAt); // throws the first failure it meets
      throw e;
    }
  });
}

/**
 * plainOf of a resolved tree, where a `???` met in it is reported as
 * OmegaConf's to_object meets it: one reached through a node interpolation
 * (`transform: ${transforms.val}`) is named by its own key and place
 * (`transforms.val.p`, its line), not by the path through the interpolation
 * that a resolved copy has (the in-order replay follows the interpolation to
 * its target's path).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, isConfig } from "../../mod.ts";
 * const b = createConfig({ a: { p: "???" }, b: "${a}" }).get("b");
 * // to_object(cfg.b) meets a's `???`: named a.p, as OmegaConf names it, not b.p
 * assert.ok(isConfig(b));
 * assert.throws(() => b.toObject(), (e: { fullKey?: string }) => e.fullKey === "a.p");
 * ```
 */
export function plainInOrder(
  resolved: Node,
  raw: Node,
  path: Key[],
  dereference: (keys: Key[]) => Dereferenced,
  originAt: (keys: Key[]) => Origin | undefined,
  options: ToObjectOptions = {},
): unknown {
  try {
    return plainOf(resolved, path, options, originAt);
  } catch (e) {
    if (!(e instanceof StrataError) || e.code !== ErrorCode.MissingValue) throw e;
    replayInOrder(raw, path, dereference, originAt); // throws the first `???` where it is written
    throw e;
  }
}

const RECURSION =
  "RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison";

/** What an interpolation dereferences to: a tree container's path, or the resolved value. */
export type Dereferenced = { node: Node; treePath?: Key[] };

/**
 * Resolves each `???` and interpolation of `node` (at `path`) alone, in key
 * order, and walks on into a container of the tree that one points at, as
 * `to_object` does (`stack`: the containers being walked; a reference back
 * to one is Python's RecursionError in OmegaConf).
 */
function replayInOrder(
  node: Node,
  path: Key[],
  dereference: (keys: Key[]) => Dereferenced,
  originAt: (keys: Key[]) => Origin | undefined,
  stack: Set<Node> = new Set(),
): void {
  if (node.kind !== "value") {
    stack.add(node);
    if (node.kind === "dict") {
      for (const e of node.entries.values()) {
        replayInOrder(e.node, [...path, e.key], dereference, originAt, stack);
      }
    } else {
      node.items.forEach((item, i) =>
        replayInOrder(item, [...path, i], dereference, originAt, stack)
      );
    }
    stack.delete(node);
  } else if (node.type === "missing") {
    plainOf(node, path, {}, originAt);
  } else if (isInterpolation(node)) {
    const target = dereference(path);
    if (target.treePath === undefined) plainOf(target.node, path, {}, originAt);
    else if (stack.has(target.node)) {
      // to_object would walk into it again and again (`${oc.select:a}` inside `a`)
      const key = pathKey(path);
      throw new StrataError(ErrorCode.InterpolationResolution, RECURSION, {
        fullKey: key,
        origin: originAt(path) ?? node.origin,
      });
    } else replayInOrder(target.node, target.treePath, dereference, originAt, stack);
  }
}

/** `JSON.rawJSON` (ES2025): a bigint written by JSON.stringify as its exact digits. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * Plain data with its Maps (dicts with non-string keys) as objects keyed as
 * JSON writes them, its bigints (ints beyond 2^53) as raw JSON numbers,
 * which JSON.stringify refuses as bigints, and its non-finite floats as the
 * strings toJson writes (`"inf"`, `"-inf"`, `"nan"`), which JSON.stringify
 * would write as null, losing them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonReady } from "./plain.ts";
 * assert.equal(JSON.stringify(jsonReady({ n: 2n ** 64n, m: new Map([[1, "a"]]) })), '{"n":18446744073709551616,"m":{"1":"a"}}');
 * assert.equal(JSON.stringify(jsonReady([Infinity, NaN])), '["inf","nan"]');
 * ```
 */
export function jsonReady(x: unknown): unknown {
  if (typeof x === "bigint") return rawJSON(String(x));
  if (typeof x === "number" && !Number.isFinite(x)) return rawJSON(jsonFloat(x));
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
