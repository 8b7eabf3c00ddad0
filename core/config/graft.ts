/**
 * A resolver's new container read from a config (`ips: ${oc.dict.values:workers}`,
 * `${oc.create:...}`): OmegaConf gives it with its interpolations unresolved
 * (`${workers.node3}`) and its parent set to the config, so each item is read
 * against the config when it is read, and follows later changes there. A view
 * of it is a tree that is the config with the container in place of the
 * interpolation: the containers on the path are copied, everything else is
 * the config's own nodes.
 *
 * @module
 */

import { canonicalKey, type Key, type Node } from "../node.ts";
import { childOf } from "../ops/walk.ts";

/**
 * `root` with `node` at `path` (which names an existing entry or item): the
 * containers on the path are shallow copies, the rest shared with `root`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, list, loadYaml, str, toYaml } from "../../engine.ts";
 * import { graftAt } from "./graft.ts";
 * const root = loadYaml("w: {a: 1}\nips: x\n");
 * const grafted = graftAt(root, ["ips"], list([str("${w.a}")]));
 * assert.equal(toYaml(grafted), "w:\n  a: 1\nips:\n- ${w.a}\n");
 * assert.equal(toYaml(root), "w:\n  a: 1\nips: x\n");
 * ```
 */
export function graftAt(root: Node, path: readonly Key[], node: Node): Node {
  if (path.length === 0) return node;
  if (root.kind === "value") return root;
  const [key, ...rest] = path;
  const child = childOf(root, key);
  if (child === undefined) return root;
  const grafted = graftAt(child.node, rest, node);
  if (root.kind === "list") {
    const items = [...root.items];
    items[Number(child.key)] = grafted;
    return { ...root, items };
  }
  const entries = new Map(root.entries);
  entries.set(canonicalKey(child.key), { key: child.key, node: grafted });
  return { ...root, entries };
}
