/**
 * The host side of the MRG1 merge table (layout in asm/assembly/table.ts):
 * trees are written straight into one reused Int32Array (3 words a node, no
 * per-node JS arrays of numbers), keys cross as interned ids (no strings
 * cross the boundary), and the result records are read back into nodes that
 * reuse the input leaves.
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
} from "../core/node.ts";

/** Node kinds in the table. */
export const MKind = { Dict: 0, List: 1, Value: 2, Missing: 3, Interp: 4, Null: 5 } as const;

const MAGIC = 0x4d524731; // "MRG1"
const MAX_INTERNED = 1 << 20;

// Keys are interned by canonical key across calls: configs reuse the same keys.
let internIds = new Map<string, number>();

function intern(canon: string): number {
  let id = internIds.get(canon);
  if (id === undefined) {
    id = internIds.size;
    internIds.set(canon, id);
  }
  return id;
}

let words = new Int32Array(1 << 16);
let pos = 0;
let paths = new Int32Array(1 << 10);
let pathPos = 0;

function grow(need: number): void {
  if (pos + need <= words.length) return;
  const next = new Int32Array(Math.max(words.length * 2, pos + need));
  next.set(words.subarray(0, pos));
  words = next;
}

function pushPath(v: number): void {
  if (pathPos === paths.length) {
    const next = new Int32Array(paths.length * 2);
    next.set(paths);
    paths = next;
  }
  paths[pathPos++] = v;
}

// Characters that end a key segment or make an interpolation more than a node path.
const STOP = new Set([..."${}[]:.\\'\" \t\n\r"]);

/** `${a.b[0]}` → ["a", "b", "0"] with its leading dots, or undefined when not a plain node path. */
function parsePath(text: string): { dots: number; segs: string[] } | undefined {
  const end = text.length - 1;
  if (!text.startsWith("${") || text.charCodeAt(end) !== 125) return undefined;
  let i = 2;
  while (i < end && text.charCodeAt(i) === 46) i++;
  const dots = i - 2;
  const segs: string[] = [];
  let expectKey = true;
  while (i < end) {
    const ch = text[i];
    if (ch === "[") {
      const close = text.indexOf("]", i);
      if (close < 0 || close > end || close === i + 1) return undefined;
      const inner = text.slice(i + 1, close);
      for (const c of inner) if (STOP.has(c)) return undefined;
      segs.push(inner);
      i = close + 1;
      expectKey = false;
    } else if (ch === ".") {
      if (expectKey) return undefined;
      i++;
      expectKey = true;
    } else {
      if (!expectKey) return undefined;
      const from = i;
      while (i < end && !STOP.has(text[i])) i++;
      if (i === from) return undefined;
      segs.push(text.slice(from, i));
      expectKey = false;
    }
  }
  if (dots === 0 && segs.length === 0) return undefined;
  if (expectKey && segs.length > 0) return undefined;
  return { dots, segs };
}

let pathCache = new Map<string, number>();

