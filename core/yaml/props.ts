/**
 * Where a node starts as PyYAML marks it. npm:yaml's range of a node starts
 * at its content, after its anchor and tag; PyYAML's node start_mark is at
 * the first of them (`a: !!str x` starts at the `!`, `a: &m` then a block
 * mapping on the next lines starts at the `&`), and so do its error
 * locations. This module finds, in npm:yaml's concrete syntax tree, the
 * props written before each node token.
 *
 * @module
 */

/** A CST token, as far as this walk looks at it. */
interface Tok {
  type?: string;
  offset?: number;
  start?: unknown;
  value?: unknown;
  items?: { start?: Tok[]; key?: Tok | null; sep?: Tok[]; value?: Tok }[];
}

/** The tokens after which props belong to the next node, not to one before. */
const INDICATORS = new Set([
  "explicit-key-ind",
  "map-value-ind",
  "seq-item-ind",
  "comma",
  "flow-seq-start",
  "flow-map-start",
  "doc-start",
]);

/**
 * The offset of the first anchor or tag written before each node token of
 * the CST `tokens` (only nodes that have props are in the map).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Parser } from "npm:yaml@2.9.1";
 * import { propsStarts } from "./props.ts";
 * const tokens = [...new Parser().parse("a: &x !!str y\n")];
 * const starts = propsStarts(tokens);
 * const map = (tokens[0] as { value: { items: { value: object }[] } }).value;
 * assert.equal(starts.get(map.items[0].value), 3);
 * ```
 */
export function propsStarts(tokens: readonly unknown[]): WeakMap<object, number> {
  const out = new WeakMap<object, number>();
  // one run of tokens: source tokens (props, indicators, spaces) and the nodes they lead to
  const run = (seq: (Tok | null | undefined)[]) => {
    let pending: number | undefined;
    for (const t of seq) {
      if (t === null || t === undefined) continue;
      if (t.type === "anchor" || t.type === "tag") pending ??= t.offset;
      else if (t.type !== undefined && INDICATORS.has(t.type)) pending = undefined;
      else if (t.type !== "space" && t.type !== "comment" && t.type !== "newline") {
        if (pending !== undefined) out.set(t, pending);
        pending = undefined;
        stack.push(t);
      }
    }
  };
  const stack: Tok[] = [];
  for (const t of tokens as Tok[]) {
    if (t.type === "document") run([...(Array.isArray(t.start) ? t.start : []), t.value as Tok]);
  }
  // iterative: a deep document does not overflow the stack
  while (stack.length > 0) {
    const t = stack.pop()!;
    for (const item of t.items ?? []) {
      run([...(item.start ?? []), item.key, ...(item.sep ?? []), item.value]);
    }
  }
  return out;
}

/**
 * Where the props of an empty node (`x: !!str`, no content and so no token
 * of its own) start: npm:yaml places the node at `offset`, after its props
 * and the spaces that follow them on the same line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptyPropsStart } from "./props.ts";
 * assert.equal(emptyPropsStart("x: &a !!str  \ny: 1", 13), 3);
 * assert.equal(emptyPropsStart("x:\ny: 1", 2), 2);
 * ```
 */
export function emptyPropsStart(text: string, offset: number): number {
  let at = offset;
  for (let p = offset;;) {
    while (p > 0 && text[p - 1] === " ") p--;
    const end = p;
    while (p > 0 && !" \n[{,".includes(text[p - 1])) p--;
    if (p === end || (text[p] !== "!" && text[p] !== "&")) return at;
    at = p;
  }
}
