/**
 * What a resolver is to the evaluator: the call it receives, its result (a
 * node, or a config of its own), the lookup of resolvers by name, and how
 * its exception is named in OmegaConf's message (or passes through).
 *
 * @module
 */

import { ErrorCode, isStrataError, pythonErrorClass, type StrataError } from "../errors.ts";
import type { Key, Node } from "../node.ts";
import type { Evaluator } from "./evaluate.ts";
import type { Loc, Resolved } from "./loc.ts";

/** What a resolver implementation receives. */
export interface ResolverCall {
  args: Node[];
  argTexts: string[];
  /**
   * Where each argument that is a config node (`${src.in}`, a lone
   * interpolation) sits; undefined for the others.
   */
  argLocs?: (Loc | undefined)[];
  /** The node holding the interpolation and its parent container. */
  loc: Loc;
  ev: Evaluator;
}

/**
 * A resolver's result that is a config of its own (a library `Config`): its
 * interpolations read that config (`root`, the result being the node at
 * `path` in it), not the config being resolved, as a DictConfig a Python
 * resolver makes with `OmegaConf.create` reads itself. `oc.create` and plain
 * data results sit where the interpolation is, as OmegaConf's `oc.create`
 * (which passes `parent=`) does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { OwnRoot } from "./resolver_call.ts";
 * const root = dict([["m", dict([["x", int(1)]])]]);
 * assert.deepEqual(new OwnRoot(root, ["m"]).path, ["m"]);
 * ```
 */
export class OwnRoot {
  /**
   * @param root the config the result belongs to
   * @param path the result's keys in `root` (none: the root itself)
   */
  constructor(readonly root: Node, readonly path: readonly Key[] = []) {}
}

/** A resolver as the evaluator calls it. */
export type ResolverImpl = (call: ResolverCall) => Node | Resolved;

/** Resolver lookup: built-ins, the registry and per-call resolvers. */
export type ResolverTable =
  & ((
    name: string,
  ) => { impl: ResolverImpl; useCache?: boolean } | undefined)
  & {
    /** The names it knows (for did-you-mean), when it can list them. */
    names?: () => string[];
  };

/**
 * The class a resolver's exception is named by in OmegaConf's "X raised
 * while resolving interpolation": OmegaConf's for a StrataError, else the
 * error's name, or its class's when it keeps `Error`'s (as Python names the class).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolverErrorClass } from "./resolver_call.ts";
 * assert.equal(resolverErrorClass(new TypeError("x")), "TypeError");
 * class QuotaError extends Error {}
 * assert.equal(resolverErrorClass(new QuotaError("x")), "QuotaError");
 * ```
 */
export function resolverErrorClass(e: unknown): string {
  if (isStrataError(e)) return pythonErrorClass(e.code);
  if (!(e instanceof Error)) return "Error";
  // `class QuotaError extends Error {}` keeps Error's name: Python names the class
  const cls = e.constructor?.name;
  return e.name === "Error" && cls ? cls : e.name;
}

// OmegaConf's InterpolationResolutionError and its subclasses
const RESOLUTION_CODES: ReadonlySet<string> = new Set([
  ErrorCode.InterpolationResolution,
  ErrorCode.InterpolationKey,
  ErrorCode.InterpolationToMissing,
  ErrorCode.UnsupportedInterpolation,
]);

/**
 * Whether a resolver's exception is an InterpolationResolutionError (or a
 * subclass), which OmegaConf's `resolve_parse_tree` re-raises unchanged
 * instead of wrapping it as "X raised while resolving interpolation": a
 * resolver that resolves something itself (`${hydra:sweep.subdir}` reaching
 * `???`) fails with that error, its key and message, and `OmegaConf.resolve`
 * sets `???` for an InterpolationToMissingValueError.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { passesThrough } from "./resolver_call.ts";
 * assert.ok(passesThrough(new StrataError(ErrorCode.InterpolationKey, "Interpolation key 'x' not found")));
 * assert.ok(!passesThrough(new StrataError(ErrorCode.MissingValue, "Missing mandatory value: x")));
 * assert.ok(!passesThrough(new TypeError("x")));
 * ```
 */
export function passesThrough(e: unknown): e is StrataError {
  return isStrataError(e) && RESOLUTION_CODES.has(e.code);
}
