/**
 * The interned tables of the MRG1 merge table (layout in asm/assembly/table.ts),
 * kept across merge calls: canonical keys by id (no strings cross the
 * boundary) and the parsed paths of `${a.b[0]}` interpolations. They grow
 * until a limit, then a new generation starts (and every kept encoding of
 * ./merge_codec.ts made before it is stale).
 *
 * @module
 */

import { canonicalKey, type Key, strKeyOf } from "../node.ts";
import type { TreeNodes } from "./merge_codec.ts";
import { Merge } from "../../asm/abi.ts";

const MAX_INTERNED = 1 << 20;
// Every call copies the whole path table: a new generation keeps it small.
const MAX_PATH_WORDS = 1 << 18;

// ---- interned keys and interpolation paths (persist across calls) -----------

// Keys are interned by canonical key; ids and path offsets stay valid until a
// table outgrows its limit, which starts a new generation (and so invalidates
// every kept encoding).
/**
 * Interned key ids by canonical key (read inline by ./merge_codec.ts's
 * encoder, once per dict key; {@link intern} adds to it).
 *
 * @example
 * ```ts
 * import { intern, internIds } from "./merge_intern.ts";
 * internIds.get("sa") === intern("sa"); // true once "sa" is interned
 * ```
 */
export let internIds = new Map<string, number>();
let canons: string[] = [];
let spellings: string[] = [];
let paths = new Int32Array(1 << 10);
let pathPos = 0;
let pathCache = new Map<string, number>();
let generation = 0;

/**
 * The current generation of the interned tables (kept encodings must match it).
 *
 * @example
 * ```ts
 * import { codecGeneration } from "./merge_intern.ts";
 * import { encodeTree } from "./merge_codec.ts";
 * import { dict } from "../node.ts";
 * encodeTree(dict()).generation === codecGeneration(); // true until the tables fill up
 * ```
 */
export function codecGeneration(): number {
  return generation;
}

function newGeneration(): void {
  internIds = new Map();
  canons = [];
  spellings = [];
  paths = new Int32Array(1 << 10);
  pathPos = 0;
  pathCache = new Map();
  generation++;
}
/**
 * The id of canonical key `canon`, interning it when new.
 *
 * @example
 * ```ts
 * import { canonOf, intern } from "./merge_intern.ts";
 * canonOf(intern("a")); // "a"
 * ```
 */
export function intern(canon: string): number {
  let id = internIds.get(canon);
  if (id === undefined) {
    id = canons.length;
    internIds.set(canon, id);
    canons.push(canon);
    spellings.push(strKeyOf(canon) ?? "");
  }
  return id;
}

function pushPath(v: number): void {
  if (pathPos === paths.length) {
    const next = new Int32Array(paths.length * 2);
    next.set(paths);
    paths = next;
  }
  paths[pathPos++] = v;
}

// Characters that end a key segment or make an interpolation more than a node path,
// by code (a table: this runs once per interpolation of every file merged, cold)
const STOP = new Uint8Array(128);
for (const c of "${}[]:.\\'\" \t\n\r") STOP[c.charCodeAt(0)] = 1;
const stops = (code: number) => code < 128 && STOP[code] === 1;

/**
 * `${a.b[0]}` → ["a", "b", "0"] with its leading dots, or undefined when not
 * a plain node path (the only interpolations the merge engine follows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePath } from "./merge_intern.ts";
 * assert.deepEqual(parsePath("${..a.b[0]}"), { dots: 2, segs: ["a", "b", "0"] });
 * assert.equal(parsePath("x/${a}"), undefined);
 * ```
 */
