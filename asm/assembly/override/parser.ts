// The override parser: Hydra 1.3's OverrideParser.g4 as recursive descent over
// the lexer's token columns. It emits, per override, one record and a preorder
// node table (the host turns it into Override objects and evaluates
// functions). Layout (all i32 unless noted), one result buffer per batch:
//   header: nOverrides, nNodes, nArena (u16 units), ovWord, nodeWord, arenaByte
//   override record (OV words): status, type, keyStart, keyEnd, pkgStart, pkgEnd,
//     root, errStart, errEnd, expected
//   node (NODE words): kind, size (subtree nodes, itself included), a, b
// Offsets a/b are absolute UTF-16 offsets into the batch text, except for
// K_ARENA strings, whose [a, b) is in the u16 arena (unescaped text).

import { Override, OverrideKind, OverrideStatus } from "../../abi";
import {
  ch,
  getI,
  lex,
  lexErrorAt,
  lexErrorEnd,
  setChars,
  setI,
  T_AT,
  T_BOOL,
  T_BRACE_CLOSE,
  T_BRACE_OPEN,
  T_BRACKET_CLOSE,
  T_BRACKET_OPEN,
  T_COLON,
  T_COMMA,
  T_DOT_PATH,
  T_EOF,
  T_EQUAL,
  T_ESC,
  T_FLOAT,
  T_ID,
  T_INT,
  T_INTERP,
  T_KEY_SPECIAL,
  T_NULL,
  T_PCLOSE,
  T_PLUS,
  T_POPEN,
  T_QUOTED,
  T_SLASH,
  T_TILDE,
  T_UNQUOTED,
  T_WS,
  tokEnd,
  tokStart,
  tokType,
} from "./lexer";

export const OV: i32 = Override.Rec;
export const NODE: i32 = Override.NodeRec;

// node kinds
const K_SLICE: i32 = OverrideKind.Slice;
const K_ARENA: i32 = OverrideKind.Arena;
const K_QUOTED_SINGLE: i32 = OverrideKind.QuotedSingle;
const K_QUOTED_DOUBLE: i32 = OverrideKind.QuotedDouble;
const K_INT: i32 = OverrideKind.Int;
const K_FLOAT: i32 = OverrideKind.Float;
const K_BOOL: i32 = OverrideKind.Bool;
const K_NULL: i32 = OverrideKind.Null;
const K_LIST: i32 = OverrideKind.List;
const K_DICT: i32 = OverrideKind.Dict;
const K_FUNC: i32 = OverrideKind.Func;
const K_ARG: i32 = OverrideKind.Arg;
const K_SWEEP: i32 = OverrideKind.Sweep;
const K_EMPTY: i32 = OverrideKind.Empty;
const K_VALUE: i32 = OverrideKind.Value;

// status
const S_OK: i32 = OverrideStatus.Ok;
const S_LEX: i32 = OverrideStatus.Lex;
const S_SYNTAX: i32 = OverrideStatus.Syntax;
const S_BLANK: i32 = OverrideStatus.Blank;

// what was expected at a syntax error
const E_EQUAL: i32 = 1;
const E_VALUE: i32 = 2;
const E_EOF: i32 = 3;
const E_ARG_END: i32 = 4;
const E_LIST_END: i32 = 5;
const E_DICT_END: i32 = 6;
const E_COLON: i32 = 7;
const E_DICT_KEY: i32 = 8;
const E_ID: i32 = 9;
const E_SHALLOWER: i32 = 10;

// Nesting of functions, lists and dicts the recursive descent accepts: deeper
// input would overflow the native stack and trap, leaving the instance broken
// for every later call, so it is refused as a syntax error instead.
const MAX_DEPTH: i32 = 1000;
let depth: i32 = 0;

const nodes = new Array<i32>(1024);
let nNodes: i32 = 0;
const arena = new Array<u16>(256);
let nArena: i32 = 0;
const ovs = new Array<i32>(256);

let ti: i32 = 0;
let status: i32 = 0;
let errStart: i32 = 0;
let errEnd: i32 = 0;
let expected: i32 = 0;

function tt(i: i32): i32 {
  return getI(tokType, i);
}

function emit(kind: i32, a: i32, b: i32): i32 {
  const at = nNodes * NODE;
  while (nodes.length < at + NODE) nodes.push(0);
  setI(nodes, at, kind);
  setI(nodes, at + 1, 1);
  setI(nodes, at + 2, a);
  setI(nodes, at + 3, b);
  return nNodes++;
}

function close(node: i32): void {
  setI(nodes, node * NODE + 1, nNodes - node);
}

function arenaPut(c: i32): void {
  if (nArena == arena.length) arena.push(<u16> c);
  else store<u16>(arena.dataStart + (<usize> nArena << 1), <u16> c);
  nArena++;
}

function syntax(exp: i32): bool {
  if (status == S_OK) {
    status = S_SYNTAX;
    errStart = getI(tokStart, ti);
    errEnd = max(getI(tokEnd, ti), errStart + 1);
    expected = exp;
  }
  return false;
}

