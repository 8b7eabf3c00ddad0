// The interpolation evaluator in WASM: resolves every `${...}` of a flattened
// tree (node and string interpolations, nested keys, escapes, relative keys,
// dependency order, cycles) and collects resolver calls whose arguments are
// ready into one batch per round for the host (see engine.ts for the layout).
//
// A value is (tag, x): V_NODE x = a non-interpolation node of the tree,
// V_STR x = a piece list (a string made of source slices and str() of values),
// V_HOST x = a value the host made (a resolver result). An evaluation returns
// OK, WAIT (a resolver call is pending) or FALL (an error or a case the engine
// leaves to the TypeScript evaluator, which then reports OmegaConf's exact error).
//
// Here: the engine's state, the walk over a node's interpolations (dependency
// order, cycles) and node interpolations (key selection). The input tree is
// tree.ts, string values are pieces.ts, resolver calls are resolver.ts.

import { Tag } from "../../abi";
import { ByteVec, IntVec, ld32, ld8, rawI32, rawU8, st32, st8 } from "./vec";
import { T_LIT, T_NODE, T_RES } from "./ast";
import { Parser } from "./parse";
import { N_DICT, N_INTERP, N_LIST, N_MISSING, N_STR, Tree } from "./tree";
import { parts, strBytes } from "./pieces";
import { resolver } from "./resolver";

export const V_NODE: i32 = Tag.Node;
export const V_STR: i32 = Tag.Str;
export const V_HOST: i32 = Tag.Host;
export const V_FALL: i32 = Tag.Fall;

export const OK: i32 = 0;
export const WAIT: i32 = 1;
export const FALL: i32 = 2;

