/**
 * Copying what an evaluator resolved into a new tree ({@link materialize}),
 * with every error located at the node that failed: OmegaConf's
 * RecursionError for a JS stack overflow, `resolve`'s refusal of a
 * resolver's plain dict or list. The evaluator of one call
 * ({@link evaluator}) and its warnings ({@link flush}) are made here too.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import {
  type DictNode,
  type Entry,
  type ListNode,
  type Node,
  type NodeOrigin,
  originOf,
} from "../node.ts";
import { Evaluator } from "./evaluate.ts";
import { childLoc, isPlainResult, type Loc, locFullKey, type Resolved } from "./loc.ts";
import { failPosition } from "./value_position.ts";
import { Fail, isStackOverflow } from "./fail.ts";
import { defaultWarningSink } from "./warning_sink.ts";
import { resolverTable, scopedResolvers } from "./resolvers.ts";
import type { ResolveOptions } from "./resolve.ts";

/** The evaluators that refuse plain results (ResolveOptions.refusePlainResults). */
const refusing = new WeakSet<Evaluator>();

/**
 * OmegaConf.resolve's UnsupportedValueType for a resolver's plain dict or
 * list at `loc` (only for an evaluator made with `refusePlainResults`).
 *
 * @example
 * ```ts ignore
 * refusePlain(ev, ev.resolve(loc), loc); // throws when r is a resolver's plain dict
 * ```
 */
export function refusePlain(ev: Evaluator, r: Resolved, loc: Loc): void {
  if (!refusing.has(ev) || r.node.kind === "value" || !isPlainResult(r.loc)) return;
  if (isPlainResult(loc)) return; // inside the value, already refused where it sits
  locate(new Fail(ErrorCode.UnsupportedValue, refusalMessage(r.node.kind)), loc);
}

const refusalMessage = (kind: "dict" | "list") =>
  `Value '${kind}' is not a supported primitive type`;

/**
 * Whether `e` is {@link refusePlain}'s error: a resolver's plain dict or list
 * that `OmegaConf.resolve` refuses and `to_container(resolve=True)` keeps (a
 * resolver's `Date`, refused everywhere, is not).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StrataError } from "../errors.ts";
 * import { isPlainRefusal } from "./materialize.ts";
 * const e = new StrataError("unsupported-value", "Value 'dict' is not a supported primitive type");
 * assert.equal(isPlainRefusal(e), true);
 * ```
 */
export function isPlainRefusal(e: unknown): e is StrataError {
  return e instanceof StrataError && e.code === ErrorCode.UnsupportedValue &&
    (e.message === refusalMessage("dict") || e.message === refusalMessage("list"));
}

/**
 * Throws `e` located at `loc`: a {@link Fail} becomes a {@link StrataError}
 * with the node's full key and origin, a JS stack overflow OmegaConf's
 * RecursionError; anything else is rethrown as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluator, locate } from "./materialize.ts";
 * import { Fail } from "./fail.ts";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { dict } from "../node.ts";
 * const ev = evaluator(dict(), {});
 * assert.throws(() => locate(new Fail(ErrorCode.Key, "no"), ev.root), StrataError);
 * ```
 */
export function locate(e: unknown, loc: Loc): never {
  // a JS stack overflow in resolving this node (a chain of thousands of
  // interpolations) is OmegaConf's RecursionError, located where it started
  if (isStackOverflow(e)) e = new Fail(ErrorCode.InterpolationResolution, RECURSION);
  if (e instanceof Fail) {
    // reached through other interpolations: OmegaConf names the key asked for, the text to fix
    // is where the innermost one failed (an override's `cpu_num=${lucky_numbr}`)
    const at = e.at;
    // (not when its related lines name that place already: a cycle's members)
    const said = (packed: NodeOrigin) => {
      const o = originOf(packed);
      return e.related?.some((r) => {
        const ro = originOf(r.origin);
        return ro?.file === o?.file && ro?.line === o?.line && ro?.col === o?.col &&
          ro?.override === o?.override;
      }) ?? false;
    };
    // a value of many lines (a block scalar) is placed at the line of the interpolation failing
    const placed = failPosition(e);
    const via = at && at.id !== loc.id && e.origin === undefined && at.origin && !said(at.origin)
      ? [{
        message: `where it fails: ${at.fullKey}: ${placed?.snippet?.text ?? at.text}`,
        origin: placed?.origin ?? at.origin,
      }]
      : [];
    const own = at?.id === loc.id && e.origin === undefined ? placed : undefined;
    throw new StrataError(e.code, e.message, {
      fullKey: e.fullKey ?? locFullKey(loc),
      origin: e.origin ?? own?.origin ?? loc.node.origin,
      related: [...via, ...(e.related ?? [])],
      suggestions: e.suggestions,
      ...(own?.snippet ? { snippet: own.snippet } : {}),
    });
  }
  throw e;
}

/**
 * A fully resolved copy of the node at a position.
 *
 * @example
 * ```ts ignore
 * materialize(ev, ev.resolve(loc));
 * ```
 */
