/**
 * The one function the WASM interpolation engine imports (`callResolvers`):
 * it receives a batch of resolver calls per dependency level and returns their
 * results. It imports nothing, so loading the Wasm module (which imports this
 * module) creates no import cycle; core/resolve/engine.ts installs the handler.
 *
 * @module
 */

/** The handler of a batch: pointers into WASM memory in, a result pointer out. */
export type BatchHandler = (calls: number, nCalls: number, names: number, pieces: number) => number;

/**
 * The installed handler (set by core/resolve/engine.ts while a resolution runs).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callResolvers, host } from "./interp_host.ts";
 * host.handler = (_calls, nCalls) => nCalls;
 * assert.equal(callResolvers(0, 3, 0, 0), 3);
 * ```
 */
export const host: { handler?: BatchHandler } = {};

/**
 * Called by WASM once per round with every resolver call whose arguments are ready.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callResolvers, host } from "./interp_host.ts";
 * host.handler = () => 0;
 * assert.equal(callResolvers(0, 0, 0, 0), 0);
 * ```
 */
export function callResolvers(
  calls: number,
  nCalls: number,
  names: number,
  pieces: number,
): number {
  if (!host.handler) throw new Error("strata: no resolver handler installed");
  return host.handler(calls, nCalls, names, pieces);
}
