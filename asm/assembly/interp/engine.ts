// The interpolation engine's entry points: one call resolves every `${...}` of
// a tree, one call checks the grammar of a batch of texts.
//
// resolveInterpolations(buf) input (i32 words):
//   [0] nNodes [1] nKeys [2] arena byte offset (from buf) [3] flags (bit 0: str leaves
//   carry their bytes)
//   nNodes records of 6 words, preorder: kind, parent, key, size, textOff, textLen
//     kind: 0 dict, 1 list, 2 other value (int, float, bool, bytes), 3 missing,
//           4 interpolation, 5 null, 6 str
//     key: string-key id (>= 0), -(index + 2) for list items, -1 otherwise
//   nKeys pairs (off, len) of string-key texts in the arena
// Output (i32 words): [0] nNodes [1] pieces ptr [2] pieces length, then tag[n], val[n]
//   tag: 0 not an interpolation, 1 node (val: node), 2 string (val: piece list),
//   3 host value (val: id), 4 left to the host evaluator; | 256 when the text's
//   grammar warns (missing sequence elements)
//   piece list at p: [count, count x (type, owner node, a, b)]; type 0 source bytes
//   [a, b) of the owner's text, 1 the odd bytes of [a, b) (unescaped), 2 str() of the
//   value (a: tag, b: val)
//
// Resolver calls cross to the host through ONE import, once per round: all calls
// whose arguments are ready are batched (records: node, call id, name off, name len,
// nArgs, stream length, then per argument: text start, text end, value; values:
// 0 empty, 1 node j, 2 host value k, 3 piece list p, 4 token kind a b,
// 5 list n values, 6 dict n (key, value) pairs). The host returns per call
// (host id or -1 for a failure, ptr, len of the UTF-8 bytes of a str result or -1).

import { Engine, V_FALL, WAIT } from "./eval";
import { Parser } from "./parse";
import { setCall } from "./resolver";
import { N_INTERP } from "./tree";
import { ld32, ld8 } from "./vec";
import { callResolvers } from "./host";

/** Resolves every interpolation of a flattened tree (see the layout above). */
export function resolveInterpolations(buf: usize): usize {
  const e = new Engine(buf);
  const n = e.n;
  for (;;) {
    e.calls.len = 0;
    e.names.len = 0;
    let pending = 0;
    for (let i = 0; i < n; i++) {
      if (e.kind(i) != N_INTERP || ld32(e.tag, i) != 0) continue;
      if (e.node(i) == WAIT) pending++;
    }
    if (pending == 0 || e.calls.len == 0) break;
    // count the calls of this batch
    let nCalls = 0;
    for (let c = 0; c < e.calls.len; c += 6 + e.calls.get(c + 5)) nCalls++;
    const res = callResolvers(e.calls.ptr, nCalls, e.names.ptr, e.pieces.ptr);
    let c = 0;
    for (let k = 0; k < nCalls; k++) {
      const node = e.calls.get(c);
      const rec = e.calls.get(c + 1);
      const id = load<i32>(res + ((<usize> (k * 3)) << 2));
      const ptr = load<i32>(res + ((<usize> (k * 3 + 1)) << 2));
      const len = load<i32>(res + ((<usize> (k * 3 + 2)) << 2));
      if (id < 0) setCall(e, node, rec, -2);
      else {
        setCall(e, node, rec, id);
        while (e.hostStr.len < (id + 1) * 2) e.hostStr.push(-1);
        e.hostStr.set(id * 2, ptr);
        e.hostStr.set(id * 2 + 1, len);
      }
      c += 6 + e.calls.get(c + 5);
    }
    e.round++;
  }
  const words = 4 + n * 2;
  const out = heap.alloc((<usize> words) << 2);
  store<i32>(out, n);
  store<i32>(out + 4, <i32> e.pieces.ptr);
  store<i32>(out + 8, e.pieces.len);
  store<i32>(out + 12, 0);
  const tags = out + 16;
  const vals = tags + ((<usize> n) << 2);
  for (let i = 0; i < n; i++) {
    let t = ld32(e.tag, i);
    if (e.kind(i) == N_INTERP && t == 0) t = V_FALL;
    if (ld8(e.warn, i) != 0) t |= 256;
    store<i32>(tags + ((<usize> i) << 2), t);
    store<i32>(vals + ((<usize> i) << 2), ld32(e.val, i));
  }
  e.release();
  heap.free(changetype<usize>(e));
  return out;
}

/** Frees a result of {@link resolveInterpolations} with its piece lists. */
export function freeResolved(out: usize): void {
  const pieces = <usize> load<i32>(out + 4);
  if (pieces != 0) heap.free(pieces);
  heap.free(out);
}

/**
 * Checks the grammar of a batch of texts: [0] count, then count pairs (off, len)
 * of UTF-8 texts that follow the table. Returns the index of the first text
 * that does not parse, or -1.
 */
export function validateInterpolationTexts(buf: usize): i32 {
  const count = load<i32>(buf);
  const arena = buf + 4 + ((<usize> count) << 3);
  const p = new Parser();
  let bad = -1;
  for (let k = 0; k < count; k++) {
    const off = load<i32>(buf + 4 + ((<usize> k) << 3));
    const len = load<i32>(buf + 8 + ((<usize> k) << 3));
    p.ast.len = 0;
    if (p.parseValue(arena + <usize> off, len) < 0) {
      bad = k;
      break;
    }
  }
  p.release();
  heap.free(changetype<usize>(p));
  return bad;
}
