/**
 * The job config resolved as far as it can be, as Hydra leaves it to the app:
 * Hydra writes `.hydra/config.yaml` unresolved and starts the app, which
 * fails only if it reads a key that cannot resolve (`???`, a resolver the
 * Python app registers, an unset `${oc.env:...}`). strata resolves what it
 * can for `STRATA_CONFIG`, keeps `???` as `???` and every value that cannot
 * resolve as its interpolation text, and says which ones it kept.
 *
 * @module
 */

import { hydraResolvers, resolveComposition } from "../compose/resolvers.ts";
import type { Composition } from "../compose/compose.ts";
import { ErrorCode, isStrataError, type StrataError } from "../errors.ts";
import {
  canonicalKey,
  clone,
  dict,
  type DictNode,
  type Key,
  list,
  missing,
  type Node,
} from "../node.ts";
import { resolveAt, type ResolverFn } from "../resolve/mod.ts";
import { InOrder } from "../resolve/in_order.ts";
import { mayHoldInterpolation, someChildInterpolating } from "../lazy.ts";
import { fullKey } from "../node.ts";

/** A value kept unresolved, for the warning. */
export interface Unresolved {
  /** Its full key (`model.steps`). */
  key: string;
  /** Why it did not resolve (the error it raised). */
  error: StrataError;
  /** The node kept as it is (its text and origin). */
  node: Node;
}

/** Options of {@link resolveLenient}. */
export interface LenientOptions {
  /** Resolvers for this call (`hydra:`, `now:`, the project's module). */
  resolvers?: Record<string, ResolverFn>;
  /** Called once per value kept unresolved. */
  onUnresolved?: (u: Unresolved) => void;
  /** What stands in an unresolved value's place (undefined: the value as written). */
  instead?: (u: Unresolved) => Node | undefined;
  /** The job's keys read `hydra` as a key (`--cfg all`); the app's config has none. */
  hydraKey?: boolean;
}

function isMissing(n: Node): boolean {
  return n.kind === "value" && n.type === "missing";
}

/**
 * The composed job config resolved (`hydra` left out), `???` kept as `???`
 * and every value that cannot resolve kept as written, each reported to
 * `onUnresolved`. A config that resolves whole costs one resolution; one that
 * does not is resolved value by value. A crossed limit (`limit`) is thrown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveLenient } from "./lenient.ts";
 * import { compose } from "../compose/compose.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\nb: ${a}\nc: ${py:x}\nd: ???\n");
 * const kept: string[] = [];
 * const out = resolveLenient(compose({ configDir: conf, configName: "config" }), {
 *   onUnresolved: (u) => kept.push(u.key),
 * });
 * assert.equal(toYaml(out), "a: 1\nb: 1\nc: ${py:x}\nd: ???\n");
 * assert.deepEqual(kept, ["c"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function resolveLenient(
  c: Pick<Composition, "config" | "hydra">,
  opts: LenientOptions = {},
): DictNode {
  try {
    return resolveComposition(c, {
      resolvers: opts.resolvers,
      keepMissing: true,
      hydraKey: opts.hydraKey,
    });
  } catch (e) {
    // a crossed limit is the config's fault, not a value the app may resolve:
    // retrying value by value would pay the limit once per value
    if (!isStrataError(e) || e.code === ErrorCode.Limit) throw e;
  }
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  if (opts.hydraKey) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const path: Key[] = [];
  const inList: boolean[] = [];
  const walk = (node: Node): Node => {
    if (isMissing(node)) return clone(node);
    try {
      return resolveAt(root, path, { resolvers: opts.resolvers });
    } catch (e) {
      if (!isStrataError(e) || e.code === ErrorCode.Limit) throw e;
      if (node.kind === "dict") {
        const out = dict([], node.origin);
        for (const [k, entry] of node.entries) {
          path.push(entry.key);
          inList.push(false);
          out.entries.set(k, { key: entry.key, node: walk(entry.node) });
          path.pop();
          inList.pop();
        }
        return out;
      }
      if (node.kind === "list") {
        const items = node.items.map((item, i) => {
          path.push(i);
          inList.push(true);
          const got = walk(item);
          path.pop();
          inList.pop();
          return got;
        });
        return list(items, node.origin);
      }
      const u = { key: fullKey(path, inList), error: e, node };
      opts.onUnresolved?.(u);
      return opts.instead?.(u) ?? clone(node);
    }
  };
  const out = dict();
  for (const [k, e] of c.config.entries) {
    path.push(e.key);
    inList.push(false);
    out.entries.set(k, { key: e.key, node: walk(e.node) });
    path.pop();
    inList.pop();
  }
  return out;
}

/**
 * Whether some string of `root` may call one of the resolvers `names`: an
 * interpolation naming it anywhere. It may say yes where no call is (a key
 * spelt like the resolver), never no where one is, so callers take the fast
 * path only when it is safe: Hydra's `python_version` is always opaque, and
 * checking for it every time through the lenient path costs a big config a
 * copy of its tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callsAnyResolver } from "./lenient.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.equal(callsAnyResolver(loadYaml("a: ${python_version:minor}"), ["python_version"]), true);
 * assert.equal(callsAnyResolver(loadYaml("a: ${b}\nb: python_version"), ["python_version"]), false);
 * ```
 */
export function callsAnyResolver(root: Node, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const calls = (n: Node): boolean => {
    if (n.kind !== "value") return mayHoldInterpolation(n) && someChildInterpolating(n, calls);
    if (n.type !== "str") return false;
    const s = n.value as string;
    return s.includes("${") && names.some((name) => s.includes(name));
  };
  return calls(root);
}

