// The interpolation AST: i32 records in an IntVec, written by the parser
// (parse.ts, through AstWriter here) and read by the evaluator (eval.ts).
// Offsets a, b are byte offsets into the parsed text.
//
// Records (first word is the type):
//   LIT  [T_LIT, a, b]            source bytes [a, b)
//   HALF [T_HALF, a, b]           the bytes at odd offsets of [a, b) (unescaped run)
//   NODE [T_NODE, keyList]        key pieces: LIT ('.', '[', ']', names) and interpolations
//   RES  [T_RES, nameList, argList, a, b]
//   ARG  [T_ARG, element or -1, a, b]   (a, b: the trimmed source text)
//   PRIM [T_PRIM, tokList]        TOK records and interpolations
//   QUOT [T_QUOT, partList]
//   LIST [T_LIST, argList]
//   DICT [T_DICT, pairList]       PAIR [T_PAIR, keyTokList, element]
//   TOK  [T_TOK, kind, a, b]
// A list is [count, id...].

import { Tok } from "../../abi";
import { IntVec } from "./vec";
import { Scanner } from "./scan";

export const T_LIT: i32 = 1;
export const T_HALF: i32 = 2;
export const T_NODE: i32 = 3;
export const T_RES: i32 = 4;
export const T_ARG: i32 = 5;
export const T_PRIM: i32 = 6;
export const T_QUOT: i32 = 7;
export const T_LIST: i32 = 8;
export const T_DICT: i32 = 9;
export const T_PAIR: i32 = 10;
export const T_TOK: i32 = 11;

/** Token kinds of TOK records (core/resolve/grammar.ts has the same set). */
export const K_ID: i32 = Tok.Id;
export const K_NULL: i32 = Tok.Null;
export const K_INT: i32 = Tok.Int;
export const K_FLOAT: i32 = Tok.Float;
export const K_BOOL: i32 = Tok.Bool;
export const K_UNQ: i32 = Tok.Unq;
export const K_COLON: i32 = Tok.Colon;
export const K_ESC: i32 = Tok.Esc;
export const K_WS: i32 = Tok.Ws;

/**
 * Writes AST records. The base of {@link Parser}, above the {@link Scanner} of its
 * input; unmanaged, {@link release} frees it.
 */
@unmanaged
export class AstWriter extends Scanner {
  ast: IntVec = new IntVec();
  /** Scratch stack of list items under construction (frames nest). */
  stk: IntVec = new IntVec();

  release(): void {
    this.ast.release();
    this.stk.release();
    heap.free(changetype<usize>(this.ast));
    heap.free(changetype<usize>(this.stk));
  }

  rec2(t: i32, a: i32): i32 {
    const r = this.ast.reserve(2);
    this.ast.set(r, t);
    this.ast.set(r + 1, a);
    return r;
  }
  rec3(t: i32, a: i32, b: i32): i32 {
    const r = this.ast.reserve(3);
    this.ast.set(r, t);
    this.ast.set(r + 1, a);
    this.ast.set(r + 2, b);
    return r;
  }
  tok(kind: i32, a: i32, b: i32): i32 {
    const r = this.ast.reserve(4);
    this.ast.set(r, T_TOK);
    this.ast.set(r + 1, kind);
    this.ast.set(r + 2, a);
    this.ast.set(r + 3, b);
    return r;
  }
  /** Moves the stack frame from `mark` into a list record. */
  list(mark: i32): i32 {
    const n = this.stk.len - mark;
    const r = this.ast.reserve(n + 1);
    this.ast.set(r, n);
    memory.copy(
      this.ast.ptr + ((<usize> (r + 1)) << 2),
      this.stk.ptr + ((<usize> mark) << 2),
      (<usize> n) << 2,
    );
    this.stk.len = mark;
    return r;
  }
  @inline
  item(mark: i32, k: i32): i32 {
    return this.stk.get(mark + k);
  }
}
