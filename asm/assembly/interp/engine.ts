// The interpolation engine: plans the resolution of every `${...}` string of a
// tree in one call. It lexes each interpolation text (node interpolations with
// absolute, relative, dotted and bracketed keys, mixed with literal text),
// resolves every key path to a node through a hash of (parent, key), orders the
// interpolation nodes by their dependencies (depth-first), detects cycles, and
// emits per node either a reference, a concatenation plan, or HOST: the host's
// evaluator handles resolver calls, nested interpolations, escapes and errors
// (so OmegaConf's exact messages come from one place).
//
// Input (i32 words): [0] nNodes [1] nKeys [2] arenaByte [3] arenaLen
//   columns of nNodes words: kind, parent, key, textOff, textLen
//   then nKeys pairs (off, len) of string-key texts in the arena
// kind: 0 dict, 1 list, 2 value, 3 missing, 4 interpolation, 5 null
// key: string-key id (>= 0), -(index + 2) for list items, -1 for other keys
//
// Output (i32 words): [0] nNodes [1] nOrder [2] nPieces [3] nCycles
//   state[n] (0 plain, 1 host, 2 ref, 3 concat), ref[n], pieceStart[n], pieceCount[n],
//   order[nOrder], pieces[nPieces * 3] (type 0 literal: byte start, end; type 1: node)

const K_DICT: i32 = 0;
const K_LIST: i32 = 1;
const K_MISSING: i32 = 3;
const K_INTERP: i32 = 4;

const S_HOST: i32 = 1;
const S_REF: i32 = 2;
const S_CONCAT: i32 = 3;

class Input {
  n: i32;
  nKeys: i32;
  arena: usize;
  kind: usize;
  parent: usize;
  key: usize;
  textOff: usize;
  textLen: usize;
  keys: usize;
  constructor(buf: usize) {
    this.n = load<i32>(buf);
    this.nKeys = load<i32>(buf + 4);
    this.arena = buf + <usize> load<i32>(buf + 8);
    const n = <usize> this.n;
    this.kind = buf + 16;
    this.parent = this.kind + (n << 2);
    this.key = this.parent + (n << 2);
    this.textOff = this.key + (n << 2);
    this.textLen = this.textOff + (n << 2);
    this.keys = this.textLen + (n << 2);
  }
  @inline
  col(c: usize, i: i32): i32 {
    return load<i32>(c + ((<usize> i) << 2));
  }
}

function hashBytes(p: usize, len: i32): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < len; i++) h = (h ^ <u32> load<u8>(p + <usize> i)) * 16777619;
  return h;
}

function bytesEq(a: usize, b: usize, len: i32): bool {
  for (let i = 0; i < len; i++) {
    if (load<u8>(a + <usize> i) != load<u8>(b + <usize> i)) return false;
  }
  return true;
}

/** Open-addressing tables: key text → key id, and (parent, key) → child. */
class Tables {
  keyCap: i32;
  keySlots: StaticArray<i32>;
  childCap: i32 = 0;
  childSlots: StaticArray<i32> = new StaticArray<i32>(0);
  constructor(public inp: Input) {
    let cap = 16;
    while (cap < inp.nKeys * 2) cap <<= 1;
    this.keyCap = cap;
    this.keySlots = new StaticArray<i32>(cap).fill(-1);
    for (let k = 0; k < inp.nKeys; k++) {
      const off = load<i32>(inp.keys + ((<usize> k) << 3));
      const len = load<i32>(inp.keys + ((<usize> k) << 3) + 4);
      let h = <i32> (hashBytes(inp.arena + <usize> off, len) & <u32> (cap - 1));
      while (this.keySlots[h] >= 0) h = (h + 1) & (cap - 1);
      this.keySlots[h] = k;
    }
    cap = 16;
    while (cap < inp.n * 2) cap <<= 1;
    this.childCap = cap;
    this.childSlots = new StaticArray<i32>(cap).fill(-1);
    for (let i = 1; i < inp.n; i++) {
      const key = inp.col(inp.key, i);
      if (key == -1) continue;
      let h = this.childHash(inp.col(inp.parent, i), key);
      while (this.childSlots[h] >= 0) h = (h + 1) & (cap - 1);
      this.childSlots[h] = i;
    }
  }
  @inline
  childHash(parent: i32, key: i32): i32 {
    return <i32> ((<u32> parent * 2654435761 ^ <u32> key * 40503) & <u32> (this.childCap - 1));
  }
  keyId(p: usize, len: i32): i32 {
    const inp = this.inp;
    let h = <i32> (hashBytes(p, len) & <u32> (this.keyCap - 1));
    for (;;) {
      const k = this.keySlots[h];
      if (k < 0) return -1;
      const off = load<i32>(inp.keys + ((<usize> k) << 3));
      const klen = load<i32>(inp.keys + ((<usize> k) << 3) + 4);
      if (klen == len && bytesEq(inp.arena + <usize> off, p, len)) return k;
      h = (h + 1) & (this.keyCap - 1);
    }
    return -1;
  }
  child(parent: i32, key: i32): i32 {
    let h = this.childHash(parent, key);
    for (;;) {
      const c = this.childSlots[h];
      if (c < 0) return -1;
      if (this.inp.col(this.inp.parent, c) == parent && this.inp.col(this.inp.key, c) == key) {
        return c;
      }
      h = (h + 1) & (this.childCap - 1);
    }
    return -1;
  }
}

