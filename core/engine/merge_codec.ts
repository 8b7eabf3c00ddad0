/**
 * The host side of the MRG1 merge table (layout in asm/assembly/table.ts):
 * trees are written straight into one reused Int32Array (3 words a node, no
 * per-node JS arrays of numbers), keys cross as interned ids (no strings
 * cross the boundary), and the result records are read back into nodes that
 * reuse the input leaves. A sealed tree (merge_cache.ts) keeps its encoded
 * words, so merging it again copies them instead of walking the tree. The
 * interned keys and paths, kept across calls, are ./merge_intern.ts's.
 *
 * @module
 */

import type { DictNode, Flags, Key, ListNode, Node, ValueNode } from "../node.ts";
import {
  checkLimits,
  codecGeneration,
  intern,
  internedCount,
  internIds,
  pathOf,
  pathWords,
} from "./merge_intern.ts";
import { Flag, Kind, Merge } from "../../asm/abi.ts";

/**
 * The table's flag bits of a node's own flags: 1 struct set, 2 struct on,
 * 4 readonly set, 8 readonly on.
 *
 * @example
 * ```ts
 * import { flagBits } from "./merge_codec.ts";
 * flagBits({ struct: true }); // 3
 * flagBits({ readonly: false }); // 4
 * ```
 */
export function flagBits(f: Flags | undefined): number {
  if (f === undefined) return 0;
  let bits = 0;
  if (f.struct !== undefined) bits |= Flag.StructSet | (f.struct ? Flag.Struct : 0);
  if (f.readonly !== undefined) bits |= Flag.ReadonlySet | (f.readonly ? Flag.Readonly : 0);
  return bits;
}

// ---- encoding ----------------------------------------------------------------

/** The nodes of one encoded tree by index, and the keys that are not strings. */
export interface TreeNodes {
  /** nodes[i] is node i (preorder). */
  nodes: Node[];
  /**
   * Keys of dict children that are not strings, by node index (a string key
   * is its interned canonical key minus the "s": keyOf in ./merge_intern.ts).
   */
  oddKeys: Map<number, Key> | undefined;
}

/** One encoded tree: its records (key word of the root -1), its nodes and odd keys. */
export interface TreeCode extends TreeNodes {
  /** Merge.Rec words per node, preorder. */
  words: Int32Array;
  /** codecGeneration() (./merge_intern.ts) when it was encoded. */
  generation: number;
}

/** Finds a kept encoding of a container met while encoding (set by merge_cache.ts). */
let keptCode: ((node: DictNode | ListNode) => TreeCode | undefined) | undefined;

/**
 * Installs the lookup of kept encodings (merge_cache.ts installs its own
 * when loaded; the codec does not import the cache).
 *
 * @example
 * ```ts
 * import { encodeMerge, encodeTree, setKeptCodeLookup } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const base = dict([["a", int(1)]]);
 * const code = encodeTree(base);
 * setKeptCodeLookup((node) => (node === base ? code : undefined));
 * encodeMerge([base, dict()]).trees[0] === code; // true: copied, not walked
 * setKeptCodeLookup(undefined);
 * ```
 */
export function setKeptCodeLookup(
  lookup: ((node: DictNode | ListNode) => TreeCode | undefined) | undefined,
): void {
  keptCode = lookup;
}

let words = new Int32Array(1 << 16);
let pos = 0;
let oddKeys: Map<number, Key> | undefined;
/** Containers written as one record, children unseen (./merge_opaque.ts). */
let opaque: ReadonlySet<Node> | undefined;

/**
 * Makes room for `need` more words. Per record, callers test for room inline
 * first: in cold code a call per node costs.
 */
function grow(need: number): void {
  if (pos + need <= words.length) return;
  const next = new Int32Array(Math.max(words.length * 2, pos + need));
  next.set(words.subarray(0, pos));
  words = next;
}

