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
import { isNotedFloat, noteFloat } from "../float_marks.ts";
import { ErrorCode } from "../errors.ts";
import { unsupportedMessage, unsupportedType } from "../js_value.ts";
import { Fail } from "./fail.ts";
import type { Evaluator } from "./evaluate.ts";
import { childLoc, locFullKey, type Resolved } from "./loc.ts";

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
  if (node.kind === "list") {
    const out = node.items.map(toPlain);
    node.items.forEach((c, i) => noteIfFloat(out, i, c));
    return out;
  }
  if (node.kind === "dict") {
    const allStr = [...node.entries.values()].every((e) => typeof e.key === "string");
    if (allStr) {
      const o: Record<string, unknown> = {};
      for (const e of node.entries.values()) {
        o[e.key as string] = toPlain(e.node);
        noteIfFloat(o, e.key, e.node);
      }
      return o;
    }
    const m = new Map([...node.entries.values()].map((e) => [e.key, toPlain(e.node)]));
    for (const e of node.entries.values()) noteIfFloat(m, e.key, e.node);
    return m;
  }
  if (node.type === "missing") return "???";
  return node.value;
}

/** The containers {@link resolvedPlain} made, with the node of each and its place. */
const madeFrom = new WeakMap<object, Resolved>();

/**
 * The node plain data a resolver got as (part of) an argument was made from, with its place,
 * when `x` is that data itself and the argument a config's node (not a literal, `${f:[1, 2]}`):
 * handed back, it is that node, as a Python resolver returning its DictConfig argument returns
 * the node (`OmegaConf.resolve` takes it where plain data is refused), its interpolations
 * resolving where it sits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { childLoc } from "./loc.ts";
 * import { plainSource, resolvedPlain, toPlain } from "./plain.ts";
 * const src = dict([["a", int(1)]]);
 * const ev = new Evaluator(dict([["src", src]]), () => undefined);
 * const loc = childLoc(ev.root, "src", src, false);
 * assert.equal(plainSource(resolvedPlain(ev, { node: src, loc }))?.node, src);
 * // a literal argument (`${f:[1, 2]}`) is plain data to Python too: no node
 * assert.equal(plainSource(toPlain(src)), undefined);
 * ```
 */
export function plainSource(x: unknown): Resolved | undefined {
  return typeof x === "object" && x !== null ? madeFrom.get(x) : undefined;
}

/**
 * A resolver's container argument as a plain JS value whose interpolations
 * resolve where the container sits (`${..x}` relative to it, not to the
 * caller) and when read: OmegaConf 2.2 passes the DictConfig or ListConfig
 * itself, so an item that does not resolve fails only if the resolver reads
 * it. A dict's entries and a list's items are getters until read (then
 * plain properties); a dict with a key that is not a string is a Map, read
 * whole when the resolver is called.
 *
 * @throws {Fail} (when an item is read) an interpolation inside that does
 *   not resolve.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { childLoc } from "./loc.ts";
 * import { resolvedPlain } from "./plain.ts";
 * const src = dict([["x", int(5)], ["v", str("${.x}")], ["bad", str("${nope}")]]);
 * const ev = new Evaluator(dict([["src", src]]), () => undefined);
 * const loc = childLoc(ev.root, "src", src, false);
 * const got = resolvedPlain(ev, { node: src, loc }) as Record<string, unknown>;
 * assert.equal(got.v, 5);
 * assert.throws(() => got.bad, /Interpolation key 'nope' not found/);
 * ```
 */
export function resolvedPlain(ev: Evaluator, r: Resolved): unknown {
  const n = r.node;
  if (n.kind === "value") return toPlain(n);
  ev.copying++; // a copy of the tree: counted against the limit on resolved nodes
  try {
    ev.countNodes(n.kind === "list" ? n.items.length + 1 : n.entries.size + 1);
  } finally {
    ev.copying--;
  }
  const at = (into: object, key: Key, child: Node, inList: boolean) => () => {
    const loc = childLoc(r.loc, key, child, inList);
    try {
      const resolved = ev.resolve(loc);
      noteIfFloat(into, key, resolved.node);
      return resolvedPlain(ev, resolved);
    } catch (e) {
      // the item's own error, as OmegaConf raises it from the node the
      // resolver read (full_key `d.q`), not from the interpolation that called it
      if (e instanceof Fail && e.fullKey === undefined) {
        throw new Fail(e.code, e.message, locFullKey(loc), e.related, child.origin);
      }
      throw e;
    }
  };
  if (n.kind === "list") {
    const out: unknown[] = new Array(n.items.length);
    madeFrom.set(out, r);
    n.items.forEach((c, i) => lazy(out, String(i), at(out, i, c, true)));
    return out;
  }
  const entries = [...n.entries.values()];
  if (entries.every((e) => typeof e.key === "string")) {
    const o: Record<string, unknown> = {};
    madeFrom.set(o, r);
    for (const e of entries) lazy(o, e.key as string, at(o, e.key, e.node, false));
    return o;
  }
  const m = new Map<Key, unknown>();
  madeFrom.set(m, r);
  for (const e of entries) m.set(e.key, at(m, e.key, e.node, false)());
  return m;
}

/** Notes `container[key]`, made from `node`, as a float when `node` is one (../float_marks.ts). */
function noteIfFloat(container: object, key: Key, node: Node): void {
  if (node.kind === "value" && node.type === "float" && typeof node.value === "number") {
    noteFloat(container, key, node.value);
  }
}

/** Property `key` of `o` computed by `get` on first read, then kept as a plain property. */
function lazy(o: object, key: string, get: () => unknown): void {
  Object.defineProperty(o, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = get();
      Object.defineProperty(o, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return value;
    },
    set(value) {
      Object.defineProperty(o, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    },
  });
}

/**
 * A plain JS value as a node: integral numbers are ints, other numbers floats
 * (a `PyFloat` a float). An integral number past 2^53 is the bigint of its
 * exact value, as `createConfig` stores it: `String(2 ** 60)` would print
 * other digits and `String(1e21)` a float.
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
  if (typeof x === "number") {
    return !Number.isInteger(x) ? float(x) : int(Number.isSafeInteger(x) ? x : BigInt(x));
  }
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
    // a float of a resolver's argument handed back stays one (../float_marks.ts)
    const item = (v: unknown, k: unknown) =>
      isNotedFloat(obj, k, v) ? float(v) : fromPlain(v, seen);
    if (Array.isArray(x)) return { kind: "list", items: x.map((v, i) => item(v, i)) };
    const entries = new Map<string, Entry>();
    const pairs: [unknown, unknown][] = x instanceof Map
      ? [...x.entries()]
      : Object.entries(x as object);
    for (const [k, v] of pairs) {
      entries.set(canonicalKey(k as Key), { key: k as Key, node: item(v, k) });
    }
    return { kind: "dict", entries };
  } finally {
    seen.delete(obj);
  }
}