export function parsePath(text: string): { dots: number; segs: string[] } | undefined {
  const end = text.length - 1;
  if (!text.startsWith("${") || text.charCodeAt(end) !== 125) return undefined;
  let i = 2;
  while (i < end && text.charCodeAt(i) === 46) i++;
  const dots = i - 2;
  const segs: string[] = [];
  let expectKey = true;
  while (i < end) {
    const ch = text.charCodeAt(i);
    if (ch === 91) { // [
      const close = text.indexOf("]", i);
      if (close < 0 || close > end || close === i + 1) return undefined;
      for (let k = i + 1; k < close; k++) if (stops(text.charCodeAt(k))) return undefined;
      segs.push(text.slice(i + 1, close));
      i = close + 1;
      expectKey = false;
    } else if (ch === 46) { // .
      if (expectKey) return undefined;
      i++;
      expectKey = true;
    } else {
      if (!expectKey) return undefined;
      const from = i;
      while (i < end && !stops(text.charCodeAt(i))) i++;
      if (i === from) return undefined;
      segs.push(text.slice(from, i));
      expectKey = false;
    }
  }
  if (dots === 0 && segs.length === 0) return undefined;
  if (expectKey && segs.length > 0) return undefined;
  return { dots, segs };
}
/**
 * Offset of the path of a `${a.b[0]}` node interpolation in the path table;
 * `Merge.HostPath` for any other `${...}` (a resolver's, `${${k}}`: it may
 * resolve to a container, which only the host can find); -1 for the rest
 * (`x${a}`: a string).
 *
 * @example
 * ```ts
 * import { pathOf } from "./merge_intern.ts";
 * pathOf("x${a}"); // -1
 * pathOf("${a.b}") >= 0; // true
 * ```
 */
export function pathOf(text: string): number {
  const cached = pathCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parsePath(text);
  let at = text.startsWith("${") && text.endsWith("}") ? Merge.HostPath : -1;
  if (parsed) {
    at = pathPos;
    pushPath(parsed.dots === 0 ? -1 : parsed.dots - 1);
    pushPath(parsed.segs.length);
    for (const seg of parsed.segs) {
      pushPath(intern(canonicalKey(seg)));
      pushPath(/^\d+$/.test(seg) ? Number(seg) : -1);
    }
  }
  pathCache.set(text, at);
  return at;
}
/**
 * Starts a new generation when a table outgrew its limit (before a merge call
 * encodes, so ids and offsets stay valid through the call).
 *
 * @example
 * ```ts
 * import { checkLimits } from "./merge_intern.ts";
 * checkLimits(); // a no-op while the tables are small
 * ```
 */
export function checkLimits(): void {
  if (internIds.size > MAX_INTERNED || pathPos > MAX_PATH_WORDS) newGeneration();
}

/**
 * How many keys are interned (the table header's key count).
 *
 * @example
 * ```ts
 * import { intern, internedCount } from "./merge_intern.ts";
 * intern("sa");
 * internedCount() >= 1; // true
 * ```
 */
export function internedCount(): number {
  return canons.length;
}

/**
 * The path table's words so far (a view: valid until the next path is added).
 *
 * @example
 * ```ts
 * import { pathOf, pathWords } from "./merge_intern.ts";
 * const at = pathOf("${a}");
 * pathWords()[at + 1]; // 1: one segment
 * ```
 */
export function pathWords(): Int32Array {
  return paths.subarray(0, pathPos);
}

/**
 * The canonical key of interned key id `id`.
 *
 * @example
 * ```ts
 * import { canonOf } from "./merge_intern.ts";
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * canonOf(input.words[4 + 1 + 3 + 2]); // "a"
 * ```
 */
export function canonOf(id: number): string {
  return canons[id];
}

/**
 * The key spelled by interned key id `id` when it is a string key ("" otherwise).
 *
 * @example
 * ```ts
 * import { spellingOf } from "./merge_intern.ts";
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * spellingOf(input.words[4 + 1 + 3 + 2]); // "a"
 * ```
 */
export function spellingOf(id: number): string {
  return spellings[id];
}

/**
 * The key of dict child `idx` of an encoded tree under interned key id `id`.
 *
 * @example
 * ```ts
 * import { keyOf } from "./merge_intern.ts";
 * import { encodeMerge } from "./merge_codec.ts";
 * import { dict, int } from "../node.ts";
 * const input = encodeMerge([dict([["a", int(1)]])]);
 * keyOf(input.trees[0], 1, input.words[4 + 1 + 3 + 2]); // "a"
 * ```
 */
export function keyOf(tree: TreeNodes, idx: number, id: number): Key {
  const odd = tree.oddKeys?.get(idx);
  if (odd !== undefined) return odd;
  return spellings[id];
}
