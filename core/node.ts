/**
 * The config tree: the typed nodes OmegaConf keeps (int vs float vs str vs bool
 * vs null, the missing value `???`, unresolved `${...}` strings), key order,
 * non-string keys, struct/readonly flags, and where every node came from.
 *
 * Value nodes are immutable by convention: operations replace them rather than
 * mutate them, so merged trees may share leaves with their inputs. Containers
 * are owned by exactly one tree.
 *
 * @module
 */

import { copyUnread } from "./lazy.ts";
import { pyFloatRepr } from "./pyformat.ts";

/** Where a node came from: a file position, an override, or a note. */
export interface Origin {
  /** Path of the file, as the user named it (relative paths stay relative). */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `file`. */
  col?: number;
  /** 0-based index of the command-line override that produced the node. */
  override?: number;
  /** The override text, when `override` is set. */
  text?: string;
  /**
   * The option whose list `override` counts in (`--job-overrides`), when it
   * is not the command line's overrides.
   */
  list?: string;
}

/**
 * A file position packed into one small integer (see `core/origin.ts`): the
 * fast YAML reader's nodes carry these instead of an object each. Read one
 * with {@link originOf}.
 */
export type PackedOrigin = number & { readonly __packedOrigin: unique symbol };

/** A node's origin: an {@link Origin} object or a {@link PackedOrigin}; read it with {@link originOf}. */
export type NodeOrigin = Origin | PackedOrigin;

export { originOf } from "./origin.ts";

/** The brand of a {@link FloatKey}, the same symbol in every copy of strata's modules. */
const FLOAT_KEY: unique symbol = Symbol.for("strata.FloatKey");

/**
 * A Python float used as a dict key (JS numbers used as keys mean Python ints).
 * `instanceof FloatKey` holds for a FloatKey of any copy of strata (a resolvers
 * module imports its own `mod.ts` when strata is the compiled binary): it
 * checks a `Symbol.for` brand, not the class.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, FloatKey, toYaml } from "../mod.ts";
 * const cfg = createConfig(new Map([[new FloatKey(1), "one"], [new FloatKey(1.5), "x"]]));
 * assert.equal(cfg.get(1), "one", "Python's 1.0 == 1");
 * assert.equal(cfg.get(new FloatKey(1.5)), "x");
 * assert.equal(toYaml(cfg), "1.0: one\n1.5: x\n");
 * assert.equal(String(new FloatKey(1)), "1.0");
 * ```
 */
export class FloatKey {
  /** The float value. */
  readonly value: number;

  /**
   * A float key.
   *
   * @param value the float value
   */
  constructor(value: number) {
    this.value = value;
  }

  /**
   * Whether `x` is a FloatKey of any copy of strata's modules (it has the brand).
   *
   * @param x the value `instanceof` checks
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "object" && x !== null &&
      (x as { [FLOAT_KEY]?: unknown })[FLOAT_KEY] === true;
  }

  /** The brand (on the prototype: not an own property, so not compared by deep equality). */
  get [FLOAT_KEY](): true {
    return true;
  }

  /** Python's `str()` of the float: `1.5`, `1.0`, `1e-05`. */
  toString(): string {
    return pyFloatRepr(this.value);
  }
}

/**
 * A dict key as OmegaConf allows it: str, int (number or bigint), float,
 * bool or None.
 */
export type Key = string | number | bigint | boolean | null | FloatKey;

/** The type tag of a leaf value. */
export type ValueType = "int" | "float" | "str" | "bool" | "null" | "missing" | "bytes";

/** Node flags; `undefined` means "inherit from the parent". */
export interface Flags {
  /** Struct mode: adding a key that does not exist is an error. */
  struct?: boolean;
  /** Readonly: any mutation is an error. */
  readonly?: boolean;
}

/** A leaf: a typed scalar, `null`, or the missing value `???`. */
export interface ValueNode {
  /** Discriminant: a leaf. */
  kind: "value";
  /** The OmegaConf type of the value. */
  type: ValueType;
  /**
   * The value: int as number (or bigint beyond 2^53), float as number, str as
   * string (interpolations stay strings), bool, null for null and missing.
   */
  value: number | bigint | string | boolean | null;
  /** Where the value came from (read it with {@link originOf}). */
  origin?: NodeOrigin;
  /** Its own struct/readonly flags. */
  flags?: Flags;
}

/** One key of a dict: the key as written and the node it holds. */
export interface Entry {
  /** The key as written (a string, an int, ...). */
  key: Key;
  /** The value under it. */
  node: Node;
}

