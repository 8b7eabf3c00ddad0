/**
 * The engine's ABI: every number both sides of the WASM boundary agree on,
 * defined once. The AssemblyScript sources import this file and so do the host
 * modules; it is written in the subset both compilers accept (enums of integer
 * constants, i32 on the AssemblyScript side). asm/ABI.md says what each buffer
 * holds and who owns it.
 *
 * @module
 */

/**
 * Node kinds of both tables (merge MRG1: the low nibble of a record's head
 * word; interpolation: word 0 of a record).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Kind } from "./abi.ts";
 * assert.equal(Kind.Interp, 4);
 * ```
 */
export enum Kind {
  /** A dict. */
  Dict = 0,
  /** A list. */
  List = 1,
  /** Any other leaf (int, float, bool, bytes; in the merge table also str). */
  Value = 2,
  /** `???`. */
  Missing = 3,
  /** A string holding `${`. */
  Interp = 4,
  /** null. */
  Null = 5,
  /** A str leaf (interpolation table only). */
  Str = 6,
}

/**
 * The merge's table shapes (MRG1 in, records out).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Merge } from "./abi.ts";
 * const sourceNodeWord = (record: number) => record * Merge.OutRec + 6;
 * assert.equal(sourceNodeWord(1), 13);
 * ```
 */
export enum Merge {
  /** Word 0 of an MRG1 table ("MRG1"). */
  Magic = 0x4d524731,
  /** Input header words: magic, nTrees, path-table word, nKeys. */
  Header = 4,
  /** Words per input node: head (kind | flags << 4), subtree size or path offset, key id. */
  Rec = 3,
  /** Flags sit above the kind nibble of a head word. */
  FlagShift = 4,
  /** Output header words: error code, side, node, dest side, dest node, record count. */
  OutHeader = 6,
  /** Words per output record: head, child count, key id, key tree, key node, source tree, source node. */
  OutRec = 7,
  /** Output head bit: a record the merge built (else it stands for an input node). */
  Expanded = 256,
  /** Word 1 of an interpolation leaf that is no node path but may resolve to a container. */
  HostPath = -2,
}

/**
 * Flag bits of a head word (above {@link Merge.FlagShift}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Flag } from "./abi.ts";
 * assert.equal(Flag.StructSet | Flag.Struct, 3);
 * ```
 */
export enum Flag {
  /** struct is set on the node. */
  StructSet = 1,
  /** The struct value. */
  Struct = 2,
  /** readonly is set on the node. */
  ReadonlySet = 4,
  /** The readonly value. */
  Readonly = 8,
}

/**
 * How `mergeTables` treats readonly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MergeMode } from "./abi.ts";
 * assert.equal(MergeMode.MergeWith, 1);
 * ```
 */
export enum MergeMode {
  /** OmegaConf.merge: the first root's readonly is ignored (it is copied). */
  Merge = 0,
  /** merge_with: readonly honoured everywhere. */
  MergeWith = 1,
}

/**
 * Merge error codes (word 0 of the output header; 0 is success).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MergeError } from "./abi.ts";
 * assert.equal(MergeError.StructKey, 1);
 * ```
 */
export enum MergeError {
  /** The struct-mode destination has no such key. */
  StructKey = 1,
  /** Dict merged with list or list with dict. */
  Type = 2,
  /** A set into a readonly dict. */
  Readonly = 3,
  /** An append into a readonly list. */
  ReadonlyList = 4,
  /**
   * Not an error: a container (or `???`) met a destination interpolation only
   * the host can dereference (a resolver's, or a path through one). The host
   * resolves it and merges again (core/merge_deref.ts).
   */
  HostDeref = 5,
}

/**
 * The interpolation table's shapes, and the resolver batch records.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Interp } from "./abi.ts";
 * assert.equal(Interp.Rec, 6);
 * ```
 */
export enum Interp {
  /** Input header words: nNodes, nKeys, arena byte offset, flags. */
  Header = 4,
  /** Words per node: kind, parent, key, subtree size, text offset, text length. */
  Rec = 6,
  /** Header flag: str leaves carry their bytes. */
  StrBytes = 1,
  /** Output header words: nNodes, pieces ptr, pieces length, (unused). */
  OutHeader = 4,
  /** Words before a call's argument stream: node, call id, name off, name len, nArgs, stream length. */
  CallHead = 6,
  /** Words per call of the host's answer: host id (-1 failed), str ptr, str len (-1: not a str). */
  CallResult = 3,
}

