/**
 * Building the result of one engine call: the resolved copy of a node, from
 * the engine's per-node tags and values (./engine.ts makes the call). A tree
 * given away (`reuse`) is resolved in place when the engine decided every
 * interpolation that is built.
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { canonicalKey, type Entry, type Node, str, type ValueNode } from "../node.ts";
import type { Evaluator } from "./evaluate.ts";
import { type Loc, locFullKey, type Resolved, stringTooLong, tooManyNodes } from "./loc.ts";
import { parseCached } from "./caches.ts";
import type { Fail } from "./fail.ts";
import { LIMITS } from "../limits.ts";
import type { Flat } from "./engine_codec.ts";
import { Interp, Kind, Tag } from "../../asm/abi.ts";
import { type HostState, locOf, pieceString } from "./engine_args.ts";

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
  /**
   * Keeps an interpolation that cannot resolve instead of failing the call
   * (the job config `strata run` gives its app keeps it as written): gets
   * its position and the error, returns what stands in its place. Each
   * resolver then runs once, where resolving again value by value would run
   * it again. A crossed limit still throws, and so does a failure inside a
   * container copied as another interpolation's value: that interpolation is
   * the one kept.
   */
  keep?: (loc: Loc, error: StrataError) => Node;
}

/** The engine's results for one tree. */
export interface Results {
  flat: Flat;
  tags: Int32Array;
  vals: Int32Array;
  pieces: Int32Array;
  state: HostState;
}

/**
 * Whether every interpolation was decided by the engine alone (a node, or a
 * string of pieces): then nothing reads the input tree again while the result
 * is built, and a given-away input may be resolved in place. A resolver's
 * value or a case left to the TS evaluator reads the tree, where a resolved
 * string holding `${` would read as an interpolation.
 */
