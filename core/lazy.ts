/**
 * Lazy subtrees of a big file. A 50 MB config is millions of nodes; kept as
 * JS objects they take ~200 bytes each and most of the time goes to the
 * garbage collector. So the fast reader (yaml/fast.ts), given a big text,
 * reads every block container once (which checks it: errors are found at
 * load time, as before), drops what it built, and keeps a node whose
 * `entries` (or `items`) are read again from the text when first asked for.
 * The text itself is the table.
 *
 * Code that only looks (the emitters, the interpolation checks) uses
 * {@link peek}: it reads an unread subtree without keeping it, so writing a
 * 50 MB file holds one subtree's nodes at a time. Anything else that touches
 * `entries`/`items` reads the subtree for good, so every other path sees an
 * ordinary tree.
 *
 * A lazy node is a plain object whose `entries`/`items` and `origin` are own
 * accessors (a spread reads them, and copies the fields an eager node has);
 * the accessor functions are shared and its state is one small object under
 * a symbol key, so a lazy node costs about a hundred bytes. (Deep equality
 * with an eager node fails on that symbol: compare big trees' contents.)
 *
 * @module
 */

import type { DictNode, Entry, Key, ListNode, Node, NodeOrigin } from "./node.ts";
import { fileId, packOrigin } from "./origin.ts";

/** Reads a lazy node's subtree again from its text: the same nodes, the same origins. */
export interface LazySource<S extends LazySpot = LazySpot> {
  /** The file the text came from (origins name it). */
  readonly file: string;
  /**
   * Reads the subtree at `spot` again; with `each`, hands it each child
   * (and its key, in a mapping) and keeps none. `interpolating`: a walk
   * that looks for interpolations only, so a child container whose text
   * holds no `${` may come back as an unread lazy node whatever its size.
   */
  read(
    spot: S,
    each?: (node: Node, key: Key | undefined) => void,
    interpolating?: boolean,
  ): DictNode | ListNode;
}

/** Where a lazy subtree is; a reader adds its own fields. */
export interface LazySpot {
  /** The container's kind. */
  readonly kind: "dict" | "list";
  /** Its 1-based line and column (its origin). */
  readonly line: number;
  /** Its 1-based column, in code points as PyYAML counts them (a reader turns it back into an offset). */
  readonly col: number;
  /** Whether its text holds `${` (false: no interpolation below it). */
  readonly mayInterpolate: boolean;
}

/** A lazy node's state: the spot, its source, what was read for good, a set origin. */
interface State {
  spot: LazySpot;
  source: LazySource;
  kept: Map<string, Entry> | Node[] | undefined;
  origin: NodeOrigin | undefined;
}

const STATE = Symbol("strata.lazy");

/** How many lazy nodes this process made (none until a big file is read). */
let made = 0;

type Lazy = { [STATE]: State };

function state(node: unknown): State | undefined {
  return (node as Partial<Lazy>)[STATE];
}

function children(this: Lazy): Map<string, Entry> | Node[] {
  const st = this[STATE];
  if (st.kept === undefined) {
    const again = st.source.read(st.spot);
    st.kept = again.kind === "dict" ? again.entries : again.items;
  }
  return st.kept;
}
function setChildren(this: Lazy, value: Map<string, Entry> | Node[]) {
  this[STATE].kept = value;
}
function origin(this: Lazy): NodeOrigin {
  const st = this[STATE];
  if (st.origin !== undefined) return st.origin;
  // packed, as the reader's own nodes: no object per read of a lazy node's origin
  const file = st.source.file;
  return packOrigin(fileId(file), file, st.spot.line, st.spot.col);
}
function setOrigin(this: Lazy, value: NodeOrigin) {
  this[STATE].origin = value;
}

const CHILDREN = { get: children, set: setChildren, enumerable: true, configurable: true };
const ORIGIN = { get: origin, set: setOrigin, enumerable: true, configurable: true };

/**
 * A node standing for the subtree at `spot`, read from `source` when its
 * children are first asked for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lazyContainer, peek } from "./lazy.ts";
 * import { dict, int, originOf } from "./node.ts";
 * let reads = 0;
 * const source = { file: "c.yaml", read: () => (reads++, dict([["a", int(1)]])) };
 * const spot = { kind: "dict", line: 1, col: 1, mayInterpolate: false } as const;
 * const node = lazyContainer(source, spot);
 * assert.equal(peek(node).kind, "dict");
 * assert.equal(reads, 1, "peek reads and keeps nothing");
 * assert.equal(node.kind === "dict" && node.entries.size, 1);
 * assert.equal(node.kind === "dict" && node.entries.size, 1);
 * assert.equal(reads, 2, "entries is read once, then kept");
 * assert.equal(originOf(node.origin)?.line, 1);
 * ```
 */
export function lazyContainer<S extends LazySpot>(
  source: LazySource<S>,
  spot: S,
): DictNode | ListNode {
  made++;
  const st: State = { spot, source: source as LazySource, kept: undefined, origin: undefined };
  // the state is a symbol-keyed data property: defining it non-enumerable costs
  // twice as much as the rest, for a big file's 10^5-10^6 lazy nodes
  const node = { kind: spot.kind, [STATE]: st };
  Object.defineProperty(node, spot.kind === "dict" ? "entries" : "items", CHILDREN);
  Object.defineProperty(node, "origin", ORIGIN);
  return node as unknown as DictNode | ListNode;
}

/**
 * The node to read without keeping what is read: an unread lazy node is
 * read again (its own big children lazy in turn) and left unread; any other
 * node is itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { peek } from "./lazy.ts";
 * import { dict } from "./node.ts";
 * const d = dict();
 * assert.equal(peek(d), d);
 * ```
 */
