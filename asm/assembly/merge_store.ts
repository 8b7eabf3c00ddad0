// Storage for the merge (merge.ts): the input MRG1 table accessors, the raw
// result-node arena and the key marks. Everything is raw linear memory that
// persists across calls, so a merge allocates nothing per node.

import { Merge } from "../abi";
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
  marksReserve(load<i32>(buf + 12));
  let p: usize = buf + 16;
  for (let t = 0; t < n; t++) {
    const count = load<i32>(p);
    store<i32>(treeBases + ((<usize> t) << 2), <i32> (p + 4));
    p += 4 + ((<usize> (count * MREC)) << 2);
  }
  return n;
}

/** Address of the record of input node i of tree side. */

export function inAddr(side: i32, i: i32): usize {
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
  return load<i32>(inAddr(side, i), 4);
}

/** Key id of input node i in its parent dict. */

export function inKey(side: i32, i: i32): i32 {
  return load<i32>(inAddr(side, i), 8);
}

/** Nodes in the input subtree whose record is at `addr` (1 for leaves). */

export function sizeAt(addr: usize): i32 {
  const k = load<i32>(addr) & 15;
  return k == KIND_DICT || k == KIND_LIST ? load<i32>(addr, 4) : 1;
}

/** Word w of the path table. */

export function pathWord(w: i32): i32 {
  return load<i32>(pathBase + ((<usize> w) << 2));
}

// ---- result nodes ----------------------------------------------------------
// A result node is NODE_W words. Word 0 packs kind | flags << 4 | expanded << 8:
// an unexpanded container is a lazy reference to its input node (side, idx).

export const N_HEAD: i32 = 0;
export const N_KEY: i32 = 1;
export const N_SIDE: i32 = 2;
export const N_IDX: i32 = 3;
export const N_PARENT: i32 = 4;
export const N_FIRST: i32 = 5;
export const N_LAST: i32 = 6;
export const N_NEXT: i32 = 7;
/** Where the node's key was written: input (side, idx); the key keeps its first spelling. */
export const N_KSIDE: i32 = 8;
export const N_KIDX: i32 = 9;
const NODE_W: i32 = 10;

export const EXPANDED: i32 = Merge.Expanded;

let nodes: usize = 0;
let nodeCap: i32 = 0;
let nodeCount: i32 = 0;

