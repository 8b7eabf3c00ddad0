/**
 * The fast reader's signal that a flow collection nests past the limit
 * (./fast_flow.ts throws it, ./fast.ts reports it with the full key its
 * frames add while it unwinds), and where a block document crosses the limit
 * by its indentation (./full.ts, when npm:yaml runs out of stack first).
 *
 * @module
 */

import type { Key, NodeOrigin } from "../node.ts";

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
  constructor(readonly origin: NodeOrigin) {}
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

/**
 * Where a document's block nesting, read from its indentation, first goes
 * past `limit` levels: each line one indent deeper than the last open one
 * is a level, and each `- ` that opens a sequence on a line another. What
 * the full reader reports when npm:yaml overflows its own stack (at a place
 * that varies with the engine's stack) so that the error is placed where
 * the document crosses the limit, the same on every run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockDepthCrossing } from "./fast_deep.ts";
 * assert.deepEqual(blockDepthCrossing("a:\n  b:\n    c: 1\n", 2), { line: 3, col: 5 });
 * assert.deepEqual(blockDepthCrossing("- - - x\n", 2), { line: 1, col: 5 });
 * assert.equal(blockDepthCrossing("a:\n  b: 1\n", 2), undefined);
 * ```
 */
export function blockDepthCrossing(
  text: string,
  limit: number,
): { line: number; col: number } | undefined {
  const open: number[] = []; // the indents of the open levels
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^( *)([^\s#])/.exec(lines[i]);
    if (!m) continue;
    let col = m[1].length;
    while (open.length > 0 && open[open.length - 1] >= col) open.pop();
    open.push(col);
    if (open.length > limit) return { line: i + 1, col: col + 1 };
    // `- - x`: each dash but the last opens one more level, two columns in
    let rest = lines[i].slice(col);
    for (let dash; (dash = /^- +(?=-( |$))/.exec(rest));) {
      col += dash[0].length;
      rest = rest.slice(dash[0].length);
      open.push(col);
      if (open.length > limit) return { line: i + 1, col: col + 1 };
    }
  }
  return undefined;
}
