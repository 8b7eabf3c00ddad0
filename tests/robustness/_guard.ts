/**
 * Shared checks of the robustness suite: whatever random input a public
 * function gets, it returns or throws a well-formed StrataError, quickly.
 *
 * @module
 */

import assert from "node:assert/strict";
import { ErrorCode, isStrataError, type StrataError } from "../../core/errors.ts";

const CODES = new Set<string>(Object.values(ErrorCode));

/** What an error of the call under test must carry besides code and message. */
export interface Expect {
  /** The error names where it came from (file:line:col or the override). */
  origin?: boolean;
  /** The error names the full key (`""` counts: the root). */
  fullKey?: boolean;
  /** Either an origin or a full key. */
  originOrKey?: boolean;
  /** Errors that need no origin or key (e.g. about an API option, not the input text). */
  exempt?: (e: StrataError) => boolean;
}

/**
 * Runs `body`; any error must be a StrataError with a known code, a non-empty
 * message and what `expect` asks for. Returns the result, or the error.
 *
 * @example
 * ```ts ignore
 * const r = strataOnly(() => loadYaml(text), { origin: true }, text);
 * ```
 */
export function strataOnly<T>(
  body: () => T,
  expect: Expect,
  input: unknown,
): T | StrataError {
  try {
    return body();
  } catch (e) {
    const show = () => JSON.stringify(input)?.slice(0, 300);
    if (!isStrataError(e)) {
      throw new Error(
        `not a StrataError for input ${show()}:\n${e instanceof Error ? e.stack : String(e)}`,
      );
    }
    assert.ok(CODES.has(e.code), `unknown code ${e.code} for ${show()}`);
    assert.ok(e.message.trim().length > 0, `empty message for ${show()}`);
    if (expect.exempt?.(e)) return e;
    if (expect.origin) assert.ok(e.origin, `no origin: ${e.message} for ${show()}`);
    if (expect.fullKey) {
      assert.ok(e.fullKey !== undefined, `no full key: ${e.message} for ${show()}`);
    }
    if (expect.originOrKey) {
      assert.ok(e.origin || e.fullKey !== undefined, `no origin/key: ${e.message} for ${show()}`);
    }
    return e;
  }
}

/** Fails when `body` takes longer than `ms` (a hang shows up as a slow case, not a stuck run). */
export function within<T>(ms: number, body: () => T, input: unknown): T {
  const t0 = performance.now();
  const out = body();
  const took = performance.now() - t0;
  assert.ok(
    took < ms,
    `took ${took.toFixed(0)} ms (> ${ms}) for ${JSON.stringify(input)?.slice(0, 200)}`,
  );
  return out;
}

/** `n` runs, times `STRATA_FUZZ` (default 1): `STRATA_FUZZ=50` hunts longer. */
export function runs(n: number): number {
  return Math.round(n * Number(Deno.env.get("STRATA_FUZZ") ?? "1"));
}
