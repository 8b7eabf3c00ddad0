/**
 * The host side of the WASM interpolation engine. One walk flattens the tree
 * (./engine_codec.ts), ONE WASM call resolves every interpolation (grammar,
 * key paths, nested keys, escapes, string interpolation, dependency order,
 * cycles), calling back into TypeScript once per dependency level with the
 * batch of resolver calls whose arguments are ready (asm/interp_host.ts), and
 * one walk builds the resolved tree from the engine's per-node results.
 *
 * What the engine leaves to the host evaluator (core/resolve/evaluate.ts) is
 * the message of an error (the node is re-evaluated there, so OmegaConf's
 * exact message, full key, origin and cycle members come from one place) and
 * the rare cases it does not decide itself (Python formatting inside a
 * computed key, containers made by resolvers).
 *
 * @module
 */

import {
  alloc,
  free,
  freeResolved,
  memory,
  resolveInterpolations as resolveExport,
  validateInterpolationTexts as validateExport,
} from "../../asm/wasm.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { type DictNode, type Node, str, type ValueNode } from "../node.ts";
import { GrammarError, parseConfigValue } from "./grammar.ts";
import {
  childLoc,
  type Evaluator,
  type Loc,
  locFullKey,
  parseCached,
  type Resolved,
  rootLoc,
  stringTooLong,
  tooManyNodes,
} from "./evaluate.ts";
import type { Fail } from "./fail.ts";
import { LIMITS } from "../limits.ts";
import { Encoder, type Flat } from "./engine_codec.ts";
import { Interp, Kind, Tag } from "../../asm/abi.ts";
import { host } from "../../asm/interp_host.ts";
import { decodeArgs, type HostState, pieceString } from "./engine_args.ts";
import { mayHoldInterpolation, someChildInterpolating } from "../lazy.ts";

/**
 * Counts of engine calls, so tests can prove the WASM path ran.
 *
 * @example
 * ```ts ignore
 * import { interpStats } from "./engine.ts";
 * import { resolveTree } from "./resolve.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const before = interpStats.resolveCalls;
 * resolveTree(loadYaml("a: 1\nb: ${a}"));
 * interpStats.resolveCalls - before; // 1
 * ```
 */
export const interpStats = { resolveCalls: 0, validateCalls: 0, hostRounds: 0, hostNodes: 0 };

/**
 * Time spent in each stage of the last {@link engineResolveTree} (when enabled), in ms.
 *
 * @example
 * ```ts ignore
 * import { interpProfile } from "./engine.ts";
 * import { resolveTree } from "./resolve.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * interpProfile.enabled = true;
 * resolveTree(loadYaml("a: 1\nb: ${a}"));
 * console.log(interpProfile.encode, interpProfile.wasm, interpProfile.decode);
 * ```
 */
export const interpProfile = { enabled: false, encode: 0, wasm: 0, decode: 0 };

let active = 0;
const shared = new Encoder();

/** What the host needs to build results and to hand nodes to the evaluator. */
export interface EngineHooks {
  /** The host evaluator (created on demand). */
  ev: () => Evaluator;
  /** A container a resolver returned for node `at`, fully resolved (resolve.ts's materialize). */
  materialize: (r: Resolved, at: Loc) => Node;
  /** Resolves node `loc` with the TypeScript evaluator (throws located errors). */
  fallback: (loc: Loc) => Node;
  /**
   * The input is not used afterwards: containers without interpolations are
   * taken, not copied, and others may be resolved in place (see `builder`).
   */
  reuse: boolean;
}

/** The engine's results for one tree. */
interface Results {
  flat: Flat;
  tags: Int32Array;
  vals: Int32Array;
  pieces: Int32Array;
  state: HostState;
}