/**
 * What a node resolved to (the output's tag column; the value column's meaning follows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Tag } from "./abi.ts";
 * assert.equal((Tag.Fall | Tag.Warn) & 255, Tag.Fall);
 * ```
 */
export enum Tag {
  /** Not an interpolation. */
  None = 0,
  /** Node `val`. */
  Node = 1,
  /** The string of piece list `val`. */
  Str = 2,
  /** Host value `val` (a resolver result). */
  Host = 3,
  /** Left to the host evaluator (an error, or a case the engine does not decide). */
  Fall = 4,
  /** Bit: the text's grammar warns (missing sequence elements). */
  Warn = 256,
}

/**
 * Piece types of a piece list `[count, count x (type, owner, a, b)]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Piece } from "./abi.ts";
 * assert.equal(Piece.Val, 2);
 * ```
 */
export enum Piece {
  /** Source bytes [a, b) of the owner's text. */
  Src = 0,
  /** The odd bytes of [a, b) (an escaped run, unescaped). */
  Half = 1,
  /** Python str() of the value (a: tag, b: val). */
  Val = 2,
}

/**
 * Argument values in a resolver call's stream.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Arg } from "./abi.ts";
 * assert.equal(Arg.Dict, 6);
 * ```
 */
export enum Arg {
  /** Empty. */
  Empty = 0,
  /** Node j. */
  Node = 1,
  /** Host value k. */
  Host = 2,
  /** Piece list p. */
  Pieces = 3,
  /** A lone token: kind, a, b. */
  Token = 4,
  /** A list of n values. */
  List = 5,
  /** A dict of n (key, value) pairs. */
  Dict = 6,
}

/**
 * Token kinds of a lone-token argument (core/resolve/grammar.ts's TokKind, in this order).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Tok } from "./abi.ts";
 * assert.equal(Tok.Ws, 8);
 * ```
 */
export enum Tok {
  /** An identifier. */
  Id = 0,
  /** null. */
  Null = 1,
  /** An int. */
  Int = 2,
  /** A float. */
  Float = 3,
  /** A bool. */
  Bool = 4,
  /** Other unquoted characters. */
  Unq = 5,
  /** `:`. */
  Colon = 6,
  /** An escape. */
  Esc = 7,
  /** Whitespace. */
  Ws = 8,
}

/**
 * The override parser's result shapes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Override } from "./abi.ts";
 * assert.equal(Override.Rec, 10);
 * ```
 */
export enum Override {
  /** Words per override: status, type, keyStart, keyEnd, pkgStart, pkgEnd, root, errStart, errEnd, expected. */
  Rec = 10,
  /** Words per value node: kind, size, a, b (preorder). */
  NodeRec = 4,
  /** Result header words: count, nNodes, nArena, override word, node word, arena byte. */
  OutHeader = 6,
}

/**
 * Override record status (word 0 of a record).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OverrideStatus } from "./abi.ts";
 * assert.equal(OverrideStatus.Syntax, 2);
 * ```
 */
export enum OverrideStatus {
  /** Parsed. */
  Ok = 0,
  /** A lexer error. */
  Lex = 1,
  /** A syntax error. */
  Syntax = 2,
  /** Blank. */
  Blank = 3,
}

/**
 * Value node kinds of the override parser (word 0 of a node).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OverrideKind } from "./abi.ts";
 * assert.equal(OverrideKind.Sweep, 13);
 * ```
 */
export enum OverrideKind {
  /** A slice of the text. */
  Slice = 1,
  /** Unescaped text in the arena. */
  Arena = 2,
  /** A single-quoted string. */
  QuotedSingle = 3,
  /** A double-quoted string. */
  QuotedDouble = 4,
  /** An int. */
  Int = 5,
  /** A float. */
  Float = 6,
  /** A bool. */
  Bool = 7,
  /** null. */
  Null = 8,
  /** A list. */
  List = 9,
  /** A dict. */
  Dict = 10,
  /** A function call. */
  Func = 11,
  /** A named argument. */
  Arg = 12,
  /** A choice sweep. */
  Sweep = 13,
  /** An empty value. */
  Empty = 14,
  /** A value made of parts. */
  Value = 15,
}
