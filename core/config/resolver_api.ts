/**
 * The library's resolvers: the {@link Resolver} type a caller writes, its
 * registration, and the wrapping that lets a resolver return a Config.
 *
 * @module
 */

import type { PyFloat } from "../create.ts";
import { OwnRoot } from "../resolve/resolver_call.ts";
import {
  type RegisterOptions,
  registerResolver as registerTreeResolver,
  type ResolverContext,
  type ResolverFn,
  scopedResolvers,
  scopeResolvers,
} from "../resolve/resolvers.ts";
import type { Node } from "../node.ts";
import { type Config, isConfig, nodeOf, viewOf } from "./view.ts";
import { badArgument } from "./args.ts";

/**
 * A resolver's argument as a config node, typed (`1.0` is a float, `1` an
 * int): returned as it is, it is the argument passed through with its type
 * ({@link ResolverInfo.nodes}). Its plain value is the resolver's `args[i]`.
 */
export interface ResolverArgument {
  /** A mapping, a sequence or a scalar. */
  readonly kind: "dict" | "list" | "value";
}

/** What a resolver learns about its call besides its arguments. */
export interface ResolverInfo {
  /**
   * The arguments as typed config nodes. JS has one number type, so `args[i]`
   * of `${f:1e3}` is `1000`, and returned as it is, an int: return
   * `nodes[i]` to pass an argument through with its type, as a Python
   * resolver returning its argument does (IsaacGymEnvs'
   * `lambda default, arg: default if arg == '' else arg`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig, resolve, type ResolverInfo, toYaml } from "../../mod.ts";
   * const cfg = createConfig({ epochs: "${pick:'',1e3}" });
   * const pick = (args: unknown[], info: ResolverInfo) =>
   *   args[0] === "" ? info.nodes[1] : info.nodes[0];
   * assert.equal(toYaml(resolve(cfg, { resolvers: { pick } })), "epochs: 1000.0\n");
   * ```
   */
  readonly nodes: readonly ResolverArgument[];
  /** The arguments' source texts. */
  argTexts: string[];
  /** The full key of the value holding the interpolation. */
  fullKey: string;
  /** Emits a warning (to {@link ResolveOptions.onWarning}). */
  warn(message: string): void;
  /**
   * `x` as a float result, Python's `float(x)`: an integral number returned as it is is an int
   * (`4000`, where Python's `0.01 * 400000` is `4000.0`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig, resolve, type ResolverInfo, toYaml } from "../../mod.ts";
   * const cfg = createConfig({ steps: "${times:0.01,400000}" });
   * const times = (args: unknown[], info: ResolverInfo) =>
   *   info.float((args[0] as number) * (args[1] as number));
   * assert.equal(toYaml(resolve(cfg, { resolvers: { times } })), "steps: 4000.0\n");
   * ```
   */
  float(x: number): PyFloat;
  /**
   * `x` as an int result, Python's `int(x)` (truncated toward zero), a bigint: a number returned
   * that equals a float argument only is read as that float (`(a) => a[0]` on `${id:1.0}`, as
   * Python's `lambda x: x` gives it), so a resolver converting to an int says so.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig, resolve, type ResolverInfo, toYaml } from "../../mod.ts";
   * const cfg = createConfig({ k: "${int:1.0}", m: "${naive:1.0}" });
   * const int = (args: unknown[], info: ResolverInfo) => info.int(args[0] as number);
   * const naive = (args: unknown[]) => Math.trunc(args[0] as number);
   * assert.equal(toYaml(resolve(cfg, { resolvers: { int, naive } })), "k: 1\nm: 1.0\n");
   * ```
   */
  int(x: number | bigint): bigint;
  /**
   * Python's `str()` of `x`, a value as a resolver gets or returns it (`True`, `None`, `1e-05`,
   * `{'a': 1}`), or of `x[key]`, an item of a container argument: a float in the container is
   * printed as one (`1.0`), where the number alone reads as an int (`1`). A Python resolver
   * building text (`f"{k}:{v}"`) gets the same from `` `${k}:${info.str(d, k)}` ``.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig, PyFloat, resolve, type ResolverInfo, toYaml } from "../../mod.ts";
   * const opts = { debug: false, lr: new PyFloat(1) }; // YAML's `lr: 1.0`
   * const cfg = createConfig({ opts, tags: "${pairs:${opts}}" });
   * const pairs = (args: unknown[], info: ResolverInfo) => {
   *   const d = args[0] as Record<string, unknown>;
   *   return Object.keys(d).map((k) => `${k}:${info.str(d, k)}`).join(",");
   * };
   * const out = toYaml(resolve(cfg, { resolvers: { pairs } }));
   * assert.match(out, /tags: debug:False,lr:1\.0\n/);
   * ```
   */
  str(x: unknown, key?: string | number): string;
  /**
   * The config holding the interpolation's value, as written (OmegaConf's
   * `_parent_`); undefined inside another resolver's result.
   */
  readonly parent: Config | undefined;
  /** The root of the config being resolved, as written (OmegaConf's `_root_`). */
  readonly root: Config | undefined;
}

