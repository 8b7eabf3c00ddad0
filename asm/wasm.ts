/**
 * The one owner of the WASM instance and its memory: every host module that
 * talks to the engine goes through these typed exports (asm/ABI.md says what
 * each buffer holds and who frees it). The module is imported as a Wasm
 * module, so `deno compile` embeds it and no path is read at run time.
 *
 * @module
 */

import * as wasm from "./build/strata.wasm";

/**
 * The engine's linear memory. Views of it go stale whenever the engine grows
 * it, so take a fresh view after every call into the engine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memory } from "./wasm.ts";
 * assert.ok(memory.buffer.byteLength > 0);
 * ```
 */
export const memory = wasm.memory as WebAssembly.Memory;

/**
 * Allocates `bytes` in engine memory for an input buffer; the caller frees it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alloc, free } from "./wasm.ts";
 * const p = alloc(16);
 * assert.ok(p > 0);
 * free(p);
 * ```
 */
export const alloc = wasm.alloc as (bytes: number) => number;

/**
 * Resizes a buffer from {@link alloc}, keeping its bytes (it may move, and
 * the engine's memory may grow: take fresh views after).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alloc, free, memory, realloc } from "./wasm.ts";
 * const p = alloc(8);
 * new Int32Array(memory.buffer, p, 2).set([7, 9]);
 * const q = realloc(p, 1 << 20);
 * assert.deepEqual([...new Int32Array(memory.buffer, q, 2)], [7, 9]);
 * free(q);
 * ```
 */
export const realloc = wasm.realloc as (ptr: number, bytes: number) => number;

/**
 * Frees a buffer from {@link alloc}.
 *
 * @example
 * ```ts
 * import { alloc, free } from "./wasm.ts";
 * free(alloc(8));
 * ```
 */
export const free = wasm.free as (ptr: number) => void;

/**
 * The merge's reused input buffer of at least `bytes` (owned by the engine).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeInput } from "./wasm.ts";
 * assert.equal(mergeInput(64) % 4, 0);
 * ```
 */
export const mergeInput = wasm.mergeInput as (bytes: number) => number;

/**
 * Merges the MRG1 table at `buf` (mode 0 merge, 1 merge_with); returns the
 * engine-owned result buffer (valid until the next merge).
 *
 * @example
 * ```ts ignore
 * const out = mergeTables(mergeInput(bytes), 0);
 * ```
 */
export const mergeTables = wasm.mergeTables as (buf: number, mode: number) => number;

/**
 * Resolves the interpolation table at `ptr`; returns a result the caller
 * frees with {@link freeResolved}.
 *
 * @example
 * ```ts ignore
 * const out = resolveInterpolations(ptr);
 * freeResolved(out);
 * ```
 */
export const resolveInterpolations = wasm.resolveInterpolations as (ptr: number) => number;

/**
 * Frees a result of {@link resolveInterpolations}.
 *
 * @example
 * ```ts ignore
 * freeResolved(resolveInterpolations(ptr));
 * ```
 */
export const freeResolved = wasm.freeResolved as (ptr: number) => void;

/**
 * Checks a batch of interpolation texts; returns the index of the first bad one or -1.
 *
 * @example
 * ```ts ignore
 * const bad = validateInterpolationTexts(ptr);
 * ```
 */
export const validateInterpolationTexts = wasm.validateInterpolationTexts as (
  ptr: number,
) => number;

/**
 * Parses a batch of overrides written as UTF-16; returns a result the caller frees.
 *
 * @example
 * ```ts ignore
 * const out = parseOverrideBatch(ptr);
 * free(out);
 * ```
 */
export const parseOverrideBatch = wasm.parseOverrideBatch as (buf: number) => number;
