/**
 * The host side of the WASM interpolation engine. One walk flattens the tree
 * (kind, parent, key id, interpolation text columns + one UTF-8 arena of key
 * texts and interpolation texts), one WASM call plans every interpolation
 * (parse, key paths → nodes, dependency order, cycles), and the plan is applied
 * in that order: references and concatenations become memo entries of the
 * evaluator, so the TypeScript evaluator only runs for what the engine hands
 * back (resolver calls, nested interpolations, escapes, errors) — in one batch,
 * lazily, during materialization.
 *
 * @module
 */

import * as wasm from "./build/strata.wasm";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { isInterpolationString, type Node, str, type ValueNode } from "../core/node.ts";
import { GrammarError, parseConfigValue } from "../core/resolve/grammar.ts";
import {
  childLoc,
  type Evaluator,
  type Loc,
  locFullKey,
  type Resolved,
  rootLoc,
} from "../core/resolve/evaluate.ts";
import { pyStr } from "../core/resolve/pystr.ts";

/** Counts of engine calls, so tests can prove the WASM path ran. */
export const interpStats = { planCalls: 0, hostNodes: 0, plannedNodes: 0, cycles: 0 };

const memory = wasm.memory as WebAssembly.Memory;
/** The engine export (absent from a strata.wasm built before it existed: then TS resolves all). */
const planExport = (wasm as Record<string, unknown>).planInterpolations as
  | ((ptr: number) => number)
  | undefined;
const KIND_INTERP = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A flattened tree: columns, the arena, and each node's position. */
interface Flat {
  n: number;
  kind: Int32Array;
  parent: Int32Array;
  key: Int32Array;
  textOff: Int32Array;
  textLen: Int32Array;
  keyOffLen: number[];
  arena: Uint8Array;
  arenaLen: number;
  nodes: Node[];
  locs: Loc[];
  texts: (string | undefined)[];
}

function kindOf(node: Node): number {
  if (node.kind === "dict") return 0;
  if (node.kind === "list") return 1;
  if (node.type === "missing") return 3;
  if (node.type === "null") return 5;
  if (node.type === "str" && isInterpolationString(node.value as string)) return KIND_INTERP;
  return 2;
}

function flatten(root: Node, base: Loc): Flat {
  const nodes: Node[] = [];
  const locs: Loc[] = [];
  const parents: number[] = [];
  const keys: number[] = [];
  const kinds: number[] = [];
  const texts: (string | undefined)[] = [];
  const keyIds = new Map<string, number>();
  const keyTexts: string[] = [];
  const visit = (node: Node, loc: Loc, parent: number, key: number): void => {
    const self = nodes.length;
    nodes.push(node);
    locs.push(loc);
    parents.push(parent);
    keys.push(key);
    const k = kindOf(node);
    kinds.push(k);
    texts.push(k === KIND_INTERP ? (node as ValueNode).value as string : undefined);
    if (node.kind === "dict") {
      for (const e of node.entries.values()) {
        let id = -1;
        if (typeof e.key === "string") {
          id = keyIds.get(e.key) ?? -1;
          if (id < 0) {
            id = keyTexts.length;
            keyIds.set(e.key, id);
            keyTexts.push(e.key);
          }
        }
        visit(e.node, childLoc(loc, e.key, e.node, false), self, id);
      }
    } else if (node.kind === "list") {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        visit(items[i], childLoc(loc, i, items[i], true), self, -(i + 2));
      }
    }
  };
  visit(root, base, -1, -1);
  const n = nodes.length;
  // one arena: key texts, then interpolation texts
  let cap = 0;
  for (const t of keyTexts) cap += t.length * 3;
  for (const t of texts) if (t !== undefined) cap += t.length * 3;
  const arena = new Uint8Array(cap);
  let at = 0;
  const keyOffLen: number[] = [];
  for (const t of keyTexts) {
    const w = encoder.encodeInto(t, arena.subarray(at)).written;
    keyOffLen.push(at, w);
    at += w;
  }
  const textOff = new Int32Array(n);
  const textLen = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t === undefined) continue;
    const w = encoder.encodeInto(t, arena.subarray(at)).written;
    textOff[i] = at;
    textLen[i] = w;
    at += w;
  }
  return {
    n,
    kind: Int32Array.from(kinds),
    parent: Int32Array.from(parents),
    key: Int32Array.from(keys),
    textOff,
    textLen,
    keyOffLen,
    arena,
    arenaLen: at,
    nodes,
    locs,
    texts,
  };
}

/** The engine's plan, read back from WASM memory. */
interface Plan {
  state: Int32Array;
  ref: Int32Array;
  pStart: Int32Array;
  pCount: Int32Array;
  order: Int32Array;
  pieces: Int32Array;
  cycles: number;
}

