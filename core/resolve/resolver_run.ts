/**
 * Resolver calls of the evaluator: an interpolation's resolver name and arguments evaluated,
 * use_cache hits, and a failed call kept (per evaluator, and across the evaluators of one
 * operation) and named as OmegaConf wraps it.
 *
 * @module
 */

import { ErrorCode, thrownText } from "../errors.ts";
import { type Node, str } from "../node.ts";
import type { Interp, ResolverInterp } from "./grammar.ts";
import { pyStr, pyType } from "./pystr.ts";
import { Fail, isStackOverflow, unsupportedResolver } from "./fail.ts";
import type { Loc, Resolved } from "./loc.ts";
import { type OwnRoot, passesThrough, resolverErrorClass } from "./resolver_call.ts";
import type { Evaluator } from "./evaluate.ts";

/** Result nodes that are {@link OwnRoot}s, for use_cache hits (the cache keeps nodes). */
export const ownRoots = new WeakMap<Node, OwnRoot>();

/**
 * Failed resolver calls kept across the evaluators of one operation
 * ({@link keepingResolverFailures}), by position and arguments.
 */
let sharedFailures: Map<string, Fail> | undefined;

/**
 * Runs `fn` with resolver failures shared by every evaluator it makes: a
 * second resolution of the same tree (to_object's in-order walk, replayed
 * after the whole tree failed to find which failure OmegaConf meets first)
 * gets a failed call's error without running the resolver again.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keepingResolverFailures } from "./resolver_run.ts";
 * import { resolveTree } from "./resolve.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * let calls = 0;
 * const boom = () => { calls++; throw new Error("down"); };
 * const tree = loadYaml("a: ${boom:}");
 * keepingResolverFailures(() => {
 *   for (let i = 0; i < 2; i++) {
 *     assert.throws(() => resolveTree(tree, { resolvers: { boom } }), /down/);
 *   }
 * });
 * assert.equal(calls, 1);
 * ```
 */
export function keepingResolverFailures<T>(fn: () => T): T {
  const outer = sharedFailures;
  sharedFailures ??= new Map();
  try {
    return fn();
  } finally {
    sharedFailures = outer;
  }
}

/**
 * An interpolation that calls a resolver (`${join:a,${x}}`): its name and arguments evaluated,
 * then {@link callResolver}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import type { ResolverInterp } from "./grammar.ts";
 * import { parseCached } from "./caches.ts";
 * import { resolverInterp } from "./resolver_run.ts";
 * const ev = new Evaluator(dict([]), (name) =>
 *   name === "join" ? { impl: ({ argTexts }) => str(argTexts.join("+")) } : undefined);
 * const [call] = parseCached("${join:a,b}").parts;
 * const r = resolverInterp(ev, call as ResolverInterp, ev.root);
 * assert.equal(r.node.kind === "value" && r.node.value, "a+b");
 * ```
 */
export function resolverInterp(ev: Evaluator, r: ResolverInterp, loc: Loc): Resolved {
  const name = r.name.map((p) => {
    if (typeof p === "string") return p;
    const v = ev.interp(p, loc).node;
    if (v.kind !== "value" || v.type !== "str") {
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `The name of a resolver must be a string, but the interpolation ${p.text} resolved to \`${
          pyStr(v)
        }\` which is of type <class '${pyType(v)}'>`,
      );
    }
    return v.value as string;
  }).join("");
  // the arguments first, as OmegaConf's grammar visitor evaluates them before it looks the
  // resolver up (`${evl:${nope}}` is the missing key's error, not "Unsupported ... evl");
  // callResolver says when the name is no resolver's
  const args: Node[] = [];
  const argTexts: string[] = [];
  const argLocs: (Loc | undefined)[] = [];
  for (const a of r.args) {
    const el = a.el;
    if (el?.t === "prim" && el.toks.length === 1 && "t" in el.toks[0]) {
      // a lone interpolation gives the node itself, which keeps its place
      const got = ev.interp(el.toks[0] as Interp, loc);
      args.push(got.node);
      argLocs.push(got.node.kind === "value" ? undefined : got.loc);
    } else {
      args.push(el ? ev.element(el, loc) : str(""));
      argLocs.push(undefined);
    }
    argTexts.push(a.text);
  }
  return callResolver(ev, name, args, argTexts, loc, argLocs);
}

