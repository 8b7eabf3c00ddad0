// Resolver interpolations: the name and the arguments of a call are evaluated
// here, and a call whose arguments are all ready is appended to the round's batch
// for the host (record layout in engine.ts); the call map then holds its result.
// Arguments stay untyped: a bare token goes as A_TOK and the host applies
// OmegaConf's typing.

import { Arg } from "../../abi";
import { ld32, rawI32, st32 } from "./vec";
import { K_ESC, K_WS, T_LIST, T_LIT, T_PRIM, T_QUOT, T_TOK } from "./ast";
import { N_STR } from "./tree";
import { Engine, FALL, OK, V_HOST, V_NODE, V_STR, WAIT, worst } from "./eval";
import { commit, P_HALF, P_SRC, parts, pushSlice, pushValue, strBytes } from "./pieces";

export const A_EMPTY: i32 = Arg.Empty;
export const A_NODE: i32 = Arg.Node;
export const A_HOST: i32 = Arg.Host;
export const A_STRP: i32 = Arg.Pieces;
export const A_TOK: i32 = Arg.Token;
export const A_LIST: i32 = Arg.List;
export const A_DICT: i32 = Arg.Dict;

// ---- resolver call bookkeeping: (node, rec) -> host id ----

export function callSlot(eng: Engine, node: i32, rec: i32): i32 {
  let h = <i32> ((<u32> node * 2654435761 ^ <u32> rec * 97) & <u32> (eng.callCap - 1));
  for (;;) {
    const s = h * 3;
    const k = eng.callMap.get(s);
    if (k == -3 || (k == node && eng.callMap.get(s + 1) == rec)) return s;
    h = (h + 1) & (eng.callCap - 1);
  }
  return -1; // unreachable
}

export function setCall(eng: Engine, node: i32, rec: i32, id: i32): void {
  if (eng.nCalls * 2 >= eng.callCap) {
    const old = rawI32(eng.callCap * 3, 0);
    for (let k = 0; k < eng.callCap * 3; k++) st32(old, k, eng.callMap.get(k));
    const oldCap = eng.callCap;
    eng.callCap <<= 1;
    eng.callMap.len = 0;
    eng.callMap.reserve(eng.callCap * 3);
    for (let k = 0; k < eng.callCap * 3; k++) eng.callMap.set(k, -3);
    eng.nCalls = 0;
    for (let k = 0; k < oldCap; k++) {
      if (ld32(old, k * 3) != -3) {
        setCall(eng, ld32(old, k * 3), ld32(old, k * 3 + 1), ld32(old, k * 3 + 2));
      }
    }
    heap.free(old);
  }
  const s = callSlot(eng, node, rec);
  if (eng.callMap.get(s) == -3) eng.nCalls++;
  eng.callMap.set(s, node);
  eng.callMap.set(s + 1, rec);
  eng.callMap.set(s + 2, id);
}

// ---- a call: its name and arguments ----

export function resolver(eng: Engine, i: i32, r: i32): i32 {
  const slot = callSlot(eng, i, r);
  if (eng.callMap.get(slot) == i) {
    const id = eng.callMap.get(slot + 2);
    if (id == -2) return FALL;
    if (id == -1) return WAIT;
    eng.vt = V_HOST;
    eng.vx = id;
    return OK;
  }
  // the name
  const nameList = eng.a(r + 1);
  const nameStart = eng.names.len;
  let st = OK;
  const count = eng.a(nameList);
  for (let k = 0; k < count; k++) {
    const p = eng.a(nameList + 1 + k);
    if (eng.a(p) == T_LIT) {
      const a = eng.a(p + 1);
      eng.names.append(eng.text(i) + <usize> a, eng.a(p + 2) - a);
      continue;
    }
    const s = eng.interp(i, p);
    st = worst(st, s);
    if (s == OK && st == OK) {
      const isStr = eng.vt == V_STR || (eng.vt == V_NODE && eng.kind(eng.vx) == N_STR) ||
        (eng.vt == V_HOST && eng.hostStr.get(eng.vx * 2 + 1) >= 0);
      if (!isStr || !strBytes(eng, eng.vt, eng.vx, eng.names)) st = FALL;
    }
  }
  const nameLen = eng.names.len - nameStart;
  // the arguments
  const args = eng.a(r + 2);
  const nArgs = eng.a(args);
  const out = eng.stk.len;
  for (let k = 0; k < nArgs; k++) {
    const arg = eng.a(args + 1 + k);
    eng.stk.push(eng.a(arg + 2));
    eng.stk.push(eng.a(arg + 3));
    const el = eng.a(arg + 1);
    if (el < 0) eng.stk.push(A_EMPTY);
    else st = worst(st, element(eng, i, el));
  }
  if (st != OK) {
    eng.names.len = nameStart;
    eng.stk.len = out;
    return st;
  }
  const len = eng.stk.len - out;
  const c = eng.calls.reserve(len + 6);
  eng.calls.set(c, i);
  eng.calls.set(c + 1, r);
  eng.calls.set(c + 2, nameStart);
  eng.calls.set(c + 3, nameLen);
  eng.calls.set(c + 4, nArgs);
  eng.calls.set(c + 5, len);
  for (let k = 0; k < len; k++) eng.calls.set(c + 6 + k, eng.stk.get(out + k));
  eng.stk.len = out;
  setCall(eng, i, r, -1);
  return WAIT;
}

