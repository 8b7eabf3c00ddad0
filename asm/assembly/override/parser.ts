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
// This module parses an override's key and the batch; values.ts the value
// grammar; state.ts holds the cursor, the error and the tables.

import {
  getI,
  lex,
  lexErrorAt,
  lexErrorEnd,
  setChars,
  setI,
  T_AT,
  T_DOT_PATH,
  T_EOF,
  T_EQUAL,
  T_ID,
  T_KEY_SPECIAL,
  T_PLUS,
  T_SLASH,
  T_TILDE,
  tokEnd,
  tokStart,
} from "./lexer";
import {
  arena,
  depth,
  E_EOF,
  E_EQUAL,
  E_ID,
  errEnd,
  errStart,
  expected,
  nArena,
  nNodes,
  NODE,
  nodes,
  OV,
  ovs,
  S_LEX,
  S_OK,
  status,
  syntax,
  ti,
  tt,
} from "./state";
import { value } from "./values";

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
