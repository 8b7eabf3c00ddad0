/**
 * Resolvers: the registry of user resolvers written in TypeScript, the
 * resolvers scoped to a tree, and the table one resolution looks names up
 * in (OmegaConf's built-ins are ./builtin_resolvers.ts's).
 *
 * @module
 */

import { PyFloat } from "../create.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, type Key, type Node } from "../node.ts";
import { pyStr } from "./pystr.ts";
import { OwnRoot, type ResolverImpl, type ResolverTable } from "./resolver_call.ts";
import { isVirtual, type Loc, locFullKey, markLiteral } from "./loc.ts";
import { fromPlain, plainSource, resolvedPlain, toPlain } from "./plain.ts";
import { BUILTINS } from "./builtin_resolvers.ts";

/** What a TypeScript resolver receives besides its arguments. */
export interface ResolverContext {
  /** The arguments as typed config nodes (ints and floats stay apart). */
  nodes: Node[];
  /** The arguments' source texts. */
  argTexts: string[];
  /** Full key of the node holding the interpolation. */
  fullKey: string;
  /** Emits a warning (collected by `resolveTree`'s `onWarning`). */
  warn(message: string): void;
  /**
   * `x` as a float result, Python's `float(x)`: a number with an integral value returned as it is
   * is an int (`4000`, where Python's `0.01 * 400000` is `4000.0`). A {@link PyFloat}, made
   * without importing strata (a resolvers module of the compiled binary).
   */
  float(x: number): PyFloat;
  /**
   * `x` as an int result, Python's `int(x)` (truncated toward zero): a number returned that
   * equals a float argument is read as that float (`(a) => a[0]`, Python's `lambda x: x`), so a
   * resolver converting to int (`${int:1.0}`) says so (checker w52). A bigint.
   */
  int(x: number | bigint): bigint;
  /**
   * Python's `str()` of `x`, a value as a resolver gets or returns it (`True`, `None`, `1e-05`,
   * `{'a': 1}`), or of `x[key]`, an item of a container argument: a float in an argument's
   * container is printed as one (`1.0`), where the number alone reads as an int (`1`).
   */
  str(x: unknown, key?: string | number): string;
  /**
   * Where the interpolation is: the tree being resolved (as written) and the
   * path of the container holding it (OmegaConf's `_root_` and `_parent_`);
   * undefined inside a resolver's result, which has no place in the tree.
   */
  place(): TreePlace | undefined;
}

/** A container's place: its tree's root and its path from there. */
export interface TreePlace {
  /** The tree's root. */
  root: Node;
  /** The container's keys from the root. */
  path: Key[];
}

/** The place of the container holding `loc`'s node (see {@link ResolverContext.place}). */
function placeOf(loc: Loc): TreePlace | undefined {
  const keys: Key[] = [];
  let l = loc;
  for (; l.parent; l = l.parent) {
    if (isVirtual(l.id)) return undefined;
    keys.unshift(l.key);
  }
  return { root: l.node, path: keys.slice(0, -1) };
}

/**
 * A TypeScript resolver: plain JS arguments in (ints and floats as numbers,
 * containers as plain objects/arrays, a config node's resolved where it
 * sits), a plain value or a Node out (an integral number is an int: a float
 * is `ctx.float(x)`). A plain object or array returned is a
 * value whose strings are not interpolations, as OmegaConf 2.2 keeps a dict a
 * Python resolver returns; `ctx.nodes[i]` returned stays at its own place.
 */
export type ResolverFn = (args: unknown[], ctx: ResolverContext) => unknown;

/** Options of {@link registerResolver}. */
export interface RegisterOptions {
  /**
   * Keep results by argument texts for the config, across reads (OmegaConf's use_cache).
   * Without it the resolver runs at every read of a value that calls it; within one
   * resolution (`toObject()`, `resolve()`, `compose --resolve`) the keys that refer to that
   * value (`b: ${a}`, `a: ${rand:}`) share its one result, where OmegaConf calls the resolver
   * again for each of them.
   */
  useCache?: boolean;
  /** Replace an existing resolver of that name instead of failing. */
  replace?: boolean;
}

const registry = new Map<string, { fn: ResolverFn; useCache?: boolean }>();

