/**
 * A resolution failure before it is located: the resolve entry points turn it
 * into a {@link StrataError} with the full key and origin of the node the user
 * asked for.
 *
 * @module
 */

import type { ErrorCode, RelatedInit } from "../errors.ts";
import type { NodeOrigin } from "../node.ts";

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
}
