/**
 * The public face of interpolation: {@link resolveTree} (OmegaConf's
 * `to_container(resolve=True)`), {@link resolveAt} (`cfg["a"]["b"]`),
 * {@link validateInterpolations} (the grammar check `OmegaConf.create` does).
 * Copying resolved nodes with located errors is ./materialize.ts's; the walk
 * by key (`cfg[k]`, OmegaConf.select, `_dereference_node`) ./resolve_walk.ts's.
 *
 * @module
 */

import type { Related, StrataError } from "../errors.ts";
import {
  canonicalKey,
  clone,
  type DictNode,
  type Key,
  type ListNode,
  type Node,
  type Origin,
} from "../node.ts";
import type { Evaluator } from "./evaluate.ts";
import { childLoc, locFullKey, rootLoc } from "./loc.ts";
import { isStackOverflow } from "./fail.ts";
import {
  evaluator,
  flush,
  guardRecursion,
  materialize,
  noStackOverflow,
  refusePlain,
  resolveLeaf,
} from "./materialize.ts";
import { isUnread, mayHoldInterpolation, someChildInterpolating } from "../lazy.ts";
import type { ResolverFn } from "./resolvers.ts";
import { engineBusy, type EngineHooks, engineResolveEntries, engineResolveTree } from "./engine.ts";
import { notMissing, resolveAtImpl } from "./resolve_walk.ts";

/** Options of {@link resolveTree} and {@link resolveAt}. */
export interface ResolveOptions {
  /** Resolvers for this call only (Hydra's `hydra:` and `now:`), before the registry. */
  resolvers?: Record<string, ResolverFn>;
  /**
   * Receives warnings (`oc.deprecated`, missing sequence elements), with the origin of the value
   * a warning is about when known; default console.warn of the message.
   */
  onWarning?: (message: string, origin?: Origin) => void;
  /** Resolve with the plain TypeScript evaluator instead of the WASM engine. */
  engine?: "wasm" | "ts";
  /**
   * The caller gives the input away (it prints the result and drops the
   * config): the WASM engine puts containers that hold no interpolation into
   * the result as they are instead of copying them, so both share them, and
   * may resolve the others in place (the input is then part of the result).
   */
  reuse?: boolean;
  /**
   * `OmegaConf.resolve`'s rule: a resolver's plain dict or list (not a
   * config) cannot become a node of the resolved config, an
   * `unsupported-value` error (`to_container(resolve=True)`, the default,
   * keeps it as a value).
   */
  refusePlainResults?: boolean;
}

/**
 * A new tree with every interpolation resolved (`to_container(resolve=True)`):
 * `???` stays missing, node interpolations copy the target (with its type),
 * string interpolations give strings. Throws a located {@link StrataError}.
 * The WASM engine resolves the whole tree in one call (resolvers are called
 * back in batches); `engine: "ts"` runs the plain TypeScript evaluator.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, resolveTree, viewOf } from "../../engine.ts";
 * const out = resolveTree(loadYaml("a: 1\nb: ${a}"));
 * assert.equal(viewOf(out).get("b"), 1);
 * ```
 */
export function resolveTree(root: Node, opts: ResolveOptions = {}): Node {
  return noStackOverflow(() => resolveTreeImpl(root, opts));
}

function resolveTreeImpl(root: Node, opts: ResolveOptions): Node {
  if (opts.engine === "ts" || engineBusy() || root.kind === "value") {
    const ev = evaluator(root, opts);
    try {
      return materialize(ev, { node: root, loc: ev.root });
    } finally {
      flush(ev, opts);
    }
  }
  return withHooks(
    root,
    opts,
    (hooks) => engineResolveTree(root, hooks),
    () => resolveTreeImpl(root, { ...opts, engine: "ts" }),
  );
}

/**
 * Runs `use` with the engine's hooks into a lazily created evaluator, then
 * flushes its warnings. The engine's stack overflowing (a chain of thousands
 * of interpolations) runs `inTs` instead: the TypeScript evaluator resolves it,
 * or fails located at the node where the resolution started.
 */