/**
 * Registers a resolver for `${name:...}` in every later resolution.
 *
 * @example
 * ```ts
 * import { registerResolver } from "../../engine.ts";
 * registerResolver("example.add", (args) => (args as number[]).reduce((a, b) => a + b, 0), { replace: true });
 * ```
 */
export function registerResolver(name: string, fn: ResolverFn, opts: RegisterOptions = {}): void {
  // OmegaConf.register_new_resolver's checks
  if (name === "") throw new StrataError(ErrorCode.Value, "cannot use an empty resolver name");
  if (typeof fn !== "function") {
    throw new StrataError(ErrorCode.Value, `resolver '${name}' must be a function`);
  }
  // the built-ins are registered as OmegaConf registers its own: `replace` replaces them too
  if (isRegistered(name) && !opts.replace) {
    throw new StrataError(ErrorCode.Value, `resolver '${name}' is already registered`);
  }
  registry.set(name, { fn, useCache: opts.useCache });
}

/** Per-call resolvers whose results are kept as a registered one's with `useCache` are. */
const cachedPerCall = new WeakSet<ResolverFn>();

/**
 * Marks a per-call resolver (a resolvers module's, `resolvers:` of a
 * resolution) to keep its results by argument texts for the config, as
 * {@link registerResolver}'s `useCache` does (OmegaConf's `use_cache=True`);
 * returns it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { create, resolveTree, toContainer } from "../../engine.ts";
 * import { cachingResolver } from "./resolvers.ts";
 * let n = 0;
 * const count = cachingResolver(() => ++n);
 * const out = toContainer(resolveTree(create({ a: "${count:}", b: "${count:}" }), { resolvers: { count } }));
 * assert.deepEqual(out, { a: 1, b: 1 });
 * ```
 */
export function cachingResolver(fn: ResolverFn): ResolverFn {
  cachedPerCall.add(fn);
  return fn;
}

/** Built-in resolvers removed by {@link unregisterResolver} (OmegaConf.clear_resolver removes them). */
const cleared = new Set<string>();

function isRegistered(name: string): boolean {
  return registry.has(name) || (BUILTINS.has(name) && !cleared.has(name));
}

/**
 * Removes a registered resolver, a built-in one too (as OmegaConf.clear_resolver
 * does); returns whether it existed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unregisterResolver } from "../../mod.ts";
 * assert.equal(unregisterResolver("nope"), false);
 * ```
 */
export function unregisterResolver(name: string): boolean {
  const existed = isRegistered(name);
  registry.delete(name);
  if (BUILTINS.has(name)) cleared.add(name);
  return existed;
}

const scoped = new WeakMap<Node, Record<string, ResolverFn>>();

/**
 * Resolvers that every resolution of the tree `root` sees, after the per-call
 * ones and before the registry: a composed config's `hydra:` and `now:`, which
 * Hydra registers for the process while its config is in use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, scopeResolvers, viewOf } from "../../engine.ts";
 * const root = loadYaml("x: ${ask:1}");
 * scopeResolvers(root, { ask: (args) => `answer ${args[0]}` });
 * assert.equal(viewOf(root).get("x"), "answer 1");
 * ```
 */
export function scopeResolvers(root: Node, resolvers: Record<string, ResolverFn>): void {
  scoped.set(root, resolvers);
}

/**
 * The resolvers {@link scopeResolvers} gave the tree `root` (none: undefined).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, scopedResolvers } from "../../engine.ts";
 * assert.equal(scopedResolvers(loadYaml("a: 1")), undefined);
 * ```
 */
export function scopedResolvers(root: Node): Record<string, ResolverFn> | undefined {
  return scoped.get(root);
}

/**
 * Wraps a TypeScript resolver so the evaluator can call it, as OmegaConf 2.2
 * calls a Python one: a container argument is read where it sits (its
 * `${..x}` relative to it); a plain value returned is opaque (its strings are
 * never interpolations); a node argument returned keeps its place.
 */