/**
 * A resolver for `${name:arg,...}`: plain JS arguments in (ints and floats as
 * numbers, dicts as objects, lists as arrays; a config node passed as
 * `${src.in}` comes resolved where it sits), a plain value or a {@link Config}
 * out. A returned `Config` reads itself (`${...}` in it name its own keys, as
 * in a DictConfig made by `OmegaConf.create`). As in OmegaConf 2.2, a plain
 * object or array returned is a value: its strings are not interpolations
 * (`{ s: "${x}" }` stays `${x}`).
 */
export type Resolver = (args: unknown[], info: ResolverInfo) => unknown;

/** Options of {@link resolve} and {@link Composition.resolve}. */
export interface ResolveOptions {
  /** Resolvers for this call only; they take precedence over registered ones. */
  resolvers?: Record<string, Resolver>;
  /** Receives warnings (`oc.deprecated`, ...); default `console.warn`. */
  onWarning?: (message: string) => void;
}

/**
 * Resolvers for one call, each wrapped so its {@link Config} results reach the
 * engine as trees.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { treeResolvers } from "./resolver_api.ts";
 * assert.deepEqual(Object.keys(treeResolvers({ two: () => 2 })), ["two"]);
 * ```
 */
export function treeResolvers(
  resolvers: Record<string, Resolver> = {},
): Record<string, ResolverFn> {
  const all: Record<string, ResolverFn> = {};
  for (const [name, fn] of Object.entries(resolvers)) all[name] = unwrapping(fn, all);
  return all;
}

/**
 * A resolver's context with the views of its parent and root, made when
 * asked for. A view resolves what it is read for with `all` (these
 * resolvers, the ones a module gave together) as well as the registered
 * ones: the config being resolved calls them.
 */
function withViews(ctx: ResolverContext, all: Record<string, ResolverFn>): ResolverInfo {
  const scoped = (root: Node) => {
    scopeResolvers(root, { ...scopedResolvers(root), ...all });
    return root;
  };
  return {
    nodes: ctx.nodes,
    argTexts: ctx.argTexts,
    fullKey: ctx.fullKey,
    warn: ctx.warn,
    float: ctx.float,
    int: ctx.int,
    str: ctx.str,
    get parent() {
      const at = ctx.place();
      return at && viewOf(scoped(at.root), at.path);
    },
    get root() {
      const at = ctx.place();
      return at && viewOf(scoped(at.root));
    },
  };
}

/** A resolver whose {@link Config} results reach the engine as trees. */
function unwrapping(fn: Resolver, all: Record<string, ResolverFn>): ResolverFn {
  return (args, ctx) => {
    const out = fn(args, withViews(ctx, all));
    if (!isConfig(out)) return out;
    // a Config reads itself (or the config it is part of), not the config being resolved
    const { root, path } = nodeOf(out);
    return new OwnRoot(root, path);
  };
}

/**
 * Registers a resolver for `${name:...}` in every later resolution.
 *
 * @throws {StrataError} `value` when the name is empty or taken (unless `replace`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, registerResolver, resolve, unregisterResolver } from "../../mod.ts";
 * registerResolver("example.mul", (args) => (args as number[]).reduce((a, b) => a * b, 1));
 * assert.equal(resolve(createConfig({ x: "${example.mul:2,3,7}" })).get("x"), 42);
 * unregisterResolver("example.mul");
 * ```
 */
export function registerResolver(
  name: string,
  resolver: Resolver,
  options?: RegisterOptions,
): void {
  if (typeof name !== "string") throw badArgument("registerResolver", "name", "a string", name);
  if (typeof resolver !== "function") {
    throw badArgument("registerResolver", "resolver", "a function", resolver);
  }
  // (a registered resolver's views see the registry, as every resolution does)
  registerTreeResolver(name, unwrapping(resolver, {}), options ?? {});
}
