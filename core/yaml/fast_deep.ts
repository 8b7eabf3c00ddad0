/**
 * The fast reader's signal that a flow collection nests past the limit
 * (./fast_flow.ts throws it, ./fast.ts reports it with the full key its
 * frames add while it unwinds).
 *
 * @module
 */

import type { Key, Origin } from "../node.ts";

/**
 * Thrown where a flow collection nests deeper than 500 levels (MAX_DEPTH): the
 * document is too deep whatever follows (what the fast reader read so far
 * is valid YAML), and the full reader would recurse 200,000 levels to say
 * so. The readers' frames add their key to `path` as it unwinds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { through, TooDeep } from "./fast_deep.ts";
 * const deep = new TooDeep({ file: "c.yaml", line: 1, col: 503 });
 * assert.throws(() => through(deep, "a", false));
 * assert.deepEqual(deep.path, [{ key: "a", index: false }]);
 * ```
 */
export class TooDeep {
  /** The keys from the crossing up to the root (innermost first). */
  readonly path: { key: Key; index: boolean }[] = [];
  /** Creates it at the collection that crosses the limit. */
  constructor(readonly origin: Origin) {}
}

/**
 * Adds a reader frame's key to a {@link TooDeep} unwinding through it; rethrows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { through } from "./fast_deep.ts";
 * assert.throws(() => through(new Error("other"), 0, true), /other/);
 * ```
 */
export function through(e: unknown, key: Key, index: boolean): never {
  if (e instanceof TooDeep) e.path.push({ key, index });
  throw e;
}