function run(flat: Flat, hooks: EngineHooks): Results {
  const n = flat.n;
  const nKeys = flat.keyOffLen.length >> 1;
  const words = Interp.Header + n * Interp.Rec + nKeys * 2;
  const ptr = alloc(words * 4 + flat.arenaLen);
  const owned: number[] = [];
  const state: HostState = {
    flat,
    hostVals: [],
    locs: [],
    strCache: new Map(),
    pieces: new Int32Array(0),
    ev: hooks.ev,
  };
  const prev = host.handler;
  host.handler = (calls, nCalls, names, pieces) => {
    interpStats.hostRounds++;
    return hostRound(state, calls, nCalls, names, pieces, owned);
  };
  let out = 0;
  try {
    const w = new Int32Array(memory.buffer, ptr, words);
    w[0] = n;
    w[1] = nKeys;
    w[2] = words * 4;
    w[3] = flat.strBytes ? Interp.StrBytes : 0;
    w.set(flat.recs.subarray(0, n * Interp.Rec), Interp.Header);
    w.set(flat.keyOffLen, Interp.Header + n * Interp.Rec);
    new Uint8Array(memory.buffer, ptr + words * 4, flat.arenaLen).set(
      flat.arena.subarray(0, flat.arenaLen),
    );
    out = resolveExport(ptr);
    const head = new Int32Array(memory.buffer, out, Interp.OutHeader);
    const cols = new Int32Array(memory.buffer, out + Interp.OutHeader * 4, 2 * n).slice();
    state.pieces = new Int32Array(memory.buffer, head[1], head[2]).slice();
    return { flat, tags: cols.subarray(0, n), vals: cols.subarray(n), pieces: state.pieces, state };
  } finally {
    host.handler = prev;
    if (out) freeResolved(out);
    free(ptr);
    for (const p of owned) free(p);
  }
}

/** One host round: evaluates a batch of resolver calls and writes their results. */
function hostRound(
  st: HostState,
  calls: number,
  nCalls: number,
  names: number,
  pieces: number,
  owned: number[],
): number {
  const mem = new Int32Array(memory.buffer);
  const bytes = new Uint8Array(memory.buffer);
  st.piecesMem = { mem, base: pieces >> 2 };
  const results: number[] = [];
  const strs: Uint8Array[] = [];
  let p = calls >> 2;
  for (let c = 0; c < nCalls; c++) {
    const node = mem[p];
    const nameOff = mem[p + 2];
    const nameLen = mem[p + 3];
    const nArgs = mem[p + 4];
    const streamLen = mem[p + 5];
    const name = new TextDecoder().decode(
      bytes.subarray(names + nameOff, names + nameOff + nameLen),
    );
    let id = -1;
    let enc: Uint8Array | undefined;
    try {
      const { args, argTexts } = decodeArgs(st, mem, p + Interp.CallHead, nArgs, node);
      const loc = locOf(st, node);
      const r = st.ev().callResolverFor(name, args, argTexts, loc);
      id = st.hostVals.length;
      st.hostVals.push(r);
      const v = r.node;
      if (v.kind === "value" && v.type === "str") enc = new TextEncoder().encode(v.value as string);
    } catch {
      // the failure is recorded by the evaluator (as data); the node goes to the
      // host evaluator, which reports it without calling the resolver again
      id = -1;
    }
    results.push(id);
    strs.push(enc ?? new Uint8Array(0));
    results.push(enc ? -2 : -1, enc ? enc.length : -1);
    p += Interp.CallHead + streamLen;
  }
  let total = 0;
  for (const s of strs) total += s.length;
  const out = alloc(nCalls * Interp.CallResult * 4 + total);
  owned.push(out);
  const w = new Int32Array(memory.buffer, out, nCalls * Interp.CallResult);
  const b = new Uint8Array(memory.buffer);
  let at = out + nCalls * Interp.CallResult * 4;
  for (let c = 0; c < nCalls; c++) {
    w[c * 3] = results[c * 3];
    w[c * 3 + 1] = results[c * 3 + 1] === -2 ? at : -1;
    w[c * 3 + 2] = results[c * 3 + 2];
    if (results[c * 3 + 1] === -2) {
      b.set(strs[c], at);
      at += strs[c].length;
    }
  }
  st.piecesMem = undefined;
  return out;
}

/**
 * The evaluator position of node i (built from the parent links, on demand).
 * The first child asked for of a container positions all its children in
 * one pass, so a dict of 10^5 keys costs 10^5 steps, not 10^10.
 */