/** Offset of the path of a `${a.b[0]}` node interpolation in the path table, or -1. */
function pathOf(text: string): number {
  const cached = pathCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parsePath(text);
  let at = -1;
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

function flagBits(f: Flags | undefined): number {
  if (!f) return 0;
  let bits = 0;
  if (f.struct !== undefined) bits |= 1 | (f.struct ? 2 : 0);
  if (f.readonly !== undefined) bits |= 4 | (f.readonly ? 8 : 0);
  return bits;
}

/** One encoded input: its nodes in preorder, and each dict child's key and canonical key. */
export interface InputTree {
  nodes: Node[];
  canons: string[];
  keys: Key[];
}

function encodeNode(node: Node, key: number, canon: string, k: Key, tree: InputTree): void {
  const nodes = tree.nodes;
  const idx = nodes.length;
  nodes.push(node);
  tree.canons.push(canon);
  tree.keys.push(k);
  grow(3);
  const at = pos;
  pos += 3;
  words[at + 2] = key;
  const flags = node.flags ? flagBits(node.flags) << 4 : 0;
  if (node.kind === "dict") {
    words[at] = MKind.Dict | flags;
    for (const [c, e] of node.entries) encodeNode(e.node, intern(c), c, e.key, tree);
    words[at + 1] = nodes.length - idx;
  } else if (node.kind === "list") {
    words[at] = MKind.List | flags;
    const items = node.items;
    for (let i = 0; i < items.length; i++) encodeNode(items[i], -1, "", i, tree);
    words[at + 1] = nodes.length - idx;
  } else if (node.type === "str" && (node.value as string).includes("${")) {
    words[at] = MKind.Interp | flags;
    words[at + 1] = pathOf(node.value as string);
  } else {
    words[at] =
      (node.type === "missing" ? MKind.Missing : node.type === "null" ? MKind.Null : MKind.Value) |
      flags;
    words[at + 1] = 1;
  }
}

/** The encoded input of one merge call: the table words and each tree's nodes by index. */
export interface MergeInput {
  /** The table (a view of a reused buffer: valid until the next encode). */
  words: Int32Array;
  /** trees[t].nodes[i] is node i (preorder) of input t. */
  trees: InputTree[];
}

/**
 * Encodes trees as one MRG1 table.
 *
 * @example
 * ```ts
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../core/node.ts";
 * encodeMerge([dict([["a", int(1)]])]).trees[0].nodes.length; // 2
 * ```
 */
export function encodeMerge(roots: Node[]): MergeInput {
  if (internIds.size > MAX_INTERNED) internIds = new Map();
  pos = 3;
  pathPos = 0;
  if (pathCache.size > 0) pathCache = new Map();
  const trees: InputTree[] = [];
  for (const root of roots) {
    grow(1);
    const countAt = pos++;
    const tree: InputTree = { nodes: [], canons: [], keys: [] };
    encodeNode(root, -1, "", null, tree);
    words[countAt] = tree.nodes.length;
    trees.push(tree);
  }
  grow(pathPos);
  words[0] = MAGIC;
  words[1] = roots.length;
  words[2] = pos;
  words.set(paths.subarray(0, pathPos), pos);
  return { words: words.subarray(0, pos + pathPos), trees };
}

function decodeFlags(bits: number): Flags | undefined {
  if (bits === 0) return undefined;
  const flags: Flags = {};
  if (bits & 1) flags.struct = (bits & 2) !== 0;
  if (bits & 4) flags.readonly = (bits & 8) !== 0;
  return flags;
}

/**
 * Rebuilds the merged tree from result records (kind | flags << 4 | expanded
 * << 8, nChildren, key side, key idx, side, idx). An unexpanded record stands for its
 * whole input node: leaves are reused, containers cloned.
 *
 * @example
 * ```ts ignore
 * const node = decodeMerge(records, input);
 * ```
 */
export function decodeMerge(recs: Int32Array, input: MergeInput): Node {
  const trees = input.trees;
  let at = 0;
  const build = (): Node => {
    const r = at * 6;
    const w0 = recs[r];
    const n = recs[r + 1];
    const source = trees[recs[r + 4]].nodes[recs[r + 5]];
    at++;
    const bits = (w0 >> 4) & 15;
    if ((w0 & 256) === 0) {
      if (source.kind === "value" || bits === flagBits(source.flags)) {
        return source.kind === "value" ? source : clone(source);
      }
      const copy = clone(source);
      const flags = decodeFlags(bits);
      if (flags) copy.flags = flags;
      else delete copy.flags;
      return copy;
    }
    let node: DictNode | ListNode;
    if ((w0 & 15) === MKind.Dict) {
      const entries = new Map<string, Entry>();
      for (let c = 0; c < n; c++) {
        const kt = trees[recs[at * 6 + 2]];
        const ki = recs[at * 6 + 3];
        entries.set(kt.canons[ki], { key: kt.keys[ki], node: build() });
      }
      node = { kind: "dict", entries };
    } else {
      const items: Node[] = new Array(n);
      for (let c = 0; c < n; c++) items[c] = build();
      node = { kind: "list", items };
    }
    if (source.origin) node.origin = source.origin;
    const flags = decodeFlags(bits);
    if (flags) node.flags = flags;
    return node;
  };
  return build();
}

/**
 * The full key (`a.b[0]`) and own key of node `idx` (preorder) of a tree.
 *
 * @example
 * ```ts
 * import { locate } from "./merge_codec.ts";
 * import { dict, int } from "../core/node.ts";
 * locate(dict([["a", dict([["b", int(1)]])]]), 2); // { fullKey: "a.b", key: "b" }
 * ```
 */
export function locate(root: Node, idx: number): { fullKey: string; key: Key | undefined } {
  const keys: Key[] = [];
  const inList: boolean[] = [];
  let seen = 0;
  const find = (node: Node): boolean => {
    if (seen++ === idx) return true;
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
  return { fullKey: fullKey(keys, inList), key: keys.at(-1) };
}