/** A DictConfig. */
export interface DictNode {
  /** Discriminant: a dict. */
  kind: "dict";
  /**
   * The entries in key order. Read them with `entries.values()` (each holds
   * its key as written); the map's own index is internal: look keys up with
   * the functions of `ops.ts`.
   */
  entries: Map<string, Entry>;
  /** Where the dict came from (read it with {@link originOf}). */
  origin?: NodeOrigin;
  /** Its own struct/readonly flags. */
  flags?: Flags;
}

/** A ListConfig. */
export interface ListNode {
  /** Discriminant: a list. */
  kind: "list";
  /** The items in order. */
  items: Node[];
  /** Where the list came from (read it with {@link originOf}). */
  origin?: NodeOrigin;
  /** Its own struct/readonly flags. */
  flags?: Flags;
}

/** Any config node. */
export type Node = DictNode | ListNode | ValueNode;
/** A node that holds other nodes. */
export type ContainerNode = DictNode | ListNode;

/**
 * The mark that starts the canonical form of every key that is not a str
 * (and of a str key that starts with it): a control character no YAML key
 * written by hand begins with.
 */
const NON_STR = "\u0001";

/**
 * The canonical form of a key, used to index a dict. Python's `1`, `1.0` and
 * `True` are the same key, `"1"` is another one. A str key is its own form
 * (the string the reader read is the index: no new string for each key of a
 * big config); other keys are marked.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalKey } from "../engine.ts";
 * assert.ok(canonicalKey(true) === canonicalKey(1));
 * assert.equal(canonicalKey("1") === canonicalKey(1), false);
 * assert.equal(canonicalKey("lr"), "lr");
 * ```
 */
export function canonicalKey(key: Key): string {
  if (typeof key === "string") return key.charCodeAt(0) === 1 ? NON_STR + "s" + key : key;
  if (key === null) return NON_STR + "z";
  if (key instanceof FloatKey) return NON_STR + "n" + numberDigits(key.value);
  if (typeof key === "boolean") return key ? NON_STR + "n1" : NON_STR + "n0";
  return NON_STR + "n" + (typeof key === "number" ? numberDigits(key) : String(key));
}

/**
 * A number's digits as one key: an integral one past 2^53 by its exact value (`2 ** 60` is
 * 1152921504606846976, the int key Python compares equal, not `String`'s 1152921504606847000).
 */
function numberDigits(n: number): string {
  return Number.isInteger(n) && !Number.isSafeInteger(n) ? BigInt(n).toString() : String(n);
}

/**
 * The str key a canonical form stands for, or undefined when it stands for
 * another kind of key (an int, a bool, None, a float).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalKey, strKeyOf } from "./node.ts";
 * assert.equal(strKeyOf(canonicalKey("lr")), "lr");
 * assert.equal(strKeyOf(canonicalKey(1)), undefined);
 * ```
 */
export function strKeyOf(canon: string): string | undefined {
  if (canon.charCodeAt(0) !== 1) return canon;
  return canon.charCodeAt(1) === 115 ? canon.slice(2) : undefined;
}

/**
 * A new dict node from entries in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../engine.ts";
 * const d = dict([["lr", int(3)]]);
 * assert.deepEqual([...d.entries.values()], [{ key: "lr", node: int(3) }]);
 * ```
 */
export function dict(entries: Iterable<[Key, Node]> = [], origin?: NodeOrigin): DictNode {
  const map = new Map<string, Entry>();
  for (const [key, node] of entries) map.set(canonicalKey(key), { key, node });
  return origin ? { kind: "dict", entries: map, origin } : { kind: "dict", entries: map };
}

/**
 * A new list node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { list, str } from "../engine.ts";
 * assert.equal(list([str("a")]).items.length, 1);
 * ```
 */
export function list(items: Node[] = [], origin?: NodeOrigin): ListNode {
  return origin ? { kind: "list", items, origin } : { kind: "list", items };
}

function leaf(type: ValueType, value: ValueNode["value"], origin?: NodeOrigin): ValueNode {
  return origin ? { kind: "value", type, value, origin } : { kind: "value", type, value };
}

/** An int leaf. @example `int(3)` */
export function int(value: number | bigint, origin?: NodeOrigin): ValueNode {
  return leaf("int", value, origin);
}
/** A float leaf. @example `float(1e-5)` */
export function float(value: number, origin?: NodeOrigin): ValueNode {
  return leaf("float", value, origin);
}
/** A string leaf (interpolations are strings too). @example `str("${a}")` */
export function str(value: string, origin?: NodeOrigin): ValueNode {
  return leaf("str", value, origin);
}
/** A bool leaf. @example `bool(true)` */
export function bool(value: boolean, origin?: NodeOrigin): ValueNode {
  return leaf("bool", value, origin);
}
/** A null leaf. @example `nil()` */
export function nil(origin?: NodeOrigin): ValueNode {
  return leaf("null", null, origin);
}
/** The missing value `???`. @example `missing()` */
export function missing(origin?: NodeOrigin): ValueNode {
  return leaf("missing", null, origin);
}