function locOf(st: HostState, i: number): Loc {
  const cached = st.locs[i];
  if (cached) return cached;
  const f = st.flat;
  const parent = f.recs[i * Interp.Rec + 1];
  if (parent < 0) return st.locs[i] = st.ev().root;
  const pl = locOf(st, parent);
  const pn = f.nodes[parent];
  let c = parent + 1;
  if (pn.kind === "dict") {
    for (const e of pn.entries.values()) {
      st.locs[c] ??= childLoc(pl, e.key, e.node, false);
      c += f.recs[c * Interp.Rec + 3];
    }
  } else if (pn.kind === "list") {
    for (let k = 0; k < pn.items.length; k++) {
      st.locs[c] ??= childLoc(pl, k, pn.items[k], true);
      c += f.recs[c * Interp.Rec + 3];
    }
  }
  return st.locs[i] ??= pl;
}

/**
 * Whether every interpolation was decided by the engine alone (a node, or a
 * string of pieces): then nothing reads the input tree again while the result
 * is built, and a given-away input may be resolved in place. A resolver's
 * value or a case left to the TS evaluator reads the tree, where a resolved
 * string holding `${` would read as an interpolation.
 */
function engineDecidedAll(res: Results, roots: readonly number[]): boolean {
  const { tags, flat: { recs } } = res;
  for (const j of roots) {
    const end = j + recs[j * Interp.Rec + 3];
    for (let i = j; i < end; i++) {
      const t = tags[i] & 255;
      if (t === Tag.Host || t === Tag.Fall) return false;
    }
  }
  return true;
}

/**
 * Builds the resolved copy of node j from the engine's results. With
 * `hooks.reuse` and {@link engineDecidedAll} over every node that will be
 * built (the subtrees at `roots`), the input's containers become
 * the result's: each interpolation's entry (or item) is replaced in place
 * instead of copying every container above it (strings are made first, as
 * their pieces may print a container). The table's preorder stays
 * valid, as keys, order and counts do not change and every read of a child
 * goes by its record, not by what its entry now holds.
 */
