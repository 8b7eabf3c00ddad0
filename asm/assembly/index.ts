// strata's engine: the operations that run in WebAssembly. Each export is one
// bulk call over a flat table (see table.ts); the host never calls per node.

/** Allocates `size` bytes for the host to write an input buffer into. */
export function alloc(size: i32): usize {
  return heap.alloc(<usize> size);
}

/**
 * Resizes a buffer from {@link alloc}, keeping its bytes; it may move (a
 * table the host writes as it learns its size grows in place at the top).
 */
export function realloc(ptr: usize, size: i32): usize {
  return heap.realloc(ptr, <usize> size);
}

/** Frees a buffer from {@link alloc} or a result buffer. */
export function free(ptr: usize): void {
  heap.free(ptr);
}

// Deep merge over a MRG1 table (merge.ts): mergeInput(bytes) gives the reused
// input buffer, mergeTables(buf, mode) merges and returns the reused result buffer.
export { mergeInput, mergeTables } from "./merge";

// Override grammar (Hydra 1.3): one call parses a whole batch of overrides.
export { parseOverrideBatch } from "./override/parser";
export { freeResolved, resolveInterpolations, validateInterpolationTexts } from "./interp/engine";
