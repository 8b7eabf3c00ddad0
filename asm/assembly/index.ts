// strata's engine: the operations that run in WebAssembly. Each export is one
// bulk call over a flat table (see table.ts); the host never calls per node.

import { readTrees } from "./table";
import { countNodes, emit, Merger, OUT_REC } from "./merge";

/** Allocates `size` bytes for the host to write an input buffer into. */
export function alloc(size: i32): usize {
  return heap.alloc(<usize> size);
}

/** Frees a buffer from {@link alloc} or a result buffer. */
export function free(ptr: usize): void {
  heap.free(ptr);
}

// Result header (i32 words): status, errSide, errIdx, errDestSide, errDestIdx, nNodes
const HEADER: i32 = 6;

/**
 * Merges every tree of the input buffer into the first, left to right.
 * Returns a result buffer: the header, then nNodes output records.
 */
export function merge(buf: usize, honourReadonly: i32): usize {
  const trees = readTrees(buf);
  const m = new Merger(trees, honourReadonly != 0);
  let root = m.copy(0, 0, -1);
  for (let s = 1; s < trees.length && m.error == null; s++) {
    root = m.mergeInto(root, s, 0, false, false);
  }
  const err = m.error;
  if (err != null) {
    const out = heap.alloc(<usize> (HEADER << 2));
    store<i32>(out, err.code);
    store<i32>(out + 4, err.side);
    store<i32>(out + 8, err.idx);
    store<i32>(out + 12, err.destSide);
    store<i32>(out + 16, err.destIdx);
    store<i32>(out + 20, 0);
    return out;
  }
  const n = countNodes(root);
  const out = heap.alloc(<usize> ((HEADER + n * OUT_REC) << 2));
  store<i32>(out, 0);
  store<i32>(out + 20, n);
  emit(root, out + (<usize> (HEADER << 2)), 0);
  return out;
}
