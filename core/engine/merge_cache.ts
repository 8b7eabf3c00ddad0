/**
 * Kept merge encodings. A tree that will be merged again and again (a loaded
 * config file reused by many compositions, a base config under many
 * overrides) can be sealed: its MRG1 records are kept, and every later merge
 * that meets it, as an input or inside one, copies them instead of walking it.
 *
 * A sealed tree is a snapshot by contract: change it only through core/ops
 * (every mutating op calls {@link noteMutation}, which makes every kept
 * encoding re-encode on its next use) or unseal it first. As a cheap guard,
 * a kept encoding is also dropped when its root's flags or child count change.
 *
 * @module
 */

import type { DictNode, ListNode, Node } from "../node.ts";
import { encodeTree, flagBits, setKeptCodeLookup, type TreeCode } from "./merge_codec.ts";
import { codecGeneration } from "./merge_intern.ts";

interface Kept {
  code: TreeCode;
  epoch: number;
  bits: number;
  size: number;
}

/**
 * How often kept encodings were used and (re-)made, so tests can prove the cache works.
 *
 * @example
 * ```ts
 * import { mergeCacheStats, sealForMerge } from "./merge_cache.ts";
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const base = dict([["a", int(1)]]);
 * sealForMerge(base);
 * const hits = mergeCacheStats.hits;
 * encodeMerge([base]);
 * mergeCacheStats.hits - hits; // 1
 * ```
 */
export const mergeCacheStats = { hits: 0, encodes: 0 };

const kept = new WeakMap<DictNode | ListNode, Kept>();
let sealedCount = 0;
let epoch = 0;

function sizeOf(node: DictNode | ListNode): number {
  return node.kind === "dict" ? node.entries.size : node.items.length;
}

function keep(node: DictNode | ListNode): Kept {
  mergeCacheStats.encodes++;
  const entry = {
    code: encodeTree(node),
    epoch,
    bits: flagBits(node.flags),
    size: sizeOf(node),
  };
  kept.set(node, entry);
  return entry;
}

function lookup(node: DictNode | ListNode): TreeCode | undefined {
  if (sealedCount === 0) return undefined;
  const entry = kept.get(node);
  if (entry === undefined) return undefined;
  if (
    entry.epoch !== epoch || entry.code.generation !== codecGeneration() ||
    entry.bits !== flagBits(node.flags) || entry.size !== sizeOf(node)
  ) {
    return keep(node).code;
  }
  mergeCacheStats.hits++;
  return entry.code;
}

setKeptCodeLookup(lookup);

/**
 * Keeps the merge encoding of a config tree, so merging it again (as an input
 * or as part of one, e.g. placed under a package) skips walking it. The tree
 * must not change afterwards except through core/ops.
 *
 * @example
 * ```ts
 * import { sealForMerge } from "./merge_cache.ts";
 * import { engineMerge } from "./merge.ts";
 * import { dict, int } from "../node.ts";
 * const base = dict([["a", int(1)]]);
 * sealForMerge(base);
 * engineMerge([base, dict([["b", int(2)]])]); // base is not walked again
 * ```
 */
export function sealForMerge(root: Node): void {
  if (root.kind === "value") return;
  if (!kept.has(root)) sealedCount++;
  keep(root);
}

/**
 * Forgets the kept encoding of a tree (before changing it directly).
 *
 * @example
 * ```ts
 * import { sealForMerge, unsealForMerge } from "./merge_cache.ts";
 * import { dict } from "../node.ts";
 * const cfg = dict();
 * sealForMerge(cfg);
 * unsealForMerge(cfg);
 * ```
 */
export function unsealForMerge(root: Node): void {
  if (root.kind !== "value" && kept.delete(root)) sealedCount--;
}

/**
 * Whether a tree has a kept encoding.
 *
 * @example
 * ```ts
 * import { isSealedForMerge } from "./merge_cache.ts";
 * import { dict } from "../node.ts";
 * isSealedForMerge(dict()); // false
 * ```
 */
export function isSealedForMerge(root: Node): boolean {
  return root.kind !== "value" && kept.has(root);
}

/**
 * Tells the cache that some config tree was changed in place: every kept
 * encoding is checked (re-encoded) on its next use. core/ops calls it.
 *
 * @example
 * ```ts
 * import { noteMutation } from "./merge_cache.ts";
 * noteMutation();
 * ```
 */
export function noteMutation(): void {
  epoch++;
}