function builder(
  res: Results,
  hooks: EngineHooks,
  roots: readonly number[],
): (j: number) => Node {
  const { flat, tags, vals, state } = res;
  const { nodes, recs, plain } = flat;
  const warned = new Set<number>();
  let copied = 0;
  let copying = 0;
  const inPlace = hooks.reuse && engineDecidedAll(res, roots);
  // a string's pieces may print a container (`x${cfg}`), as it is before
  // resolution: every string is made (and kept) before anything changes
  if (inPlace) {
    for (const j of roots) {
      const end = j + recs[j * Interp.Rec + 3];
      for (let i = j; i < end; i++) if ((tags[i] & 255) === Tag.Str) pieceString(state, vals[i]);
    }
  }
  // The limits of the TS evaluator (core/limits.ts), located at node j.
  const limit = (j: number, fail: Fail): never => {
    throw new StrataError(fail.code, fail.message, {
      fullKey: locFullKey(locOf(state, j)),
      origin: nodes[j].origin,
    });
  };
  const build = (j: number): Node => {
    const node = nodes[j];
    const kind = recs[j * Interp.Rec];
    if (kind === Kind.Interp) {
      const tag = tags[j];
      const t = tag & 255;
      if (tag & Tag.Warn && t !== Tag.Fall && !warned.has(j)) {
        warned.add(j);
        const ev = hooks.ev();
        for (const w of parseCached((node as ValueNode).value as string).warnings) ev.warnSeq(w);
      }
      const origin = node.origin;
      if (t === Tag.Node) {
        const target = vals[j];
        const tn = nodes[target];
        if (tn.kind !== "value") {
          copying++;
          try {
            return build(target);
          } finally {
            copying--;
          }
        }
        return origin ? { ...tn, origin } : tn;
      }
      if (t === Tag.Str) {
        const text = pieceString(state, vals[j]);
        if (text.length > LIMITS.resolvedStringChars) limit(j, stringTooLong(text.length));
        return str(text, origin);
      }
      if (t === Tag.Host) {
        const r = state.hostVals[vals[j]];
        if (r.node.kind !== "value") return hooks.materialize(r, locOf(state, j));
        return r.node === node || !origin ? r.node : { ...r.node, origin };
      }
      interpStats.hostNodes++;
      return hooks.fallback(locOf(state, j));
    }
    if (node.kind === "value") return node;
    // (a container copied as an interpolation's value is always new: it also sits at its target)
    if (hooks.reuse && copying === 0 && plain[j] === 1) return node;
    if (copying > 0) {
      copied += node.kind === "dict" ? node.entries.size + 1 : node.items.length + 1;
      if (copied > LIMITS.resolvedNodes) limit(j, tooManyNodes());
    }
    let c = j + 1;
    if (inPlace && copying === 0) {
      if (node.kind === "dict") {
        node.entries.forEach((e, k) => {
          const r = c * Interp.Rec;
          const cn = e.node;
          if (cn.kind !== "value" || recs[r] === Kind.Interp) {
            const built = build(c);
            if (built !== cn) node.entries.set(k, { key: e.key, node: built });
          }
          c += recs[r + 3];
        });
      } else {
        const items = node.items;
        for (let k = 0; k < items.length; k++) {
          const r = c * Interp.Rec;
          const cn = items[k];
          if (cn.kind !== "value" || recs[r] === Kind.Interp) items[k] = build(c);
          c += recs[r + 3];
        }
      }
      return node;
    }
    let out: Node;
    // leaves that are not interpolations are shared, as the TS evaluator shares them
    if (node.kind === "dict") {
      const entries = new Map();
      node.entries.forEach((e, k) => {
        const cn = e.node;
        const r = c * Interp.Rec;
        entries.set(k, {
          key: e.key,
          node: cn.kind === "value" && recs[r] !== Kind.Interp ? cn : build(c),
        });
        c += recs[r + 3];
      });
      out = { kind: "dict", entries };
    } else {
      const src = node.items;
      const items: Node[] = new Array(src.length);
      for (let k = 0; k < items.length; k++) {
        const cn = src[k];
        const r = c * Interp.Rec;
        items[k] = cn.kind === "value" && recs[r] !== Kind.Interp ? cn : build(c);
        c += recs[r + 3];
      }
      out = { kind: "list", items };
    }
    if (node.origin) out.origin = node.origin;
    if (node.flags) out.flags = { ...node.flags };
    return out;
  };
  return build;
}

/**
 * Resolves a whole tree in WASM (`to_container(resolve=True)`): the resolved
 * copy, or a located {@link StrataError}.
 *
 * @example
 * ```ts ignore
 * engineResolveTree(root, hooks);
 * ```
 */
export function engineResolveTree(root: Node, hooks: EngineHooks): Node {
  return withEngine(root, hooks, (res) => builder(res, hooks, [0])(0));
}

/**
 * Resolves the entries `keys` (canonical) of a dict in ONE WASM call, each as
 * `cfg[key]` sees it: the whole dict is in the table, so interpolations reach
 * every key, but only the listed entries are built (an error in another entry
 * does not surface). `beforeEntry` sees each entry's position first, in order.
 *
 * @example
 * ```ts ignore
 * engineResolveEntries(root, ["sa", "sb"], hooks, (loc) => checkNotMissing(loc));
 * ```
 */
export function engineResolveEntries(
  root: DictNode,
  keys: readonly string[],
  hooks: EngineHooks,
  beforeEntry: (loc: Loc) => void,
): DictNode {
  return withEngine(root, hooks, (res) => {
    const { recs } = res.flat;
    const index = new Map<string, number>();
    let c = 1;
    for (const k of root.entries.keys()) {
      index.set(k, c);
      c += recs[c * Interp.Rec + 3];
    }
    const build = builder(res, hooks, keys.map((k) => index.get(k)!));
    const out: DictNode = { kind: "dict", entries: new Map() };
    for (const k of keys) {
      const e = root.entries.get(k)!;
      const i = index.get(k)!;
      beforeEntry(locOf(res.state, i));
      const leaf = e.node.kind === "value" && recs[i * Interp.Rec] !== Kind.Interp;
      out.entries.set(k, { key: e.key, node: leaf ? e.node : build(i) });
    }
    return out;
  });
}

