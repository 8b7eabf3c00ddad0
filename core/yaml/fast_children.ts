/**
 * The children a fast read of a container gathers (./fast_flow.ts's flow
 * collections, ./fast.ts's block ones): kept in the node, streamed to an
 * `each` (a lazy node's walk), or checked and dropped (a lazy node's first
 * read).
 *
 * @module
 */

import type { Entry, Key, Node, ValueNode } from "../node.ts";
import { BAIL } from "./fast_lines.ts";

/** How a lazy node's children are streamed: each child, with its key in a mapping. */
export type Each = (node: Node, key: Key | undefined) => void;
/** `each` of a read that checks and may drop what it read. */
export const DROP = Symbol("drop");
/** A str leaf a read that drops it builds (never kept: any str will do). */
export const DROPPED_STR: ValueNode = Object.freeze({ kind: "value", type: "str", value: "" });

const NO_ENTRIES: Map<string, Entry> = new Map();
const NO_ITEMS: Node[] = [];

/**
 * The children a container read gathers: kept, streamed, or checked and
 * dropped (what a dropping read returns is never used, so it keeps only the
 * canonical keys, to find a repeated one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Children, DROP } from "./fast_children.ts";
 * import { str } from "../node.ts";
 * const kept = new Children(undefined, true);
 * kept.entry("a", "sa", str("x"));
 * assert.equal(kept.entries.size, 1);
 * const dropped = new Children(DROP, true);
 * dropped.entry("a", "sa", str("x"));
 * assert.throws(() => dropped.entry("a", "sa", str("y"))); // a repeated key: BAIL
 * ```
 */
export class Children {
  /** A mapping's entries, when kept. */
  readonly entries: Map<string, Entry>;
  /** A sequence's items, when kept. */
  readonly items: Node[];
  private readonly keys: Set<string> | undefined;

  /**
   * @param each undefined: keep the children; a function: stream them; DROP: check and drop them
   * @param isMap whether the container is a mapping
   */
  constructor(readonly each: Each | typeof DROP | undefined, isMap: boolean) {
    // a streamed mapping needs no map: its keys were checked on the first read
    const keep = each === undefined;
    this.entries = isMap && keep ? new Map() : NO_ENTRIES;
    this.items = !isMap && keep ? [] : NO_ITEMS;
    this.keys = isMap && each === DROP ? new Set() : undefined;
  }

  /** Adds an entry; a repeated key throws BAIL (the full reader's error, or its collapse). */
  entry(key: Key, canon: string, node: Node): void {
    const each = this.each;
    if (each === undefined) {
      const size = this.entries.size;
      if (this.entries.set(canon, { key, node }).size === size) throw BAIL;
    } else if (each !== DROP) each(node, key);
    else {
      const keys = this.keys!;
      const size = keys.size;
      if (keys.add(canon).size === size) throw BAIL;
    }
  }

  /** Adds an item. */
  item(node: Node): void {
    const each = this.each;
    if (each === undefined) this.items.push(node);
    else if (each !== DROP) each(node, undefined);
  }
}
