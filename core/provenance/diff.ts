/**
 * The difference of two configs, leaf by leaf: changed, added and removed
 * keys with both values and where each came from. `1` and `1.0` differ, as
 * do `"1"` and `1`; empty dicts and lists are leaves.
 *
 * @module
 */

import type { Node } from "../node.ts";
import { leaves, pathText } from "../output/flat.ts";

/** One difference between config A and config B. */
export interface Change {
  /** The full key (`optimizer.betas[0]`). */
  key: string;
  /** What happened to the key from A to B. */
  change: "changed" | "added" | "removed";
  /** The node in A (absent when added). */
  a?: Node;
  /** The node in B (absent when removed). */
  b?: Node;
}

/**
 * Whether two leaves hold the same typed value (NaN equals NaN here).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sameLeaf } from "./diff.ts";
 * import { float, int } from "../node.ts";
 * assert.equal(sameLeaf(int(1), float(1)), false);
 * assert.equal(sameLeaf(float(NaN), float(NaN)), true);
 * ```
 */
export function sameLeaf(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== "value" || b.kind !== "value") return true; // both empty containers
  return a.type === b.type && (Object.is(a.value, b.value) || a.value === b.value);
}

/**
 * The changes from A to B: A's keys in A's order (changed, removed), then the
 * keys only B has, in B's order. A key holding a dot is written in brackets
 * (`[a.b]`, as `strata explain` and `OmegaConf.select` read it), apart from
 * the nested `a.b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffConfigs } from "./diff.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const d = diffConfigs(loadYaml("lr: 1\nx: a"), loadYaml("lr: 1.0\ny: [2]"));
 * assert.deepEqual(d.map((c) => [c.key, c.change]), [
 *   ["lr", "changed"], ["x", "removed"], ["y[0]", "added"],
 * ]);
 * assert.deepEqual(diffConfigs(loadYaml("{}"), loadYaml("a: 1")).map((c) => c.key), ["a"]);
 * ```
 */
export function diffConfigs(a: Node, b: Node): Change[] {
  // `[a.b]` (a key holding a dot) and `a.b` are two leaves, not one
  const byKey = (n: Node) => new Map(leaves(n).map((l) => [pathText(l), l.node]));
  const left = byKey(a);
  const right = byKey(b);
  // an empty config is one leaf, its root (key ""): against a config with
  // keys it is no removed key, only the absence of theirs
  for (const [side, other] of [[left, right], [right, left]]) {
    if (side.has("") && !other.has("")) side.delete("");
  }
  const out: Change[] = [];
  for (const [key, node] of left) {
    const other = right.get(key);
    if (other === undefined) out.push({ key, change: "removed", a: node });
    else if (!sameLeaf(node, other)) out.push({ key, change: "changed", a: node, b: other });
  }
  for (const [key, node] of right) {
    if (!left.has(key)) out.push({ key, change: "added", b: node });
  }
  return out;
}
