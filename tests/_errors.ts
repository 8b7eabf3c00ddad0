/**
 * The one test helper for error paths: the StrataError a call throws.
 *
 * @module
 */

import { isStrataError, type StrataError } from "../core/errors.ts";

/**
 * The StrataError `body` throws; fails the test when it throws nothing, and
 * rethrows anything else (a crash is not a user error).
 */
export function thrown(body: () => unknown): StrataError {
  try {
    body();
  } catch (e) {
    if (isStrataError(e)) return e;
    throw e;
  }
  throw new Error("expected a StrataError, nothing was thrown");
}