export function worst(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

/**
 * Unmanaged: no GC bookkeeping on the hot path; {@link Engine.release} frees it.
 * All evaluation state is here; pieces.ts and resolver.ts are functions over it
 * (they recurse through interp(), so they cannot be base classes like Tree).
 */
@unmanaged
export class Engine extends Tree {
  parser: Parser = changetype<Parser>(0);
  tag: usize = 0;
  val: usize = 0;
  ast: usize = 0;
  stamp: usize = 0;
  onStack: usize = 0;
  warn: usize = 0;
  round: i32 = 1;
  pieces: IntVec = changetype<IntVec>(0);
  /** Scratch stack for lists under construction (frames nest, each restored). */
  stk: IntVec = changetype<IntVec>(0);
  calls: IntVec = changetype<IntVec>(0);
  names: ByteVec = changetype<ByteVec>(0);
  callMap: IntVec = changetype<IntVec>(0); // pairs (node, rec) -> host id (-1 pending, -2 failed)
  callCap: i32 = 0;
  hostStr: IntVec = changetype<IntVec>(0); // host id -> ptr, len (-1: not a str)
  vt: i32 = 0;
  vx: i32 = 0;
  nCalls: i32 = 0;

  constructor(buf: usize) {
    super(buf);
    const n = this.n;
    this.parser = new Parser();
    this.pieces = new IntVec();
    this.stk = new IntVec();
    this.calls = new IntVec();
    this.names = new ByteVec();
    this.callMap = new IntVec();
    this.hostStr = new IntVec();
    this.tag = rawI32(n, 0);
    this.val = rawI32(n, 0);
    this.ast = rawI32(n, -2);
    this.stamp = rawI32(n, 0);
    this.onStack = rawU8(n);
    this.warn = rawU8(n);
    // the parsed texts' records in one room made first (a few words per byte of text): grown by
    // doubling, each move would leave its pages touched, which the engine never gives back
    let textBytes = 0;
    for (let i = 0; i < n; i++) if (this.kind(i) == N_INTERP) textBytes += this.textLen(i);
    this.parser.ast.grow(textBytes * 4);
    this.pieces.grow(textBytes);
    this.callCap = 64;
    this.callMap.reserve(this.callCap * 3);
    for (let k = 0; k < this.callCap * 3; k++) this.callMap.set(k, -3);
  }

  /** Frees everything but the piece lists (the host reads them after the call). */
  release(): void {
    heap.free(this.tag);
    heap.free(this.val);
    heap.free(this.ast);
    heap.free(this.stamp);
    heap.free(this.onStack);
    heap.free(this.warn);
    this.releaseTree();
    this.stk.release();
    this.calls.release();
    this.names.release();
    this.callMap.release();
    this.hostStr.release();
    this.parser.release();
    heap.free(changetype<usize>(this.stk));
    heap.free(changetype<usize>(this.calls));
    heap.free(changetype<usize>(this.names));
    heap.free(changetype<usize>(this.callMap));
    heap.free(changetype<usize>(this.hostStr));
    heap.free(changetype<usize>(this.pieces));
    heap.free(changetype<usize>(this.parser));
  }

  // ---- evaluation ----

  /** The value of interpolation node i. */
  node(i: i32): i32 {
    const t = ld32(this.tag, i);
    if (t == V_FALL) return FALL;
    if (t != 0) {
      this.vt = t;
      this.vx = ld32(this.val, i);
      return OK;
    }
    if (ld32(this.stamp, i) == this.round) {
      if (ld8(this.onStack, i) != 0) st32(this.tag, i, V_FALL); // a cycle: the host reports it
      return ld32(this.tag, i) == V_FALL ? FALL : WAIT;
    }
    st32(this.stamp, i, this.round);
    let root = ld32(this.ast, i);
    if (root == -2) {
      root = this.parser.parseValue(this.text(i), this.textLen(i));
      st32(this.ast, i, root);
      if (this.parser.warned) st8(this.warn, i, 1);
    }
    if (root < 0) {
      st32(this.tag, i, V_FALL);
      return FALL;
    }
    st8(this.onStack, i, 1);
    const st = this.top(i, root);
    st8(this.onStack, i, 0);
    if (st == FALL || ld32(this.tag, i) == V_FALL) {
      st32(this.tag, i, V_FALL);
      return FALL;
    }
    if (st == OK) {
      st32(this.tag, i, this.vt);
      st32(this.val, i, this.vx);
    }
    return st;
  }

  @inline
  a(r: i32): i32 {
    return this.parser.ast.get(r);
  }

  top(i: i32, list: i32): i32 {
    const count = this.a(list);
    if (count == 1) {
      const p = this.a(list + 1);
      const t = this.a(p);
      if (t == T_NODE || t == T_RES) return this.interp(i, p);
    }
    return parts(this, i, list);
  }

  interp(i: i32, r: i32): i32 {
    return this.a(r) == T_NODE ? this.nodeInterp(i, r) : resolver(this, i, r);
  }

  nodeInterp(i: i32, r: i32): i32 {
    const list = this.a(r + 1);
    const count = this.a(list);
    let nested = false;
    for (let k = 0; k < count; k++) {
      if (this.a(this.a(list + 1 + k)) != T_LIT) nested = true;
    }
    let st: i32;
    if (!nested) {
      const first = this.a(list + 1);
      const last = this.a(list + count);
      const a = this.a(first + 1);
      st = this.select(i, this.text(i) + <usize> a, this.a(last + 2) - a);
    } else {
      const buf = new ByteVec();
      st = OK;
      for (let k = 0; k < count; k++) {
        const p = this.a(list + 1 + k);
        if (this.a(p) == T_LIT) {
          const a = this.a(p + 1);
          buf.append(this.text(i) + <usize> a, this.a(p + 2) - a);
          continue;
        }
        const s = this.interp(i, p);
        st = worst(st, s);
        if (s == OK && st == OK) {
          // a key piece must be a string
          const isStr = this.vt == V_STR || (this.vt == V_NODE && this.kind(this.vx) == N_STR) ||
            (this.vt == V_HOST && this.hostStr.get(this.vx * 2 + 1) >= 0);
          if (!isStr || !strBytes(this, this.vt, this.vx, buf)) st = FALL;
        }
      }
      if (st == OK) st = this.select(i, buf.ptr, buf.len);
      buf.release();
      heap.free(changetype<usize>(buf));
    }
    if (st != OK) return st;
    if (this.vt == V_NODE && this.kind(this.vx) <= N_LIST) {
      // a node may not point at one of its own ancestors
      for (let p = this.parent(i); p >= 0; p = this.parent(p)) if (p == this.vx) return FALL;
    }
    return OK;
  }

  /** OmegaConf's `_select_impl` for key bytes [p, p + len) from node i. */
  select(i: i32, p: usize, len: i32): i32 {
    let q = 0;
    let cur = 0;
    if (len > 0 && load<u8>(p) == 46) {
      cur = this.parent(i);
      q = 1;
      while (q < len && load<u8>(p + <usize> q) == 46) {
        cur = this.parent(cur);
        if (cur < 0) return FALL;
        q++;
      }
      if (cur < 0) return FALL;
    }
    if (q >= len) {
      this.vt = V_NODE;
      this.vx = cur;
      return OK;
    }
    let first = true;
    while (q < len) {
      let c = <i32> load<u8>(p + <usize> q);
      let s = 0;
      let e = 0;
      if (first && c != 91) {
        s = q;
        while (q < len && load<u8>(p + <usize> q) != 46 && load<u8>(p + <usize> q) != 91) q++;
        e = q;
      } else if (c == 46) {
        s = ++q;
        while (q < len && load<u8>(p + <usize> q) != 46 && load<u8>(p + <usize> q) != 91) q++;
        e = q;
      } else if (c == 91) {
        s = ++q;
        while (q < len && load<u8>(p + <usize> q) != 93) q++;
        if (q >= len) return FALL;
        e = q++;
      } else return FALL;
      first = false;
      const k = this.kind(cur);
      let next = -1;
      if (k == N_DICT) {
        const id = this.keyId(p + <usize> s, e - s);
        if (id >= 0) next = this.child(cur, id);
      } else if (k == N_LIST) {
        const idx = listIndex(p + <usize> s, e - s);
        if (idx < 0) return FALL;
        next = this.child(cur, -(idx + 2));
      } else return FALL;
      if (next < 0) return FALL;
      const nk = this.kind(next);
      if (nk == N_MISSING) return FALL;
      if (nk == N_INTERP) {
        const st = this.node(next);
        if (st != OK) return st;
      } else {
        this.vt = V_NODE;
        this.vx = next;
      }
      if (q >= len) return OK;
      if (this.vt != V_NODE || this.kind(this.vx) > N_LIST) return FALL;
      cur = this.vx;
    }
    return OK;
  }
}

/** Python's int() of a list index segment (`\s*[+-]?\d+(_\d+)*\s*`); -1 when not an int or negative. */
function listIndex(p: usize, len: i32): i32 {
  let i = 0;
  while (i < len && isWs(load<u8>(p + <usize> i))) i++;
  let e = len;
  while (e > i && isWs(load<u8>(p + <usize> (e - 1)))) e--;
  let neg = false;
  if (i < e && (load<u8>(p + <usize> i) == 43 || load<u8>(p + <usize> i) == 45)) {
    neg = load<u8>(p + <usize> i) == 45;
    i++;
  }
  if (i >= e) return -1;
  let v: i64 = 0;
  let prevDigit = false;
  for (let k = i; k < e; k++) {
    const c = <i32> load<u8>(p + <usize> k);
    if (c >= 48 && c <= 57) {
      v = v * 10 + <i64> (c - 48);
      if (v > 0x7fffffff) return -1;
      prevDigit = true;
    } else if (c == 95 && prevDigit && k + 1 < e) prevDigit = false;
    else return -1;
  }
  if (!prevDigit) return -1;
  if (neg && v != 0) return -1;
  return <i32> v;
}

function isWs(c: u8): bool {
  return c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12;
}
