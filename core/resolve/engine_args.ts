/**
 * Reading the WASM interpolation engine's values on the host: piece lists
 * (strings made of source slices and Python `str()` of values) and the typed
 * argument streams of resolver calls (OmegaConf's typing of a lone token is
 * applied here, by {@link elementFromTokens}, to the token the engine lexed).
 *
 * @module
 */

import {
  canonicalKey,
  type Entry,
  FloatKey,
  type Key,
  type Node,
  str,
  type ValueNode,
} from "../node.ts";
import type { Evaluator } from "./evaluate.ts";
import { childLoc, type Loc, type Resolved } from "./loc.ts";
import { elementFromTokens } from "./elements.ts";
import type { TokKind } from "./grammar.ts";
import { pyStr } from "./pystr.ts";
import type { Flat } from "./engine_codec.ts";
import { Arg, Interp, Piece, Tag } from "../../asm/abi.ts";
import { LIMITS } from "../limits.ts";

/** Host-side state of one engine run. */
export interface HostState {
  flat: Flat;
  /** Resolver results, by host id. */
  hostVals: Resolved[];
  /** Evaluator positions built so far, by node. */
  locs: Loc[];
  /** Strings of piece lists, by list offset. */
  strCache: Map<number, string>;
  /** The piece lists (a copy, once the engine has returned). */
  pieces: Int32Array;
  /** The live piece lists while a host round runs inside the engine call. */
  piecesMem?: { mem: Int32Array; base: number };
  ev: () => Evaluator;
}

/** Token kinds by their `Tok` number (asm/abi.ts). */
const TOK_KINDS: TokKind[] = ["ID", "NULL", "INT", "FLOAT", "BOOL", "UNQ", "COLON", "ESC", "WS"];
const decoder = new TextDecoder();

function halve(text: string): string {
  let out = "";
  for (let i = 1; i < text.length; i += 2) out += text[i];
  return out;
}

/** Bytes [a, b) of node `owner`'s text, as a string. */
function slice(st: HostState, owner: number, a: number, b: number): string {
  const f = st.flat;
  const text = (f.nodes[owner] as ValueNode).value as string;
  const recs = f.fresh(); // (called during the engine's call, whose memory may have grown)
  if (text.length === recs[owner * Interp.Rec + 5]) return text.slice(a, b);
  const off = recs[owner * Interp.Rec + 4];
  return decoder.decode(f.arena.subarray(off + a, off + b));
}

/** Python's str() of an engine value (tag, x). */
function valueString(st: HostState, tag: number, x: number): string {
  if (tag === Tag.Node) return pyStr(st.flat.nodes[x]);
  if (tag === Tag.Host) return pyStr(st.hostVals[x].node);
  return pieceString(st, x);
}

/**
 * The string a piece list stands for.
 *
 * @example
 * ```ts ignore
 * pieceString(state, vals[i]);
 * ```
 */
export function pieceString(st: HostState, list: number): string {
  const live = st.piecesMem;
  if (!live) {
    const hit = st.strCache.get(list);
    if (hit !== undefined) return hit;
  }
  const p = live ? live.mem : st.pieces;
  const base = live ? live.base + list : list;
  const count = p[base];
  let out = "";
  for (let k = 0; k < count; k++) {
    const b = base + 1 + k * 4;
    const type = p[b];
    if (type === Piece.Val) out += valueString(st, p[b + 1], p[b + 2]);
    else {
      const s = slice(st, p[b + 1], p[b + 2], p[b + 3]);
      out += type === Piece.Src ? s : halve(s);
    }
    // stop a doubling chain at the limit (the caller reports it), before V8's
    if (out.length > LIMITS.resolvedStringChars) return out;
  }
  if (!live) st.strCache.set(list, out);
  return out;
}

/**
 * Decodes the arguments of one resolver call from the engine's stream, with
 * the position of each that is a container of the config (a lone
 * `${src.in}`) or of a resolver's result, as the evaluator gives them.
 *
 * @example
 * ```ts ignore
 * const { args, argTexts, argLocs } = decodeArgs(state, mem, p, nArgs, node);
 * ```
 */
export function decodeArgs(
  st: HostState,
  mem: Int32Array,
  start: number,
  nArgs: number,
  node: number,
): { args: Node[]; argTexts: string[]; argLocs: (Loc | undefined)[] } {
  let p = start;
  const value = (): Node => {
    const tag = mem[p++];
    switch (tag) {
      case Arg.Empty:
        return str("");
      case Arg.Node:
        return st.flat.nodes[mem[p++]];
      case Arg.Host:
        return st.hostVals[mem[p++]].node;
      case Arg.Pieces:
        return str(pieceString(st, mem[p++]));
      case Arg.Token: {
        const kind = TOK_KINDS[mem[p]];
        const text = slice(st, node, mem[p + 1], mem[p + 2]);
        p += 3;
        return elementFromTokens([{ k: kind, s: kind === "ESC" ? halve(text) : text }]);
      }
      case Arg.List: {
        const n = mem[p++];
        const items: Node[] = [];
        for (let k = 0; k < n; k++) items.push(value());
        return { kind: "list", items };
      }
      default: { // Arg.Dict
        const n = mem[p++];
        const entries = new Map<string, Entry>();
        for (let k = 0; k < n; k++) {
          const kv = value() as ValueNode;
          const key = kv.type === "float" ? new FloatKey(kv.value as number) : kv.value as Key;
          // like a Python dict, `{1: a, true: c}` keeps the first key (1) and the last value
          const ck = canonicalKey(key);
          const node = value();
          entries.set(ck, { key: entries.get(ck)?.key ?? key, node });
        }
        return { kind: "dict", entries };
      }
    }
  };
  const args: Node[] = [];
  const argTexts: string[] = [];
  const argLocs: (Loc | undefined)[] = [];
  for (let k = 0; k < nArgs; k++) {
    const a = mem[p];
    const b = mem[p + 1];
    p += 2;
    argTexts.push(slice(st, node, a, b));
    const tag = mem[p];
    const x = mem[p + 1];
    const got = value();
    args.push(got);
    // (a list or dict written in the call is made here: it has no place)
    argLocs.push(
      got.kind === "value"
        ? undefined
        : tag === Arg.Node
        ? locOf(st, x)
        : tag === Arg.Host
        ? st.hostVals[x].loc
        : undefined,
    );
  }
  return { args, argTexts, argLocs };
}

/**
 * The evaluator position of node i (built from the parent links, on demand).
 * The first child asked for of a container positions all its children in
 * one pass, so a dict of 10^5 keys costs 10^5 steps, not 10^10.
 *
 * @example
 * ```ts ignore
 * const loc = locOf(state, node); // for the evaluator's error of node `node`
 * ```
 */
export function locOf(st: HostState, i: number): Loc {
  const cached = st.locs[i];
  if (cached) return cached;
  const f = st.flat;
  const parent = f.fresh()[i * Interp.Rec + 1];
  if (parent < 0) return st.locs[i] = st.ev().root;
  const pl = locOf(st, parent);
  const pn = f.nodes[parent];
  const recs = f.fresh();
  let c = parent + 1;
  if (pn.kind === "dict") {
    for (const e of pn.entries.values()) {
      st.locs[c] ??= childLoc(pl, e.key, e.node, false);
      c += recs[c * Interp.Rec + 3];
    }
  } else if (pn.kind === "list") {
    for (let k = 0; k < pn.items.length; k++) {
      st.locs[c] ??= childLoc(pl, k, pn.items[k], true);
      c += recs[c * Interp.Rec + 3];
    }
  }
  return st.locs[i] ??= pl;
}
