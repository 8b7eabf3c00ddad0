/**
 * Conversions between config nodes and plain JS values, for TypeScript
 * resolvers: ints and floats both become numbers (bigint beyond 2^53), dicts
 * become objects (or Maps when a key is not a string), lists arrays.
 *
 * @module
 */

import {
  bool,
  canonicalKey,
  type Entry,
  float,
  FloatKey,
  int,
  type Key,
  nil,
  type Node,
  str,
} from "../node.ts";
import { PyFloat } from "../create.ts";
import { ErrorCode } from "../errors.ts";
import { unsupportedMessage, unsupportedType } from "../js_value.ts";
import { Fail } from "./fail.ts";
import { childLoc, type Evaluator, type Resolved } from "./evaluate.ts";

/**
 * A node as a plain JS value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { toPlain } from "./plain.ts";
 * assert.deepEqual(toPlain(dict([["a", int(1)]])), { a: 1 });
 * ```
 */
export function toPlain(node: Node): unknown {
  if (node.kind === "list") return node.items.map(toPlain);
  if (node.kind === "dict") {
    const allStr = [...node.entries.values()].every((e) => typeof e.key === "string");
    if (allStr) {
      const o: Record<string, unknown> = {};
      for (const e of node.entries.values()) o[e.key as string] = toPlain(e.node);
      return o;
    }
    return new Map([...node.entries.values()].map((e) => [e.key, toPlain(e.node)]));
  }
  if (node.type === "missing") return "???";
  return node.value;
}

/**
 * A resolver's container argument as a plain JS value, its interpolations
 * resolved where the container sits (`${..x}` relative to it, not to the
 * caller): what a Python resolver reads from the DictConfig it is given.
 *
 * @throws {Fail} an interpolation inside that does not resolve; a container
 *   that holds itself through interpolations (Python's RecursionError).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../../engine.ts";
 * import { childLoc, Evaluator } from "./evaluate.ts";
 * import { resolvedPlain } from "./plain.ts";
 * const src = dict([["x", int(5)], ["v", str("${.x}")]]);
 * const ev = new Evaluator(dict([["src", src]]), () => undefined);
 * const loc = childLoc(ev.root, "src", src, false);
 * assert.deepEqual(resolvedPlain(ev, { node: src, loc }), { x: 5, v: 5 });
 * ```
 */
export function resolvedPlain(
  ev: Evaluator,
  r: Resolved,
  within: Set<string> = new Set(),
): unknown {
  const n = r.node;
  if (n.kind === "value") return toPlain(n);
  if (within.has(r.loc.id)) {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      "RecursionError raised while resolving interpolation: maximum recursion depth exceeded",
    );
  }
  within.add(r.loc.id);
  ev.copying++; // a copy of the tree: counted against the limit on resolved nodes
  try {
    ev.countNodes(n.kind === "list" ? n.items.length + 1 : n.entries.size + 1);
    const at = (key: Key, child: Node, inList: boolean) =>
      resolvedPlain(ev, ev.resolve(childLoc(r.loc, key, child, inList)), within);
    if (n.kind === "list") return n.items.map((c, i) => at(i, c, true));
    const entries = [...n.entries.values()];
    if (entries.every((e) => typeof e.key === "string")) {
      const o: Record<string, unknown> = {};
      for (const e of entries) o[e.key as string] = at(e.key, e.node, false);
      return o;
    }
    return new Map(entries.map((e) => [e.key, at(e.key, e.node, false)]));
  } finally {
    ev.copying--;
    within.delete(r.loc.id);
  }
}

/**
 * A plain JS value as a node: integral numbers are ints, other numbers floats
 * (a `PyFloat` a float).
 *
 * @throws {Fail} `unsupported-value` for a value a config cannot hold (a
 *   `Promise`, a `Date`, a function, a cyclic object), as OmegaConf refuses it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromPlain } from "./plain.ts";
 * assert.equal(fromPlain([1, 2.5, "a"]).kind, "list");
 * ```
 */
export function fromPlain(x: unknown, seen: Set<object> = new Set()): Node {
  if (x === null || x === undefined) return nil();
  if (typeof x === "string") return str(x);
  if (typeof x === "boolean") return bool(x);
  if (typeof x === "bigint") return int(x);
  if (typeof x === "number") return Number.isInteger(x) ? int(x) : float(x);
  if (x instanceof FloatKey || x instanceof PyFloat) return float(x.value);
  const bad = unsupportedType(x);
  if (bad !== undefined) throw new Fail(ErrorCode.UnsupportedValue, unsupportedMessage(bad));
  const obj = x as object;
  if (seen.has(obj)) {
    throw new Fail(
      ErrorCode.UnsupportedValue,
      "a cyclic value (it contains itself) is not supported",
    );
  }
  seen.add(obj);
  try {
    if (Array.isArray(x)) return { kind: "list", items: x.map((v) => fromPlain(v, seen)) };
    const entries = new Map<string, Entry>();
    const pairs: [unknown, unknown][] = x instanceof Map
      ? [...x.entries()]
      : Object.entries(x as object);
    for (const [k, v] of pairs) {
      entries.set(canonicalKey(k as Key), { key: k as Key, node: fromPlain(v, seen) });
    }
    return { kind: "dict", entries };
  } finally {
    seen.delete(obj);
  }
}
