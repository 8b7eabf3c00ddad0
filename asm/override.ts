/**
 * The host side of the WASM override parser: writes a batch of override
 * strings into WASM memory as UTF-16 (so every offset the parser reports is an
 * index into the JS strings, and no text is decoded back), makes one call,
 * and copies the result table out. The table layout is documented in
 * asm/assembly/override/parser.ts.
 *
 * @module
 */

import { alloc, free, memory, parseOverrideBatch as parseBatch } from "./wasm.ts";
import { Override, OverrideKind, OverrideStatus } from "./abi.ts";

/**
 * Words per override record in the result table: status, type, keyStart,
 * keyEnd, pkgStart, pkgEnd, root, errStart, errEnd, expected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OV, parseOverridesRaw } from "./override.ts";
 * const raw = parseOverridesRaw(["a=1", "db@src=x"]);
 * assert.equal(raw.text.slice(raw.ovs[1 * OV + 4], raw.ovs[1 * OV + 5]), "src");
 * ```
 */
export const OV: number = Override.Rec;
/**
 * Words per node in the result table: kind, size, a, b (preorder).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NODE, NodeKind, OV, parseOverridesRaw } from "./override.ts";
 * const raw = parseOverridesRaw(["a=1"]);
 * const root = raw.ovs[0 * OV + 6];
 * assert.equal(raw.nodes[(root + 1) * NODE], NodeKind.Int, "the value's child");
 * ```
 */
export const NODE: number = Override.NodeRec;

/**
 * Node kinds of the result table (word 0 of a node).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NODE, NodeKind, OV, parseOverridesRaw } from "./override.ts";
 * const raw = parseOverridesRaw(["a=x,y"]);
 * assert.equal(raw.nodes[raw.ovs[6] * NODE], NodeKind.Sweep);
 * ```
 */
export const NodeKind = OverrideKind;

/**
 * Override record status (word 0 of a record).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OV, parseOverridesRaw, Status } from "./override.ts";
 * const raw = parseOverridesRaw(["a=1", "b=[1"]);
 * assert.equal(raw.ovs[0 * OV], Status.Ok);
 * assert.equal(raw.ovs[1 * OV], Status.Syntax);
 * ```
 */
export const Status = OverrideStatus;

/** The parse of a batch: the joined text and the result columns. */
export interface RawBatch {
  /** All overrides back to back; node offsets index into it. */
  text: string;
  /** Where override i starts in `text` (n + 1 entries). */
  starts: Int32Array;
  /** OV words per override: status, type, keyStart, keyEnd, pkgStart, pkgEnd, root, errStart, errEnd, expected. */
  ovs: Int32Array;
  /** NODE words per node: kind, size, a, b (preorder). */
  nodes: Int32Array;
  /** Unescaped string text (UTF-16 units) for Arena nodes. */
  arena: Uint16Array;
}

/**
 * Counts of engine calls, so tests and benchmarks can prove batching.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overrideEngineStats } from "./override.ts";
 * import { parseOverrides } from "../override.ts";
 * const before = overrideEngineStats.calls;
 * parseOverrides(["a=1", "b=2", "c=3"]);
 * assert.equal(overrideEngineStats.calls - before, 1, "one WASM call for the batch");
 * ```
 */
export const overrideEngineStats = { calls: 0 };

/**
 * Parses `texts` in one WASM call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverridesRaw } from "./override.ts";
 * const raw = parseOverridesRaw(["a=1", "+b=x,y"]);
 * assert.equal(raw.ovs.length, 20);
 * ```
 */
export function parseOverridesRaw(texts: readonly string[]): RawBatch {
  overrideEngineStats.calls++;
  const n = texts.length;
  const starts = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = total;
    total += texts[i].length;
  }
  starts[n] = total;
  const text = texts.join("");
  const headBytes = (n + 2) * 4;
  const ptr = alloc(headBytes + total * 2);
  try {
    const head = new Int32Array(memory.buffer, ptr, n + 2);
    head[0] = n;
    head.set(starts, 1);
    const chars = new Uint16Array(memory.buffer, ptr + headBytes, total);
    for (let i = 0; i < total; i++) chars[i] = text.charCodeAt(i);
    const out = parseBatch(ptr);
    try {
      const h = new Int32Array(memory.buffer, out, Override.OutHeader);
      const [count, nNodes, nArena, ovWord, nodeWord, arenaByte] = h;
      const ovs = new Int32Array(memory.buffer, out + ovWord * 4, count * OV).slice();
      const nodes = new Int32Array(memory.buffer, out + nodeWord * 4, nNodes * NODE).slice();
      const arena = new Uint16Array(memory.buffer, out + arenaByte, nArena).slice();
      return { text, starts, ovs, nodes, arena };
    } finally {
      free(out);
    }
  } finally {
    free(ptr);
  }
}
