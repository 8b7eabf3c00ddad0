/**
 * A walk over a tree's string leaves, in preorder, without recursion (a
 * tree may be deep) or a closure per node: the grammar check walks every
 * file a compose loads.
 *
 * @module
 */

import type { Node } from "./node.ts";

/**
 * Whether `test` holds for some str leaf of `root`, leaves in preorder
 * (document order); stops at the first that does. Lazy subtrees are read
 * (callers that meet them walk with core/lazy.ts instead).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { someStringLeaf } from "./string_leaves.ts";
 * import { dict, int, list, str } from "./node.ts";
 * const seen: string[] = [];
 * someStringLeaf(dict([["a", list([str("x"), int(1)])], ["b", str("y")]]), (s) => {
 *   seen.push(s);
 *   return false;
 * });
 * assert.deepEqual(seen, ["x", "y"]);
 * ```
 */
export function someStringLeaf(root: Node, test: (text: string) => boolean): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === "dict") {
      // pushed in order, then reversed in place: no array per mapping
      const start = stack.length;
      for (const e of n.entries.values()) stack.push(e.node);
      for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const c = stack[i];
        stack[i] = stack[j];
        stack[j] = c;
      }
    } else if (n.kind === "list") {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    } else if (n.type === "str" && test(n.value as string)) return true;
  }
  return false;
}
