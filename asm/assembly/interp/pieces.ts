// String values as piece lists (layout in engine.ts): building one from the parts
// of a text or a quoted string, and reading back its bytes where they are known
// here (source slices, str leaves, host strings) for keys and resolver names.

import { Piece } from "../../abi";
import { ByteVec } from "./vec";
import { T_HALF, T_LIT } from "./ast";
import { N_STR } from "./tree";
import { Engine, OK, V_HOST, V_NODE, V_STR, worst } from "./eval";

export const P_SRC: i32 = Piece.Src;
export const P_HALF: i32 = Piece.Half;
export const P_VAL: i32 = Piece.Val;

/** Pushes a piece: a source slice [a, b) of interpolation i (P_SRC or P_HALF). */
export function pushSlice(eng: Engine, kind: i32, i: i32, a: i32, b: i32): void {
  eng.stk.push(kind);
  eng.stk.push(i);
  eng.stk.push(a);
  eng.stk.push(b);
}

/** Pushes a piece: the value just evaluated (eng.vt, eng.vx), formatted by the host. */
export function pushValue(eng: Engine): void {
  eng.stk.push(P_VAL);
  eng.stk.push(eng.vt);
  eng.stk.push(eng.vx);
  eng.stk.push(0);
}

/** A string made of a part list: a V_STR value. */
export function parts(eng: Engine, i: i32, list: i32): i32 {
  const count = eng.a(list);
  const tmp = eng.stk.len;
  let st = OK;
  for (let k = 0; k < count; k++) {
    const p = eng.a(list + 1 + k);
    const t = eng.a(p);
    if (t == T_LIT || t == T_HALF) {
      pushSlice(eng, t == T_LIT ? P_SRC : P_HALF, i, eng.a(p + 1), eng.a(p + 2));
    } else {
      const s = eng.interp(i, p);
      st = worst(st, s);
      if (s == OK) pushValue(eng);
    }
  }
  if (st != OK) {
    eng.stk.len = tmp;
    return st;
  }
  eng.vt = V_STR;
  eng.vx = commit(eng, tmp);
  return OK;
}

/** Moves the stack frame from `mark` into a piece list. */
export function commit(eng: Engine, mark: i32): i32 {
  const n = eng.stk.len - mark;
  const r = eng.pieces.reserve(n + 1);
  eng.pieces.set(r, n / 4);
  memory.copy(
    eng.pieces.ptr + ((<usize> (r + 1)) << 2),
    eng.stk.ptr + ((<usize> mark) << 2),
    (<usize> n) << 2,
  );
  eng.stk.len = mark;
  return r;
}

/** Appends the bytes of a string value; false when they are not known here. */
export function strBytes(eng: Engine, t: i32, x: i32, out: ByteVec): bool {
  if (t == V_NODE) {
    if (eng.kind(x) != N_STR || !eng.hasStrBytes) return false;
    out.append(eng.text(x), eng.textLen(x));
    return true;
  }
  if (t == V_HOST) {
    const len = eng.hostStr.get(x * 2 + 1);
    if (len < 0) return false;
    out.append(<usize> eng.hostStr.get(x * 2), len);
    return true;
  }
  if (t != V_STR) return false;
  const n = eng.pieces.get(x);
  for (let k = 0; k < n; k++) {
    const b = x + 1 + k * 4;
    const pt = eng.pieces.get(b);
    if (pt == P_VAL) {
      const vt = eng.pieces.get(b + 1);
      const vx = eng.pieces.get(b + 2);
      // str() of a non-string leaf needs Python formatting: left to the host
      if (vt == V_NODE && eng.kind(vx) != N_STR) return false;
      if (!strBytes(eng, vt, vx, out)) return false;
      continue;
    }
    const src = eng.text(eng.pieces.get(b + 1));
    const a = eng.pieces.get(b + 2);
    const e = eng.pieces.get(b + 3);
    if (pt == P_SRC) out.append(src + <usize> a, e - a);
    else out.appendHalf(src + <usize> a, e - a);
  }
  return true;
}