function engineDecidedAll(res: Results, roots: readonly number[]): boolean {
  const { tags } = res;
  const recs = res.flat.fresh();
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
 * the result's: each interpolation's entry (or item) is replaced in place,
 * found from its record (parent and key), instead of copying every container
 * above it or walking them (strings are made first, as their pieces may print
 * a container). The table's preorder stays valid, as keys, order and counts
 * do not change and every read of a child goes by its record, not by what
 * its entry now holds.
 *
 * @example
 * ```ts ignore
 * const build = builder(results, hooks, [0]);
 * build(0); // the resolved root
 * ```
 */
export function builder(
  res: Results,
  hooks: EngineHooks,
  roots: readonly number[],
): (j: number) => Node {
  const { flat, tags, vals, state } = res;
  const { nodes, plain } = flat;
  // A view of the engine's memory: a hook (the evaluator, a resolver's
  // container) may call the engine, which may grow it; taken again after each.
  let recs = flat.fresh();
  const afterHook = <T>(value: T): T => {
    recs = flat.fresh();
    return value;
  };
  const warned = new Set<number>();
  let copied = 0;
  let copying = 0;
  let inPlace = hooks.reuse && engineDecidedAll(res, roots);
  // a string's pieces may print a container (`x${cfg}`), as it is before
  // resolution: every string is made (and kept) before anything changes. One
  // that holds `${` (an escaped `\${x}`, a container printed with its
  // interpolations) is read otherwise by OmegaConf.resolve's walk, which the
  // caller may replay on the input (core/resolve/in_order.ts): left as it was
  if (inPlace) {
    for (const j of roots) {
      const end = j + recs[j * Interp.Rec + 3];
      for (let i = j; i < end; i++) {
        if ((tags[i] & 255) === Tag.Str && pieceString(state, vals[i]).includes("${")) {
          inPlace = false;
        }
      }
    }
  }
  // The limits of the TS evaluator (core/limits.ts), located at node j.
  const limit = (j: number, fail: Fail): never => {
    throw new StrataError(fail.code, fail.message, {
      fullKey: locFullKey(locOf(state, j)),
      origin: nodes[j].origin,
    });
  };
  // an interpolation's own value, or the value `keep` puts in its place (outside a copy)
  const keeping = (j: number, make: () => Node): Node => {
    if (hooks.keep === undefined || copying > 0) return make();
    try {
      return make();
    } catch (e) {
      if (!isStrataError(e) || e.code === ErrorCode.Limit) throw e;
      return afterHook(hooks.keep(locOf(state, j), e));
    }
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
        const loc = locOf(state, j);
        for (const w of parseCached((node as ValueNode).value as string).warnings) {
          ev.warnSeq(w, loc);
        }
        recs = flat.fresh(); // (a warning handler is user code)
      }
      const origin = node.origin;
      if (t === Tag.Node) {
        const target = vals[j];
        const tn = nodes[target];
        if (tn.kind !== "value") {
          return keeping(j, () => {
            copying++;
            try {
              return build(target);
            } finally {
              copying--;
            }
          });
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
        if (r.node.kind !== "value") {
          return keeping(j, () => afterHook(hooks.materialize(r, locOf(state, j))));
        }
        return r.node === node || !origin ? r.node : { ...r.node, origin };
      }
      interpStats.hostNodes++;
      return keeping(j, () => afterHook(hooks.fallback(locOf(state, j))));
    }
    if (node.kind === "value") return node;
    // (a container copied as an interpolation's value is always new: it also sits at its target)
    if (hooks.reuse && copying === 0 && plain[j] === 1) return node;
    if (inPlace && copying === 0) return inPlaceAt(j);
    if (copying > 0) {
      copied += node.kind === "dict" ? node.entries.size + 1 : node.items.length + 1;
      if (copied > LIMITS.resolvedNodes) limit(j, tooManyNodes());
    }
    let c = j + 1;
    // A new container. Leaves that are not interpolations are shared, as the
    // TS evaluator shares them, and so are their entries: nothing changes an
    // entry once the reader has made it.
    let out: Node;
    if (node.kind === "dict") {
      const entries = new Map<string, Entry>();
      node.entries.forEach((e, k) => {
        const r = c * Interp.Rec;
        const cn = e.node;
        const built = cn.kind === "value" && recs[r] !== Kind.Interp ? cn : build(c);
        entries.set(k, built === cn ? e : { key: e.key, node: built });
        c += recs[r + 3];
      });
      out = { kind: "dict", entries };
    } else {
      const src = node.items;
      const items = new Array<Node>(src.length);
      for (let k = 0; k < src.length; k++) {
        const r = c * Interp.Rec;
        const cn = src[k];
        items[k] = cn.kind === "value" && recs[r] !== Kind.Interp ? cn : build(c);
        c += recs[r + 3];
      }
      out = { kind: "list", items };
    }
    if (node.origin) out.origin = node.origin;
    if (node.flags) out.flags = { ...node.flags };
    return out;
  };
  // In place: container j is the result's, and each interpolation below it
  // is set in its parent, found by its record: no walk of the containers.
  const inPlaceAt = (j: number): Node => {
    const end = j + recs[j * Interp.Rec + 3];
    for (let i = j + 1; i < end; i++) {
      const r = i * Interp.Rec;
      if (recs[r] !== Kind.Interp) continue;
      const built = build(i);
      if (built !== nodes[i]) setChild(flat, recs[r + 1], recs[r + 2], nodes[i], built);
    }
    return nodes[j];
  };
  return build;
}

/** Puts `node` where `old`, child of record `parent` under key id `key`, is. */
function setChild(flat: Flat, parent: number, key: number, old: Node, node: Node): void {
  const p = flat.nodes[parent];
  if (p.kind === "list") {
    p.items[-(key + 2)] = node;
    return;
  }
  if (p.kind !== "dict") return;
  if (key >= 0) {
    const canon = canonicalKey(flat.keyNames[key]);
    const e = p.entries.get(canon);
    if (e !== undefined && e.node === old) {
      p.entries.set(canon, { key: e.key, node });
      return;
    }
  }
  // a key that is not a str (1, true, None, 1.5): found by its node
  for (const [canon, e] of p.entries) {
    if (e.node === old) {
      p.entries.set(canon, { key: e.key, node });
      return;
    }
  }
}
