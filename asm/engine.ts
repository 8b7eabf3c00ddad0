/**
 * The host side of the WASM engine: writes a flat table into WASM memory, makes
 * one call, reads the result table back. The module is imported as a Wasm
 * module, so `deno compile` embeds it and no path is read at run time.
 *
 * @module
 */

import * as wasm from "./build/strata.wasm";
import { type Encoded, encodeTrees, fullKeyOf, Kind } from "./table.ts";
import type { DictNode, Entry, Flags, ListNode, Node } from "../core/node.ts";
import { canonicalKey } from "../core/node.ts";

/** Counts of engine calls, so tests can prove a path runs in WASM. */
export const engineStats = { mergeCalls: 0 };

/** A merge failure as the engine reports it, located in the input trees. */
export interface RawMergeError {
  /** 1 struct key, 2 dict/list type clash, 3 readonly destination. */
  code: number;
  /** The input tree and node that failed to merge. */
  tree: number;
  node: Node;
  /** Full key of the failing node within its own tree. */
  fullKey: string;
  /** The destination container's node, for did-you-mean among its keys. */
  dest: Node;
  destFullKey: string;
}

/** Result of {@link engineMerge}. */
export type MergeResult = { ok: true; node: Node } | { ok: false; error: RawMergeError };

const memory = wasm.memory as WebAssembly.Memory;

function writeInput(enc: Encoded): number {
  const bytes = enc.words.length * 4 + enc.arena.length;
  const ptr = wasm.alloc(bytes) as number;
  new Int32Array(memory.buffer, ptr, enc.words.length).set(enc.words);
  new Uint8Array(memory.buffer, ptr + enc.words.length * 4, enc.arena.length).set(enc.arena);
  return ptr;
}

function decodeFlags(bits: number): Flags | undefined {
  if (bits === 0) return undefined;
  const flags: Flags = {};
  if (bits & 1) flags.struct = (bits & 2) !== 0;
  if (bits & 4) flags.readonly = (bits & 8) !== 0;
  return flags;
}

/**
 * Deep-merges `roots` left to right in one WASM call. Leaves of the result are
 * the input leaves themselves; containers are new.
 *
 * @example
 * ```ts
 * import { engineMerge } from "./engine.ts";
 * import { dict, int } from "../core/node.ts";
 * const r = engineMerge([dict([["a", int(1)]]), dict([["b", int(2)]])]);
 * r.ok && r.node.kind === "dict" && r.node.entries.size; // 2
 * ```
 */
export function engineMerge(roots: Node[], honourReadonly = false): MergeResult {
  engineStats.mergeCalls++;
  const enc = encodeTrees(roots);
  const input = writeInput(enc);
  const out = wasm.merge(input, honourReadonly ? 1 : 0) as number;
  try {
    const head = new Int32Array(memory.buffer, out, 6);
    if (head[0] !== 0) {
      const [code, side, idx, destSide, destIdx] = head;
      const tree = enc.trees[side];
      return {
        ok: false,
        error: {
          code,
          tree: side,
          node: tree.nodes[idx],
          fullKey: fullKeyOf(tree, idx),
          dest: enc.trees[destSide].nodes[destIdx],
          destFullKey: fullKeyOf(enc.trees[destSide], destIdx),
        },
      };
    }
    const n = head[5];
    const recs = new Int32Array(memory.buffer, out + 24, n * 6).slice();
    return { ok: true, node: decode(recs, enc) };
  } finally {
    wasm.free(out);
    wasm.free(input);
  }
}

/** Rebuilds a tree from output records (kind, size, key, side, idx, flags). */
function decode(recs: Int32Array, enc: Encoded): Node {
  let at = 0;
  const build = (): Node => {
    const r = at * 6;
    const kind = recs[r], size = recs[r + 1], side = recs[r + 3], idx = recs[r + 4];
    const flags = decodeFlags(recs[r + 5]);
    const source = enc.trees[side].nodes[idx];
    at++;
    if (kind !== Kind.Dict && kind !== Kind.List) return source;
    const end = at - 1 + size;
    let node: DictNode | ListNode;
    if (kind === Kind.Dict) {
      const entries = new Map<string, Entry>();
      const tree = enc.trees;
      while (at < end) {
        const childRec = at * 6;
        const key = tree[recs[childRec + 3]].keys[recs[childRec + 4]] as Entry["key"];
        entries.set(canonicalKey(key), { key, node: build() });
      }
      node = { kind: "dict", entries };
    } else {
      const items: Node[] = [];
      while (at < end) items.push(build());
      node = { kind: "list", items };
    }
    if (source.origin) node.origin = source.origin;
    if (flags) node.flags = flags;
    return node;
  };
  return build();
}