function leafHead(leaf: ValueNode): number {
  const t = leaf.type;
  let head: number = t === "missing" ? Kind.Missing : t === "null" ? Kind.Null : Kind.Value;
  if (t === "str" && (leaf.value as string).includes("${")) head = Kind.Interp;
  return leaf.flags === undefined ? head : head | (flagBits(leaf.flags) << Merge.FlagShift);
}

function noteOddKey(idx: number, k: Key): void {
  (oddKeys ??= new Map()).set(idx, k);
}

/** Writes a kept encoding at `pos` as the record of a child under key id `key`. */
function paste(code: TreeCode, key: number, k: Key, nodes: Node[]): void {
  const n = code.nodes.length;
  const base = nodes.length;
  if (key >= 0 && typeof k !== "string") noteOddKey(base, k);
  if (code.oddKeys) { for (const [j, ok] of code.oddKeys) noteOddKey(base + j, ok); }
  grow(n * Merge.Rec);
  words.set(code.words, pos);
  words[pos + 2] = key;
  pos += n * Merge.Rec;
  const cn = code.nodes;
  for (let j = 0; j < n; j++) nodes.push(cn[j]);
}

/** Writes container `node` (its record is at `at`, key word already set) and its subtree. */
function encodeContainer(node: DictNode | ListNode, at: number, nodes: Node[]): void {
  const first = nodes.length - 1;
  let head: number = node.kind === "dict" ? Kind.Dict : Kind.List;
  if (node.flags !== undefined) head |= flagBits(node.flags) << Merge.FlagShift;
  if (node.kind === "dict") {
    const map = node.entries;
    const canonIt = map.keys();
    for (const e of map.values()) {
      const canon = canonIt.next().value as string;
      let id = internIds.get(canon);
      if (id === undefined) id = intern(canon);
      if (typeof e.key !== "string") noteOddKey(nodes.length, e.key);
      child(e.node, id, e.key, nodes);
    }
  } else {
    const items = node.items;
    for (let i = 0; i < items.length; i++) child(items[i], -1, i, nodes);
  }
  words[at] = head;
  words[at + 1] = nodes.length - first;
}

/**
 * Interpolation leaves the host has dereferenced in this merge and found no
 * container at (see {@link withoutDeref}): the engine replaces them.
 */
let noDeref: ReadonlySet<Node> | undefined;

function interpWord(node: Node): number {
  const p = pathOf((node as { value: string }).value);
  return p !== -1 && noDeref !== undefined && noDeref.has(node) ? -1 : p;
}

/**
 * Runs `run` with the interpolation leaves `nodes` encoded as leading
 * nowhere: the host resolved them and a merge replaces them.
 *
 * @example
 * ```ts
 * import { withoutDeref } from "./merge_codec.ts";
 * import { str } from "../node.ts";
 * withoutDeref(new Set([str("${oc.env:X}")]), () => 1); // 1
 * ```
 */
export function withoutDeref<T>(nodes: ReadonlySet<Node>, run: () => T): T {
  const outer = noDeref;
  noDeref = outer === undefined ? nodes : new Set([...outer, ...nodes]);
  try {
    return run();
  } finally {
    noDeref = outer;
  }
}

function child(node: Node, key: number, k: Key, nodes: Node[]): void {
  if (node.kind === "value") {
    // Leaves are written inline: most nodes are leaves, and a call per leaf costs.
    nodes.push(node);
    if (pos + Merge.Rec > words.length) grow(Merge.Rec);
    const at = pos;
    pos += Merge.Rec;
    const head = leafHead(node);
    words[at] = head;
    words[at + 1] = (head & 15) === Kind.Interp ? interpWord(node) : 1;
    words[at + 2] = key;
    return;
  }
  if (opaque !== undefined && opaque.has(node)) {
    // as an empty container: the engine copies it whole, the decoder takes the node itself
    nodes.push(node);
    if (pos + Merge.Rec > words.length) grow(Merge.Rec);
    const at = pos;
    pos += Merge.Rec;
    words[at] = (node.kind === "dict" ? Kind.Dict : Kind.List) |
      (flagBits(node.flags) << Merge.FlagShift);
    words[at + 1] = 1;
    words[at + 2] = key;
    return;
  }
  const kept = keptCode?.(node);
  if (kept !== undefined) return paste(kept, key, k, nodes);
  nodes.push(node);
  if (pos + Merge.Rec > words.length) grow(Merge.Rec);
  const at = pos;
  pos += Merge.Rec;
  words[at + 2] = key;
  encodeContainer(node, at, nodes);
}

