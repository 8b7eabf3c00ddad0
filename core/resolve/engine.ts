/**
 * The host side of the WASM interpolation engine. One walk flattens the tree
 * (./engine_codec.ts), ONE WASM call resolves every interpolation (grammar,
 * key paths, nested keys, escapes, string interpolation, dependency order,
 * cycles), calling back into TypeScript once per dependency level with the
 * batch of resolver calls whose arguments are ready (asm/interp_host.ts), and
 * one walk builds the resolved tree from the engine's per-node results
 * (./engine_build.ts).
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
import type { DictNode, Node } from "../node.ts";
import { parseConfigValue } from "./grammar.ts";
import { GrammarError } from "./grammar_parser.ts";
import { grammarErrorContext } from "./grammar_error.ts";
import { childLoc, type Loc, locFullKey, rootLoc } from "./loc.ts";
import { Encoder, type Flat } from "./engine_codec.ts";
import { Interp, Kind } from "../../asm/abi.ts";
import { host } from "../../asm/interp_host.ts";
import { decodeArgs, type HostState, locOf } from "./engine_args.ts";
import { builder, type EngineHooks, interpStats, type Results } from "./engine_build.ts";
import { lazyNodesMade, mayHoldInterpolation, someChildInterpolating } from "../lazy.ts";
import { someStringLeaf } from "../string_leaves.ts";
import { callResolverFor } from "./resolver_run.ts";

export { type EngineHooks, interpStats };

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

function run(flat: Flat, hooks: EngineHooks): Results {
  const n = flat.n;
  const nKeys = flat.keyOffLen.length >> 1;
  const words = Interp.Header + n * Interp.Rec + nKeys * 2;
  // the records are in the encoder's engine buffer already: the keys and texts go after them
  const ptr = flat.owner.seal(words * 4 + flat.arenaLen);
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
  let mem = new Int32Array(memory.buffer);
  let bytes = new Uint8Array(memory.buffer);
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
      const { args, argTexts, argLocs } = decodeArgs(st, mem, p + Interp.CallHead, nArgs, node);
      const loc = locOf(st, node);
      const r = callResolverFor(st.ev(), name, args, argTexts, loc, argLocs);
      id = st.hostVals.length;
      st.hostVals.push(r);
      const v = r.node;
      if (v.kind === "value" && v.type === "str") enc = new TextEncoder().encode(v.value as string);
    } catch {
      // the failure is recorded by the evaluator (as data); the node goes to the
      // host evaluator, which reports it without calling the resolver again
      id = -1;
    }
    if (mem.buffer !== memory.buffer) {
      // the resolver called the engine (a nested resolution, a create's grammar
      // check), which grew its memory: the views of this round are taken again
      mem = new Int32Array(memory.buffer);
      bytes = new Uint8Array(memory.buffer);
      st.piecesMem = { mem, base: pieces >> 2 };
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
 * engineResolveEntries(root, ["a", "b"], hooks, (loc) => checkNotMissing(loc));
 * ```
 */
export function engineResolveEntries(
  root: DictNode,
  keys: readonly string[],
  hooks: EngineHooks,
  beforeEntry: (loc: Loc) => void,
): DictNode {
  return withEngine(root, hooks, (res) => {
    const index = new Map<string, number>();
    let c = 1;
    const recs = res.flat.fresh();
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
      // (a build may have called the engine: the records' view is taken again)
      const leaf = e.node.kind === "value" && res.flat.fresh()[i * Interp.Rec] !== Kind.Interp;
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
  // a nested resolution (a resolver's, during this one's host rounds) has its own table
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
    if (enc !== shared) enc.release();
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
 * Text, then `${` node keys `}` (leading dots for a relative key, keys joined
 * by single dots), then text, any number of times, where the text holds no
 * `$`, `\\`, `{` or `}`. Every such string is valid in OmegaConf's grammar
 * (the keys are the grammar's ID or INTER_KEY tokens; tests/core/resolve/
 * grammar_fast_path_test.ts checks the claim against both parsers), so the
 * check does not send it to the engine: most interpolations in real configs
 * are of this form, and encoding and parsing them cost a 10^5-leaf compose
 * several percent.
 */
const PLAIN_NODE_INTERPOLATIONS =
  /^[^$\\{}]*(?:\$\{\.*[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\}[^$\\{}]*)+$/;

/**
 * Whether the grammar check must parse `text`: it holds `${` and is not one
 * of the forms known to be valid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { needsGrammarCheck } from "./engine.ts";
 * assert.equal(needsGrammarCheck("lr_${optimizer.lr}"), false);
 * assert.equal(needsGrammarCheck("${oc.env:HOME}"), true);
 * assert.equal(needsGrammarCheck("${a..b}"), true);
 * assert.equal(needsGrammarCheck("plain"), false);
 * ```
 */
export function needsGrammarCheck(text: string): boolean {
  return text.includes("${") && !PLAIN_NODE_INTERPOLATIONS.test(text);
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
    } else if (n.type === "str" && needsGrammarCheck(n.value as string)) {
      texts.push(n.value as string);
    }
  };
  if (lazyNodesMade()) collect(root);
  else {
    // no lazy node: one explicit stack (a closure per node cost a compose's every file)
    someStringLeaf(root, (s) => {
      if (needsGrammarCheck(s)) texts.push(s);
      return false;
    });
  }
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
    else if (n.type === "str" && needsGrammarCheck(n.value as string) && k++ === bad) {
      try {
        parseConfigValue(n.value as string);
      } catch (e) {
        if (!(e instanceof GrammarError)) throw e;
        throw new StrataError(ErrorCode.Grammar, e.message, {
          fullKey: locFullKey(loc),
          origin: n.origin,
          ...grammarErrorContext(n.value as string, e, n.origin),
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
