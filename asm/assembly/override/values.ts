// The value grammar of Hydra 1.3's OverrideParser.g4 (element, function call,
// list, dict, sweep), recursive descent from the cursor in state.ts, emitting
// each value as a preorder node (parser.ts has the layout).

import {
  ch,
  getI,
  setI,
  T_BOOL,
  T_BRACE_CLOSE,
  T_BRACE_OPEN,
  T_BRACKET_CLOSE,
  T_BRACKET_OPEN,
  T_COLON,
  T_COMMA,
  T_EOF,
  T_EQUAL,
  T_ESC,
  T_FLOAT,
  T_ID,
  T_INT,
  T_INTERP,
  T_NULL,
  T_PCLOSE,
  T_POPEN,
  T_QUOTED,
  T_UNQUOTED,
  T_WS,
  tokEnd,
  tokStart,
} from "./lexer";
import {
  arenaPut,
  close,
  depth,
  E_ARG_END,
  E_COLON,
  E_DICT_END,
  E_DICT_KEY,
  E_LIST_END,
  E_SHALLOWER,
  E_VALUE,
  emit,
  errEnd,
  errStart,
  K_ARENA,
  K_ARG,
  K_BOOL,
  K_DICT,
  K_EMPTY,
  K_FLOAT,
  K_FUNC,
  K_INT,
  K_LIST,
  K_NULL,
  K_QUOTED_DOUBLE,
  K_QUOTED_SINGLE,
  K_SLICE,
  K_SWEEP,
  K_VALUE,
  MAX_DEPTH,
  nArena,
  NODE,
  nodes,
  S_BLANK,
  S_OK,
  status,
  syntax,
  ti,
  tt,
} from "./state";

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

export function value(): i32 {
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
