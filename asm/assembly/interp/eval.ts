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

import { ByteVec, IntVec } from "./vec";
import {
  K_ESC,
  K_WS,
  Parser,
  T_ARG,
  T_DICT,
  T_HALF,
  T_LIST,
  T_LIT,
  T_NODE,
  T_PAIR,
  T_PRIM,
  T_QUOT,
  T_RES,
  T_TOK,
} from "./parse";

export const N_DICT: i32 = 0;
export const N_LIST: i32 = 1;
export const N_MISSING: i32 = 3;
export const N_INTERP: i32 = 4;
export const N_NULL: i32 = 5;
export const N_STR: i32 = 6;

export const V_NODE: i32 = 1;
export const V_STR: i32 = 2;
export const V_HOST: i32 = 3;
export const V_FALL: i32 = 4;

export const OK: i32 = 0;
export const WAIT: i32 = 1;
export const FALL: i32 = 2;

export const P_SRC: i32 = 0;
export const P_HALF: i32 = 1;
export const P_VAL: i32 = 2;

export const A_EMPTY: i32 = 0;
export const A_NODE: i32 = 1;
export const A_HOST: i32 = 2;
export const A_STRP: i32 = 3;
export const A_TOK: i32 = 4;
export const A_LIST: i32 = 5;
export const A_DICT: i32 = 6;

export const REC: i32 = 6; // kind, parent, key, size, textOff, textLen

function hashBytes(p: usize, len: i32): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < len; i++) h = (h ^ <u32> load<u8>(p + <usize> i)) * 16777619;
  return h;
}

function bytesEq(a: usize, b: usize, len: i32): bool {
  return memory.compare(a, b, <usize> len) == 0;
}

function worst(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

export function ld32(p: usize, i: i32): i32 {
  return load<i32>(p + ((<usize> i) << 2));
}
export function st32(p: usize, i: i32, v: i32): void {
  store<i32>(p + ((<usize> i) << 2), v);
}
export function ld8(p: usize, i: i32): i32 {
  return <i32> load<u8>(p + <usize> i);
}
export function st8(p: usize, i: i32, v: i32): void {
  store<u8>(p + <usize> i, <u8> v);
}
function rawI32(n: i32, fill: i32): usize {
  const p = heap.alloc((<usize> (n > 0 ? n : 1)) << 2);
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), fill);
  return p;
}
function rawU8(n: i32): usize {
  const p = heap.alloc(<usize> (n > 0 ? n : 1));
  memory.fill(p, 0, <usize> n);
  return p;
}

/** Unmanaged: no GC bookkeeping on the hot path; {@link Engine.release} frees it. */
@unmanaged
export class Engine {
  n: i32;
  recs: usize;
  arena: usize;
  keys: usize;
  nKeys: i32;
  hasStrBytes: bool;
  parser: Parser = changetype<Parser>(0);
  keyCap: i32 = 16;
  keySlots: usize = 0;
  childCap: i32 = 16;
  childSlots: usize = 0;
  tag: usize = 0;
  val: usize = 0;
  ast: usize = 0;
  stamp: usize = 0;
  onStack: usize = 0;
  warn: usize = 0;
  indexed: usize = 0;
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
    const n = load<i32>(buf);
    this.n = n;
    this.parser = new Parser();
    this.pieces = new IntVec();
    this.stk = new IntVec();
    this.calls = new IntVec();
    this.names = new ByteVec();
    this.callMap = new IntVec();
    this.hostStr = new IntVec();
    this.nKeys = load<i32>(buf + 4);
    this.arena = buf + <usize> load<i32>(buf + 8);
    this.hasStrBytes = (load<i32>(buf + 12) & 1) != 0;
    this.recs = buf + 16;
    this.keys = this.recs + ((<usize> (n * REC)) << 2);
    this.tag = rawI32(n, 0);
    this.val = rawI32(n, 0);
    this.ast = rawI32(n, -2);
    this.stamp = rawI32(n, 0);
    this.onStack = rawU8(n);
    this.warn = rawU8(n);
    this.indexed = rawU8(n);
    let cap = 16;
    while (cap < this.nKeys * 2) cap <<= 1;
    this.keyCap = cap;
    this.keySlots = rawI32(cap, -1);
    for (let k = 0; k < this.nKeys; k++) {
      const off = load<i32>(this.keys + ((<usize> k) << 3));
      const len = load<i32>(this.keys + ((<usize> k) << 3) + 4);
      let h = <i32> (hashBytes(this.arena + <usize> off, len) & <u32> (cap - 1));
      while (ld32(this.keySlots, h) >= 0) h = (h + 1) & (cap - 1);
      st32(this.keySlots, h, k);
    }
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
    heap.free(this.indexed);
    heap.free(this.keySlots);
    if (this.childSlots != 0) heap.free(this.childSlots);
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