function plan(f: Flat): Plan {
  interpStats.planCalls++;
  const words = 4 + f.n * 5 + f.keyOffLen.length;
  const bytes = words * 4 + f.arenaLen;
  const ptr = wasm.alloc(bytes) as number;
  try {
    const w = new Int32Array(memory.buffer, ptr, words);
    w[0] = f.n;
    w[1] = f.keyOffLen.length / 2;
    w[2] = words * 4;
    w[3] = f.arenaLen;
    w.set(f.kind, 4);
    w.set(f.parent, 4 + f.n);
    w.set(f.key, 4 + 2 * f.n);
    w.set(f.textOff, 4 + 3 * f.n);
    w.set(f.textLen, 4 + 4 * f.n);
    w.set(f.keyOffLen, 4 + 5 * f.n);
    new Uint8Array(memory.buffer, ptr + words * 4, f.arenaLen).set(f.arena.subarray(0, f.arenaLen));
    const out = planExport!(ptr);
    try {
      const head = new Int32Array(memory.buffer, out, 4);
      const [n, nOrder, nPieces, cycles] = head;
      const cols = new Int32Array(memory.buffer, out + 16, 4 * n + nOrder + 3 * nPieces).slice();
      return {
        state: cols.subarray(0, n),
        ref: cols.subarray(n, 2 * n),
        pStart: cols.subarray(2 * n, 3 * n),
        pCount: cols.subarray(3 * n, 4 * n),
        order: cols.subarray(4 * n, 4 * n + nOrder),
        pieces: cols.subarray(4 * n + nOrder),
        cycles,
      };
    } finally {
      wasm.free(out);
    }
  } finally {
    wasm.free(ptr);
  }
}

/**
 * Plans a tree in WASM and stores the planned results in the evaluator's memo;
 * what the plan leaves to the host is resolved by the evaluator on demand.
 *
 * @example
 * ```ts
 * import { engineResolve } from "./interp.ts";
 * import { Evaluator } from "../core/resolve/evaluate.ts";
 * import { dict, int, str } from "../core/node.ts";
 * const root = dict([["a", int(1)], ["b", str("${a}")]]);
 * engineResolve(root, new Evaluator(root, () => undefined));
 * ```
 */
export function engineResolve(root: Node, ev: Evaluator): void {
  if (!planExport) return;
  const f = flatten(root, ev.root);
  const p = plan(f);
  interpStats.cycles += p.cycles;
  const memo = ev.memo;
  const valueOf = (t: number): Resolved =>
    f.kind[t] === KIND_INTERP ? memo.get(f.locs[t].id)! : { node: f.nodes[t], loc: f.locs[t] };
  for (const i of p.order) {
    const loc = f.locs[i];
    if (p.state[i] === 2) {
      memo.set(loc.id, valueOf(p.ref[i]));
      continue;
    }
    const text = f.texts[i]!;
    const ascii = text.length === f.textLen[i];
    let out = "";
    const s = p.pStart[i] * 3;
    for (let k = 0; k < p.pCount[i]; k++) {
      const a = p.pieces[s + 3 * k + 1];
      if (p.pieces[s + 3 * k] === 1) out += pyStr(valueOf(a).node);
      else {
        const b = p.pieces[s + 3 * k + 2];
        out += ascii
          ? text.slice(a, b)
          : decoder.decode(f.arena.subarray(f.textOff[i] + a, f.textOff[i] + b));
      }
    }
    memo.set(loc.id, { node: str(out, (f.nodes[i] as ValueNode).origin), loc });
  }
  interpStats.plannedNodes += p.order.length;
  let host = 0;
  for (let i = 0; i < f.n; i++) if (p.state[i] === 1) host++;
  interpStats.hostNodes += host;
}

/**
 * Checks the grammar of every interpolation of a tree: the engine lexes the
 * node interpolations in one call; the strings it hands back (resolver calls,
 * nested interpolations, escapes, suspicious text) are parsed by the
 * TypeScript grammar.
 *
 * @example
 * ```ts
 * import { engineValidate } from "./interp.ts";
 * import { dict, str } from "../core/node.ts";
 * engineValidate(dict([["a", str("${b")]])); // throws a grammar StrataError
 * ```
 */
export function engineValidate(root: Node): void {
  const f = flatten(root, rootLoc(root));
  if (!planExport) {
    f.kind.forEach((k, i) => {
      if (k === KIND_INTERP) parseOrThrow(f, i);
    });
    return;
  }
  let hostOnly = false;
  for (let i = 0; i < f.n && !hostOnly; i++) hostOnly = f.kind[i] === KIND_INTERP;
  if (!hostOnly) return;
  const p = plan(f);
  for (let i = 0; i < f.n; i++) {
    if (f.kind[i] === KIND_INTERP && p.state[i] === 1) parseOrThrow(f, i);
  }
}

function parseOrThrow(f: Flat, i: number): void {
  try {
    parseConfigValue(f.texts[i]!);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    throw new StrataError(ErrorCode.Grammar, e.message, {
      fullKey: locFullKey(f.locs[i]),
      origin: f.nodes[i].origin,
    });
  }
}