function adaptResolver(fn: ResolverFn): ResolverImpl {
  return (call) => {
    const args = call.args.map((a, i) => {
      const at = call.argLocs?.[i];
      return at && a.kind !== "value" ? resolvedPlain(call.ev, { node: a, loc: at }) : toPlain(a);
    });
    const out = fn(args, {
      nodes: call.args,
      argTexts: call.argTexts,
      fullKey: locFullKey(call.loc),
      warn: (m) => call.ev.warnings.push(m),
      float: (x) => new PyFloat(x),
      int: (x) => typeof x === "bigint" ? x : BigInt(Math.trunc(x)),
      str: pythonStr,
      place: () => placeOf(call.loc),
    });
    if (out instanceof OwnRoot) {
      const loc = call.ev.ownRootLoc(out, call.loc);
      return { node: loc.node, loc };
    }
    // an argument's container handed back (`(a) => a[0]`, `(a) => a[0].sub`) is its node
    const source = plainSource(out);
    if (source !== undefined) return { node: source.node, loc: source.loc };
    if (!isNode(out)) return markLiteral(fromPlain(passedFloat(out, args, call.args)));
    const i = call.args.indexOf(out);
    const at = i >= 0 ? call.argLocs?.[i] : undefined;
    return at ? { node: out, loc: at } : out;
  };
}

/**
 * A float argument returned as it is (`(a) => a[0]` for `${id:1.0}`, Python's
 * `lambda x: x`) is still a float, though a JS number does not say so: when
 * every argument equal to the number returned is a float, the result is one.
 */
function passedFloat(out: unknown, args: unknown[], nodes: readonly Node[]): unknown {
  if (typeof out !== "number") return out;
  let float = false;
  for (let i = 0; i < args.length; i++) {
    if (!Object.is(args[i], out)) continue;
    const n = nodes[i];
    if (n.kind !== "value" || n.type !== "float") return out;
    float = true;
  }
  return float ? new PyFloat(out) : out;
}

/** {@link ResolverContext.str}: a node as it is, plain data through {@link fromPlain}. */
function pythonStr(x: unknown, key?: string | number): string {
  if (key === undefined) return pyStr(isNode(x) ? x : fromPlain(x));
  if (typeof x !== "object" || x === null) {
    throw new StrataError(ErrorCode.Value, "str(x, key): x is not a container");
  }
  const node = isNode(x) ? x : fromPlain(x);
  const item = node.kind === "dict"
    ? node.entries.get(canonicalKey(key))?.node
    : node.kind === "list" && typeof key === "number"
    ? node.items[key]
    : undefined;
  if (item === undefined) {
    throw new StrataError(ErrorCode.Value, `str(x, key): x has no item ${JSON.stringify(key)}`);
  }
  return pyStr(item);
}

/**
 * Whether a result is a node (`ctx.nodes[i]`, a built-in's), by its shape: a
 * `kind` alone is not enough (plain data `{ kind: "dict" }`, a Config of
 * another copy of strata that predates its brand, have one).
 */
function isNode(x: unknown): x is Node {
  if (typeof x !== "object" || x === null) return false;
  const n = x as { kind?: unknown; entries?: unknown; items?: unknown; type?: unknown };
  if (n.kind === "dict") return n.entries instanceof Map;
  if (n.kind === "list") return Array.isArray(n.items);
  return n.kind === "value" && typeof n.type === "string" && "value" in n;
}

/**
 * The resolver table of one resolution: per-call resolvers first, then the
 * registry, then the built-ins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolverTable } from "./resolvers.ts";
 * assert.ok(resolverTable()("oc.env") !== undefined);
 * ```
 */
export function resolverTable(perCall?: Record<string, ResolverFn>): ResolverTable {
  const lookup = (name: string): { impl: ResolverImpl; useCache?: boolean } | undefined => {
    const own = perCall?.[name];
    if (own) return { impl: adaptResolver(own), useCache: cachedPerCall.has(own) };
    const reg = registry.get(name);
    if (reg) return { impl: adaptResolver(reg.fn), useCache: reg.useCache };
    const b = cleared.has(name) ? undefined : BUILTINS.get(name);
    return b ? { impl: b } : undefined;
  };
  const names = () => [
    ...Object.keys(perCall ?? {}),
    ...registry.keys(),
    ...[...BUILTINS.keys()].filter((n) => !cleared.has(n)),
  ];
  return Object.assign(lookup, { names });
}