/** Encodes `root`, makes the engine call, and hands the results to `use`. */
function withEngine<T>(root: Node, hooks: EngineHooks, use: (res: Results) => T): T {
  interpStats.resolveCalls++;
  const prof = interpProfile.enabled;
  const t0 = prof ? performance.now() : 0;
  const enc = active > 0 ? new Encoder() : shared;
  active++;
  try {
    const flat = enc.encode(root);
    const t1 = prof ? performance.now() : 0;
    const res = run(flat, hooks);
    const t2 = prof ? performance.now() : 0;
    const out = use(res);
    if (prof) {
      interpProfile.encode = t1 - t0;
      interpProfile.wasm = t2 - t1;
      interpProfile.decode = performance.now() - t2;
    }
    return out;
  } finally {
    active--;
  }
}

/**
 * Whether a WASM resolution is running (a resolver calling back in gets the TS evaluator).
 *
 * @example
 * ```ts ignore
 * import { engineBusy } from "./engine.ts";
 * import { resolveTree } from "./resolve.ts";
 * import { dict, str } from "../node.ts";
 * let inside = false;
 * resolveTree(dict([["a", str("${busy:}")]]), { resolvers: { busy: () => (inside = engineBusy()) } });
 * inside; // true
 * engineBusy(); // false
 * ```
 */
export function engineBusy(): boolean {
  return active > 0;
}

/**
 * Checks the grammar of every interpolation of a tree in ONE WASM call; a
 * failing text is re-parsed by the TypeScript grammar for OmegaConf's message.
 *
 * @example
 * ```ts
 * import { engineValidate } from "./engine.ts";
 * import { dict, str } from "../node.ts";
 * engineValidate(dict([["a", str("${b}")]])); // fine
 * try {
 *   engineValidate(dict([["a", str("${b")]]));
 * } catch (e) {
 *   (e as { code: string }).code; // "grammar"
 * }
 * ```
 */
export function engineValidate(root: Node): void {
  const texts: string[] = [];
  // A big file's unread subtrees are looked into without being kept (core/lazy.ts).
  const collect = (n: Node): void => {
    if (n.kind !== "value" && !mayHoldInterpolation(n)) return;
    if (n.kind !== "value") {
      someChildInterpolating(n, (c) => {
        collect(c);
        return false;
      });
    } else if (n.type === "str" && (n.value as string).includes("${")) {
      texts.push(n.value as string);
    }
  };
  collect(root);
  if (texts.length === 0) return;
  interpStats.validateCalls++;
  const enc = new Encoder();
  const offLen: number[] = [];
  for (const t of texts) {
    const off = enc.at;
    offLen.push(off, enc.write(t));
  }
  const words = 1 + offLen.length;
  const ptr = alloc(words * 4 + enc.at);
  let bad: number;
  try {
    const w = new Int32Array(memory.buffer, ptr, words);
    w[0] = texts.length;
    w.set(offLen, 1);
    new Uint8Array(memory.buffer, ptr + words * 4, enc.at).set(enc.arena.subarray(0, enc.at));
    bad = validateExport(ptr);
  } finally {
    free(ptr);
  }
  if (bad < 0) return;
  // locate the failing text and let the TypeScript grammar word the error
  let k = 0;
  const find = (n: Node, loc: Loc): void => {
    if (n.kind === "dict") {
      for (const e of n.entries.values()) find(e.node, childLoc(loc, e.key, e.node, false));
    } else if (n.kind === "list") n.items.forEach((c, i) => find(c, childLoc(loc, i, c, true)));
    else if (n.type === "str" && (n.value as string).includes("${") && k++ === bad) {
      try {
        parseConfigValue(n.value as string);
      } catch (e) {
        if (!(e instanceof GrammarError)) throw e;
        throw new StrataError(ErrorCode.Grammar, e.message, {
          fullKey: locFullKey(loc),
          origin: n.origin,
        });
      }
      throw new StrataError(ErrorCode.Grammar, "interpolation grammar error", {
        fullKey: locFullKey(loc),
        origin: n.origin,
      });
    }
  };
  find(root, rootLoc(root));
}
