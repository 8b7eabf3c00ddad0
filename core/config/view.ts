/**
 * The config as a library user sees it: a DictConfig-like view with plain
 * dotted keys (`cfg.get("optimizer.lr")`), reading resolved values, writing
 * with struct/readonly checks, and telling where each value came from. It
 * reads and writes the node tree in place; the tree's representation stays
 * inside core/.
 *
 * @module
 */

import { type CreateInput, createValue, setForeignNode } from "../create.ts";
import { ErrorCode, formatOrigin, isStrataError, StrataError } from "../errors.ts";
import { toContainer as treeToContainer } from "../container.ts";
import { isPlainValue } from "../resolve/loc.ts";
import { pyRepr } from "../resolve/pystr.ts";
import { clone, isInterpolation, type Key, type Node, type Origin, originOf } from "../node.ts";
import { getItem, keysAt, walk } from "../ops/read.ts";
import { selectPath, splitKey, update } from "../ops/select.ts";
import { setReadonly, setStruct } from "../ops/flags.ts";
import { append, deleteKey, insert, pop } from "../ops/write.ts";
import { asIndex, childOf } from "../ops/walk.ts";
import {
  jsonReady,
  plainInOrder,
  plainOf,
  resolvedInOrder,
  shown,
  type ToObjectOptions,
} from "./plain.ts";
import { referencedPath } from "./reference.ts";
import { graftAt } from "./graft.ts";
import { badArgument, checkKnownOptions } from "./args.ts";
import { fullKeyIn } from "./ops_api.ts";
import { dereferenceAt } from "../resolve/resolve.ts";
import {
  type InferOutput,
  type StandardSchema,
  validateAsync,
  validateSync,
} from "./standard_schema.ts";

// the types of the interface this module implements, where its users have always imported them
export type * from "./config.ts";
import type { Config, ConfigData, ConfigSelectOptions, ConfigValue, PlainValue } from "./config.ts";

/**
 * The brand of a view, the same symbol in every copy of strata's modules: a
 * resolvers module imports its own `mod.ts` when strata is the compiled
 * binary, and the Config its resolver returns must still read as one.
 */
const CONFIG: unique symbol = Symbol.for("strata.Config");

class ConfigView implements Config {
  constructor(readonly root: Node, readonly at: readonly Key[]) {}

  /** The brand (on the prototype: not an own property, so not compared by deep equality). */
  get [CONFIG](): true {
    return true;
  }

