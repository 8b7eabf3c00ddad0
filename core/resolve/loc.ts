/**
 * Positions in a tree being resolved ({@link Loc}): the parent chain that
 * relative keys and full keys need, the ids results are memoized by, the
 * marks of resolver results (virtual positions, plain values), and the
 * limits on what a resolution may build.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import { canonicalKey, fullKey, type Key, type Node } from "../node.ts";
import { Fail } from "./fail.ts";

/** Where a node sits: its parent chain, for relative keys and full keys. */
export interface Loc {
  node: Node;
  parent: Loc | null;
  key: Key;
  inList: boolean;
  /** A unique id of the position (memo key). */
  id: string;
}

/** The resolved value of a position, with the position of a container result. */
export interface Resolved {
  node: Node;
  loc: Loc;
}

/**
 * The root position of a tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { rootLoc } from "./loc.ts";
 * assert.equal(rootLoc(dict()).id, "");
 * ```
 */
export function rootLoc(node: Node): Loc {
  return { node, parent: null, key: null, inList: false, id: "" };
}

/**
 * The position of a child.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { childLoc, rootLoc } from "./loc.ts";
 * assert.equal(childLoc(rootLoc(dict()), "a", int(1), false).id, "\u0001a");
 * ```
 */
export function childLoc(parent: Loc, key: Key, node: Node, inList: boolean): Loc {
  const ck = canonicalKey(inList ? Number(key) : key);
  return { node, parent, key, inList, id: parent.id + "\u0001" + ck };
}

/**
 * The OmegaConf full key of a position (`a.b[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { childLoc, locFullKey, rootLoc } from "./loc.ts";
 * assert.equal(locFullKey(childLoc(rootLoc(dict()), "a", int(1), false)), "a");
 * ```
 */
export function locFullKey(loc: Loc): string {
  const keys: Key[] = [];
  const idx: boolean[] = [];
  for (let l: Loc | null = loc; l && l.parent; l = l.parent) {
    if (isVirtual(l.id)) {
      // a resolver's result has no key of its own in OmegaConf, but the interpolation's parent
      // as its parent (`oc.dict.values`, `oc.create`): its full keys are that parent's, then
      // `.` after a dict's (`a.b.[0]`, `a.b.x`), nothing after a list's (`l[0]`, `lx`): as
      // OmegaConf prints them (checker x57)
      const below = fullKey(keys, idx);
      // (the result itself: "", as OmegaConf names a node without a key)
      if (below === "") return "";
      const above = locFullKey(l.parent);
      if (above === "") return below;
      return l.parent.node.kind === "dict" ? `${above}.${below}` : above + below;
    }
    keys.unshift(l.key);
    idx.unshift(l.inList);
  }
  return fullKey(keys, idx);
}

/**
 * Whether an id is a resolver result's position (`Evaluator.virtualLoc`: `id \u0002 n`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isVirtual } from "./loc.ts";
 * assert.equal(isVirtual("\u0001sa\u00023"), true);
 * assert.equal(isVirtual("\u0001sa"), false);
 * ```
 */
export function isVirtual(id: string): boolean {
  const at = id.lastIndexOf("\u0002");
  return at >= 0 && /^\d+$/.test(id.slice(at + 1));
}

/**
 * Whether an id is a position inside a resolver's result (at it or below
 * it), not a node of the tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inResolverResult } from "./loc.ts";
 * assert.equal(inResolverResult("\u0001sa\u00023\u0001sb"), true);
 * assert.equal(inResolverResult("\u0001sa"), false);
 * ```
 */
export function inResolverResult(id: string): boolean {
  return id.includes("\u0002");
}

/**
 * The error for a string past {@link LIMITS}.resolvedStringChars.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stringTooLong } from "./loc.ts";
 * assert.equal(stringTooLong(2 ** 27).code, "limit");
 * ```
 */
export function stringTooLong(length: number): Fail {
  return new Fail(
    ErrorCode.Limit,
    `the resolved string has ${length} characters or more, over the limit of ` +
      `${LIMITS.resolvedStringChars} (64 Mi)`,
  );
}

/**
 * The error for a resolution past {@link LIMITS}.resolvedNodes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tooManyNodes } from "./loc.ts";
 * assert.equal(tooManyNodes().code, "limit");
 * ```
 */
export function tooManyNodes(): Fail {
  return new Fail(
    ErrorCode.Limit,
    `resolving copies more than ${LIMITS.resolvedNodes} nodes (the limit): ` +
      "interpolations copy containers that hold copies",
  );
}

/** Resolver results that are plain values, not config nodes: see {@link markLiteral}. */
const literals = new WeakSet<Node>();
/** Marks a position inside a {@link markLiteral} result (ids are built by appending). */
const LITERAL = "\u0004";

/**
 * Marks a resolver's result as a plain value: OmegaConf 2.2 keeps a dict or
 * list a resolver returns (not a DictConfig) as an opaque value, whose
 * strings are never interpolations (`{"s": "${x}"}` stays `${x}`, at any
 * depth). Returns `node`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { markLiteral } from "./loc.ts";
 * const got = markLiteral(dict([["s", str("${x}")]]));
 * const ev = new Evaluator(dict(), () => ({ impl: () => got }));
 * assert.equal(ev.virtualLoc(got, ev.root).id.includes("\u0004"), true);
 * ```
 */
export function markLiteral<T extends Node>(node: T): T {
  literals.add(node);
  return node;
}

/**
 * Whether a resolved position is (or is inside) a resolver's plain dict or
 * list ({@link markLiteral}): a value to OmegaConf, not a config node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { isPlainResult, markLiteral } from "./loc.ts";
 * const ev = new Evaluator(dict(), () => undefined);
 * assert.equal(isPlainResult(ev.virtualLoc(markLiteral(dict()), ev.root)), true);
 * assert.equal(isPlainResult(ev.root), false);
 * ```
 */
export function isPlainResult(loc: Loc): boolean {
  return loc.id.includes(LITERAL);
}

/**
 * What the id of a resolver result's position carries for `node`: the
 * plain-value mark when it is a {@link markLiteral} result.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { markLiteral, plainMark } from "./loc.ts";
 * assert.equal(plainMark(dict()), "");
 * assert.equal(plainMark(markLiteral(dict())), "\u0004");
 * ```
 */
export function plainMark(node: Node): string {
  return literals.has(node) ? LITERAL : "";
}

/**
 * Whether `node` is a resolver's plain dict or list ({@link markLiteral}), as
 * `resolveAt` marks what it returns for one: readers of a config (the
 * library's `get`, `select`) treat it as a value they do not walk into.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { isPlainValue, markLiteral } from "./loc.ts";
 * assert.equal(isPlainValue(dict()), false);
 * assert.equal(isPlainValue(markLiteral(dict())), true);
 * ```
 */
export function isPlainValue(node: Node): boolean {
  return literals.has(node);
}
