/**
 * Reading a merge result back: the engine's records (asm/assembly/merge.ts)
 * become config nodes that reuse the input leaves; only containers are new.
 * Leaves are handled inline in their parent's loop (most nodes are leaves).
 *
 * @module
 */

import {
  clone,
  type DictNode,
  type Entry,
  type Flags,
  fullKey,
  type Key,
  type ListNode,
  type Node,
} from "../node.ts";
import { flagBits, type TreeNodes } from "./merge_codec.ts";
import { canonOf, keyOf, spellingOf } from "./merge_intern.ts";
import { Flag, Kind, Merge } from "../../asm/abi.ts";

function decodeFlags(bits: number): Flags | undefined {
  if (bits === 0) return undefined;
  const flags: Flags = {};
  if (bits & Flag.StructSet) flags.struct = (bits & Flag.Struct) !== 0;
  if (bits & Flag.ReadonlySet) flags.readonly = (bits & Flag.Readonly) !== 0;
  return flags;
}

/**
 * The input node a lazy record stands for, with the record's flags: a copy,
 * or the input container itself when its tree was given away (`owned`).
 */
function fromInput(source: Node, bits: number, side: number): Node {
  if (source.kind === "value") {
    if (bits === flagBits(source.flags)) return source;
    const copy = { ...source };
    const flags = decodeFlags(bits);
    if (flags) copy.flags = flags;
    else delete copy.flags;
    return copy;
  }
  const copy = owned[side] === true ? source : clone(source);
  if (bits !== flagBits(source.flags)) {
    const flags = decodeFlags(bits);
    if (flags) copy.flags = flags;
    else delete copy.flags;
  }
  return copy;
}

let recs: Int32Array = new Int32Array(0);
let at = 0;
let treeNodes: Node[][] = [];
let trees: TreeNodes[] = [];
let treeOdd: (Map<number, Key> | undefined)[] = [];
let owned: readonly boolean[] = [];

/** Builds the node of record `at` (an expanded container), advancing past its subtree. */
function build(): Node {
  const r = at * Merge.OutRec;
  const head = recs[r];
  const n = recs[r + 1];
  const source = treeNodes[recs[r + 5]][recs[r + 6]];
  at++;
  let node: DictNode | ListNode;
  if ((head & 15) === Kind.Dict) {
    const entries = new Map<string, Entry>();
    for (let c = 0; c < n; c++) {
      const q = at * Merge.OutRec;
      const h = recs[q];
      const id = recs[q + 2];
      const kside = recs[q + 3];
      const key = treeOdd[kside] === undefined
        ? spellingOf(id)
        : keyOf(trees[kside], recs[q + 4], id);
      const canon = canonOf(id);
      let child: Node;
      if ((h & Merge.Expanded) !== 0) child = build();
      else {
        const src = treeNodes[recs[q + 5]][recs[q + 6]];
        // The common case inline: a leaf without flags is reused as it is.
        child = (h & 0xf0) === 0 && src.kind === "value" && src.flags === undefined
          ? src
          : fromInput(src, (h >> Merge.FlagShift) & 15, recs[q + 5]);
        at++;
      }
      entries.set(canon, { key, node: child });
    }
    node = { kind: "dict", entries };
  } else {
    const items: Node[] = new Array(n);
    for (let c = 0; c < n; c++) {
      const q = at * Merge.OutRec;
      const h = recs[q];
      if ((h & Merge.Expanded) !== 0) items[c] = build();
      else {
        const side = recs[q + 5];
        items[c] = fromInput(treeNodes[side][recs[q + 6]], (h >> Merge.FlagShift) & 15, side);
        at++;
      }
    }
    node = { kind: "list", items };
  }
  if (source.origin) node.origin = source.origin;
  const flags = decodeFlags((head >> Merge.FlagShift) & 15);
  if (flags) node.flags = flags;
  return node;
}

/**
 * Rebuilds the merged tree from result records (kind | flags << 4 | expanded
 * << 8, nChildren, key id, key side, key idx, side, idx). An unexpanded record
 * stands for its whole input node: leaves are reused, containers cloned,
 * except those of the inputs marked in `given` (their trees are given away:
 * the result takes their containers over, so the caller must not use them again).
 *
 * @example
 * ```ts ignore
 * const node = decodeMerge(records, input.trees);
 * ```
 */
export function decodeMerge(
  records: Int32Array,
  inputs: TreeNodes[],
  given: readonly boolean[] = [],
): Node {
  recs = records;
  at = 0;
  trees = inputs;
  treeNodes = inputs.map((t) => t.nodes);
  treeOdd = inputs.map((t) => t.oddKeys);
  owned = given;
  try {
    if ((recs[0] & Merge.Expanded) === 0) {
      return fromInput(treeNodes[recs[5]][recs[6]], (recs[0] >> Merge.FlagShift) & 15, recs[5]);
    }
    return build();
  } finally {
    recs = new Int32Array(0);
    treeNodes = [];
    trees = [];
    treeOdd = [];
    owned = [];
  }
}

/**
 * The full key (`a.b[0]`) and own key of node `idx` (preorder) of a tree,
 * counting each container of `opaque` as one node (as it was encoded).
 *
 * @example
 * ```ts
 * import { locate } from "./merge_decode.ts";
 * import { dict, int } from "../node.ts";
 * locate(dict([["a", dict([["b", int(1)]])]]), 2); // { fullKey: "a.b", key: "b" }
 * ```
 */
export function locate(
  root: Node,
  idx: number,
  opaque?: ReadonlySet<Node>,
): { fullKey: string; key: Key | undefined; path: Key[]; inList: boolean[] } {
  const keys: Key[] = [];
  const inList: boolean[] = [];
  let seen = 0;
  const find = (node: Node): boolean => {
    if (seen++ === idx) return true;
    if (opaque !== undefined && opaque.has(node)) return false; // one record, as encoded
    if (node.kind === "dict") {
      for (const e of node.entries.values()) {
        keys.push(e.key);
        inList.push(false);
        if (find(e.node)) return true;
        keys.pop();
        inList.pop();
      }
    } else if (node.kind === "list") {
      for (let i = 0; i < node.items.length; i++) {
        keys.push(i);
        inList.push(true);
        if (find(node.items[i])) return true;
        keys.pop();
        inList.pop();
      }
    }
    return false;
  };
  find(root);
  return { fullKey: fullKey(keys, inList), key: keys.at(-1), path: keys, inList };
}