export function peek<N extends Node>(node: N): N {
  const st = state(node);
  if (st === undefined || st.kept !== undefined) return node;
  const read = st.source.read(st.spot);
  if (st.origin !== undefined) read.origin = st.origin;
  if (node.flags !== undefined) read.flags = node.flags;
  return read as unknown as N;
}

/**
 * False when `node` is an unread lazy subtree whose text holds no `${`:
 * nothing below it is an interpolation. True otherwise (look inside).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mayHoldInterpolation } from "./lazy.ts";
 * import { dict } from "./node.ts";
 * assert.equal(mayHoldInterpolation(dict()), true);
 * ```
 */
export function mayHoldInterpolation(node: Node): boolean {
  const st = state(node);
  return st === undefined || st.kept !== undefined || st.spot.mayInterpolate;
}

/**
 * A copy of an unread lazy node: another lazy node reading the same text
 * (unread means unchanged since it was read). Undefined for any other node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyUnread } from "./lazy.ts";
 * import { dict } from "./node.ts";
 * assert.equal(copyUnread(dict()), undefined);
 * ```
 */
export function copyUnread<N extends Node>(node: N): N | undefined {
  const st = state(node);
  if (st === undefined || st.kept !== undefined) return undefined;
  const copy = lazyContainer(st.source, st.spot);
  if (st.origin !== undefined) copy.origin = st.origin;
  if (node.flags) copy.flags = { ...node.flags };
  return copy as unknown as N;
}

/**
 * Calls `fn` with each entry of a dict, in order. An unread lazy dict is
 * read one entry at a time and nothing is kept, so walking a huge mapping
 * holds one entry's nodes at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eachEntry } from "./lazy.ts";
 * import { dict, int } from "./node.ts";
 * const keys: unknown[] = [];
 * eachEntry(dict([["a", int(1)], [2, int(2)]]), (key) => keys.push(key));
 * assert.deepEqual(keys, ["a", 2]);
 * ```
 */
export function eachEntry(node: DictNode, fn: (key: Key, value: Node) => void): void {
  const st = state(node);
  if (st === undefined || st.kept !== undefined) {
    for (const e of node.entries.values()) fn(e.key, e.node);
  } else st.source.read(st.spot, (value, key) => fn(key as Key, value));
}

/**
 * Calls `fn` with each item of a list, in order; an unread lazy list is
 * read one item at a time (see {@link eachEntry}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eachItem } from "./lazy.ts";
 * import { int, list } from "./node.ts";
 * let n = 0;
 * eachItem(list([int(1), int(2)]), () => n++);
 * assert.equal(n, 2);
 * ```
 */
export function eachItem(node: ListNode, fn: (item: Node) => void): void {
  const st = state(node);
  if (st === undefined || st.kept !== undefined) {
    for (const item of node.items) fn(item);
  } else st.source.read(st.spot, (item) => fn(item));
}

/** Thrown to stop a walk of an unread lazy node early ({@link someChildInterpolating}). */
const STOP = Symbol("stop");

/**
 * Whether `test` holds for some child of a container, children in order;
 * stops at the first that does. A walk that looks for interpolations: an
 * unread lazy node is read one child at a time and nothing is kept (as
 * {@link eachEntry}), and a child container whose text holds no `${` comes
 * back as an unread lazy node ({@link mayHoldInterpolation} false), not read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { someChildInterpolating } from "./lazy.ts";
 * import { dict, str } from "./node.ts";
 * assert.ok(someChildInterpolating(dict([["a", str("${b}")]]), (n) => n.kind === "value"));
 * ```
 */
export function someChildInterpolating(
  node: DictNode | ListNode,
  test: (child: Node) => boolean,
): boolean {
  const st = state(node);
  if (st === undefined || st.kept !== undefined) {
    if (node.kind === "list") return node.items.some(test);
    for (const e of node.entries.values()) if (test(e.node)) return true;
    return false;
  }
  try {
    st.source.read(st.spot, (child) => {
      if (test(child)) throw STOP;
    }, true);
  } catch (e) {
    if (e === STOP) return true;
    throw e;
  }
  return false;
}

/**
 * Whether a container has no children. An unread lazy node never is empty
 * (only block containers, which hold something, are lazy).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isEmpty } from "./lazy.ts";
 * import { dict, list } from "./node.ts";
 * assert.equal(isEmpty(dict()), true);
 * assert.equal(isEmpty(list()), true);
 * ```
 */
export function isEmpty(node: DictNode | ListNode): boolean {
  const st = state(node);
  if (st !== undefined && st.kept === undefined) return false;
  return node.kind === "dict" ? node.entries.size === 0 : node.items.length === 0;
}

/**
 * Whether `node` is a lazy subtree not yet read for good.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isUnread } from "./lazy.ts";
 * import { dict } from "./node.ts";
 * assert.equal(isUnread(dict()), false);
 * ```
 */
export function isUnread(node: Node): boolean {
  const st = state(node);
  return st !== undefined && st.kept === undefined;
}

/**
 * Whether this process ever made a lazy node: until a big file is read,
 * code that looks for unread subtrees need not look.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lazyContainer, lazyNodesMade } from "./lazy.ts";
 * lazyContainer({ file: "c.yaml", read: () => ({ kind: "list", items: [] }) }, {
 *   kind: "list",
 *   line: 1,
 *   col: 1,
 *   mayInterpolate: false,
 * });
 * assert.ok(lazyNodesMade());
 * ```
 */
export function lazyNodesMade(): boolean {
  return made > 0;
}
