/**
 * The merge's rare slow path: a container (or `???`) merged onto an
 * interpolation that only the host can dereference (`${oc.select:n}`,
 * `${oc.create:...}`, `${${k}}`, or a path through one). OmegaConf's
 * `_map_merge` first dereferences the destination
 * (`_maybe_dereference_node`, resolution failures silenced): when it resolves to a
 * config container, the destination becomes a copy of it and the source is
 * merged into that copy; otherwise (a plain value, a failure) the source
 * replaces it. The WASM engine follows node paths itself and stops at the
 * others (`MergeError.HostDeref`); this module then runs the merge in
 * three steps, so the resolver sees the config as OmegaConf's does at that
 * moment:
 *
 * 1. merge every input before the stop, with the stopping input cut down to
 *    what it merges before the source node (`prefix`);
 * 2. resolve the destination there and put the copy in place (or mark the
 *    leaf as leading nowhere);
 * 3. merge the rest of the stopping input and the later inputs onto that.
 *
 * Merges that meet no such destination never come here.
 *
 * @module
 */

import { ErrorCode } from "./errors.ts";
import { canonicalKey, clone, type DictNode, type Entry, type Node } from "./node.ts";
import { Evaluator } from "./resolve/evaluate.ts";
import { Fail } from "./resolve/fail.ts";
import { flush, locate } from "./resolve/materialize.ts";
import { isStackOverflow } from "./resolve/fail.ts";
import { childLoc, isPlainResult, type Loc, rootLoc } from "./resolve/loc.ts";
import { resolverTable, scopedResolvers } from "./resolve/resolvers.ts";
import { withoutDeref } from "./engine/merge_codec.ts";
import type { RawMergeError } from "./engine/merge.ts";

/** How the steps merge: `mergeWith` of core/merge.ts, passed in (no import cycle). */
export type MergeStep = (configs: Node[], mode: "merge" | "merge_with") => Node;

/**
 * The merge of `configs` that stopped at `stop` (a `MergeError.HostDeref`),
 * run in the three steps of the module doc.
 *
 * @throws the errors of the merge, and `readonly` when the copy would go
 *   into a readonly dict (OmegaConf's `dest[key] = target`).
 * @example
 * ```ts ignore
 * derefMerge([base, over], "merge", stop, (c, m) => mergeWith(c, { method: m }));
 * ```
 */
export function derefMerge(
  configs: Node[],
  mode: "merge" | "merge_with",
  stop: RawMergeError,
  step: MergeStep,
  readonlyError: (stop: RawMergeError) => Error,
): Node {
  const side = stop.tree;
  const path = stop.path.map(canonicalKey);
  const { prefix, rest } = cut(configs[side] as DictNode, path);
  const head = step([...configs.slice(0, side), prefix], mode);
  // OmegaConf.merge ignores the first root's readonly flag until the end;
  // the later steps run as merge_with, so give the root the flag it has mid-merge
  const first = configs[0].flags?.readonly;
  if (mode === "merge") setReadonly(head, turned(configs.slice(1, side)));
  const skip = new Set<Node>();
  const found = walk(head, path);
  const target = found && resolveContainer(head, found.loc, configs[0]);
  if (found && target) {
    if (found.readonly) throw readonlyError(stop);
    const entry = found.parent.entries.get(path[path.length - 1])!;
    found.parent.entries.set(path[path.length - 1], { key: entry.key, node: clone(target) });
  } else {
    skip.add(stop.dest);
  }
  const out = withoutDeref(
    skip,
    () => step([head, rest, ...configs.slice(side + 1)], "merge_with"),
  );
  if (mode === "merge" && out.flags?.readonly !== true) setReadonly(out, first);
  return out;
}

/** The root readonly value sources set in OmegaConf.merge's loop (false if none did). */
function turned(sources: Node[]): boolean {
  let ro = false;
  for (const s of sources) if (s.flags?.readonly !== undefined) ro = s.flags.readonly;
  return ro;
}

function setReadonly(n: Node, ro: boolean | undefined): void {
  if (n.kind === "value") return;
  const flags = { ...n.flags };
  if (ro === undefined) delete flags.readonly;
  else flags.readonly = ro;
  if (Object.keys(flags).length === 0) delete n.flags;
  else n.flags = flags;
}

/**
 * `src` cut at the node at `path`: `prefix` holds what comes before it in
 * preorder (its ancestors without their flags, which OmegaConf sets after
 * their children), `rest` the node and what follows (with the flags).
 */
function cut(src: DictNode, path: string[]): { prefix: DictNode; rest: DictNode } {
  const prefix = new Map<string, Entry>();
  const rest = new Map<string, Entry>();
  const at = path[0];
  let before = true;
  for (const [k, e] of src.entries) {
    if (k === at) {
      before = false;
      if (path.length > 1 && e.node.kind === "dict") {
        const inner = cut(e.node, path.slice(1));
        prefix.set(k, { key: e.key, node: inner.prefix });
        rest.set(k, { key: e.key, node: inner.rest });
        continue;
      }
    }
    (before ? prefix : rest).set(k, e);
  }
  const p: DictNode = { kind: "dict", entries: prefix };
  const r: DictNode = { kind: "dict", entries: rest };
  if (src.origin) p.origin = r.origin = src.origin;
  if (src.flags) r.flags = { ...src.flags };
  return { prefix: p, rest: r };
}

/** The position at `path` in `root`, its dict, and whether that dict is readonly. */
function walk(
  root: Node,
  path: string[],
): { loc: Loc; parent: DictNode; readonly: boolean } | undefined {
  let loc = rootLoc(root);
  let node = root;
  let readonly = false;
  for (let i = 0; i < path.length; i++) {
    if (node.kind !== "dict") return undefined;
    readonly = node.flags?.readonly ?? readonly;
    const e = node.entries.get(path[i]);
    if (e === undefined) return undefined;
    loc = childLoc(loc, e.key, e.node, false);
    if (i === path.length - 1) return { loc, parent: node, readonly };
    node = e.node;
  }
  return undefined;
}

/**
 * What the interpolation at `loc` resolves to when that is a
 * config container (not a resolver's plain dict or list); undefined when it
 * is anything else or its resolution fails (OmegaConf's
 * throw_on_resolution_failure=False silences every failure: a missing key, a
 * resolver that raises, a cycle, RecursionError).
 *
 * @throws {StrataError} `limit`, at the destination: strata's limits are no
 *   failure OmegaConf knows (it would have resolved the value, perhaps to a
 *   container). Anything that is not a resolution failure (a bug) is rethrown.
 */
function resolveContainer(root: Node, loc: Loc, first: Node): Node | undefined {
  const ev = new Evaluator(root, resolverTable(scopedResolvers(first) ?? scopedResolvers(root)));
  let r;
  try {
    r = ev.resolve(loc);
  } catch (e) {
    if (isStackOverflow(e) || (e instanceof Fail && e.code !== ErrorCode.Limit)) return undefined;
    return locate(e, loc);
  }
  flush(ev, {}); // its warnings to the default sink, as every resolution hands them
  return r.node.kind !== "value" && !isPlainResult(r.loc) ? r.node : undefined;
}