function isKeyByte(c: u32): bool {
  // INTER_KEY / ID: anything but \ { } ( ) [ ] : . space tab ' "
  return !(c == 92 || c == 123 || c == 125 || c == 40 || c == 41 || c == 91 || c == 93 ||
    c == 58 || c == 46 || c == 32 || c == 9 || c == 39 || c == 34);
}

/** Parses a list index the way Python's int() would (digits, underscores, sign). */
function parseIndex(p: usize, len: i32): i32 {
  let v: i64 = 0;
  let digits = 0;
  for (let i = 0; i < len; i++) {
    const c = <i32> load<u8>(p + <usize> i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + <i64> (c - 48);
      digits++;
      if (v > 0x7fffffff) return -2;
    } else if (c == 95 && digits > 0 && i + 1 < len) continue;
    else return -2; // not an int (or negative): the host reports it
  }
  return digits > 0 ? <i32> v : -2;
}

class Planner {
  tables: Tables;
  state: StaticArray<i32>;
  ref: StaticArray<i32>;
  pStart: StaticArray<i32>;
  pCount: StaticArray<i32>;
  color: StaticArray<u8>;
  pieces: Array<i32> = new Array<i32>(0);
  order: Array<i32> = new Array<i32>(0);
  cycles: i32 = 0;

  constructor(public inp: Input) {
    this.tables = new Tables(inp);
    const n = inp.n;
    this.state = new StaticArray<i32>(n);
    this.ref = new StaticArray<i32>(n).fill(-1);
    this.pStart = new StaticArray<i32>(n);
    this.pCount = new StaticArray<i32>(n);
    this.color = new StaticArray<u8>(n);
  }

  /** Resolves one key path of node `self`; -1 when the host must handle it. */
  path(self: i32, p: usize, len: i32): i32 {
    const inp = this.inp;
    let i = 0;
    while (i < len && (load<u8>(p + <usize> i) == 32 || load<u8>(p + <usize> i) == 9)) i++;
    let dots = 0;
    while (i < len && load<u8>(p + <usize> i) == 46) {
      dots++;
      i++;
    }
    let cur = 0;
    if (dots > 0) {
      cur = inp.col(inp.parent, self);
      for (let d = 1; d < dots; d++) {
        if (cur < 0) return -1;
        cur = inp.col(inp.parent, cur);
      }
      if (cur < 0) return -1;
    }
    let first = true;
    while (i < len) {
      let c = <u32> load<u8>(p + <usize> i);
      let bracket = false;
      if (c == 46) {
        if (first) return -1;
        i++;
      } else if (c == 91) {
        bracket = true;
        i++;
      } else if (!first) return -1;
      const start = i;
      while (i < len && isKeyByte(<u32> load<u8>(p + <usize> i))) i++;
      const klen = i - start;
      if (klen == 0) return -1;
      if (bracket) {
        if (i >= len || load<u8>(p + <usize> i) != 93) return -1;
        i++;
      }
      first = false;
      // step into cur
      const kind = inp.col(inp.kind, cur);
      let next = -1;
      if (kind == K_DICT) {
        const k = this.tables.keyId(p + <usize> start, klen);
        if (k < 0) return -1;
        next = this.tables.child(cur, k);
      } else if (kind == K_LIST) {
        const idx = parseIndex(p + <usize> start, klen);
        if (idx < 0) return -1;
        next = this.tables.child(cur, -(idx + 2));
      }
      if (next < 0) return -1;
      const nk = inp.col(inp.kind, next);
      if (i < len && (nk != K_DICT && nk != K_LIST)) return -1; // dereference or error: host
      if (nk == K_MISSING) return -1;
      cur = next;
    }
    if (first) return -1;
    return cur;
  }

