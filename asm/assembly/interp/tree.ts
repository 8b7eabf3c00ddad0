// The flattened input tree of the interpolation engine (layout in engine.ts):
// its preorder node records read in place from the host's buffer, the string-key
// table (key bytes -> key id) and the child lookup that select() walks.

import { Interp, Kind } from "../../abi";
import { ld32, ld8, rawI32, rawU8, st32, st8 } from "./vec";

export const N_DICT: i32 = Kind.Dict;
export const N_LIST: i32 = Kind.List;
export const N_MISSING: i32 = Kind.Missing;
export const N_INTERP: i32 = Kind.Interp;
export const N_NULL: i32 = Kind.Null;
export const N_STR: i32 = Kind.Str;

export const REC: i32 = Interp.Rec; // kind, parent, key, size, textOff, textLen

function hashBytes(p: usize, len: i32): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < len; i++) h = (h ^ <u32> load<u8>(p + <usize> i)) * 16777619;
  return h;
}

function bytesEq(a: usize, b: usize, len: i32): bool {
  return memory.compare(a, b, <usize> len) == 0;
}

/**
 * The base of {@link Engine}: the tree itself is read-only, only its lookup
 * tables are built here (unmanaged; {@link releaseTree} frees them, called by
 * Engine.release rather than overridden).
 */
@unmanaged
export class Tree {
  n: i32;
  recs: usize;
  arena: usize;
  keys: usize;
  nKeys: i32;
  hasStrBytes: bool;
  keyCap: i32 = 16;
  keySlots: usize = 0;
  childCap: i32 = 16;
  childSlots: usize = 0;
  /** Children in the child lookup (its load is kept at most one half). */
  childUsed: i32 = 0;
  indexed: usize = 0;

  constructor(buf: usize) {
    const n = load<i32>(buf);
    this.n = n;
    this.nKeys = load<i32>(buf + 4);
    this.arena = buf + <usize> load<i32>(buf + 8);
    this.hasStrBytes = (load<i32>(buf + 12) & 1) != 0;
    this.recs = buf + 16;
    this.keys = this.recs + ((<usize> (n * REC)) << 2);
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
  }

  releaseTree(): void {
    heap.free(this.indexed);
    heap.free(this.keySlots);
    if (this.childSlots != 0) heap.free(this.childSlots);
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
    const end = parent + this.size(parent);
    let kids = 0;
    for (let c = parent + 1; c < end; c += this.size(c)) kids++;
    // sized by the children of the containers indexed, not by the tree: a table of 2n slots
    // is pages of memory the engine never gives back, for the few big containers of a config
    if (this.childSlots == 0 || (this.childUsed + kids) * 2 > this.childCap) {
      this.rehash((this.childUsed + kids) * 2);
    }
    st8(this.indexed, parent, 1);
    for (let c = parent + 1; c < end; c += this.size(c)) this.insertChild(c);
    this.childUsed += kids;
  }
  /** The child lookup grown to at least `need` slots, its children put in again. */
  rehash(need: i32): void {
    let cap = 16;
    while (cap < need) cap <<= 1;
    const old = this.childSlots;
    const oldCap = this.childCap;
    this.childCap = cap;
    this.childSlots = rawI32(cap, -1);
    if (old == 0) return;
    for (let h = 0; h < oldCap; h++) {
      const c = ld32(old, h);
      if (c >= 0) this.insertChild(c);
    }
    heap.free(old);
  }
  insertChild(c: i32): void {
    const key = this.key(c);
    if (key == -1) return;
    let h = this.childHash(this.parent(c), key);
    while (ld32(this.childSlots, h) >= 0) h = (h + 1) & (this.childCap - 1);
    st32(this.childSlots, h, c);
  }
}
