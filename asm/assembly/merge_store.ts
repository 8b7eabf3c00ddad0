// Storage for the merge (merge.ts): the input MRG1 table accessors, the raw
// result-node arena and the child hash. Everything is raw linear memory that
// persists across calls, so a merge allocates nothing per node.

import { KIND_DICT, KIND_LIST, MREC } from "./table";

// ---- input -----------------------------------------------------------------

let treeBases: usize = 0;
let treeCap: i32 = 0;
let pathBase: usize = 0;

/** Reads a MRG1 header: remembers where each tree and the path table start. Returns nTrees. */
export function setInput(buf: usize): i32 {
  const n = load<i32>(buf + 4);
  if (n > treeCap) {
    if (treeBases != 0) heap.free(treeBases);
    treeCap = max<i32>(n, 16);
    treeBases = heap.alloc(<usize> treeCap << 2);
  }
  pathBase = buf + ((<usize> load<i32>(buf + 8)) << 2);
  let p: usize = buf + 12;
  for (let t = 0; t < n; t++) {
    const count = load<i32>(p);
    store<i32>(treeBases + ((<usize> t) << 2), <i32> (p + 4));
    p += 4 + ((<usize> (count * MREC)) << 2);
  }
  return n;
}

function inAddr(side: i32, i: i32): usize {
  return (<usize> load<i32>(treeBases + ((<usize> side) << 2))) + ((<usize> (i * MREC)) << 2);
}

/** Kind of input node i of tree side. */

export function inKind(side: i32, i: i32): i32 {
  return load<i32>(inAddr(side, i)) & 15;
}

/** Own flags of input node i of tree side. */

export function inFlags(side: i32, i: i32): i32 {
  return (load<i32>(inAddr(side, i)) >> 4) & 15;
}

/** Word 1: subtree size for containers, path offset for interpolation leaves. */

export function inWord1(side: i32, i: i32): i32 {
  return load<i32>(inAddr(side, i) + 4);
}

/** Key id of input node i in its parent dict. */

export function inKey(side: i32, i: i32): i32 {
  return load<i32>(inAddr(side, i) + 8);
}

/** Nodes in the input subtree at i (1 for leaves). */

export function subtreeSize(side: i32, i: i32): i32 {
  const k = inKind(side, i);
  return k == KIND_DICT || k == KIND_LIST ? inWord1(side, i) : 1;
}

/** Word w of the path table. */

export function pathWord(w: i32): i32 {
  return load<i32>(pathBase + ((<usize> w) << 2));
}

// ---- result nodes ----------------------------------------------------------

export const N_KIND: i32 = 0;
export const N_FLAGS: i32 = 1;
export const N_KEY: i32 = 2;
export const N_SIDE: i32 = 3;
export const N_IDX: i32 = 4;
export const N_PARENT: i32 = 5;
export const N_FIRST: i32 = 6;
export const N_LAST: i32 = 7;
export const N_NEXT: i32 = 8;
/** Identity of an expanded container in the child hash; -1 while it is a lazy reference. */
export const N_HID: i32 = 9;
/** Where the node's key was written: input (side, idx); the key keeps its first spelling. */
export const N_KSIDE: i32 = 10;
export const N_KIDX: i32 = 11;
const NODE_W: i32 = 12;

let nodes: usize = 0;
let nodeCap: i32 = 0;
let nodeCount: i32 = 0;
let hidCounter: i32 = 0;

/** Forgets every result node (the arena is kept). */
export function nodesReset(): void {
  nodeCount = 0;
  hidCounter = 0;
}

/** Result nodes made so far in this call. */
export function nodesCount(): i32 {
  return nodeCount;
}

export function nget(n: i32, field: i32): i32 {
  return load<i32>(nodes + ((<usize> (n * NODE_W + field)) << 2));
}

export function nset(n: i32, field: i32, v: i32): void {
  store<i32>(nodes + ((<usize> (n * NODE_W + field)) << 2), v);
}

/** A new result node referencing input (side, idx), appended to parent's children. */
export function newNode(kind: i32, flags: i32, key: i32, side: i32, idx: i32, parent: i32): i32 {
  if (nodeCount == nodeCap) {
    const cap = max<i32>(1024, nodeCap << 1);
    const bytes = (<usize> (cap * NODE_W)) << 2;
    nodes = nodes == 0 ? heap.alloc(bytes) : heap.realloc(nodes, bytes);
    nodeCap = cap;
  }
  const n = nodeCount++;
  nset(n, N_KIND, kind);
  nset(n, N_FLAGS, flags);
  nset(n, N_KEY, key);
  nset(n, N_SIDE, side);
  nset(n, N_IDX, idx);
  nset(n, N_PARENT, parent);
  nset(n, N_FIRST, -1);
  nset(n, N_LAST, -1);
  nset(n, N_NEXT, -1);
  nset(n, N_HID, -1);
  nset(n, N_KSIDE, side);
  nset(n, N_KIDX, idx);
  if (parent >= 0) {
    const last = nget(parent, N_LAST);
    if (last >= 0) nset(last, N_NEXT, n);
    else nset(parent, N_FIRST, n);
    nset(parent, N_LAST, n);
  }
  return n;
}

