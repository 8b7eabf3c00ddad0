/**
 * What a suite adapter is: one function that runs one case of a corpus file
 * through strata's public API and says whether it passed.
 *
 * @module
 */

/** The outcome of one case: undefined when it passed, else why it failed. */
export type Outcome = string | undefined;

/** Where a suite file was found, for cases that read config trees beside it. */
export interface SuiteContext {
  /** The suite file's path. */
  file: string;
  /** The directory holding the suite file. */
  dir: string;
}

/** A suite adapter: runs one case. */
export type RunCase = (
  // deno-lint-ignore no-explicit-any
  c: any,
  ctx: SuiteContext,
) => Outcome | Promise<Outcome>;

/**
 * Runs `body` with environment variables set (null unsets), restoring them after.
 *
 * @example
 * ```ts ignore
 * import { withEnv } from "./suite.ts";
 * await withEnv({ HOME: null }, () => undefined);
 * ```
 */
export async function withEnv<T>(
  env: Record<string, string | null> | undefined,
  body: () => T | Promise<T>,
): Promise<T> {
  if (!env) return await body();
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, Deno.env.get(k));
    if (v === null) Deno.env.delete(k);
    else Deno.env.set(k, v);
  }
  try {
    return await body();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
  }
}

/**
 * Runs `body`, turning a thrown error into a failed outcome.
 *
 * @example
 * ```ts
 * import { guard } from "./suite.ts";
 * await guard(() => { throw new Error("boom"); }); // "crashed: boom"
 * ```
 */
export async function guard(body: () => Outcome | Promise<Outcome>): Promise<Outcome> {
  try {
    return await body();
  } catch (e) {
    return `crashed: ${e instanceof Error ? e.message : String(e)}`;
  }
}