export function emitValue(eng: Engine): void {
  eng.stk.push(eng.vt == V_NODE ? A_NODE : eng.vt == V_HOST ? A_HOST : A_STRP);
  eng.stk.push(eng.vx);
}

/** Emits an argument element (OmegaConf's typing is applied by the host to A_TOK). */
export function element(eng: Engine, i: i32, el: i32): i32 {
  const t = eng.a(el);
  if (t == T_PRIM) {
    const toks = eng.a(el + 1);
    const count = eng.a(toks);
    if (count == 1) {
      const tk = eng.a(toks + 1);
      if (eng.a(tk) == T_TOK) {
        if (eng.a(tk + 1) == K_WS) return FALL;
        eng.stk.push(A_TOK);
        eng.stk.push(eng.a(tk + 1));
        eng.stk.push(eng.a(tk + 2));
        eng.stk.push(eng.a(tk + 3));
        return OK;
      }
      const s = eng.interp(i, tk);
      if (s == OK) emitValue(eng);
      return s;
    }
    const tmp = eng.stk.len;
    let st = OK;
    for (let k = 0; k < count; k++) {
      const tk = eng.a(toks + 1 + k);
      if (eng.a(tk) == T_TOK) {
        pushSlice(eng, eng.a(tk + 1) == K_ESC ? P_HALF : P_SRC, i, eng.a(tk + 2), eng.a(tk + 3));
        continue;
      }
      const s = eng.interp(i, tk);
      st = worst(st, s);
      if (s == OK) pushValue(eng);
    }
    if (st != OK) {
      eng.stk.len = tmp;
      return st;
    }
    const list = commit(eng, tmp);
    eng.stk.push(A_STRP);
    eng.stk.push(list);
    return OK;
  }
  if (t == T_QUOT) {
    const s = parts(eng, i, eng.a(el + 1));
    if (s == OK) {
      eng.stk.push(A_STRP);
      eng.stk.push(eng.vx);
    }
    return s;
  }
  if (t == T_LIST) {
    const items = eng.a(el + 1);
    const count = eng.a(items);
    eng.stk.push(A_LIST);
    eng.stk.push(count);
    let st = OK;
    for (let k = 0; k < count; k++) {
      const e = eng.a(eng.a(items + 1 + k) + 1);
      if (e < 0) eng.stk.push(A_EMPTY);
      else st = worst(st, element(eng, i, e));
    }
    return st;
  }
  // T_DICT
  const pairs = eng.a(el + 1);
  const count = eng.a(pairs);
  eng.stk.push(A_DICT);
  eng.stk.push(count);
  let st = OK;
  for (let k = 0; k < count; k++) {
    const pr = eng.a(pairs + 1 + k);
    const ktoks = eng.a(pr + 1);
    const nk = eng.a(ktoks);
    if (nk == 1) {
      const tk = eng.a(ktoks + 1);
      eng.stk.push(A_TOK);
      eng.stk.push(eng.a(tk + 1));
      eng.stk.push(eng.a(tk + 2));
      eng.stk.push(eng.a(tk + 3));
    } else {
      const tmp = eng.stk.len;
      for (let j = 0; j < nk; j++) {
        const tk = eng.a(ktoks + 1 + j);
        eng.stk.push(eng.a(tk + 1) == K_ESC ? P_HALF : P_SRC);
        eng.stk.push(i);
        eng.stk.push(eng.a(tk + 2));
        eng.stk.push(eng.a(tk + 3));
      }
      const list = commit(eng, tmp);
      eng.stk.push(A_STRP);
      eng.stk.push(list);
    }
    st = worst(st, element(eng, i, eng.a(pr + 2)));
  }
  return st;
}