  @inline
  col(i: i32, c: i32): i32 {
    return load<i32>(this.recs + ((<usize> (i * REC + c)) << 2));
  }
  @inline
  kind(i: i32): i32 {
    return this.col(i, 0);
  }
  @inline
  parent(i: i32): i32 {
    return this.col(i, 1);
  }
  @inline
  key(i: i32): i32 {
    return this.col(i, 2);
  }
  @inline
  text(i: i32): usize {
    return this.arena + <usize> this.col(i, 4);
  }
  @inline
  textLen(i: i32): i32 {
    return this.col(i, 5);
  }
  @inline
  childHash(parent: i32, key: i32): i32 {
    return <i32> ((<u32> parent * 2654435761 ^ <u32> key * 40503) & <u32> (this.childCap - 1));
  }
  keyId(p: usize, len: i32): i32 {
    let h = <i32> (hashBytes(p, len) & <u32> (this.keyCap - 1));
    for (;;) {
      const k = ld32(this.keySlots, h);
      if (k < 0) return -1;
      const off = load<i32>(this.keys + ((<usize> k) << 3));
      const klen = load<i32>(this.keys + ((<usize> k) << 3) + 4);
      if (klen == len && bytesEq(this.arena + <usize> off, p, len)) return k;
      h = (h + 1) & (this.keyCap - 1);
    }
    return -1; // unreachable
  }
  @inline
  size(i: i32): i32 {
    return this.col(i, 3);
  }
  /**
   * The child of `parent` with key id `key` (-(index + 2) for list items):
   * small containers are scanned, big ones get a (parent, key) hash on first use.
   */
  child(parent: i32, key: i32): i32 {
    if (ld8(this.indexed, parent) == 0) {
      const end = parent + this.size(parent);
      let c = parent + 1;
      for (let steps = 0; c < end && steps < 32; steps++) {
        if (this.key(c) == key) return c;
        c += this.size(c);
      }
      if (c >= end) return -1;
      this.index(parent);
    }
    let h = this.childHash(parent, key);
    for (;;) {
      const c = ld32(this.childSlots, h);
      if (c < 0) return -1;
      if (this.parent(c) == parent && this.key(c) == key) return c;
      h = (h + 1) & (this.childCap - 1);
    }
    return -1; // unreachable
  }
  index(parent: i32): void {
    if (this.childSlots == 0) {
      let cap = 16;
      while (cap < this.n * 2) cap <<= 1;
      this.childCap = cap;
      this.childSlots = rawI32(cap, -1);
    }
    st8(this.indexed, parent, 1);
    const end = parent + this.size(parent);
    for (let c = parent + 1; c < end; c += this.size(c)) {
      const key = this.key(c);
      if (key == -1) continue;
      let h = this.childHash(parent, key);
      while (ld32(this.childSlots, h) >= 0) h = (h + 1) & (this.childCap - 1);
      st32(this.childSlots, h, c);
    }
  }

  // ---- resolver call bookkeeping: (node, rec) -> host id ----
  callSlot(node: i32, rec: i32): i32 {
    let h = <i32> ((<u32> node * 2654435761 ^ <u32> rec * 97) & <u32> (this.callCap - 1));
    for (;;) {
      const s = h * 3;
      const k = this.callMap.get(s);
      if (k == -3 || (k == node && this.callMap.get(s + 1) == rec)) return s;
      h = (h + 1) & (this.callCap - 1);
    }
    return -1; // unreachable
  }
  setCall(node: i32, rec: i32, id: i32): void {
    if (this.nCalls * 2 >= this.callCap) {
      const old = rawI32(this.callCap * 3, 0);
      for (let k = 0; k < this.callCap * 3; k++) st32(old, k, this.callMap.get(k));
      const oldCap = this.callCap;
      this.callCap <<= 1;
      this.callMap.len = 0;
      this.callMap.reserve(this.callCap * 3);
      for (let k = 0; k < this.callCap * 3; k++) this.callMap.set(k, -3);
      this.nCalls = 0;
      for (let k = 0; k < oldCap; k++) {
        if (ld32(old, k * 3) != -3) {
          this.setCall(ld32(old, k * 3), ld32(old, k * 3 + 1), ld32(old, k * 3 + 2));
        }
      }
      heap.free(old);
    }
    const s = this.callSlot(node, rec);
    if (this.callMap.get(s) == -3) this.nCalls++;
    this.callMap.set(s, node);
    this.callMap.set(s + 1, rec);
    this.callMap.set(s + 2, id);
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
    return this.parts(i, list);
  }