/** Turns a lazy container reference into a node with one lazy child per input child. */
export function expand(n: i32): void {
  if (nget(n, N_HID) >= 0) return;
  const hid = hidCounter++;
  nset(n, N_HID, hid);
  const kind = nget(n, N_KIND);
  if (kind != KIND_DICT && kind != KIND_LIST) return;
  const side = nget(n, N_SIDE);
  const i = nget(n, N_IDX);
  const end = i + inWord1(side, i);
  let c = i + 1;
  while (c < end) {
    const key = kind == KIND_DICT ? inKey(side, c) : -1;
    const child = newNode(inKind(side, c), inFlags(side, c), key, side, c, n);
    if (kind == KIND_DICT) hashPut(hid, key, child);
    c += subtreeSize(side, c);
  }
}

/** A deep copy of result node t (lazy parts stay lazy), appended under parent. */
export function ncopy(t: i32, parent: i32, key: i32): i32 {
  const m = newNode(
    nget(t, N_KIND),
    nget(t, N_FLAGS),
    key,
    nget(t, N_SIDE),
    nget(t, N_IDX),
    parent,
  );
  nset(m, N_KSIDE, nget(t, N_KSIDE));
  nset(m, N_KIDX, nget(t, N_KIDX));
  if (nget(t, N_HID) < 0) return m;
  const hid = hidCounter++;
  nset(m, N_HID, hid);
  const isDict = nget(t, N_KIND) == KIND_DICT;
  for (let c = nget(t, N_FIRST); c >= 0; c = nget(c, N_NEXT)) {
    const ck = nget(c, N_KEY);
    const cm = ncopy(c, m, ck);
    if (isDict) hashPut(hid, ck, cm);
  }
  return m;
}

// ---- child hash: (hid, key) -> node ----------------------------------------

let table: usize = 0;
let tableCap: i32 = 0; // slots, a power of two
let tableCount: i32 = 0;

/** Empties the hash (keeps its memory). */
export function hashReset(): void {
  if (tableCap == 0) {
    tableCap = 4096;
    table = heap.alloc((<usize> tableCap * 3) << 2);
  }
  memory.fill(table, 0xff, (<usize> tableCap * 3) << 2);
  tableCount = 0;
}

function slotOf(hid: i32, key: i32, mask: i32): i32 {
  let h = <u32> hid * 0x9e3779b1 ^ <u32> key * 0x85ebca6b;
  h ^= h >> 15;
  h *= 0x2c1b3c6d;
  h ^= h >> 12;
  return <i32> h & mask;
}

function insert(hid: i32, key: i32, node: i32): void {
  const mask = tableCap - 1;
  let s = slotOf(hid, key, mask);
  while (true) {
    const p = table + ((<usize> (s * 3)) << 2);
    const n = load<i32>(p + 8);
    if (n < 0 || (load<i32>(p) == hid && load<i32>(p + 4) == key)) {
      store<i32>(p, hid);
      store<i32>(p + 4, key);
      store<i32>(p + 8, node);
      if (n < 0) tableCount++;
      return;
    }
    s = (s + 1) & mask;
  }
}

/** Records that container `hid` holds `node` under `key`. */
export function hashPut(hid: i32, key: i32, node: i32): void {
  if ((tableCount + 1) << 1 > tableCap) {
    const old = table;
    const oldCap = tableCap;
    tableCap = oldCap << 1;
    table = heap.alloc((<usize> tableCap * 3) << 2);
    memory.fill(table, 0xff, (<usize> tableCap * 3) << 2);
    tableCount = 0;
    for (let s = 0; s < oldCap; s++) {
      const p = old + ((<usize> (s * 3)) << 2);
      const n = load<i32>(p + 8);
      if (n >= 0) insert(load<i32>(p), load<i32>(p + 4), n);
    }
    heap.free(old);
  }
  insert(hid, key, node);
}

/** The child of container `hid` under `key`, or -1. */
export function hashGet(hid: i32, key: i32): i32 {
  const mask = tableCap - 1;
  let s = slotOf(hid, key, mask);
  while (true) {
    const p = table + ((<usize> (s * 3)) << 2);
    const n = load<i32>(p + 8);
    if (n < 0) return -1;
    if (load<i32>(p) == hid && load<i32>(p + 4) == key) return n;
    s = (s + 1) & mask;
  }
}
