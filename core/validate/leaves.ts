/**
 * Visiting every leaf of a config tree with its full key.
 *
 * @module
 */

import { fullKey, type Key, type Node, type ValueNode } from "../node.ts";

/**
 * Calls `visit` for every leaf, depth first, in key order, with its full key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { forEachLeaf } from "./leaves.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const keys: string[] = [];
 * forEachLeaf(loadYaml("a: {b: 1}\nl: [x, y]\n"), (_, key) => keys.push(key));
 * assert.deepEqual(keys, ["a.b", "l[0]", "l[1]"]);
 * ```
 */
export function forEachLeaf(root: Node, visit: (leaf: ValueNode, key: string) => void): void {
  const keys: Key[] = [];
  const inList: boolean[] = [];
  const walk = (n: Node) => {
    if (n.kind === "value") {
      visit(n, fullKey(keys, inList));
      return;
    }
    const children: [Key, Node, boolean][] = n.kind === "dict"
      ? [...n.entries.values()].map((e) => [e.key, e.node, false])
      : n.items.map((c, i) => [i, c, true]);
    for (const [k, c, idx] of children) {
      keys.push(k);
      inList.push(idx);
      walk(c);
      keys.pop();
      inList.pop();
    }
  };
  walk(root);
}
