/**
 * `create`: a config tree from plain JS data or YAML text (OmegaConf.create).
 *
 * @module
 */

import { ErrorCode, StrataError } from "./errors.ts";
import {
  bool,
  canonicalKey,
  type DictNode,
  type Entry,
  float,
  FloatKey,
  int,
  type Key,
  keyText,
  type ListNode,
  missing,
  nil,
  type Node,
  type Origin,
  str,
} from "./node.ts";
import { unsupportedMessage, unsupportedType } from "./js_value.ts";
import { LIMITS } from "./limits.ts";
import { isNotedFloat } from "./float_marks.ts";
import { pyFloatRepr } from "./pyformat.ts";
import { validateInterpolations } from "./resolve/validate.ts";
import { loadYaml } from "./yaml/load.ts";

/** The brand of a {@link PyFloat}, the same symbol in every copy of strata's modules. */
const PY_FLOAT: unique symbol = Symbol.for("strata.PyFloat");

/**
 * A float that JS would print as an int: `new PyFloat(1)` is Python's `1.0`.
 * JS has one number type, so {@link create} reads an integral number as an
 * int; wrap it to get a float node. A resolver returns one for a float result
 * with an integral value (or calls its context's `float(x)`). `instanceof
 * PyFloat` holds for a PyFloat of any copy of strata (a resolvers module
 * imports its own `mod.ts` when strata is the compiled binary): it checks a
 * `Symbol.for` brand, not the class.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, PyFloat, toYaml } from "../mod.ts";
 * const cfg = createConfig({ scale: new PyFloat(1) });
 * assert.equal(toYaml(cfg), "scale: 1.0\n");
 * ```
 */
export class PyFloat {
  /** The float value. */
  readonly value: number;

  /**
   * Python's `float(value)`.
   *
   * @param value the float value
   */
  constructor(value: number) {
    this.value = value;
  }

  /**
   * Whether `x` is a PyFloat of any copy of strata's modules (it has the brand).
   *
   * @param x the value `instanceof` checks
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "object" && x !== null &&
      (x as { [PY_FLOAT]?: unknown })[PY_FLOAT] === true;
  }

  /** The brand (on the prototype: not an own property, so not compared by deep equality). */
  get [PY_FLOAT](): true {
    return true;
  }

  /**
   * The number, where JavaScript wants one (`x * 2`, `x > 1`): a PyFloat reads as its value
   * (checker v34: arithmetic gave NaN).
   */
  valueOf(): number {
    return this.value;
  }

  /** Python's `str(float)`: `1000000.0`, `1e-05`, `inf`. */
  toString(): string {
    return pyFloatRepr(this.value);
  }

  /** The number in `JSON.stringify` (not `{"value": ...}`). */
  toJSON(): number {
    return this.value;
  }
}

/** A scalar {@link create} accepts. */
export type CreateScalar = string | number | bigint | boolean | null | undefined | PyFloat;

/** What {@link create} accepts: plain data, with {@link PyFloat} for integral floats. */
export type CreateInput =
  | CreateScalar
  | readonly CreateInput[]
  | { readonly [key: string]: CreateInput }
  | ReadonlyMap<Key, CreateInput>;

/**
 * `T` checked member by member as data {@link create} accepts. A value typed
 * by an interface is plain data too, but TypeScript gives an interface no
 * index signature, so it is no {@link CreateInput}: the library's functions
 * take `T & CreateData<T>` instead. A function or a symbol is `never` (refused).
 * `Also` is accepted anywhere too (the library's `Config` views: see {@link setForeignNode}).
 *
 * @example
 * ```ts
 * import type { CreateData } from "../mod.ts";
 * interface Opt { lr: number; name?: string }
 * const ok: CreateData<Opt> = { lr: 1 };
 * ```
 */
export type CreateData<T, Also = never> = T extends CreateInput | Also ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? (K extends Key ? ReadonlyMap<K, CreateData<V, Also>> : never)
  : T extends readonly unknown[] ? { readonly [I in keyof T]: CreateData<T[I], Also> }
  : T extends (...args: never[]) => unknown ? never
  : T extends object ? { readonly [K in keyof T]: CreateData<T[K], Also> }
  : never;

