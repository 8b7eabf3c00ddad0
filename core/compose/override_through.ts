/**
 * Why a value override fails below a node interpolation (`model.optimizer.lr=1` where
 * `model.optimizer: ${optimizer}`): OmegaConf.update walks into the interpolation's value, which
 * holds no such key in struct mode, so Hydra's "Could not override" is right, but the key to give
 * is the one the interpolation reads (checker v43).
 *
 * @module
 */

import type { RelatedInit } from "../errors.ts";
import { isInterpolation, type Node } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { splitKey } from "../ops/select.ts";
import type { Override } from "../override/types.ts";

/** A lone absolute node interpolation: `${optimizer}`, `${models.big}`. */
const LONE_REF = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}$/;

/**
 * The related line naming the interpolation on the override's path and the key it reads,
 * when one is there; undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { parseOverride } from "../override/parse.ts";
 * import { throughInterpolationNote } from "./override_through.ts";
 * const root = loadYaml("optimizer: {lr: 0.1}\nmodel:\n  optimizer: ${optimizer}\n");
 * const [note] = throughInterpolationNote(root, parseOverride("model.optimizer.lr=1", 0))!;
 * assert.match(note.message, /^model\.optimizer is '\$\{optimizer\}': .* optimizer\.lr=1$/);
 * ```
 */
export function throughInterpolationNote(root: Node, o: Override): RelatedInit[] | undefined {
  // (`+x.b=5` through `x: ${a}` finds a.b, as Hydra's select does: no other key to give)
  if (o.type !== "change" || o.value?.kind !== "element") return undefined;
  const path = splitKey(o.key);
  for (let i = 1; i < path.length; i++) {
    const node = nodeAt(root, path.slice(0, i));
    if (node === undefined) return undefined;
    if (node.kind !== "value") continue;
    if (!isInterpolation(node)) return undefined;
    const target = LONE_REF.exec(String(node.value))?.[1];
    if (target === undefined) return undefined;
    const key = [target, ...path.slice(i)].join(".");
    const value = o.text.slice(o.text.indexOf("=") + 1);
    return [{
      message: `${path.slice(0, i).join(".")} is '${node.value}': the value it reads is ` +
        `${target}'s, so the override to give is ${key}=${value}`,
      origin: node.origin ?? {},
    }];
  }
  return undefined;
}
