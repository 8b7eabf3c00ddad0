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
import { holdsInterpolationText } from "../resolve/validate.ts";
import { fullKey } from "../node.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import { resolverCallOffset } from "../validate/resolver_calls.ts";
import { lazyNodesMade } from "../lazy.ts";
import { someStringLeaf } from "../string_leaves.ts";

/** A value kept unresolved, for the warning. */
export interface Unresolved {
  /** Its full key (`model.steps`). */
  key: string;
  /** Why it did not resolve (the error it raised). */
  error: StrataError;
  /** The node kept as it is (its text and origin). */
  node: Node;
  /** The sweep's job it was met in (a multirun's job number), said with it. */
  job?: number;
}

/** What a caller's `onUnresolved` threw, carried out of the resolution as it is. */
class Said {
  constructor(readonly error: unknown) {}
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
  // one resolution, each value that fails kept where it is (each resolver runs once); what
  // the caller's onUnresolved throws ends it
  const keepFailed = (key: string, node: Node, error: StrataError): Node => {
    const u = { key, error, node };
    try {
      opts.onUnresolved?.(u);
    } catch (e) {
      throw new Said(e);
    }
    return opts.instead?.(u) ?? clone(node);
  };
  try {
    return resolveComposition(c, {
      resolvers: opts.resolvers,
      keepMissing: true,
      hydraKey: opts.hydraKey,
      keepFailed,
    });
  } catch (e) {
    if (e instanceof Said) throw e.error;
    // a crossed limit is the config's fault, not a value the app may resolve:
    // retrying value by value would pay the limit once per value
    if (!isStrataError(e) || e.code === ErrorCode.Limit) throw e;
  }
  // what the engine did not resolve (a big file's few entries, the TS evaluator): value by value
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  if (opts.hydraKey) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const path: Key[] = [];
  const inList: boolean[] = [];
  // Hydra's `now` and `hydra` as resolveComposition gives them, the caller's over them: a value
  // that reads the clock resolves here too when another one does not
  const resolvers = hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers);
  const walk = (node: Node): Node => {
    if (isMissing(node)) return clone(node);
    try {
      return resolveAt(root, path, { resolvers });
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
    resolvers: hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers),
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
 * {@link resolveAsShown}, or {@link resolveKeepingOpaque} when a value calls
 * one of the `opaque` resolvers. Which one is learnt by trying: strata does
 * not know an opaque resolver, so a call to one fails the first resolution
 * (with UnsupportedInterpolationType naming it, which passes through the
 * resolvers on the way, as in OmegaConf), and only then is the config
 * resolved again, keeping those values. Looking for the names first cost a
 * walk of the whole tree on every `compose --resolve` (~20 ms at 10^5
 * leaves), for the few configs that use one. A failed resolution leaves the
 * tree as it was (only a whole success is in place), so the second starts
 * from the composed config. A failure that comes before the call in key
 * order is thrown, as the second resolution would throw it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveShowingOpaque } from "./lenient.ts";
 * import { compose } from "../compose/compose.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "py: ${python_version:minor}\nk: 1\nm: ${k}\n");
 * const kept: string[] = [];
 * const c = compose({ configDir: conf, configName: "config" });
 * const out = resolveShowingOpaque(c, { opaque: ["python_version"], onKept: (u) => kept.push(u.key) });
 * assert.equal(toYaml(out), "py: ${python_version:minor}\nk: 1\nm: 1\n");
 * assert.deepEqual(kept, ["py"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function resolveShowingOpaque(
  c: Pick<Composition, "config" | "hydra">,
  opts: {
    resolvers?: Record<string, ResolverFn>;
    opaque: readonly string[];
    onKept?: (u: Unresolved, name: string) => void;
    hydraKey?: boolean;
    reuse?: boolean;
    refusePlainResults?: boolean;
    toContainer?: boolean;
  },
): DictNode {
  const { opaque, onKept, ...rest } = opts;
  // a config that calls one goes straight to the resolution that keeps it: resolved whole first,
  // the resolvers called before the call failed would run twice (a counter's second value: y6)
  // (only with the project's resolvers, which may not be pure: Hydra's and OmegaConf's give the
  // same value twice; and not over a big file's unread subtrees, which the walk would read)
  const impure = Object.keys(opts.resolvers ?? {}).length > 0 && !lazyNodesMade();
  const calls = impure && opaque.length > 0 &&
    (callsAny(c.config, opaque) || (opts.hydraKey === true && callsAny(c.hydra, opaque)));
  if (!calls) {
    try {
      return resolveAsShown(c, rest);
    } catch (e) {
      // an opaque resolver is unknown here: its call fails the resolution, as in OmegaConf
      const name = unsupportedResolverName(e);
      if (name === undefined || !opaque.includes(name)) throw e;
    }
  }
  return resolveKeepingOpaque(c, {
    resolvers: opts.resolvers,
    opaque: [...opaque],
    onKept,
    hydraKey: opts.hydraKey,
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
    /**
     * As `OmegaConf.to_container(cfg, resolve=True)` gives it (`-f json`): a value whose
     * interpolation reaches a `???` fails (InterpolationToMissingValueError), a `???` stays.
     */
    toContainer?: boolean;
  } = {},
): DictNode {
  const { toContainer, ...rest } = opts;
  try {
    const out = resolveComposition(c, { ...rest, keepMissing: true });
    // a value holding `${` text (an escaped `\${x}`, `x_${d}` printing d's interpolations) may
    // read otherwise in OmegaConf.resolve's walk: walked (the engine left such a tree as it was)
    if (toContainer || !holdsInterpolationText(out)) return out;
  } catch (e) {
    // with `reuse`, a failed resolution left the tree as it was (only a whole success is in place)
    if (!isStrataError(e) || e.code !== ErrorCode.InterpolationToMissing || toContainer) throw e;
  }
  // OmegaConf.resolve's own walk: in key order, each value set in place (one that reaches a `???`
  // set to `???`), later ones reading what the earlier ones left
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  if (opts.hydraKey) root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const run = new InOrder(root, {
    resolvers: hydraResolvers(c.hydra, undefined, c.config, false, opts.resolvers),
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
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reachesMissing } from "./lenient.ts";
 * import { StrataError } from "../errors.ts";
 * import { str } from "../node.ts";
 * const error = new StrataError("interpolation-to-missing", "MissingMandatoryValue", { fullKey: "b" });
 * assert.ok(reachesMissing({ key: "b", error, node: str("${a}") }));
 * assert.equal(reachesMissing({ key: "c", error, node: str("${b}") }), false);
 * ```
 */
export function reachesMissing(u: Unresolved): boolean {
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
  const name = unsupportedResolverName(u.error);
  return name !== undefined && opaque.includes(name) ? name : undefined;
}

/** Whether a string of `root` calls one of the resolvers `names` (`${name:...}`). */
function callsAny(root: Node, names: readonly string[]): boolean {
  return someStringLeaf(root, (text) =>
    text.includes("${") &&
    names.some((name) => text.includes(name) && resolverCallOffset(text, name) >= 0));
}