function withHooks<T>(
  root: Node,
  opts: EntriesOptions,
  use: (hooks: EngineHooks) => T,
  inTs: () => T,
): T {
  let ev: Evaluator | undefined;
  const getEv = () => ev ??= evaluator(root, opts);
  try {
    return use({
      ev: getEv,
      materialize: (r, at) => {
        refusePlain(getEv(), r, at);
        guardRecursion(r, at);
        return materialize(getEv(), r);
      },
      fallback: (loc) => resolveLeaf(getEv(), loc),
      reuse: opts.reuse === true,
      keep: opts.keepFailed && ((loc, e) => opts.keepFailed!(locFullKey(loc), loc.node, e)),
    });
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return inTs();
  } finally {
    if (ev) flush(ev, opts);
  }
}

/** Options of {@link resolveEntries}. */
export interface EntriesOptions extends ResolveOptions {
  /**
   * Where the WASM engine resolves, an interpolation that cannot resolve is
   * kept: this gets its full key, its node and the error (a crossed limit
   * still throws) and returns what stands in its place, so each resolver
   * runs once. Elsewhere (`engine: "ts"`, a resolution nested in a
   * resolver's) the first failure throws.
   */
  keepFailed?: (fullKey: string, node: Node, error: StrataError) => Node;
}

/**
 * Some top-level entries of a dict resolved, each as {@link resolveAt} gives
 * `cfg[key]` (a `???` entry is an error), in ONE engine call over the whole
 * dict: the other entries can be referenced but are not resolved themselves
 * (Hydra's job config next to its `hydra` node).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveEntries } from "./resolve.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import type { DictNode } from "../node.ts";
 * const root = loadYaml("a: ${h.x}\nh:\n  x: 1\n  y: ${nope}") as DictNode;
 * const out = resolveEntries(root, ["a"]); // h.y is not resolved: no error
 * assert.deepEqual([...out.entries.keys()], ["a"]);
 * const a = out.entries.get("a")!.node;
 * assert.equal(a.kind === "value" && a.value, 1);
 * ```
 */
export function resolveEntries(
  root: DictNode,
  keys: readonly string[],
  opts: EntriesOptions = {},
): DictNode {
  return noStackOverflow(() => {
    if (opts.engine === "ts" || engineBusy()) {
      const out: DictNode = { kind: "dict", entries: new Map() };
      for (const k of keys) {
        const e = root.entries.get(k)!;
        out.entries.set(k, { key: e.key, node: resolveAtImpl(root, [e.key], opts) });
      }
      return out;
    }
    const interp = new Set(keys.filter((k) => hasInterpolation(root.entries.get(k)!.node)));
    const plan = interp.size > 0 ? sparsePlan(root, keys, interp) : new Map<string, undefined>();
    if (plan === undefined) {
      return withHooks(
        root,
        opts,
        (hooks) => engineResolveEntries(root, keys, hooks, notMissing),
        () => resolveEntries(root, keys, { ...opts, engine: "ts" }),
      );
    }
    // no engine call (it would encode the whole dict): nothing to resolve, or a
    // few entries of a big file, resolved key by key while the rest stays unread
    // (copying an unread subtree copies its handle)
    const out: DictNode = { kind: "dict", entries: new Map() };
    const at = rootLoc(root);
    for (const k of keys) {
      const e = root.entries.get(k)!;
      if (plan.has(k)) {
        const node = resolveSparse(root, e.node, [e.key], plan.get(k), opts);
        out.entries.set(k, { key: e.key, node });
        continue;
      }
      notMissing(childLoc(at, e.key, e.node, false));
      out.entries.set(k, { key: e.key, node: opts.reuse ? e.node : clone(e.node) });
    }
    return out;
  });
}

/** A container's children, each with its key and whether it holds interpolations. */
type Flagged = [Key, Node, boolean][];