/**
 * A resolver call the WASM engine batched for node `loc`: the node counts as
 * being resolved while the resolver runs, as when this evaluator resolves it
 * (so a cycle through the resolver names the same members).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { callResolverFor } from "./resolver_run.ts";
 * const ev = new Evaluator(dict([]), (name) =>
 *   name === "join" ? { impl: ({ argTexts }) => str(argTexts.join("+")) } : undefined);
 * const r = callResolverFor(ev, "join", [str("a")], ["a"], ev.root);
 * assert.equal(r.node.kind === "value" && r.node.value, "a");
 * ```
 */
export function callResolverFor(
  ev: Evaluator,
  name: string,
  args: Node[],
  argTexts: string[],
  loc: Loc,
  argLocs?: (Loc | undefined)[],
): Resolved {
  if (ev.active.has(loc.id)) return callResolver(ev, name, args, argTexts, loc, argLocs);
  ev.active.set(loc.id, loc);
  try {
    return callResolver(ev, name, args, argTexts, loc, argLocs);
  } finally {
    ev.active.delete(loc.id);
  }
}

/**
 * Calls resolver `name` with evaluated arguments (the WASM engine's host
 * rounds come here too, through {@link callResolverFor}): the registry, use_cache, and errors as OmegaConf
 * wraps them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { callResolver } from "./resolver_run.ts";
 * const ev = new Evaluator(dict([]), (name) =>
 *   name === "join" ? { impl: ({ argTexts }) => str(argTexts.join("+")) } : undefined);
 * const r = callResolver(ev, "join", [str("a"), str("b")], ["a", "b"], ev.root);
 * assert.equal(r.node.kind === "value" && r.node.value, "a+b");
 * assert.throws(() => callResolver(ev, "nope", [], [], ev.root), /Unsupported interpolation type nope/);
 * ```
 */
export function callResolver(
  ev: Evaluator,
  name: string,
  args: Node[],
  argTexts: string[],
  loc: Loc,
  argLocs?: (Loc | undefined)[],
): Resolved {
  const entry = ev.resolvers(name);
  if (!entry) {
    throw unsupportedResolver(name, ev.resolvers.names?.());
  }
  const cacheKey = name + "\u0000" + argTexts.join("\u0000");
  if (entry.useCache) {
    const hit = ev.cache.get(cacheKey);
    if (hit) {
      const own = ownRoots.get(hit);
      return { node: hit, loc: own ? ev.ownRootLoc(own, loc) : ev.virtualLoc(hit, loc) };
    }
  }
  const failKey = loc.id + "\u0003" + cacheKey;
  // a position in the tree (not in a resolver's result, numbered per evaluator)
  const shared = sharedFailures !== undefined && !loc.id.includes("\u0002") &&
    !loc.id.includes("\u0004");
  const failed = ev.failed.get(failKey) ?? (shared ? sharedFailures!.get(failKey) : undefined);
  if (failed) throw failed;
  let out: Node | Resolved;
  try {
    out = entry.impl({ args, argTexts, argLocs, loc, ev });
  } catch (e) {
    // A Fail comes from evaluating inside a built-in (a cycle, a missing key):
    // it depends on what is being resolved, so it is not kept.
    if (e instanceof Fail) throw e;
    // an InterpolationResolutionError (or subclass) the resolver raised, say by
    // resolving something itself, is OmegaConf's to re-raise as it is: not
    // wrapped, and not kept either (it depends on that other resolution)
    if (passesThrough(e)) throw e;
    // a JS stack overflow (`oc.decode` of "[[[...]]]" 5,000 deep) is Python's RecursionError
    const overflow = isStackOverflow(e);
    const fail = new Fail(
      ErrorCode.InterpolationResolution,
      overflow
        ? "RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison"
        : `${resolverErrorClass(e)} raised while resolving interpolation: ${thrownText(e)}`,
    );
    ev.failed.set(failKey, fail);
    if (shared) sharedFailures!.set(failKey, fail);
    throw fail;
  }
  const res: Resolved = "loc" in out && "node" in out
    ? out as Resolved
    : { node: out as Node, loc: ev.virtualLoc(out as Node, loc) };
  if (entry.useCache) ev.cache.set(cacheKey, res.node);
  return res;
}
