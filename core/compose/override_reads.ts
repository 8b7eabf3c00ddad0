/**
 * What a value override reads before it changes the composed config, as
 * Hydra's OmegaConf calls read it: `OmegaConf.select` through the
 * interpolations on a key's path, and the value `~key` deletes (resolved,
 * with the app's resolvers, which a Hydra app has registered by then).
 *
 * @module
 */

import { StrataError } from "../errors.ts";
import {
  canonicalKey,
  type ContainerNode,
  dict,
  type DictNode,
  type Key,
  type Node,
} from "../node.ts";
import type { Override } from "../override/types.ts";
import { resolveAt } from "../resolve/resolve.ts";
import { Evaluator } from "../resolve/evaluate.ts";
import { Fail, unsupportedResolverName } from "../resolve/fail.ts";
import { childLoc, type Loc, rootLoc } from "../resolve/loc.ts";
import { type ResolverFn, resolverTable } from "../resolve/resolvers.ts";
import { hydraResolvers } from "./resolvers.ts";

/**
 * The child of a container at a key path segment (`0` indexes a list).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { childOf } from "./override_reads.ts";
 * import { int, list } from "../node.ts";
 * assert.equal(childOf(list([int(7)]), "0")?.kind, "value");
 * ```
 */
export function childOf(node: ContainerNode, seg: string): Node | undefined {
  if (node.kind === "dict") return node.entries.get(canonicalKey(seg))?.node;
  const i = Number(seg);
  return Number.isInteger(i) && i >= 0 && i < node.items.length ? node.items[i] : undefined;
}

/**
 * The node at `path`, through the interpolations on the way as
 * `OmegaConf.select` goes through them: with `x: ${a}`, `x.b` is `a.b` (the
 * node itself, so that `~x.b` deletes it). An interpolation on the way that
 * does not resolve, or resolves to no container, ends the path.
 */
export function nodeThrough(
  root: DictNode,
  path: string[],
  followLast = false,
  app: AppResolvers = {},
): Node | undefined {
  let node: Node = root;
  let loc: Loc = rootLoc(root);
  let ev: Evaluator | undefined;
  const follow = (): boolean => {
    if (!hasInterpolation(node)) return true;
    ev ??= new Evaluator(root, resolverTable(compositionResolvers(root, app)));
    try {
      ({ node, loc } = ev.resolve(loc));
      return true;
    } catch (e) {
      if (!(e instanceof StrataError) && !(e instanceof Fail)) throw e;
      return false;
    }
  };
  for (const seg of path) {
    if (!follow() || node.kind === "value") return undefined;
    const next = childOf(node, seg);
    if (!next) return undefined;
    loc = childLoc(loc, node.kind === "list" ? Number(seg) : seg, next, node.kind === "list");
    node = next;
  }
  return followLast && !follow() ? undefined : node;
}

/**
 * `OmegaConf.select(cfg, key, throw_on_missing=False)`: undefined for absent, null or `???`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { select } from "./override_reads.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const cfg = loadYaml("a: ${b}\nb: {c: 1}\nm: ???") as never;
 * assert.equal(select(cfg, ["a", "c"])?.kind, "value");
 * assert.equal(select(cfg, ["m"]), undefined);
 * ```
 */
export function select(root: DictNode, path: string[], app: AppResolvers = {}): Node | undefined {
  const node = nodeThrough(root, path, false, app);
  if (node?.kind === "value" && (node.type === "null" || node.type === "missing")) return undefined;
  return node;
}

/**
 * What Hydra's `~key` and `+key=v` see before they act: `OmegaConf.select(cfg,
 * key)`, which resolves the value, so deleting or appending at an
 * interpolation that does not resolve fails, and one that resolves to null
 * reads as absent (`+key=v` then sets it, as Hydra does).
 */
export function readAsSelect(
  root: DictNode,
  path: string[],
  o: Override,
  err: (msg: string, extra?: object) => StrataError,
  app: AppResolvers,
): Node | undefined {
  const current = select(root, path, app);
  if (current === undefined || current.kind !== "value" || !hasInterpolation(current)) {
    return current;
  }
  try {
    const resolved = resolveAt(root, path, { resolvers: compositionResolvers(root, app) });
    return resolved.kind === "value" && (resolved.type === "null" || resolved.type === "missing")
      ? undefined
      : resolved;
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    // a resolver declared opaque: the app's value is there, whatever it is
    const name = unsupportedResolverName(e);
    if (name !== undefined && app.opaque?.includes(name)) return current;
    throw err(`Error merging override ${o.text}`, {
      fullKey: o.key,
      related: [{
        message: `${
          o.type === "add" ? "appending at" : "deleting"
        } '${o.key}' reads its value first, as Hydra does, and that failed: ${
          e.message.split("\n")[0]
        }`,
        origin: e.origin ?? current.origin,
      }],
    });
  }
}

/**
 * A config interpolation read as OmegaConf's `_maybe_dereference_node()`
 * reads it when `~key=value` compares: its value, or undefined when it does
 * not resolve.
 */
export function readForCompare(root: DictNode, at: Key[], app: AppResolvers): Node | undefined {
  try {
    return resolveAt(root, at, { resolvers: compositionResolvers(root, app) });
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    return undefined;
  }
}

function hasInterpolation(node: Node): boolean {
  return node.kind === "value" && node.type === "str" && String(node.value).includes("${");
}

/** The app's resolvers, as composition meets them (ComposeOptions.resolvers, opaqueResolvers). */
export interface AppResolvers {
  /** The app's resolvers (`--resolvers`). */
  resolvers?: Record<string, ResolverFn>;
  /** Resolver names declared opaque. */
  opaque?: readonly string[];
}

/**
 * The app's resolvers, then `hydra:` (against the hydra node composed so far)
 * and `now:`, as at Hydra's override time.
 */
function compositionResolvers(root: DictNode, app: AppResolvers): Record<string, ResolverFn> {
  const hydra = root.entries.get(canonicalKey("hydra"))?.node;
  return { ...app.resolvers, ...hydraResolvers(hydra?.kind === "dict" ? hydra : dict()) };
}