/**
 * The composed job config resolved as `resolveComposition` does (`???` kept), except the values
 * that call a resolver declared opaque (`.strata.yaml`: registered by the Python app, so unknown
 * here): those are kept as written, each reported to `onKept` with the resolver's name. Any other
 * failure throws, as it would without opaque resolvers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveKeepingOpaque } from "./lenient.ts";
 * import { compose } from "../compose/compose.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\nb: ${a}\nc: ${eq:${a},1}\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * const kept: string[] = [];
 * const out = resolveKeepingOpaque(c, { opaque: ["eq"], onKept: (u, name) => kept.push(`${u.key}:${name}`) });
 * assert.equal(toYaml(out), "a: 1\nb: 1\nc: ${eq:${a},1}\n");
 * assert.deepEqual(kept, ["c:eq"]);
 * assert.throws(() => resolveKeepingOpaque(c, { opaque: ["if"] }), /Unsupported interpolation type eq/);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function resolveKeepingOpaque(
  c: Pick<Composition, "config" | "hydra">,
  opts: {
    resolvers?: Record<string, ResolverFn>;
    opaque: string[];
    onKept?: (u: Unresolved, name: string) => void;
    hydraKey?: boolean;
  },
): DictNode {
  return resolveLenient(c, {
    hydraKey: opts.hydraKey,
    resolvers: { ...hydraResolvers(c.hydra, undefined, c.config), ...opts.resolvers },
    onUnresolved: (u) => {
      if (reachesMissing(u)) return;
      const name = opaqueResolverOf(u, opts.opaque);
      if (name === undefined) throw u.error;
      opts.onKept?.(u, name);
    },
    // a value that reaches a `???` shows `???`, as OmegaConf.resolve leaves it
    instead: (u) => reachesMissing(u) ? missing(u.node.origin) : undefined,
  });
}

/**
 * The composed job config as Hydra's `--cfg job --resolve` shows it:
 * `OmegaConf.resolve`, then `to_yaml`. A value whose interpolation reaches a
 * `???` becomes `???` (OmegaConf.resolve sets it missing), as do top-level
 * `???`s, and so do the items of a resolver's container result and of a
 * container a value points at (`${oc.dict.values:d}`, `${d}`); later values
 * read the `???`s the earlier ones left (core/resolve/in_order.ts). Any other
 * failure throws, the first in key order. A config that resolves whole costs
 * one resolution.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveAsShown } from "./lenient.ts";
 * import { compose } from "../compose/compose.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "data: ???\ntrain: ${data}/train\nk: 1\nm: ${k}\n");
 * const out = resolveAsShown(compose({ configDir: conf, configName: "config" }));
 * assert.equal(toYaml(out), "data: ???\ntrain: ???\nk: 1\nm: 1\n");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function resolveAsShown(
  c: Pick<Composition, "config" | "hydra">,
  opts: {
    resolvers?: Record<string, ResolverFn>;
    hydraKey?: boolean;
    reuse?: boolean;
    refusePlainResults?: boolean;
  } = {},
): DictNode {
  try {
    return resolveComposition(c, { ...opts, keepMissing: true });
  } catch (e) {
    // with `reuse`, a failed resolution left the tree as it was (only a whole success is in place)
    if (!isStrataError(e) || e.code !== ErrorCode.InterpolationToMissing) throw e;
  }
  // OmegaConf.resolve's own walk: in key order, each value that reaches a `???` set to `???`
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  if (opts.hydraKey) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const run = new InOrder(root, {
    resolvers: { ...hydraResolvers(c.hydra, undefined, c.config), ...opts.resolvers },
    refusePlainResults: opts.refusePlainResults,
  });
  const out = dict();
  for (const [k, e] of c.config.entries) {
    out.entries.set(k, { key: e.key, node: run.resolve([e.key]) });
  }
  return out;
}

/**
 * Whether a value failed only because its interpolation reaches a `???`,
 * which OmegaConf.resolve turns into `???`. One that fails inside a resolver's
 * result (an `oc.dict.values` item: its full key is the item's, not the
 * value's) is not: OmegaConf resolves that result item by item, which the
 * value-by-value walk of {@link resolveLenient} does not, so with opaque
 * resolvers it stays an error rather than a `???` in the wrong place
 * ({@link resolveAsShown} walks as OmegaConf does).
 */
function reachesMissing(u: Unresolved): boolean {
  return u.error.code === ErrorCode.InterpolationToMissing && u.error.fullKey === u.key;
}

/**
 * The resolver declared opaque that a value failed on for want of it (an
 * unsupported interpolation type among `opaque`), or `undefined` for any
 * other failure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opaqueResolverOf } from "./lenient.ts";
 * import { StrataError } from "../errors.ts";
 * import { str } from "../node.ts";
 * const error = new StrataError("unsupported-interpolation", "Unsupported interpolation type eq");
 * const u = { key: "c", error, node: str("${eq:1,1}") };
 * assert.equal(opaqueResolverOf(u, ["eq"]), "eq");
 * assert.equal(opaqueResolverOf(u, ["if"]), undefined);
 * ```
 */
export function opaqueResolverOf(u: Unresolved, opaque: readonly string[]): string | undefined {
  if (u.error.code !== ErrorCode.UnsupportedInterpolation) return undefined;
  const name = /type (\S+)/.exec(u.error.message)?.[1];
  return name !== undefined && opaque.includes(name) ? name : undefined;
}
