/**
 * The host side of the WASM engine: writes a flat table into WASM memory, makes
 * one call, reads the result table back. The module is imported as a Wasm
 * module, so `deno compile` embeds it and no path is read at run time.
 *
 * @module
 */

import { memory, mergeInput, mergeTables } from "../../asm/wasm.ts";
import { encodeMerge } from "./merge_codec.ts";
import { Merge, MergeMode as Mode } from "../../asm/abi.ts";
import { decodeMerge, locate } from "./merge_decode.ts";
import { opaqueSubtrees } from "./merge_opaque.ts";
import "./merge_cache.ts";
import type { Key, Node } from "../node.ts";

/**
 * Counts of engine calls, so tests can prove a path runs in WASM.
 *
 * @example
 * ```ts ignore
 * import { engineMerge, engineStats } from "./merge.ts";
 * import { dict } from "../node.ts";
 * const before = engineStats.mergeCalls;
 * engineMerge([dict(), dict()]);
 * engineStats.mergeCalls - before; // 1
 * ```
 */
export const engineStats = { mergeCalls: 0 };

/** A merge failure as the engine reports it, located in the input trees. */
export interface RawMergeError {
  /** A `MergeError` code (asm/abi.ts). */
  code: number;
  /** The input tree and node that failed to merge. */
  tree: number;
  node: Node;
  /** Full key of the failing node within its own tree (the same path in the result). */
  fullKey: string;
  /** The failing node's own key (undefined for a root). */
  key: Key | undefined;
  /** The keys from its root down to the failing node. */
  path: Key[];
  /** Which keys of `path` are list indexes (`[0]` in a key path). */
  inList: boolean[];
  /** The destination container's (source) node, for did-you-mean among its keys. */
  dest: Node;
  destFullKey: string;
}

/** Result of {@link engineMerge}. */
export type MergeResult = { ok: true; node: Node } | { ok: false; error: RawMergeError };

/** How a merge treats readonly: OmegaConf.merge (a copy) or merge_with (in place). */
export type MergeMode = "merge" | "merge_with";

/**
 * Time spent in each stage of the last {@link engineMerge} call, in ms (when enabled).
 *
 * @example
 * ```ts ignore
 * import { engineMerge, mergeProfile } from "./merge.ts";
 * import { dict } from "../node.ts";
 * mergeProfile.enabled = true;
 * engineMerge([dict(), dict()]);
 * console.log(mergeProfile.encode, mergeProfile.wasm, mergeProfile.decode);
 * ```
 */
export const mergeProfile = { enabled: false, encode: 0, wasm: 0, decode: 0 };

/**
 * Deep-merges `roots` left to right in one WASM call. Leaves of the result are
 * the input leaves themselves; containers are new. In "merge" mode the first
 * root's readonly flag is ignored during the merge (OmegaConf.merge copies
 * it); nested readonly flags are honoured in both modes. Roots marked in
 * `given` are given away: the result may take their containers over instead
 * of copying them (see core/merge.ts `MergeOptions.given`).
 *
 * @example
 * ```ts
 * import { engineMerge } from "./merge.ts";
 * import { dict, int } from "../node.ts";
 * const r = engineMerge([dict([["a", int(1)]]), dict([["b", int(2)]])]);
 * r.ok && r.node.kind === "dict" && r.node.entries.size; // 2
 * ```
 */
export function engineMerge(
  roots: Node[],
  mode: MergeMode = "merge",
  given: readonly boolean[] = [],
): MergeResult {
  engineStats.mergeCalls++;
  const t0 = mergeProfile.enabled ? performance.now() : 0;
  const opaque = opaqueSubtrees(roots, given);
  const input = encodeMerge(roots, opaque);
  const ptr = mergeInput(input.words.length * 4);
  new Int32Array(memory.buffer, ptr, input.words.length).set(input.words);
  const t1 = mergeProfile.enabled ? performance.now() : 0;
  const out = mergeTables(ptr, mode === "merge" ? Mode.Merge : Mode.MergeWith);
  const t2 = mergeProfile.enabled ? performance.now() : 0;
  const head = new Int32Array(memory.buffer, out, Merge.OutHeader);
  if (head[0] !== 0) {
    const [code, side, idx, destSide, destIdx] = head;
    const at = locate(roots[side], idx, opaque);
    return {
      ok: false,
      error: {
        code,
        tree: side,
        node: input.trees[side].nodes[idx],
        fullKey: at.fullKey,
        key: at.key,
        path: at.path,
        inList: at.inList,
        dest: input.trees[destSide].nodes[destIdx],
        destFullKey: locate(roots[destSide], destIdx, opaque).fullKey,
      },
    };
  }
  const recs = new Int32Array(memory.buffer, out + Merge.OutHeader * 4, head[5] * Merge.OutRec);
  const node = decodeMerge(recs, input.trees, given);
  if (mergeProfile.enabled) {
    mergeProfile.encode = t1 - t0;
    mergeProfile.wasm = t2 - t1;
    mergeProfile.decode = performance.now() - t2;
  }
  return { ok: true, node };
}
