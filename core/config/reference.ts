/**
 * Where a node interpolation points. OmegaConf's `cfg.b` for `b: ${a}` with a
 * container at `a` returns the node `a` itself (reading, iterating and writing
 * through it reach `a`), so a {@link Config} view of `b` is a view at `a`'s
 * path. Only a plain node reference (`${a}`, `${.x}`, `${..a.b[0]}`) has such
 * a path; a resolver's result (`${oc.create:...}`) is a new value.
 *
 * @module
 */

import { isInterpolation, type Key, type Node } from "../node.ts";
import { childOf, nodeAt } from "../ops/walk.ts";
import { splitKey } from "../ops/select.ts";
import { parseConfigValue } from "../resolve/grammar.ts";

/** More hops than any config's chain of `${...}` references has: a cycle. */
const MAX_HOPS = 1000;

/** The key text of a value that is exactly one static node reference, else undefined. */
function referenceText(value: string): string | undefined {
  let parts;
  try {
    parts = parseConfigValue(value).parts;
  } catch {
    return undefined;
  }
  if (parts.length !== 1 || typeof parts[0] === "string" || parts[0].t !== "node") return undefined;
  const key = parts[0].key;
  return key.every((p) => typeof p === "string") ? key.join("") : undefined;
}

/**
 * The path in `root`'s tree of the node that `path` names, following plain
 * node references on the way and at the end (`b` for `b: ${a}` is `["a"]`);
 * undefined when a step is another interpolation (a resolver, a string
 * interpolation) or absent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { referencedPath } from "./reference.ts";
 * const root = loadYaml("m: {layers: [1, 2]}\nl: ${m.layers}\nx: ${.l}");
 * assert.deepEqual(referencedPath(root, ["x"]), ["m", "layers"]);
 * assert.equal(referencedPath(loadYaml("y: ${oc.create:[1]}"), ["y"]), undefined);
 * ```
 */
export function referencedPath(root: Node, path: readonly Key[]): Key[] | undefined {
  let hops = 0;
  const follow = (at: Key[]): Key[] | undefined => {
    const out: Key[] = [];
    let node = root;
    for (const key of at) {
      if (node.kind === "value") return undefined;
      const child = childOf(node, key);
      if (!child) return undefined;
      out.push(child.key);
      node = child.node;
      if (node.kind !== "value" || !isInterpolation(node)) continue;
      if (++hops > MAX_HOPS) return undefined;
      const text = referenceText(node.value as string);
      if (text === undefined) return undefined;
      // a relative key starts at the container holding the interpolation
      let base = out.slice(0, -1);
      let rest = text;
      if (rest.startsWith(".")) {
        rest = rest.slice(1);
        while (rest.startsWith(".")) {
          if (base.length === 0) return undefined;
          base = base.slice(0, -1);
          rest = rest.slice(1);
        }
      } else base = [];
      const target = follow(rest === "" ? base : [...base, ...splitKey(rest)]);
      if (target === undefined) return undefined;
      out.splice(0, out.length, ...target);
      node = nodeAt(root, target)!;
    }
    return out;
  };
  return follow([...path]);
}