/**
 * The node a value of another layer stands for (a `Config` view of
 * core/config: its node, copied), installed by that layer; undefined for
 * anything else. create() does not import the views, which import it.
 */
let foreignNode: ((x: object) => Node | undefined) | undefined;

/**
 * Installs how {@link create} takes a value of a layer above it (core/config
 * installs its views: `createConfig({ m: cfg.get("model") })` holds a copy of
 * that node, as `OmegaConf.create({"m": cfg.model})` does).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { create, setForeignNode } from "./create.ts";
 * import { int } from "./node.ts";
 * class Box { constructor(readonly n: number) {} }
 * setForeignNode((x) => (x instanceof Box ? int(x.n) : undefined));
 * assert.equal(create({ a: new Box(3) as never }).kind, "dict");
 * setForeignNode(undefined);
 * ```
 */
export function setForeignNode(take: ((x: object) => Node | undefined) | undefined): void {
  foreignNode = take;
}

/**
 * `x` as a node; `path` is its full key, `seen` the objects above it (a
 * value that contains itself is refused instead of overflowing the stack).
 */
function node(
  x: CreateInput,
  path: string,
  origin: Origin | undefined,
  seen: Set<object>,
): Node {
  if (x === null || x === undefined) return nil(origin);
  if (x instanceof PyFloat) return float(x.value, origin);
  if (foreignNode !== undefined && typeof x === "object") {
    const taken = foreignNode(x);
    if (taken !== undefined) return taken;
  }
  const bad = unsupportedType(x);
  if (bad !== undefined) {
    throw new StrataError(ErrorCode.UnsupportedValue, unsupportedMessage(bad), {
      fullKey: path,
      origin,
    });
  }
  switch (typeof x) {
    case "string":
      return x === "???" ? missing(origin) : str(x, origin);
    case "boolean":
      return bool(x, origin);
    case "bigint":
      return int(x, origin);
    case "number":
      // an integral number past 2^53 is exact as a bigint; String(2 ** 60) is not its digits
      return !Number.isInteger(x)
        ? float(x, origin)
        : int(Number.isSafeInteger(x) ? x : BigInt(x), origin);
  }
  if (seen.size >= LIMITS.nesting) {
    // as a YAML document may nest: deeper data would overflow the stack later, unlocated
    throw new StrataError(
      ErrorCode.Limit,
      `the value nests deeper than ${LIMITS.nesting} levels`,
      { fullKey: path.length > 200 ? `…${path.slice(-200)}` : path, origin },
    );
  }
  if (seen.has(x)) {
    throw new StrataError(
      ErrorCode.UnsupportedValue,
      `Value at '${path}' contains itself: a cyclic value is not supported`,
      { fullKey: path, origin },
    );
  }
  seen.add(x);
  try {
    return containerNode(x, path, origin, seen);
  } finally {
    seen.delete(x);
  }
}

