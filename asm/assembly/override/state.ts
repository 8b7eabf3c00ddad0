// The override parser's state (parser.ts): the token cursor, the first error
// of the override being parsed, and the result tables it emits into (override
// records, the preorder node table and the u16 arena of unescaped text),
// reused across a batch.

import { Override, OverrideKind, OverrideStatus } from "../../abi";
import { getI, setI, tokEnd, tokStart, tokType } from "./lexer";

export const OV: i32 = Override.Rec;
export const NODE: i32 = Override.NodeRec;

// node kinds
export const K_SLICE: i32 = OverrideKind.Slice;
export const K_ARENA: i32 = OverrideKind.Arena;
export const K_QUOTED_SINGLE: i32 = OverrideKind.QuotedSingle;
export const K_QUOTED_DOUBLE: i32 = OverrideKind.QuotedDouble;
export const K_INT: i32 = OverrideKind.Int;
export const K_FLOAT: i32 = OverrideKind.Float;
export const K_BOOL: i32 = OverrideKind.Bool;
export const K_NULL: i32 = OverrideKind.Null;
export const K_LIST: i32 = OverrideKind.List;
export const K_DICT: i32 = OverrideKind.Dict;
export const K_FUNC: i32 = OverrideKind.Func;
export const K_ARG: i32 = OverrideKind.Arg;
export const K_SWEEP: i32 = OverrideKind.Sweep;
export const K_EMPTY: i32 = OverrideKind.Empty;
export const K_VALUE: i32 = OverrideKind.Value;

// status
export const S_OK: i32 = OverrideStatus.Ok;
export const S_LEX: i32 = OverrideStatus.Lex;
const S_SYNTAX: i32 = OverrideStatus.Syntax;
export const S_BLANK: i32 = OverrideStatus.Blank;

// what was expected at a syntax error
export const E_EQUAL: i32 = 1;
export const E_VALUE: i32 = 2;
export const E_EOF: i32 = 3;
export const E_ARG_END: i32 = 4;
export const E_LIST_END: i32 = 5;
export const E_DICT_END: i32 = 6;
export const E_COLON: i32 = 7;
export const E_DICT_KEY: i32 = 8;
export const E_ID: i32 = 9;
export const E_SHALLOWER: i32 = 10;

// Nesting of functions, lists and dicts the recursive descent accepts: deeper
// input would overflow the native stack and trap, leaving the instance broken
// for every later call, so it is refused as a syntax error instead.
export const MAX_DEPTH: i32 = 1000;
export let depth: i32 = 0;

export const nodes = new Array<i32>(1024);
export let nNodes: i32 = 0;
export const arena = new Array<u16>(256);
export let nArena: i32 = 0;
export const ovs = new Array<i32>(256);

export let ti: i32 = 0;
export let status: i32 = 0;
export let errStart: i32 = 0;
export let errEnd: i32 = 0;
export let expected: i32 = 0;

export function tt(i: i32): i32 {
  return getI(tokType, i);
}

export function emit(kind: i32, a: i32, b: i32): i32 {
  const at = nNodes * NODE;
  while (nodes.length < at + NODE) nodes.push(0);
  setI(nodes, at, kind);
  setI(nodes, at + 1, 1);
  setI(nodes, at + 2, a);
  setI(nodes, at + 3, b);
  return nNodes++;
}

export function close(node: i32): void {
  setI(nodes, node * NODE + 1, nNodes - node);
}

export function arenaPut(c: i32): void {
  if (nArena == arena.length) arena.push(<u16> c);
  else store<u16>(arena.dataStart + (<usize> nArena << 1), <u16> c);
  nArena++;
}

export function syntax(exp: i32): bool {
  if (status == S_OK) {
    status = S_SYNTAX;
    errStart = getI(tokStart, ti);
    errEnd = max(getI(tokEnd, ti), errStart + 1);
    expected = exp;
  }
  return false;
}
