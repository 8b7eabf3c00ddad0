/**
 * The host side of the MRG1 merge table (layout in asm/assembly/table.ts):
 * trees are written straight into one reused Int32Array (3 words a node, no
 * per-node JS arrays of numbers), keys cross as interned ids (no strings
 * cross the boundary), and the result records are read back into nodes that
 * reuse the input leaves. A sealed tree (merge_cache.ts) keeps its encoded
 * words, so merging it again copies them instead of walking the tree.
 *
 * @module
 */

import type { DictNode, Flags, Key, ListNode, Node, ValueNode } from "../node.ts";
import { Flag, Kind, Merge } from "../../asm/abi.ts";

const MAX_INTERNED = 1 << 20;
// Every call copies the whole path table: a new generation keeps it small.
const MAX_PATH_WORDS = 1 << 18;

// ---- interned keys and interpolation paths (persist across calls) -----------

// Keys are interned by canonical key; ids and path offsets stay valid until a
// table outgrows its limit, which starts a new generation (and so invalidates
// every kept encoding).
let internIds = new Map<string, number>();
let canons: string[] = [];
let spellings: string[] = [];
let paths = new Int32Array(1 << 10);
let pathPos = 0;
let pathCache = new Map<string, number>();
let generation = 0;

/**
 * The current generation of the interned tables (kept encodings must match it).
 *
 * @example
 * ```ts
 * import { codecGeneration, encodeTree } from "./merge_codec.ts";
 * import { dict } from "../node.ts";
 * encodeTree(dict()).generation === codecGeneration(); // true until the tables fill up
 * ```
 */
export function codecGeneration(): number {
  return generation;
}

function newGeneration(): void {
  internIds = new Map();
  canons = [];
  spellings = [];
  paths = new Int32Array(1 << 10);
  pathPos = 0;
  pathCache = new Map();
  generation++;
}

function intern(canon: string): number {
  let id = internIds.get(canon);
  if (id === undefined) {
    id = canons.length;
    internIds.set(canon, id);
    canons.push(canon);
    spellings.push(canon.charCodeAt(0) === 115 ? canon.slice(1) : "");
  }
  return id;
}

function pushPath(v: number): void {
  if (pathPos === paths.length) {
    const next = new Int32Array(paths.length * 2);
    next.set(paths);
    paths = next;
  }
  paths[pathPos++] = v;
}

// Characters that end a key segment or make an interpolation more than a node path,
// by code (a table: this runs once per interpolation of every file merged, cold)
const STOP = new Uint8Array(128);
for (const c of "${}[]:.\\'\" \t\n\r") STOP[c.charCodeAt(0)] = 1;
const stops = (code: number) => code < 128 && STOP[code] === 1;

/**
 * `${a.b[0]}` → ["a", "b", "0"] with its leading dots, or undefined when not
 * a plain node path (the only interpolations the merge engine follows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePath } from "./merge_codec.ts";
 * assert.deepEqual(parsePath("${..a.b[0]}"), { dots: 2, segs: ["a", "b", "0"] });
 * assert.equal(parsePath("x/${a}"), undefined);
 * ```
 */
export function parsePath(text: string): { dots: number; segs: string[] } | undefined {
  const end = text.length - 1;
  if (!text.startsWith("${") || text.charCodeAt(end) !== 125) return undefined;
  let i = 2;
  while (i < end && text.charCodeAt(i) === 46) i++;
  const dots = i - 2;
  const segs: string[] = [];
  let expectKey = true;
  while (i < end) {
    const ch = text.charCodeAt(i);
    if (ch === 91) { // [
      const close = text.indexOf("]", i);
      if (close < 0 || close > end || close === i + 1) return undefined;
      for (let k = i + 1; k < close; k++) if (stops(text.charCodeAt(k))) return undefined;
      segs.push(text.slice(i + 1, close));
      i = close + 1;
      expectKey = false;
    } else if (ch === 46) { // .
      if (expectKey) return undefined;
      i++;
      expectKey = true;
    } else {
      if (!expectKey) return undefined;
      const from = i;
      while (i < end && !stops(text.charCodeAt(i))) i++;
      if (i === from) return undefined;
      segs.push(text.slice(from, i));
      expectKey = false;
    }
  }
  if (dots === 0 && segs.length === 0) return undefined;
  if (expectKey && segs.length > 0) return undefined;
  return { dots, segs };
}

/**
 * Offset of the path of a `${a.b[0]}` node interpolation in the path table;
 * `Merge.HostPath` for any other `${...}` (a resolver's, `${${k}}`: it may
 * resolve to a container, which only the host can find); -1 for the rest
 * (`x${a}`: a string).
 */
function pathOf(text: string): number {
  const cached = pathCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parsePath(text);
  let at = text.startsWith("${") && text.endsWith("}") ? Merge.HostPath : -1;
  if (parsed) {
    at = pathPos;
    pushPath(parsed.dots === 0 ? -1 : parsed.dots - 1);
    pushPath(parsed.segs.length);
    for (const seg of parsed.segs) {
      pushPath(intern("s" + seg));
      pushPath(/^\d+$/.test(seg) ? Number(seg) : -1);
    }
  }
  pathCache.set(text, at);
  return at;
}

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
   * is its interned canonical key minus the "s": {@link keyOf}).
   */
  oddKeys: Map<number, Key> | undefined;
}

/** One encoded tree: its records (key word of the root -1), its nodes and odd keys. */
export interface TreeCode extends TreeNodes {
  /** Merge.Rec words per node, preorder. */
  words: Int32Array;
  /** {@link codecGeneration} when it was encoded. */
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
    return { words: words.slice(0, pos), nodes, oddKeys, generation };
  } finally {
    words = outerWords;
    pos = outerPos;
    oddKeys = outerOdd;
  }
}

function checkLimits(): void {
  if (internIds.size > MAX_INTERNED || pathPos > MAX_PATH_WORDS) newGeneration();
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
  grow(pathPos);
  words[0] = Merge.Magic;
  words[1] = roots.length;
  words[2] = pos;
  words[3] = canons.length;
  words.set(paths.subarray(0, pathPos), pos);
  opaque = undefined;
  return { words: words.subarray(0, pos + pathPos), trees };
}

/**
 * The canonical key of interned key id `id`.
 *
 * @example
 * ```ts
 * import { canonOf, encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * canonOf(input.words[4 + 1 + 3 + 2]); // "sa"
 * ```
 */
export function canonOf(id: number): string {
  return canons[id];
}

/**
 * The key spelled by interned key id `id` when it is a string key ("" otherwise).
 *
 * @example
 * ```ts
 * import { encodeMerge, spellingOf } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * spellingOf(input.words[4 + 1 + 3 + 2]); // "a"
 * ```
 */
export function spellingOf(id: number): string {
  return spellings[id];
}

/**
 * The key of dict child `idx` of an encoded tree under interned key id `id`.
 *
 * @example
 * ```ts
 * import { encodeMerge, keyOf } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * keyOf(input.trees[0], 1, input.words[4 + 1 + 3 + 2]); // "a"
 * ```
 */
export function keyOf(tree: TreeNodes, idx: number, id: number): Key {
  const odd = tree.oddKeys?.get(idx);
  if (odd !== undefined) return odd;
  return spellings[id];
}