/** Encodes one tree at `pos` into the call buffer; returns its nodes and odd keys. */
function encodeAt(root: Node): TreeNodes {
  const nodes: Node[] = [];
  oddKeys = undefined;
  if (root.kind === "value") child(root, -1, null, nodes);
  else {
    // The root itself is never pasted from a kept encoding: the caller looked it up already.
    nodes.push(root);
    if (pos + Merge.Rec > words.length) grow(Merge.Rec);
    const at = pos;
    pos += Merge.Rec;
    words[at + 2] = -1;
    encodeContainer(root, at, nodes);
  }
  const odd = oddKeys;
  oddKeys = undefined;
  return { nodes, oddKeys: odd };
}

/**
 * Encodes one tree on its own (for keeping: merge_cache.ts).
 *
 * @example
 * ```ts
 * import { encodeTree } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * encodeTree(dict([["a", int(1)]])).nodes.length; // 2
 * ```
 */
export function encodeTree(root: Node): TreeCode {
  // It may run inside encodeMerge (a kept encoding refreshed on use): it
  // encodes into a buffer of its own and leaves the call buffer as it was.
  const outerWords = words, outerPos = pos, outerOdd = oddKeys;
  words = new Int32Array(1 << 10);
  pos = 0;
  try {
    const { nodes, oddKeys } = encodeAt(root);
    return { words: words.slice(0, pos), nodes, oddKeys, generation: codecGeneration() };
  } finally {
    words = outerWords;
    pos = outerPos;
    oddKeys = outerOdd;
  }
}

/** The encoded input of one merge call: the table words and each tree's nodes by index. */
export interface MergeInput {
  /** The table (a view of a reused buffer: valid until the next encode). */
  words: Int32Array;
  /** trees[t].nodes[i] is node i (preorder) of input t. */
  trees: TreeNodes[];
}

/**
 * Encodes trees as one MRG1 table; trees with a kept encoding are copied, not
 * walked, and containers in `opaqueNodes` are written as one record (their
 * subtree is neither walked nor numbered: see {@link locate}'s `opaque`).
 *
 * @example
 * ```ts
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * encodeMerge([dict([["a", int(1)]])]).trees[0].nodes.length; // 2
 * ```
 */
export function encodeMerge(roots: Node[], opaqueNodes?: ReadonlySet<Node>): MergeInput {
  checkLimits();
  opaque = opaqueNodes;
  pos = Merge.Header;
  const trees: TreeNodes[] = [];
  for (const root of roots) {
    grow(1);
    const countAt = pos++;
    const kept = root.kind === "value" ? undefined : keptCode?.(root);
    if (kept !== undefined) {
      grow(kept.words.length);
      words.set(kept.words, pos);
      pos += kept.words.length;
      trees.push(kept);
    } else {
      trees.push(encodeAt(root));
    }
    words[countAt] = trees[trees.length - 1].nodes.length;
  }
  const pathTable = pathWords();
  grow(pathTable.length);
  words[0] = Merge.Magic;
  words[1] = roots.length;
  words[2] = pos;
  words[3] = internedCount();
  words.set(pathTable, pos);
  opaque = undefined;
  return { words: words.subarray(0, pos + pathTable.length), trees };
}
