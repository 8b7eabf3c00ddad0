/**
 * Visiting every leaf of a config tree with its full key.
 *
 * @module
 */

import { fullKey, type Key, type Node, type Origin, originOf, type ValueNode } from "../node.ts";

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

/**
 * A leaf's plain scalar as written in its file (`lines`, the file's text split at newlines):
 * from its origin to the first space, `,`, `]`, `}` or `#`; undefined when it has no place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import "../yaml/full_install.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { writtenPlain } from "./leaves.ts";
 * const text = "a: [12:30, 1]\n";
 * const root = loadYaml(text, { file: "c.yaml" });
 * const a = root.kind === "dict" ? root.entries.get("a")?.node : undefined;
 * assert.equal(a?.kind === "list" ? writtenPlain(text.split("\n"), a.items[0])?.written : "", "12:30");
 * ```
 */
export function writtenPlain(
  lines: readonly string[],
  leaf: Node,
): { written: string; origin: Origin } | undefined {
  const origin = originOf(leaf.origin);
  if (origin?.line === undefined || origin.col === undefined) return undefined;
  const written = /^[^\s,\]}#]*/.exec(lines[origin.line - 1]?.slice(origin.col - 1) ?? "")![0];
  return { written, origin };
}
