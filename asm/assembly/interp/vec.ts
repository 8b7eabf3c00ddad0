// Growable i32 and byte vectors over raw memory (no per-element GC objects),
// and the fixed-size raw arrays the interpolation engine keeps per node.

/** A growable i32 vector (unmanaged: freed by its owner). */
@unmanaged
export class IntVec {
  ptr: usize = 0;
  len: i32 = 0;
  cap: i32 = 0;

  @inline
  get(i: i32): i32 {
    return load<i32>(this.ptr + ((<usize> i) << 2));
  }
  @inline
  set(i: i32, v: i32): void {
    store<i32>(this.ptr + ((<usize> i) << 2), v);
  }
  grow(need: i32): void {
    let cap = this.cap < 64 ? 64 : this.cap;
    while (cap < need) cap <<= 1;
    const p = heap.alloc((<usize> cap) << 2);
    if (this.ptr != 0) {
      memory.copy(p, this.ptr, (<usize> this.len) << 2);
      heap.free(this.ptr);
    }
    this.ptr = p;
    this.cap = cap;
  }
  @inline
  push(v: i32): i32 {
    if (this.len >= this.cap) this.grow(this.len + 1);
    store<i32>(this.ptr + ((<usize> this.len) << 2), v);
    return this.len++;
  }
  /** Reserves `n` words, returns the index of the first. */
  reserve(n: i32): i32 {
    if (this.len + n > this.cap) this.grow(this.len + n);
    const at = this.len;
    this.len += n;
    return at;
  }
  release(): void {
    if (this.ptr != 0) heap.free(this.ptr);
    this.ptr = 0;
    this.len = 0;
    this.cap = 0;
  }
}

/** A growable byte vector (unmanaged: freed by its owner). */
@unmanaged
export class ByteVec {
  ptr: usize = 0;
  len: i32 = 0;
  cap: i32 = 0;

  grow(need: i32): void {
    let cap = this.cap < 256 ? 256 : this.cap;
    while (cap < need) cap <<= 1;
    const p = heap.alloc(<usize> cap);
    if (this.ptr != 0) {
      memory.copy(p, this.ptr, <usize> this.len);
      heap.free(this.ptr);
    }
    this.ptr = p;
    this.cap = cap;
  }
  @inline
  push(b: u8): void {
    if (this.len >= this.cap) this.grow(this.len + 1);
    store<u8>(this.ptr + <usize> this.len, b);
    this.len++;
  }
  append(src: usize, n: i32): void {
    if (this.len + n > this.cap) this.grow(this.len + n);
    memory.copy(this.ptr + <usize> this.len, src, <usize> n);
    this.len += n;
  }
  /** Appends the bytes at odd offsets of [src, src + n) (`text[1::2]`). */
  appendHalf(src: usize, n: i32): void {
    for (let i = 1; i < n; i += 2) this.push(load<u8>(src + <usize> i));
  }
  release(): void {
    if (this.ptr != 0) heap.free(this.ptr);
    this.ptr = 0;
    this.len = 0;
    this.cap = 0;
  }
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
/** A raw i32 array of n words set to `fill` (freed by its owner with heap.free). */
export function rawI32(n: i32, fill: i32): usize {
  const p = heap.alloc((<usize> max<i32>(n, 1)) << 2);
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), fill);
  return p;
}
/** A raw zeroed byte array of n bytes (freed by its owner with heap.free). */
export function rawU8(n: i32): usize {
  const p = heap.alloc(<usize> max<i32>(n, 1));
  memory.fill(p, 0, <usize> n);
  return p;
}
