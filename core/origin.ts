/**
 * Packed node origins: a file position stored in one small integer that V8
 * keeps as a Smi, so a big file's 10^5 nodes do not allocate 10^5 origin
 * objects (the allocation and their GC survival cost ~9% of a whole compose).
 *
 * Layout, 31 bits, all V8's Smi holds with pointer compression (31 bits
 * signed: a value with bit 30 set is stored as its negative twin, so a
 * packed origin may be negative):
 *
 * | bits  | field                | range                     |
 * |-------|----------------------|---------------------------|
 * | 30-23 | file id              | 0..255 (the file table)   |
 * | 22-6  | line, 1-based        | 1..131071                 |
 * | 5-0   | col, 1-based         | 1..63                     |
 *
 * Lines get the most bits: a generated config of 10^5 leaves is 10^5 lines
 * in one file, and every node past the last packable line would be an
 * object; a value right of column 63 is rarer (a long flow list's items).
 *
 * The line is at least 1, so a packed origin is never 0: `if (node.origin)`
 * means the same for both forms. File ids index a module-level table of file
 * names, interned on first use and bounded ({@link FILE_IDS}): when it is
 * full, or the line or column does not fit, the producer makes an ordinary
 * {@link Origin} object, so a long-running process does not grow it forever.
 *
 * @module
 */

import type { NodeOrigin, Origin, PackedOrigin } from "./node.ts";

const COL_BITS = 6;
const LINE_BITS = 17;
const FILE_BITS = 8;
const COL_MAX = (1 << COL_BITS) - 1;
const LINE_MAX = (1 << LINE_BITS) - 1;
const FILE_MAX = (1 << FILE_BITS) - 1;
const LINE_SHIFT = COL_BITS;
const FILE_SHIFT = COL_BITS + LINE_BITS;

/** How many file names the table holds; past it, origins are objects. */
export const FILE_IDS = 1 << FILE_BITS;

const files: string[] = [];
const ids = new Map<string, number>();

/**
 * The id of a file name in the table (interned on first use), or -1 when the
 * table is full and the name is not in it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileId } from "./origin.ts";
 * assert.equal(fileId("conf/a.yaml"), fileId("conf/a.yaml"));
 * ```
 */
export function fileId(file: string): number {
  const id = ids.get(file);
  if (id !== undefined) return id;
  if (files.length >= FILE_IDS) return -1;
  files.push(file);
  ids.set(file, files.length - 1);
  return files.length - 1;
}

/**
 * The origin of (`line`, `col`) in the file of id `fid` (from {@link fileId};
 * -1 gives an object): packed when it fits, an {@link Origin} object otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileId, packOrigin } from "./origin.ts";
 * import { originOf } from "./node.ts";
 * const o = packOrigin(fileId("c.yaml"), "c.yaml", 3, 5);
 * assert.equal(typeof o, "number");
 * assert.deepEqual(originOf(o), { file: "c.yaml", line: 3, col: 5 });
 * assert.equal(typeof packOrigin(fileId("c.yaml"), "c.yaml", 3, 64), "object");
 * ```
 */
export function packOrigin(fid: number, file: string, line: number, col: number): NodeOrigin {
  if (fid < 0 || line < 1 || line > LINE_MAX || col < 1 || col > COL_MAX) {
    return { file, line, col };
  }
  // 31 bits, sign-extended from bit 30: the Smi range, [-2^30, 2^30)
  return ((((fid << FILE_SHIFT) | (line << LINE_SHIFT) | col) << 1) >> 1) as PackedOrigin;
}

/**
 * The origin of a node as an {@link Origin} object: a fresh object for a
 * packed origin, the object itself otherwise. Everything that reads inside an
 * origin, renders it or hands it to a user goes through it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { originOf, str } from "../engine.ts";
 * const o = { file: "conf/config.yaml", line: 2, col: 5 };
 * assert.equal(originOf(str("x", o).origin), o);
 * assert.equal(originOf(undefined), undefined);
 * ```
 */
export function originOf(o: NodeOrigin): Origin;
/** {@link originOf} of a node that may have no origin: `undefined` stays `undefined`. */
export function originOf(o: NodeOrigin | undefined): Origin | undefined;
export function originOf(o: NodeOrigin | undefined): Origin | undefined {
  if (typeof o !== "number") return o;
  return {
    file: files[(o >>> FILE_SHIFT) & FILE_MAX],
    line: (o >>> LINE_SHIFT) & LINE_MAX,
    col: o & COL_MAX,
  };
}