/**
 * How to resolve the entries with interpolations (`interp`) of a big file's
 * dict (some unread lazy subtree) key by key, reading little: for each, the
 * children to go down into ({@link sparseChildren}), or undefined to resolve
 * it whole. Undefined when the engine is the better way: no big file, or
 * interpolations in more than an eighth of the entries and an unread one
 * that holds them in more than an eighth of its children (the engine would
 * read and encode every subtree to resolve a handful; where they are many,
 * it is the faster).
 */
function sparsePlan(
  root: DictNode,
  keys: readonly string[],
  interp: Set<string>,
): Map<string, Flagged | undefined> | undefined {
  const node = (k: string) => root.entries.get(k)!.node;
  const few = interp.size * 8 <= keys.length;
  if (few && !keys.some((k) => isUnread(node(k)))) return undefined;
  const plan = new Map<string, Flagged | undefined>();
  let down = false;
  for (const k of interp) {
    const unread = isUnread(node(k));
    const children = few || unread ? sparseChildren(node(k)) : undefined;
    if (!few && unread && children === undefined) return undefined;
    plan.set(k, children);
    down ||= children !== undefined;
  }
  return few || down ? plan : undefined;
}

/** Subtrees this small are resolved whole (the resolved-node count is a nested walk's). */
const FEW = 8;

/**
 * The children of a big file's container to go down into, resolving child
 * by child: it is unread (or its children are), has {@link FEW} children or
 * more, and an eighth or fewer hold interpolations. Undefined otherwise.
 */
function sparseChildren(node: Node): Flagged | undefined {
  if (node.kind === "value") return undefined;
  const unread = isUnread(node);
  // read for good: its own big children stay lazy (core/lazy.ts)
  const children: Flagged = node.kind === "dict"
    ? [...node.entries.values()].map((e) => [e.key, e.node, hasInterpolation(e.node)])
    : node.items.map((c, i) => [i, c, hasInterpolation(c)]);
  if (!unread && !children.some((c) => isUnread(c[1]))) return undefined;
  const interps = children.filter((c) => c[2]).length;
  return children.length >= FEW && interps * 8 <= children.length ? children : undefined;
}

/**
 * `cfg[path]` (`node`) resolved as {@link resolveAt} gives it, reading as little of
 * a big file as it can: given its `children` ({@link sparseChildren}), it is
 * copied child by child — the others as they are (an unread subtree as its
 * handle), those with interpolations resolved the same way. Without, it is
 * resolved whole.
 */
function resolveSparse(
  root: Node,
  node: Node,
  path: readonly Key[],
  children: Flagged | undefined,
  opts: ResolveOptions,
): Node {
  if (children === undefined || node.kind === "value") return resolveAtImpl(root, path, opts);
  const copies = children.map(([key, c, has]) =>
    [key, has ? resolveSparse(root, c, [...path, key], sparseChildren(c), opts) : clone(c)] as const
  );
  const out: DictNode | ListNode = node.kind === "dict"
    ? {
      kind: "dict",
      entries: new Map(copies.map(([k, c]) => [canonicalKey(k), { key: k, node: c }])),
    }
    : { kind: "list", items: copies.map(([, c]) => c) };
  if (node.origin) out.origin = node.origin;
  if (node.flags) out.flags = { ...node.flags };
  return out;
}

function hasInterpolation(node: Node): boolean {
  if (node.kind !== "value" && !mayHoldInterpolation(node)) return false;
  if (node.kind !== "value") return someChildInterpolating(node, hasInterpolation);
  return node.type === "str" && (node.value as string).includes("${");
}

/**
 * The resolved value at `path`, walked as `cfg[k1][k2]...` (interpolations on
 * the way are resolved; a container result is fully resolved).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, resolveAt, toContainer } from "../../engine.ts";
 * assert.equal(toContainer(resolveAt(loadYaml("a: [1, 2]\nb: ${a.1}"), ["b"])), 2);
 * ```
 */
export function resolveAt(root: Node, path: readonly Key[], opts: ResolveOptions = {}): Node {
  return noStackOverflow(() => resolveAtImpl(root, path, opts));
}

export { dereferenceAt, resolveDetached, selectAt } from "./resolve_walk.ts";
export { validateInterpolations } from "./validate.ts";
export type { Related };