function containerNode(
  x: readonly CreateInput[] | ReadonlyMap<Key, CreateInput> | {
    readonly [key: string]: CreateInput;
  },
  path: string,
  origin: Origin | undefined,
  seen: Set<object>,
): Node {
  if (Array.isArray(x)) {
    const out: ListNode = origin
      ? { kind: "list", items: [], origin }
      : { kind: "list", items: [] };
    // by index, not forEach: a hole (`[1, , 3]`) is an undefined item, null as undefined is
    // elsewhere, and the items after it keep their indexes
    for (let i = 0; i < x.length; i++) {
      out.items.push(
        isNotedFloat(x, i, x[i]) ? float(x[i], origin) : node(x[i], `${path}[${i}]`, origin, seen),
      );
    }
    return out;
  }
  const entries = new Map<string, Entry>();
  const pairs: [Key, CreateInput][] = x instanceof Map ? [...x] : Object.entries(x);
  for (let [k, v] of pairs) {
    // a float of a resolver's argument handed back (./float_marks.ts)
    const noted = isNotedFloat(x, k, v);
    if (typeof k === "object" && k !== null && !(k instanceof FloatKey)) {
      throw new StrataError(
        ErrorCode.KeyValidation,
        "Incompatible key type: containers are not valid keys",
        {
          fullKey: path,
          origin,
        },
      );
    }
    // OmegaConf refuses None as a key (KeyValidationError), as strata's YAML reader does
    if (k === null) {
      throw new StrataError(ErrorCode.KeyValidation, "Incompatible key type 'NoneType'", {
        fullKey: path,
        origin,
      });
    }
    if (k === undefined || typeof k === "function" || typeof k === "symbol") {
      throw new StrataError(ErrorCode.KeyValidation, `Incompatible key type '${typeof k}'`, {
        fullKey: path,
        origin,
      });
    }
    // an integral number past 2^53 is an int key of its exact digits, as such a value is
    if (typeof k === "number" && Number.isInteger(k) && !Number.isSafeInteger(k)) k = BigInt(k);
    const child = path === "" ? keyText(k) : `${path}.${keyText(k)}`;
    // `1` then `true` (one key to Python): the first key is kept with the last value, as a dict
    // literal keeps it
    const ck = canonicalKey(k);
    const n = noted ? float(v as number, origin) : node(v, child, origin, seen);
    entries.set(ck, { key: entries.get(ck)?.key ?? k, node: n });
  }
  return (origin ? { kind: "dict", entries, origin } : { kind: "dict", entries }) as DictNode;
}

/**
 * A config from plain data (objects, arrays, numbers: integers become ints,
 * other numbers floats, {@link PyFloat} forces a float; `"???"` is missing) or
 * from YAML text. Interpolation grammar is checked, as OmegaConf.create does.
 * Its values are located at `origin` (`<create>`, the config createConfig
 * makes); `null` for data from code that no config holds (no origin).
 *
 * @throws {StrataError} YAML errors, `grammar`, `key-validation`,
 *   `unsupported-value` (a `Date`, a function, a cyclic object: OmegaConf's UnsupportedValueType).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { create, PyFloat } from "../engine.ts";
 * const cfg = create({ lr: 3e-4, epochs: 3, scale: new PyFloat(1), name: "${model}" });
 * assert.equal(cfg.kind, "dict");
 * assert.equal(create("a: 1\nb: ${a}").kind, "dict");
 * ```
 */
export function create(
  input: CreateInput = {},
  origin: Origin | null = { file: "<create>" },
): DictNode | ListNode {
  const root = typeof input === "string"
    ? loadYaml(input)
    : node(input, "", origin ?? undefined, new Set());
  if (root.kind === "value") {
    throw new StrataError(
      ErrorCode.YamlNotAConfig,
      `a config must be a dict or a list, not ${root.type}`,
      {
        fullKey: "",
        origin: origin ?? undefined,
      },
    );
  }
  validateInterpolations(root);
  return root;
}

/**
 * One value as a node, to be set at `fullKey` (which errors name): what
 * {@link create} makes of a dict's value. Without `origin` it has none: a
 * value set in code comes from no file (and is no `<create>` config).
 *
 * @throws {StrataError} `grammar`, `key-validation`, `unsupported-value`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createValue } from "./create.ts";
 * assert.equal(createValue(3, "a.b").kind, "value");
 * assert.throws(() => createValue(new Date(0) as never, "a.b"), /'Date' is not a supported/);
 * ```
 */
export function createValue(x: CreateInput, fullKey: string, origin?: Origin): Node {
  const out = node(x, fullKey, origin, new Set());
  try {
    validateInterpolations({ kind: "list", items: [out] });
  } catch (e) {
    // the value was checked as item [0] of a list: its keys are under `fullKey`
    if (!(e instanceof StrataError) || !e.fullKey?.startsWith("[0]")) throw e;
    const rest = e.fullKey.slice(3);
    const key = fullKey === "" ? rest.replace(/^\./, "") : fullKey + rest;
    throw new StrataError(e.code, e.message, { ...e, fullKey: key });
  }
  return out;
}