function isPrim(t: i32): bool {
  return t == T_ID || t == T_NULL || t == T_INT || t == T_FLOAT || t == T_BOOL ||
    t == T_INTERP || t == T_UNQUOTED || t == T_COLON || t == T_ESC || t == T_WS;
}

function isDictKey(t: i32): bool {
  return t == T_ID || t == T_NULL || t == T_INT || t == T_FLOAT || t == T_BOOL ||
    t == T_UNQUOTED || t == T_ESC || t == T_WS;
}

// Hydra's _createPrimitive over tokens [i0, i1).
function primitive(i0: i32, i1: i32): bool {
  let first = i0, last = i1;
  if (tt(first) == T_WS) {
    if (i1 - i0 == 1) {
      if (status == S_OK) {
        status = S_BLANK;
        errStart = getI(tokStart, i0);
        errEnd = getI(tokEnd, i0);
      }
      return false;
    }
    first++;
  }
  if (tt(last - 1) == T_WS) last--;
  const s = getI(tokStart, first);
  const e = getI(tokEnd, last - 1);
  if (last - first > 1) {
    let esc = false;
    for (let i = first; i < last; i++) if (tt(i) == T_ESC) esc = true;
    if (!esc) {
      emit(K_SLICE, s, e);
      return true;
    }
    const a = nArena;
    for (let i = first; i < last; i++) {
      const ts = getI(tokStart, i), te = getI(tokEnd, i);
      if (tt(i) == T_ESC) { for (let j = ts + 1; j < te; j += 2) arenaPut(ch(j)); }
      else for (let j = ts; j < te; j++) arenaPut(ch(j));
    }
    emit(K_ARENA, a, nArena);
    return true;
  }
  const t = tt(first);
  if (t == T_INT) emit(K_INT, s, e);
  else if (t == T_FLOAT) emit(K_FLOAT, s, e);
  else if (t == T_NULL) emit(K_NULL, s, e);
  else if (t == T_BOOL) emit(K_BOOL, (ch(s) | 32) == 116 ? 1 : 0, 0);
  else if (t == T_ESC) {
    const a = nArena;
    for (let j = s + 1; j < e; j += 2) arenaPut(ch(j));
    emit(K_ARENA, a, nArena);
  } else emit(K_SLICE, s, e);
  return true;
}

function nested(kind: i32): bool {
  if (depth >= MAX_DEPTH) return syntax(E_SHALLOWER);
  depth++;
  const ok = kind == 0 ? func() : kind == 1 ? listValue() : dictValue();
  depth--;
  return ok;
}

function element(): bool {
  const t = tt(ti);
  if (t == T_ID && tt(ti + 1) == T_POPEN) return nested(0);
  if (t == T_BRACKET_OPEN) return nested(1);
  if (t == T_BRACE_OPEN) return nested(2);
  if (t == T_QUOTED) {
    const s = getI(tokStart, ti), e = getI(tokEnd, ti);
    emit(ch(s) == 39 ? K_QUOTED_SINGLE : K_QUOTED_DOUBLE, s + 1, e - 1);
    ti++;
    return true;
  }
  if (!isPrim(t)) return syntax(E_VALUE);
  const i0 = ti;
  while (isPrim(tt(ti))) ti++;
  return primitive(i0, ti);
}

function func(): bool {
  const f = emit(K_FUNC, getI(tokStart, ti), getI(tokEnd, ti));
  ti += 2;
  if (tt(ti) == T_PCLOSE) {
    setI(nodes, f * NODE + 3, getI(tokEnd, ti));
    ti++;
    close(f);
    return true;
  }
  while (true) {
    if (tt(ti) == T_ID && tt(ti + 1) == T_EQUAL) {
      const a = emit(K_ARG, getI(tokStart, ti), getI(tokEnd, ti));
      ti += 2;
      if (!element()) return false;
      close(a);
    } else if (!element()) return false;
    const t = tt(ti);
    if (t == T_COMMA) ti++;
    else if (t == T_PCLOSE) {
      ti++;
      break;
    } else return syntax(E_ARG_END);
  }
  // a = name start, b = end of the call (the host re-reads the name)
  setI(nodes, f * NODE + 3, getI(tokEnd, ti - 1));
  close(f);
  return true;
}

function listValue(): bool {
  const l = emit(K_LIST, 0, 0);
  ti++;
  if (tt(ti) == T_BRACKET_CLOSE) {
    ti++;
    close(l);
    return true;
  }
  while (true) {
    if (!element()) return false;
    const t = tt(ti);
    if (t == T_COMMA) ti++;
    else if (t == T_BRACKET_CLOSE) {
      ti++;
      break;
    } else return syntax(E_LIST_END);
  }
  close(l);
  return true;
}