  /** A string made of a part list: a V_STR value. */
  parts(i: i32, list: i32): i32 {
    const count = this.a(list);
    const tmp = this.stk.len;
    let st = OK;
    for (let k = 0; k < count; k++) {
      const p = this.a(list + 1 + k);
      const t = this.a(p);
      if (t == T_LIT || t == T_HALF) {
        this.stk.push(t == T_LIT ? P_SRC : P_HALF);
        this.stk.push(i);
        this.stk.push(this.a(p + 1));
        this.stk.push(this.a(p + 2));
      } else {
        const s = this.interp(i, p);
        st = worst(st, s);
        if (s == OK) {
          this.stk.push(P_VAL);
          this.stk.push(this.vt);
          this.stk.push(this.vx);
          this.stk.push(0);
        }
      }
    }
    if (st != OK) {
      this.stk.len = tmp;
      return st;
    }
    this.vt = V_STR;
    this.vx = this.commit(tmp);
    return OK;
  }

  /** Moves the stack frame from `mark` into a piece list. */
  commit(mark: i32): i32 {
    const n = this.stk.len - mark;
    const r = this.pieces.reserve(n + 1);
    this.pieces.set(r, n / 4);
    memory.copy(
      this.pieces.ptr + ((<usize> (r + 1)) << 2),
      this.stk.ptr + ((<usize> mark) << 2),
      (<usize> n) << 2,
    );
    this.stk.len = mark;
    return r;
  }

  interp(i: i32, r: i32): i32 {
    return this.a(r) == T_NODE ? this.nodeInterp(i, r) : this.resolver(i, r);
  }