  get #node(): Node {
    return walk(this.root, this.at).at(-1)!.node;
  }

  #path(path: string | Key): Key[] {
    // a key that is not a string is one key, as in `cfg[1]`: never split or read as text
    if (typeof path !== "string") return [...this.at, path];
    return path === "" ? [...this.at] : [...this.at, ...splitKey(path)];
  }

  /**
   * What reading `path` gives, `node` being its resolved value: a leaf's value,
   * or a view of the container. A container reached through a node
   * interpolation (`b: ${a}`) is the node `a` itself, as in OmegaConf, so the
   * view sits at `a`'s path; a resolver's container (`${oc.create:...}`) is a
   * new config of its own, with the flags it has there. A resolver's plain
   * dict or list (not a config) is plain data, as OmegaConf gives the dict.
   */
  #value(node: Node, path: readonly Key[]): ConfigValue {
    if (node.kind === "value") return node.type === "missing" ? "???" : node.value;
    if (isPlainValue(node)) return treeToContainer(node) as PlainValue;
    const real = referencedPath(this.root, path);
    if (real !== undefined) return new ConfigView(this.root, real);
    const frame = walk(this.root, path).at(-1)!;
    const copy = clone(node);
    copy.flags = {
      ...copy.flags,
      struct: copy.flags?.struct ?? frame.struct,
      readonly: copy.flags?.readonly ?? frame.readonly,
    };
    return new ConfigView(copy, []);
  }

  get kind(): "dict" | "list" {
    return this.#node.kind === "list" ? "list" : "dict";
  }

  get length(): number {
    return this.keys().length;
  }

  get struct(): boolean {
    return walk(this.root, this.at).at(-1)!.struct ?? false;
  }

  set struct(value: boolean | null) {
    setStruct(this.root, this.at, flagValue("struct", value));
  }

  get readonly(): boolean {
    return walk(this.root, this.at).at(-1)!.readonly ?? false;
  }

  set readonly(value: boolean | null) {
    setReadonly(this.root, this.at, flagValue("readonly", value));
  }

  get<T extends ConfigValue = ConfigValue>(path: string | Key): T {
    const keys = this.#path(path);
    // not into a resolver's plain dict or list: a value, as `c.a.cp.s` is an
    // AttributeError on OmegaConf's dict (`get("a.cp")` gives the object to index)
    const chain = walk(this.root, keys, "item", false);
    const path2 = chain.slice(1).map((f) => f.key as Key);
    const node = chain.at(-1)!.node;
    if (node.kind === "value" && isInterpolation(node)) return this.#dereferenced(path2) as T;
    return this.#value(node.kind === "value" ? getItem(this.root, path2) : node, path2) as T;
  }

  /**
   * `cfg.d` with `d` an interpolation: `${a}` is the node at a, its own interpolations
   * unresolved; a resolver runs once, and its new container (`oc.dict.values`, `oc.create`)
   * is given as the resolver made it, its interpolations read against this config when read
   * (./graft.ts), as OmegaConf sets its parent; a value, or a plain dict or list, as it is.
   */
  #dereferenced(path: readonly Key[]): ConfigValue {
    const target = dereferenceAt(this.root, path, { shallow: true });
    if (target.treePath) return new ConfigView(this.root, target.treePath);
    if (target.node.kind !== "value" && !isPlainValue(target.node)) {
      return new ConfigView(graftAt(this.root, path, clone(target.node)), [...path]);
    }
    return this.#value(target.node, path);
  }

  select<T extends ConfigValue = ConfigValue>(
    path: string | Key,
    options: ConfigSelectOptions<T> = {},
  ): T | undefined {
    // a misspelt `defualt` is refused, not ignored (checker w38)
    checkKnownOptions("select", options, { default: true, throwOnMissing: true });
    if (typeof path === "string" && path.startsWith(".")) {
      return this.#selectRelative(path, options);
    }
    // OmegaConf.select(throw_on_missing=True): a `???` on the way raises, default or not
    if (options.throwOnMissing) {
      selectPath(this.root, this.#path(path), { throwOnMissing: true });
    }
    if (this.has(path)) {
      // cfg.l[-1] reads the last item; OmegaConf.select gives None (so the default) for it
      const keys = this.#path(path);
      const chain = walk(this.root, keys);
      const negative = keys.some((k, i) => chain[i].node.kind === "list" && (asIndex(k) ?? 0) < 0);
      return negative ? options.default : this.get(path) as T;
    }
    // `has` is false too when a step on the way fails to resolve (`c.b` with
    // `c: ${nope}`) or a list is indexed by a name: OmegaConf.select raises
    // those rather than give the default
    selectPath(this.root, this.#path(path));
    return options.default;
  }

  /**
   * OmegaConf.select's relative keys: `.x` is `x` here, each further dot one
   * level up (`..x` is the parent's `x`); above the root, ConfigKeyError's
   * "Error resolving key".
   */
  #selectRelative<T extends ConfigValue>(
    path: string,
    options: ConfigSelectOptions<T>,
  ): T | undefined {
    const dots = path.length - path.replace(/^\.+/, "").length;
    const up = dots - 1;
    if (up > this.at.length) {
      throw new StrataError(ErrorCode.Key, `Error resolving key '${path}'`, {
        fullKey: path,
        origin: this.root.origin,
      });
    }
    const base = new ConfigView(this.root, this.at.slice(0, this.at.length - up));
    return base.select(path.slice(dots), options);
  }

  set<T>(path: string, value: T & ConfigData<T>): void {
    // `set("", v)` sets the key '' (OmegaConf.update(cfg, "", v)), not the view itself
    const keys = path === "" ? [...this.at, ""] : this.#path(path);
    update(this.root, keys, this.#input(value, keys), { merge: false });
  }

  delete(path: string | Key): void {
    const keys = this.#path(path);
    if (keys.length === 0) throw rootEdit("delete");
    deleteKey(this.root, keys.slice(0, -1), keys.at(-1)!);
  }

  pop<T extends ConfigValue = ConfigValue>(
    path: string | Key,
    options: ConfigSelectOptions<T> = {},
  ): T {
    const keys = this.#path(path);
    if (keys.length === 0) throw rootEdit("pop");
    const fallback = "default" in options
      ? createValue(options.default as CreateInput, keys.map(String).join("."))
      : undefined;
    const node = pop(this.root, keys.slice(0, -1), keys.at(-1)!, fallback);
    // no longer in the tree: a container is a config of its own
    if (node.kind === "value") return (node.type === "missing" ? "???" : node.value) as T;
    return (isPlainValue(node) ? treeToContainer(node) : new ConfigView(node, [])) as T;
  }

  append<T>(value: T & ConfigData<T>): void {
    append(this.root, this.at, this.#input(value, [...this.at, this.length]));
  }

  insert<T>(index: number, value: T & ConfigData<T>): void {
    insert(this.root, this.at, index, this.#input(value, [...this.at, index]));
  }

  /** A value to put at `keys`: a config's node copied, plain data made a node. */
  #input(value: unknown, keys: readonly Key[]): Node {
    return value instanceof ConfigView
      ? clone(value.#node)
      : createValue(value as CreateInput, fullKeyIn(this.root, keys));
  }

  has(path: string | Key): boolean {
    // OmegaConf's `key in cfg`: an interpolation counts even when it fails to
    // resolve (reading it then raises, as select does), `???` does not
    let chain;
    try {
      chain = walk(this.root, this.#path(path), "item", false);
    } catch (e) {
      if (isStrataError(e)) return false;
      throw e;
    }
    const node = chain.at(-1)!.node;
    return !(node.kind === "value" && node.type === "missing");
  }

  keys(): Key[] {
    return keysAt(this.root, this.at);
  }

  *[Symbol.iterator](): Iterator<[Key, ConfigValue]> {
    for (const key of keysAt(this.root, this.at)) {
      const path = [...this.at, key];
      const node = walk(this.root, path).at(-1)!.node;
      // iterating a ListConfig fails at a `???` item with its own words (a dict's items() and
      // every read say `Missing mandatory value: l[1]`)
      if (typeof key === "number" && node.kind === "value" && node.type === "missing") {
        const list = walk(this.root, this.at).at(-1)!.node;
        if (list.kind === "list") {
          throw new StrataError(ErrorCode.MissingValue, `Missing value at index ${key}`, {
            fullKey: fullKeyIn(this.root, path),
            origin: node.origin,
          });
        }
      }
      yield [
        key,
        node.kind === "value" && isInterpolation(node)
          ? this.#dereferenced(path)
          : this.#value(node.kind === "value" ? getItem(this.root, path) : node, path),
      ];
    }
  }

  origin(path: string | Key = ""): string | undefined {
    const origin = this.#originAt(this.#path(path), true);
    return origin ? formatOrigin(origin) : undefined;
  }

  /**
   * The origin of the node at `keys`; for an absent key, the origin of the
   * nearest container on the way (where a schema's "required" error points),
   * unless `exact`.
   */
  #originAt = (keys: readonly Key[], exact = false): Origin | undefined => {
    let node = this.root;
    for (let i = 0; i < keys.length; i++) {
      if (node.kind === "value") break;
      const child = childOf(node, keys[i]);
      if (!child) {
        if (exact) return undefined;
        break;
      }
      node = child.node;
      if (isInterpolation(node)) {
        // a key below a node interpolation (`b: ${a}`, then `b.p`) is where a's p is written, as
        // the view of b gives it; the interpolation's own place when it points at no container
        const target = i + 1 < keys.length ? this.#targetOf(keys.slice(0, i + 1)) : undefined;
        if (target === undefined) break;
        node = target;
      }
    }
    return originOf(node.origin);
  };

  /** The container of the tree a node interpolation at `keys` points at, if it does. */
  #targetOf(keys: Key[]): Node | undefined {
    try {
      const d = dereferenceAt(this.root, keys);
      return d.treePath === undefined ? undefined : d.node;
    } catch {
      return undefined; // it does not resolve: its own place
    }
  }

  #resolved(): Node {
    return getItem(this.root, this.at);
  }

  toObject(arg?: ToObjectOptions | StandardSchema): never {
    if (arg && "~standard" in arg) {
      const data = this.#plainInOrder({});
      return validateSync(arg, data, [...this.at], this.#originAt) as never;
    }
    const options = toObjectOptions(arg);
    // to_container(resolve=False): the values as written; throwOnMissing: false keeps `???`
    if (options.resolve === false) {
      return plainOf(this.#node, [...this.at], options, this.#originAt) as never;
    }
    if (options.throwOnMissing === false) {
      return plainOf(this.#resolved(), [...this.at], options, this.#originAt) as never;
    }
    return this.#plainInOrder(options) as never;
  }

  /** The resolved node as plain data, a `???` reported where it is written (plainInOrder). */
  #plainInOrder(options: ToObjectOptions): unknown {
    return plainInOrder(
      this.#inOrder(),
      this.#node,
      [...this.at],
      (keys) => dereferenceAt(this.root, keys),
      this.#originAt,
      options,
    );
  }

  /** The resolved node, or the error OmegaConf's to_object meets first (a `???` before it). */
  #inOrder(): Node {
    return resolvedInOrder(
      () => this.#resolved(),
      this.#node,
      [...this.at],
      (keys) => dereferenceAt(this.root, keys),
      this.#originAt,
    );
  }

  toObjectAsync<S extends StandardSchema>(schema: S): Promise<InferOutput<S>> {
    const data = this.#plainInOrder({});
    return validateAsync(schema, data, [...this.at], this.#originAt);
  }

  toJSON(): unknown {
    return jsonReady(this.toObject());
  }

  toString(): string {
    return pyRepr(this.#node);
  }

  /** `console.log(cfg)`: the config as written (interpolations unresolved), as OmegaConf prints it. */
  [Symbol.for("Deno.customInspect")](
    inspect: (value: unknown, options?: unknown) => string,
    options?: unknown,
  ): string {
    return `Config ${inspect(shown(treeToContainer(this.#node)), options)}`;
  }
}

/**
 * A view of the tree `root`, at `path` (the root by default). Library
 * internals make views with it; users get them from `compose`, `createConfig`
 * and `loadConfig`.
 *
 * @example
 * ```ts
 * import { loadYaml, viewOf } from "../../engine.ts";
 * import assert from "node:assert/strict";
 * assert.equal(viewOf(loadYaml("a: {b: 1}")).get("a.b"), 1);
 * ```
 */
export function viewOf(root: Node, path: readonly Key[] = []): Config {
  return new ConfigView(root, path);
}

/**
 * Whether a value is a {@link Config} view, of any copy of strata's modules
 * (a `Symbol.for` brand, not the class: a resolvers module's `mod.ts` is
 * another copy when strata is the compiled binary).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, isConfig } from "../../mod.ts";
 * assert.equal(isConfig(createConfig({})), true);
 * assert.equal(isConfig({}), false);
 * ```
 */
export function isConfig(x: unknown): x is Config {
  // any copy's view: its tree is nodes of the same shape
  return typeof x === "object" && x !== null && (x as { [CONFIG]?: unknown })[CONFIG] === true;
}

/**
 * The node a view shows (the tree itself, not a copy), and the root of its tree.
 *
 * @example
 * ```ts
 * import { loadYaml, nodeOf, viewOf } from "../../engine.ts";
 * import assert from "node:assert/strict";
 * const root = loadYaml("a: {b: 1}");
 * assert.equal(nodeOf(viewOf(root)).node, root);
 * ```
 */
export function nodeOf(cfg: Config): { node: Node; root: Node; path: readonly Key[] } {
  const view = cfg as ConfigView;
  return { node: walk(view.root, view.at).at(-1)!.node, root: view.root, path: view.at };
}

// A view inside plain data (`createConfig({ m: cfg.get("model") })`, `cfg.set("m", { inner: view })`)
// is a copy of its node, as OmegaConf copies a DictConfig put into a new container.
setForeignNode((x) => (isConfig(x) ? clone(nodeOf(x).node) : undefined));

/** toObject's options, checked: anything else (a zod 3.23 schema, a `{ parse }` object) is no silent no-op. */
const TO_OBJECT_OPTIONS = new Set(["exactFloats", "resolve", "throwOnMissing"]);

function toObjectOptions(arg: unknown): ToObjectOptions {
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== "object") {
    throw badArgument("toObject", "options", "an options object or a Standard Schema", arg);
  }
  const unknown = Object.keys(arg).filter((k) => !TO_OBJECT_OPTIONS.has(k));
  if (unknown.length > 0) {
    throw new StrataError(
      ErrorCode.Usage,
      `toObject takes options (exactFloats, resolve, throwOnMissing) or a Standard Schema ` +
        `(an object with '~standard': zod 3.24+, valibot 1, arktype 2), not an object with ` +
        unknown.slice(0, 3).map((k) => `'${k}'`).join(", ") +
        (unknown.length > 3 ? ", ..." : "") +
        ": an older schema library's schema would not validate anything",
    );
  }
  return arg as ToObjectOptions;
}

/** A flag's new value: a boolean, or null (or undefined) to inherit the parent's again. */
function flagValue(flag: string, value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value;
  throw badArgument(`Config.${flag}`, flag, "a boolean or null", value);
}

/** Deleting or popping the root itself: there is no parent to remove it from. */
function rootEdit(op: string): StrataError {
  return new StrataError(ErrorCode.Key, `Cannot ${op} the root of a config: name a key`, {
    fullKey: "",
  });
}