  /** Lexes node `i`'s text into pieces; false when the host must evaluate it. */
  plan(i: i32): bool {
    const inp = this.inp;
    const base = inp.arena + <usize> inp.col(inp.textOff, i);
    const len = inp.col(inp.textLen, i);
    const start = this.pieces.length;
    let lit = 0;
    let j = 0;
    let count = 0;
    while (j < len) {
      const c = load<u8>(base + <usize> j);
      if (c == 92) return false; // escapes: host
      if (c == 36 && j + 1 < len && load<u8>(base + <usize> (j + 1)) == 123) {
        if (j > lit) {
          this.pieces.push(0);
          this.pieces.push(lit);
          this.pieces.push(j);
          count++;
        }
        // find the closing brace; a nested `${`, a resolver `:` or a quote goes to the host
        let k = j + 2;
        while (k < len) {
          const d = load<u8>(base + <usize> k);
          if (d == 125 || d == 58 || d == 36 || d == 39 || d == 34 || d == 123) break;
          k++;
        }
        if (k >= len || load<u8>(base + <usize> k) != 125) return false;
        let e = k;
        while (
          e > j + 2 &&
          (load<u8>(base + <usize> (e - 1)) == 32 || load<u8>(base + <usize> (e - 1)) == 9)
        ) e--;
        const target = this.path(i, base + <usize> (j + 2), e - j - 2);
        if (target < 0) return false;
        this.pieces.push(1);
        this.pieces.push(target);
        this.pieces.push(0);
        count++;
        j = k + 1;
        lit = j;
        continue;
      }
      j++;
    }
    if (len > lit) {
      this.pieces.push(0);
      this.pieces.push(lit);
      this.pieces.push(len);
      count++;
    }
    this.pStart[i] = start / 3;
    this.pCount[i] = count;
    if (count == 1 && this.pieces[start] == 1) {
      const t = this.pieces[start + 1];
      // a node may not point at one of its ancestors: the host reports it
      for (let a = inp.col(inp.parent, i); a >= 0; a = inp.col(inp.parent, a)) {
        if (a == t) return false;
      }
      this.ref[i] = t;
      this.state[i] = S_REF;
    } else this.state[i] = S_CONCAT;
    return true;
  }

  /** Depth-first: dependencies first; cycles and host dependencies make a node host. */
  visit(i: i32): void {
    const color = this.color[i];
    if (color == 2) return;
    if (color == 1) {
      this.cycles++;
      this.state[i] = S_HOST;
      return;
    }
    this.color[i] = 1;
    if (this.state[i] != S_HOST) {
      const s = this.pStart[i] * 3;
      for (let p = 0; p < this.pCount[i]; p++) {
        if (this.pieces[s + p * 3] != 1) continue;
        const t = this.pieces[s + p * 3 + 1];
        if (this.inp.col(this.inp.kind, t) != K_INTERP) continue;
        this.visit(t);
        if (this.state[t] == S_HOST) this.state[i] = S_HOST;
      }
    }
    this.color[i] = 2;
    if (this.state[i] != S_HOST) this.order.push(i);
  }
}

/** Plans the resolution of a flattened tree (see the layout above). */
export function planInterpolations(buf: usize): usize {
  const inp = new Input(buf);
  const pl = new Planner(inp);
  const n = inp.n;
  for (let i = 0; i < n; i++) {
    if (inp.col(inp.kind, i) != K_INTERP) continue;
    if (!pl.plan(i)) pl.state[i] = S_HOST;
  }
  for (let i = 0; i < n; i++) if (inp.col(inp.kind, i) == K_INTERP) pl.visit(i);
  const nOrder = pl.order.length;
  const nPieces = pl.pieces.length / 3;
  const words = 4 + n * 4 + nOrder + nPieces * 3;
  const out = heap.alloc((<usize> words) << 2);
  store<i32>(out, n);
  store<i32>(out + 4, nOrder);
  store<i32>(out + 8, nPieces);
  store<i32>(out + 12, pl.cycles);
  let p = out + 16;
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), pl.state[i]);
  p += (<usize> n) << 2;
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), pl.ref[i]);
  p += (<usize> n) << 2;
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), pl.pStart[i]);
  p += (<usize> n) << 2;
  for (let i = 0; i < n; i++) store<i32>(p + ((<usize> i) << 2), pl.pCount[i]);
  p += (<usize> n) << 2;
  for (let i = 0; i < nOrder; i++) store<i32>(p + ((<usize> i) << 2), pl.order[i]);
  p += (<usize> nOrder) << 2;
  for (let i = 0; i < nPieces * 3; i++) store<i32>(p + ((<usize> i) << 2), pl.pieces[i]);
  return out;
}