  /** Appends the bytes of a string value; false when they are not known here. */
  strBytes(t: i32, x: i32, out: ByteVec): bool {
    if (t == V_NODE) {
      if (this.kind(x) != N_STR || !this.hasStrBytes) return false;
      out.append(this.text(x), this.textLen(x));
      return true;
    }
    if (t == V_HOST) {
      const len = this.hostStr.get(x * 2 + 1);
      if (len < 0) return false;
      out.append(<usize> this.hostStr.get(x * 2), len);
      return true;
    }
    if (t != V_STR) return false;
    const n = this.pieces.get(x);
    for (let k = 0; k < n; k++) {
      const b = x + 1 + k * 4;
      const pt = this.pieces.get(b);
      if (pt == P_VAL) {
        const vt = this.pieces.get(b + 1);
        const vx = this.pieces.get(b + 2);
        // str() of a non-string leaf needs Python formatting: left to the host
        if (vt == V_NODE && this.kind(vx) != N_STR) return false;
        if (!this.strBytes(vt, vx, out)) return false;
        continue;
      }
      const src = this.text(this.pieces.get(b + 1));
      const a = this.pieces.get(b + 2);
      const e = this.pieces.get(b + 3);
      if (pt == P_SRC) out.append(src + <usize> a, e - a);
      else out.appendHalf(src + <usize> a, e - a);
    }
    return true;
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
          if (!isStr || !this.strBytes(this.vt, this.vx, buf)) st = FALL;
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

  resolver(i: i32, r: i32): i32 {
    const slot = this.callSlot(i, r);
    if (this.callMap.get(slot) == i) {
      const id = this.callMap.get(slot + 2);
      if (id == -2) return FALL;
      if (id == -1) return WAIT;
      this.vt = V_HOST;
      this.vx = id;
      return OK;
    }
    // the name
    const nameList = this.a(r + 1);
    const nameStart = this.names.len;
    let st = OK;
    const count = this.a(nameList);
    for (let k = 0; k < count; k++) {
      const p = this.a(nameList + 1 + k);
      if (this.a(p) == T_LIT) {
        const a = this.a(p + 1);
        this.names.append(this.text(i) + <usize> a, this.a(p + 2) - a);
        continue;
      }
      const s = this.interp(i, p);
      st = worst(st, s);
      if (s == OK && st == OK) {
        const isStr = this.vt == V_STR || (this.vt == V_NODE && this.kind(this.vx) == N_STR) ||
          (this.vt == V_HOST && this.hostStr.get(this.vx * 2 + 1) >= 0);
        if (!isStr || !this.strBytes(this.vt, this.vx, this.names)) st = FALL;
      }
    }
    const nameLen = this.names.len - nameStart;
    // the arguments
    const args = this.a(r + 2);
    const nArgs = this.a(args);
    const out = this.stk.len;
    for (let k = 0; k < nArgs; k++) {
      const arg = this.a(args + 1 + k);
      this.stk.push(this.a(arg + 2));
      this.stk.push(this.a(arg + 3));
      const el = this.a(arg + 1);
      if (el < 0) this.stk.push(A_EMPTY);
      else st = worst(st, this.element(i, el));
    }
    if (st != OK) {
      this.names.len = nameStart;
      this.stk.len = out;
      return st;
    }
    const len = this.stk.len - out;
    const c = this.calls.reserve(len + 6);
    this.calls.set(c, i);
    this.calls.set(c + 1, r);
    this.calls.set(c + 2, nameStart);
    this.calls.set(c + 3, nameLen);
    this.calls.set(c + 4, nArgs);
    this.calls.set(c + 5, len);
    for (let k = 0; k < len; k++) this.calls.set(c + 6 + k, this.stk.get(out + k));
    this.stk.len = out;
    this.setCall(i, r, -1);
    return WAIT;
  }

  emitValue(): void {
    this.stk.push(this.vt == V_NODE ? A_NODE : this.vt == V_HOST ? A_HOST : A_STRP);
    this.stk.push(this.vx);
  }

  /** Emits an argument element (OmegaConf's typing is applied by the host to A_TOK). */
  element(i: i32, el: i32): i32 {
    const t = this.a(el);
    if (t == T_PRIM) {
      const toks = this.a(el + 1);
      const count = this.a(toks);
      if (count == 1) {
        const tk = this.a(toks + 1);
        if (this.a(tk) == T_TOK) {
          if (this.a(tk + 1) == K_WS) return FALL;
          this.stk.push(A_TOK);
          this.stk.push(this.a(tk + 1));
          this.stk.push(this.a(tk + 2));
          this.stk.push(this.a(tk + 3));
          return OK;
        }
        const s = this.interp(i, tk);
        if (s == OK) this.emitValue();
        return s;
      }
      const tmp = this.stk.len;
      let st = OK;
      for (let k = 0; k < count; k++) {
        const tk = this.a(toks + 1 + k);
        if (this.a(tk) == T_TOK) {
          this.stk.push(this.a(tk + 1) == K_ESC ? P_HALF : P_SRC);
          this.stk.push(i);
          this.stk.push(this.a(tk + 2));
          this.stk.push(this.a(tk + 3));
          continue;
        }
        const s = this.interp(i, tk);
        st = worst(st, s);
        if (s == OK) {
          this.stk.push(P_VAL);
          this.stk.push(this.vt);
          this.stk.push(this.vx);
          this.stk.push(0);
        }
      }
      if (st != OK) {
        this.stk.len = tmp;
        return st;
      }
      const list = this.commit(tmp);
      this.stk.push(A_STRP);
      this.stk.push(list);
      return OK;
    }
    if (t == T_QUOT) {
      const s = this.parts(i, this.a(el + 1));
      if (s == OK) {
        this.stk.push(A_STRP);
        this.stk.push(this.vx);
      }
      return s;
    }
    if (t == T_LIST) {
      const items = this.a(el + 1);
      const count = this.a(items);
      this.stk.push(A_LIST);
      this.stk.push(count);
      let st = OK;
      for (let k = 0; k < count; k++) {
        const e = this.a(this.a(items + 1 + k) + 1);
        if (e < 0) this.stk.push(A_EMPTY);
        else st = worst(st, this.element(i, e));
      }
      return st;
    }
    // T_DICT
    const pairs = this.a(el + 1);
    const count = this.a(pairs);
    this.stk.push(A_DICT);
    this.stk.push(count);
    let st = OK;
    for (let k = 0; k < count; k++) {
      const pr = this.a(pairs + 1 + k);
      const ktoks = this.a(pr + 1);
      const nk = this.a(ktoks);
      if (nk == 1) {
        const tk = this.a(ktoks + 1);
        this.stk.push(A_TOK);
        this.stk.push(this.a(tk + 1));
        this.stk.push(this.a(tk + 2));
        this.stk.push(this.a(tk + 3));
      } else {
        const tmp = this.stk.len;
        for (let j = 0; j < nk; j++) {
          const tk = this.a(ktoks + 1 + j);
          this.stk.push(this.a(tk + 1) == K_ESC ? P_HALF : P_SRC);
          this.stk.push(i);
          this.stk.push(this.a(tk + 2));
          this.stk.push(this.a(tk + 3));
        }
        const list = this.commit(tmp);
        this.stk.push(A_STRP);
        this.stk.push(list);
      }
      st = worst(st, this.element(i, this.a(pr + 2)));
    }
    return st;
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
