/**
 * Which containers of a merge's given inputs (core/merge.ts `given`) the
 * engine never needs to see inside: those that no other input meets, so
 * the merge copies them whole. They are encoded as one record each and the
 * result takes them over as they are, so composing a huge file encodes its
 * top-level keys, not its 10^6 nodes. An unread lazy subtree of a big file
 * (core/lazy.ts) is marked in any input, given or not: the result gets a
 * copy of its handle, and the subtree stays unread.
 *
 * The engine looks inside a subtree no other input meets only to follow an
 * interpolation: where a dict, list or `???` is merged onto a `${...}` leaf
 * (OmegaConf replaces the leaf by a copy of its target, which may lie in any
 * subtree). A merge where that can happen marks nothing.
 *
 * @module
 */

import { canonicalKey, type Node } from "../node.ts";
import { isUnread, lazyNodesMade } from "../lazy.ts";
import { parsePath } from "./merge_intern.ts";

interface At {
  node: Node;
  side: number;
}

/** Whether a str leaf is an interpolation the engine may follow (a plain node path). */
function nodePath(node: Node): { dots: number; segs: string[] } | undefined {
  if (node.kind !== "value" || node.type !== "str") return undefined;
  const s = node.value as string;
  return s.startsWith("${") ? parsePath(s) : undefined;
}

/**
 * Whether `${...}` (a leaf at `path`, canonical keys) may lead to a container
 * in the merged result: some input holds a container, or another node path,
 * at the target or on the way to it. A result container there comes from an
 * input container there, or from following another interpolation.
 */
function mayReachContainer(
  target: { dots: number; segs: string[] },
  path: readonly string[],
  roots: readonly Node[],
): boolean {
  const base = target.dots === 0 ? 0 : path.length - target.dots;
  if (base < 0) return false; // above the root: the engine finds nothing
  for (const root of roots) {
    let node: Node | undefined = root;
    for (let i = 0; i < base && node !== undefined; i++) {
      if (nodePath(node)) return true;
      node = node.kind === "dict" ? node.entries.get(path[i])?.node : undefined;
    }
    for (const seg of target.segs) {
      if (node === undefined) break;
      if (nodePath(node)) return true;
      if (node.kind === "dict") node = node.entries.get(canonicalKey(seg))?.node;
      else if (node.kind === "list") node = /^\d+$/.test(seg) ? node.items[Number(seg)] : undefined;
      else node = undefined;
    }
    if (node !== undefined && (node.kind !== "value" || nodePath(node))) return true;
  }
  return false;
}

/**
 * Walks the nodes that inputs hold at one path, in merge order; false when
 * an interpolation leaf may be merged onto (see the module note).
 */
function visit(
  group: At[],
  path: string[],
  ctx: { roots: readonly Node[]; given: readonly boolean[]; out: Set<Node> },
  mark: boolean,
): boolean {
  let interp = false;
  for (const { node } of group) {
    if (node.kind !== "value" || node.type === "missing") {
      if (interp) return false;
    } else {
      const target = nodePath(node);
      if (target && mayReachContainer(target, path, ctx.roots)) interp = true;
    }
  }
  if (group.length === 1) {
    const { node, side } = group[0];
    // a given container is taken over; an unread lazy one is copied as a handle
    if (mark && node.kind !== "value" && (ctx.given[side] || isUnread(node))) ctx.out.add(node);
    return true;
  }
  // Only dicts merge key by key; under anything else (a list or leaf
  // replacing a dict) nothing is marked, but the check still goes on.
  const below = mark && group.every((g) => g.node.kind === "dict");
  const byKey = new Map<string, At[]>();
  for (const { node, side } of group) {
    if (node.kind !== "dict") continue;
    for (const [canon, e] of node.entries) {
      const at = byKey.get(canon);
      if (at === undefined) byKey.set(canon, [{ node: e.node, side }]);
      else at.push({ node: e.node, side });
    }
  }
  for (const [canon, at] of byKey) {
    path.push(canon);
    const ok = visit(at, path, ctx, below);
    path.pop();
    if (!ok) return false;
  }
  return true;
}

/**
 * The containers of the given inputs that no other input meets, or
 * undefined when there are none or the merge may follow an interpolation.
 * The cost is that of the paths the inputs share, not of their size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opaqueSubtrees } from "./merge_opaque.ts";
 * import { dict, int, str } from "../node.ts";
 * const big = dict([["a", dict([["x", int(1)]])], ["b", dict()]]);
 * const small = dict([["b", dict([["y", int(2)]])]]);
 * const opaque = opaqueSubtrees([small, big], [false, true])!;
 * assert.ok(opaque.has(big.entries.get("a")!.node), "only the big input has `a`");
 * assert.equal(opaque.has(big.entries.get("b")!.node), false, "`b` is merged");
 * const interp = dict([["b", str("${a}")]]);
 * assert.equal(opaqueSubtrees([interp, big], [false, true]), undefined, "a dict onto ${a}");
 * ```
 */
export function opaqueSubtrees(
  roots: readonly Node[],
  given: readonly boolean[],
): ReadonlySet<Node> | undefined {
  // with two roots or more, the roots themselves are a group: never marked
  if (roots.length < 2 || (!given.some((g) => g) && !lazyNodesMade())) return undefined;
  const out = new Set<Node>();
  const group = roots.map((node, side) => ({ node, side }));
  const ok = visit(group, [], { roots, given, out }, true);
  return ok && out.size > 0 ? out : undefined;
}