export function materialize(ev: Evaluator, r: Resolved): Node {
  const n = r.node;
  if (n.kind === "value") return n;
  try {
    ev.countNodes(n.kind === "list" ? n.items.length + 1 : n.entries.size + 1);
  } catch (e) {
    locate(e, r.loc);
  }
  let out: DictNode | ListNode;
  if (n.kind === "list") {
    out = {
      kind: "list",
      items: n.items.map((c, i) => resolveLeaf(ev, childLoc(r.loc, i, c, true))),
    };
  } else {
    const entries = new Map<string, Entry>();
    for (const [k, e] of n.entries) {
      entries.set(k, { key: e.key, node: resolveLeaf(ev, childLoc(r.loc, e.key, e.node, false)) });
    }
    out = { kind: "dict", entries };
  }
  if (n.origin) out.origin = n.origin;
  if (n.flags) out.flags = { ...n.flags };
  return out;
}

/**
 * The node at `loc` resolved and, when a container, copied fully resolved
 * (a copy through an interpolation counts against the evaluator's limit).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluator, resolveLeaf } from "./materialize.ts";
 * import { childLoc } from "./loc.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import type { DictNode } from "../node.ts";
 * const root = loadYaml("a: 1\nb: ${a}") as DictNode;
 * const ev = evaluator(root, {});
 * const b = resolveLeaf(ev, childLoc(ev.root, "b", root.entries.get("b")!.node, false));
 * assert.equal(b.kind === "value" && b.value, 1);
 * ```
 */
export function resolveLeaf(ev: Evaluator, loc: Loc): Node {
  let r: Resolved;
  try {
    r = ev.resolve(loc);
  } catch (e) {
    locate(e, loc);
  }
  if (r.node.kind === "value") {
    if (r.node === loc.node || !loc.node.origin) return r.node;
    return { ...r.node, origin: loc.node.origin };
  }
  refusePlain(ev, r, loc);
  guardRecursion(r, loc);
  if (r.loc.id === loc.id) return materialize(ev, r);
  // a container copied while it is being copied (`a: {m: ${b}}`, `b: {k: ${a}}`) would be copied
  // forever: OmegaConf's RecursionError, at the interpolation that closes the cycle
  let chain = copyingNow.get(ev);
  if (!chain) copyingNow.set(ev, chain = new Set());
  if (chain.has(r.loc.id)) locate(new Fail(ErrorCode.InterpolationResolution, CYCLE), loc);
  chain.add(r.loc.id);
  ev.copying++; // an interpolation to a container: a copy, counted against the limit
  try {
    return materialize(ev, r);
  } finally {
    ev.copying--;
    chain.delete(r.loc.id);
  }
}

/** The containers each evaluator is copying through interpolations, by position. */
const copyingNow = new WeakMap<Evaluator, Set<string>>();
const CYCLE =
  "RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison";

/**
 * A resolver (`oc.select:a`, `oc.deprecated:.`) that returns a container
 * holding the node itself would be copied forever; OmegaConf fails with
 * Python's RecursionError, located at the node.
 *
 * @example
 * ```ts ignore
 * guardRecursion(ev.resolve(loc), loc); // throws when the result holds loc's node
 * ```
 */
export function guardRecursion(r: Resolved, loc: Loc): void {
  if (r.loc.id !== loc.id && (loc.id + "\u0001").startsWith(r.loc.id + "\u0001")) {
    locate(
      new Fail(
        ErrorCode.InterpolationResolution,
        "RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison",
      ),
      loc,
    );
  }
}

const RECURSION =
  "RecursionError raised while resolving interpolation: maximum recursion depth exceeded";

/**
 * A JS stack overflow (absurdly deep input) becomes OmegaConf's RecursionError;
 * a string V8 cannot hold (a limit of strata should come first) a limit error.
 *
 * @example
 * ```ts
 * import { noStackOverflow } from "./materialize.ts";
 * noStackOverflow(() => 1); // 1
 * ```
 */
export function noStackOverflow<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    if (!/call stack/i.test(e.message)) {
      throw new StrataError(ErrorCode.Limit, `a resolved value is too large: ${e.message}`, {
        fullKey: "",
      });
    }
    throw new StrataError(ErrorCode.InterpolationResolution, RECURSION, { fullKey: "" });
  }
}

/**
 * Hands the evaluator's warnings to `opts.onWarning` (default: warning_sink.ts's)
 * and forgets them.
 *
 * @example
 * ```ts
 * import { evaluator, flush } from "./materialize.ts";
 * import { dict } from "../node.ts";
 * const ev = evaluator(dict(), {});
 * ev.warnings.push("careful");
 * flush(ev, { onWarning: (m) => console.log(m) }); // prints "careful"
 * ```
 */
export function flush(ev: Evaluator, opts: ResolveOptions): void {
  const sink = opts.onWarning ?? defaultWarningSink();
  ev.warnings.forEach((w, i) => sink(w, ev.warningOrigins[i]));
  ev.warnings.length = 0;
  ev.warningOrigins.length = 0;
}

/**
 * The evaluator of one call on `root`: the tree's own scoped resolvers, then
 * `opts.resolvers`, then the registry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluator, materialize } from "./materialize.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toContainer } from "../../engine.ts";
 * const root = loadYaml("a: 1\nb: ${a}");
 * const ev = evaluator(root, {});
 * assert.deepEqual(toContainer(materialize(ev, { node: root, loc: ev.root })), { a: 1, b: 1 });
 * ```
 */
export function evaluator(root: Node, opts: ResolveOptions): Evaluator {
  const own = scopedResolvers(root);
  const ev = new Evaluator(
    root,
    resolverTable(own ? { ...own, ...opts.resolvers } : opts.resolvers),
  );
  if (opts.refusePlainResults) refusing.add(ev);
  return ev;
}