/**
 * Whether a string holds an interpolation (OmegaConf parses every string that
 * contains `${`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInterpolationString } from "../engine.ts";
 * assert.ok(isInterpolationString("${a.b}"));
 * ```
 */
export function isInterpolationString(s: string): boolean {
  return s.includes("${");
}

/**
 * Whether a node is a string leaf holding an interpolation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInterpolation, str } from "../engine.ts";
 * assert.ok(isInterpolation(str("${x}")));
 * ```
 */
export function isInterpolation(node: Node): boolean {
  return node.kind === "value" && node.type === "str" &&
    isInterpolationString(node.value as string);
}

/**
 * A deep copy of a tree (leaves are shared: they are immutable).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clone, dict, int } from "../engine.ts";
 * const a = dict([["x", int(1)]]);
 * assert.ok(clone(a) !== a);
 * ```
 */
export function clone<T extends Node>(node: T): T {
  if (node.kind === "value") return node;
  const unread = copyUnread(node); // a big file's subtree still as text: copy the handle
  if (unread !== undefined) return unread;
  if (node.kind === "list") {
    const out: ListNode = { kind: "list", items: node.items.map(clone) };
    if (node.origin) out.origin = node.origin;
    if (node.flags) out.flags = { ...node.flags };
    return out as T;
  }
  const entries = new Map<string, Entry>();
  for (const [k, e] of node.entries) entries.set(k, { key: e.key, node: clone(e.node) });
  const out: DictNode = { kind: "dict", entries };
  if (node.origin) out.origin = node.origin;
  if (node.flags) out.flags = { ...node.flags };
  return out as T;
}

/**
 * The text of a key as it appears in a dotted full key (`a.b`, `l[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyText } from "../engine.ts";
 * assert.equal(keyText(true), "True");
 * ```
 */
export function keyText(key: Key): string {
  if (typeof key === "string") return key;
  if (key === null) return "None";
  if (typeof key === "boolean") return key ? "True" : "False";
  if (key instanceof FloatKey) return pyFloatRepr(key.value);
  return String(key);
}

/**
 * The full key of a path as OmegaConf prints it: `a.b[0].c`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fullKey } from "../engine.ts";
 * assert.equal(fullKey(["model", "layers", 0, "dim"], [false, false, true, false]), "model.layers[0].dim");
 * ```
 */
export function fullKey(path: readonly Key[], listIndexes?: readonly boolean[]): string {
  let out = "";
  path.forEach((k, i) => {
    if (listIndexes?.[i]) out += `[${keyText(k)}]`;
    else out += out === "" ? keyText(k) : "." + keyText(k);
  });
  return out;
}

/**
 * A full key inside the node at `outer`, as one full key: `a` and `b.c`
 * give `a.b.c`, `a` and `[1]` give `a[1]`; either may be `""` (the root).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinFullKey } from "./node.ts";
 * assert.equal(joinFullKey("db", "[0].host"), "db[0].host");
 * assert.equal(joinFullKey("", "lr"), "lr");
 * ```
 */
export function joinFullKey(outer: string, inner: string): string {
  if (outer === "") return inner;
  if (inner === "") return outer;
  return inner.startsWith("[") ? outer + inner : `${outer}.${inner}`;
}

/**
 * A path spelt as a key path OmegaConf.select and strata's `-p`/`explain`
 * read back: a dict key holding `.` or `[` goes in brackets
 * (`input_shapes[observation.state]`), which {@link fullKey}, OmegaConf's
 * error rendering, leaves dotted, a spelling that names another path.
 * Undefined when no key path names it: such a key also holding `]`, or a
 * dict key that is no str (`classes: {0: cat}`: `classes.0` reads the str key
 * `'0'`, which OmegaConf.select misses there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectKey } from "../engine.ts";
 * assert.equal(selectKey(["p", "obs.state", 0], [false, false, true]), "p[obs.state][0]");
 * assert.equal(selectKey(["p", "a.b]"], [false, false]), undefined);
 * assert.equal(selectKey(["classes", 0], [false, false]), undefined);
 * ```
 */
export function selectKey(
  path: readonly Key[],
  listIndexes?: readonly boolean[],
): string | undefined {
  let out = "";
  for (const [i, k] of path.entries()) {
    const t = keyText(k);
    if (listIndexes?.[i]) out += `[${t}]`;
    else if (typeof k !== "string") return undefined;
    else if (!t.includes(".") && !t.includes("[")) out += out === "" ? t : "." + t;
    else if (t.includes("]")) return undefined;
    else out += `[${t}]`;
  }
  return out;
}
