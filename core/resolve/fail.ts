/**
 * A resolution failure before it is located: the resolve entry points turn it
 * into a {@link StrataError} with the full key and origin of the node the user
 * asked for.
 *
 * @module
 */

import { ErrorCode, type RelatedInit } from "../errors.ts";
import type { NodeOrigin } from "../node.ts";
import { suggest } from "../suggest.ts";

/**
 * An unlocated resolution error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Fail } from "./fail.ts";
 * assert.equal(new Fail("interpolation-key", "Interpolation key 'x' not found").code, "interpolation-key");
 * ```
 */
export class Fail extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fullKey?: string,
    readonly related?: RelatedInit[],
    /** Where the failing node is, when it is not the node being resolved (with `fullKey`). */
    readonly origin?: NodeOrigin,
    /** Did-you-mean candidates (an absent interpolation key's nearest keys). */
    readonly suggestions?: string[],
  ) {
    super(message);
  }

  /**
   * The innermost interpolation whose own text failed, when the node being resolved reached it
   * through others (`task.data.cpu_num: ${cpu_num}` reaching `cpu_num: ${lucky_numbr}`): set by
   * the first resolution that sees the failure go by (./evaluate.ts), said as a related place.
   */
  at?: { fullKey: string; text: string; origin?: NodeOrigin; id: string };

  /**
   * The text of the interpolation of `at`'s value that failed (`${nope}` in `a ${nope} b`): set
   * with `at`, so a value of many lines is placed at that interpolation's line.
   */
  piece?: string;
}

/**
 * OmegaConf's error for a resolver that is not registered: `Unsupported
 * interpolation type NAME`, with the nearest of the `known` names to suggest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unsupportedResolver } from "./fail.ts";
 * assert.deepEqual(unsupportedResolver("divde", ["divide", "oc.env"]).suggestions, ["divide"]);
 * ```
 */
export function unsupportedResolver(name: string, known: readonly string[] = []): Fail {
  const near = suggest(name, known);
  return new Fail(
    ErrorCode.UnsupportedInterpolation,
    `Unsupported interpolation type ${name}`,
    undefined,
    undefined,
    undefined,
    near.length > 0 ? near : undefined,
  );
}

/**
 * The resolver an `unsupported-interpolation` error names (as {@link unsupportedResolver} words
 * it, wherever the message was carried on to: a StrataError, a validate problem), else undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unsupportedResolver, unsupportedResolverName } from "./fail.ts";
 * assert.equal(unsupportedResolverName(unsupportedResolver("eval")), "eval");
 * assert.equal(unsupportedResolverName({ code: "key", message: "type x" }), undefined);
 * ```
 */
export function unsupportedResolverName(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (code !== ErrorCode.UnsupportedInterpolation || typeof message !== "string") return undefined;
  return /Unsupported interpolation type ([^\s:]+)/.exec(message)?.[1];
}

/**
 * Whether `e` is V8's stack overflow (a RangeError about the call stack).
 *
 * @example
 * ```ts
 * import { isStackOverflow } from "./fail.ts";
 * isStackOverflow(new RangeError("Maximum call stack size exceeded")); // true
 * ```
 */
export function isStackOverflow(e: unknown): boolean {
  // a check that itself ran out of stack (a regular expression compiled with none left) throws a
  // SyntaxError naming the overflow: the frame below, with stack again, takes it for one
  return e instanceof Error && (e instanceof RangeError || e instanceof SyntaxError) &&
    e.message.includes("call stack");
}