function dictValue(): bool {
  const d = emit(K_DICT, 0, 0);
  ti++;
  if (tt(ti) == T_BRACE_CLOSE) {
    ti++;
    close(d);
    return true;
  }
  while (true) {
    if (!isDictKey(tt(ti))) return syntax(E_DICT_KEY);
    const i0 = ti;
    while (isDictKey(tt(ti))) ti++;
    if (!primitive(i0, ti)) return false;
    if (tt(ti) != T_COLON) return syntax(E_COLON);
    ti++;
    if (!element()) return false;
    const t = tt(ti);
    if (t == T_COMMA) ti++;
    else if (t == T_BRACE_CLOSE) {
      ti++;
      break;
    } else return syntax(E_DICT_END);
  }
  close(d);
  return true;
}

function value(): i32 {
  if (tt(ti) == T_EOF) return emit(K_EMPTY, 0, 0);
  const v = emit(K_VALUE, 0, 0);
  if (!element()) return -1;
  let n = 1;
  while (tt(ti) == T_COMMA) {
    ti++;
    if (!element()) return -1;
    n++;
  }
  if (n > 1) setI(nodes, v * NODE, K_SWEEP);
  close(v);
  return v;
}

function isPackage(t: i32): bool {
  return t == T_ID || t == T_KEY_SPECIAL || t == T_DOT_PATH;
}

function parseOne(start: i32, end: i32, rec: i32): void {
  status = S_OK;
  depth = 0;
  expected = 0;
  ti = 0;
  let type = 0;
  let keyStart = 0, keyEnd = 0, pkgStart = -1, pkgEnd = -1, root = -1;
  if (!lex(start, end)) {
    status = S_LEX;
    errStart = lexErrorAt;
    errEnd = lexErrorEnd;
  } else {
    const first = tt(0);
    if (first == T_TILDE) {
      type = 3;
      ti = 1;
    } else if (first == T_PLUS) {
      type = 1;
      ti = 1;
      if (tt(1) == T_PLUS) {
        type = 2;
        ti = 2;
      }
    }
    // key: packageOrGroup (AT package)?
    keyStart = getI(tokStart, ti);
    keyEnd = keyStart;
    let ok = true;
    if (tt(ti) == T_ID && tt(ti + 1) == T_SLASH) {
      ti++;
      while (tt(ti) == T_SLASH) {
        ti++;
        if (tt(ti) != T_ID) {
          ok = syntax(E_ID);
          break;
        }
        ti++;
      }
      keyEnd = getI(tokEnd, ti - 1);
    } else if (isPackage(tt(ti))) {
      keyEnd = getI(tokEnd, ti);
      ti++;
    }
    if (ok && tt(ti) == T_AT) {
      ti++;
      pkgStart = getI(tokStart, ti);
      pkgEnd = pkgStart;
      if (isPackage(tt(ti))) {
        pkgEnd = getI(tokEnd, ti);
        ti++;
      }
    }
    if (ok) {
      if (tt(ti) == T_EQUAL) {
        ti++;
        root = value();
        if (root >= 0 && tt(ti) != T_EOF) syntax(E_EOF);
      } else if (type != 3) syntax(E_EQUAL);
      else if (tt(ti) != T_EOF) syntax(E_EQUAL);
    }
  }
  while (ovs.length < rec + OV) ovs.push(0);
  setI(ovs, rec, status);
  setI(ovs, rec + 1, type);
  setI(ovs, rec + 2, keyStart);
  setI(ovs, rec + 3, keyEnd);
  setI(ovs, rec + 4, pkgStart);
  setI(ovs, rec + 5, pkgEnd);
  setI(ovs, rec + 6, status == S_OK ? root : -1);
  setI(ovs, rec + 7, status == S_OK ? 0 : errStart);
  setI(ovs, rec + 8, status == S_OK ? 0 : errEnd);
  setI(ovs, rec + 9, expected);
}

/**
 * Parses a batch. Input at `buf`: n, then n + 1 i32 offsets (UTF-16 units),
 * then the UTF-16 text of all overrides back to back. Returns a result buffer
 * (see the layout above) that the host frees.
 */
export function parseOverrideBatch(buf: usize): usize {
  const n = load<i32>(buf);
  const text = buf + (<usize> (n + 2) << 2);
  setChars(text);
  nNodes = 0;
  nArena = 0;
  for (let i = 0; i < n; i++) {
    const s = load<i32>(buf + (<usize> (i + 1) << 2));
    const e = load<i32>(buf + (<usize> (i + 2) << 2));
    parseOne(s, e, i * OV);
  }
  const ovWords = n * OV;
  const nodeWords = nNodes * NODE;
  const head: i32 = 6;
  const arenaByte = (head + ovWords + nodeWords) << 2;
  const out = heap.alloc(<usize> (arenaByte + (nArena << 1)));
  store<i32>(out, n);
  store<i32>(out + 4, nNodes);
  store<i32>(out + 8, nArena);
  store<i32>(out + 12, head);
  store<i32>(out + 16, head + ovWords);
  store<i32>(out + 20, arenaByte);
  memory.copy(out + (<usize> head << 2), ovs.dataStart, <usize> ovWords << 2);
  memory.copy(out + (<usize> (head + ovWords) << 2), nodes.dataStart, <usize> nodeWords << 2);
  memory.copy(out + <usize> arenaByte, arena.dataStart, <usize> nArena << 1);
  return out;
}