/** Forgets every result node (the arena is kept). */
export function nodesReset(): void {
  nodeCount = 0;
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

export function nkind(n: i32): i32 {
  return nget(n, N_HEAD) & 15;
}

export function nflags(n: i32): i32 {
  return (nget(n, N_HEAD) >> 4) & 15;
}

export function setFlags(n: i32, flags: i32): void {
  nset(n, N_HEAD, (nget(n, N_HEAD) & ~0xf0) | (flags << 4));
}

export function isExpanded(n: i32): bool {
  return (nget(n, N_HEAD) & EXPANDED) != 0;
}

/** Reserves room for `more` nodes, so a loop can append without checks. */
export function nodesReserve(more: i32): void {
  const need = nodeCount + more;
  if (need <= nodeCap) return;
  let cap = max<i32>(1024, nodeCap << 1);
  while (cap < need) cap <<= 1;
  const bytes = (<usize> (cap * NODE_W)) << 2;
  nodes = nodes == 0 ? heap.alloc(bytes) : heap.realloc(nodes, bytes);
  nodeCap = cap;
}

/** A new result node with head word `head` referencing input (side, idx), under parent. */

export function newNode(head: i32, key: i32, side: i32, idx: i32, parent: i32): i32 {
  if (nodeCount == nodeCap) nodesReserve(1);
  const n = nodeCount++;
  const p = nodes + ((<usize> (n * NODE_W)) << 2);
  store<i32>(p, head);
  store<i32>(p, key, 4);
  store<i32>(p, side, 8);
  store<i32>(p, idx, 12);
  store<i32>(p, parent, 16);
  store<i32>(p, -1, 20);
  store<i32>(p, -1, 24);
  store<i32>(p, -1, 28);
  store<i32>(p, side, 32);
  store<i32>(p, idx, 36);
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
  const head = nget(n, N_HEAD);
  if ((head & EXPANDED) != 0) return;
  nset(n, N_HEAD, head | EXPANDED);
  const kind = head & 15;
  if (kind != KIND_DICT && kind != KIND_LIST) return;
  const side = nget(n, N_SIDE);
  const i = nget(n, N_IDX);
  const base = inAddr(side, 0);
  const end = i + load<i32>(base + ((<usize> (i * MREC)) << 2), 4);
  nodesReserve(end - i);
  let c = i + 1;
  let prev = -1;
  const isDict = kind == KIND_DICT;
  while (c < end) {
    const addr = base + ((<usize> (c * MREC)) << 2);
    const w0 = load<i32>(addr);
    const m = nodeCount++;
    const p = nodes + ((<usize> (m * NODE_W)) << 2);
    store<i32>(p, w0 & 0xff);
    store<i32>(p, isDict ? load<i32>(addr, 8) : -1, 4);
    store<i32>(p, side, 8);
    store<i32>(p, c, 12);
    store<i32>(p, n, 16);
    // FIRST and LAST are only read once a node is expanded (which sets them);
    // NEXT is set by the next sibling, or after the loop for the last one.
    store<i32>(p, side, 32);
    store<i32>(p, c, 36);
    if (prev >= 0) nset(prev, N_NEXT, m);
    else nset(n, N_FIRST, m);
    prev = m;
    const k = w0 & 15;
    c += k == KIND_DICT || k == KIND_LIST ? load<i32>(addr, 4) : 1;
  }
  if (prev >= 0) nset(prev, N_NEXT, -1);
  else nset(n, N_FIRST, -1);
  nset(n, N_LAST, prev);
}

/** The child of expanded dict `d` under `key`, or -1 (a scan: only interpolation paths use it). */
export function childByKey(d: i32, key: i32): i32 {
  for (let c = nget(d, N_FIRST); c >= 0; c = nget(c, N_NEXT)) {
    if (nget(c, N_KEY) == key) return c;
  }
  return -1;
}

/** A deep copy of result node t (lazy parts stay lazy), appended under parent. */
export function ncopy(t: i32, parent: i32, key: i32): i32 {
  const m = newNode(nget(t, N_HEAD), key, nget(t, N_SIDE), nget(t, N_IDX), parent);
  nset(m, N_KSIDE, nget(t, N_KSIDE));
  nset(m, N_KIDX, nget(t, N_KIDX));
  if (!isExpanded(t)) return m;
  for (let c = nget(t, N_FIRST); c >= 0; c = nget(c, N_NEXT)) ncopy(c, m, nget(c, N_KEY));
  return m;
}

// ---- key marks: key id -> child of the dict being merged --------------------
// Every slot is -1 between uses: a merge step marks the children of one dict,
// looks its source keys up, and clears the marks again before recursing.

let marks: usize = 0;
let markCap: i32 = 0;

function marksReserve(nKeys: i32): void {
  if (nKeys <= markCap) return;
  let cap = max<i32>(1024, markCap << 1);
  while (cap < nKeys) cap <<= 1;
  if (marks != 0) heap.free(marks);
  marks = heap.alloc((<usize> cap) << 2);
  memory.fill(marks, 0xff, (<usize> cap) << 2);
  markCap = cap;
}

export function markGet(key: i32): i32 {
  return load<i32>(marks + ((<usize> key) << 2));
}

export function markSet(key: i32, v: i32): void {
  store<i32>(marks + ((<usize> key) << 2), v);
}

// ---- scratch stack of i32 (matches of the dicts being merged) --------------

let stack: usize = 0;
let stackCap: i32 = 0;
let stackTop: i32 = 0;

/** Words the scratch stack holds before it must grow. */

export function stackCapacity(): i32 {
  return stackCap;
}

/** Grows the scratch stack to hold at least `words` words (the top stays). */
export function stackEnsure(words: i32): void {
  if (words <= stackCap) return;
  let cap = max<i32>(1024, stackCap << 1);
  while (cap < words) cap <<= 1;
  const bytes = (<usize> cap) << 2;
  stack = stack == 0 ? heap.alloc(bytes) : heap.realloc(stack, bytes);
  stackCap = cap;
}

/** Reserves `n` words on the scratch stack; returns the index of the first. */
export function stackPush(n: i32): i32 {
  const at = stackTop;
  stackEnsure(at + n);
  stackTop = at + n;
  return at;
}

/** Pops the scratch stack back to `at`. */

export function stackPop(at: i32): void {
  stackTop = at;
}

export function stackGet(i: i32): i32 {
  return load<i32>(stack + ((<usize> i) << 2));
}

export function stackSet(i: i32, v: i32): void {
  store<i32>(stack + ((<usize> i) << 2), v);
}
