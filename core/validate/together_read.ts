/**
 * Reading `.strata.yaml`'s `validate.together` (./together.ts checks the
 * sets): apart from the checking, which expands sweeps, so that reading the
 * settings, which every command does, loads none of that.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";

/** One `validate.together` entry: overrides as written, and where. */
export interface TogetherSet {
  overrides: string[];
  at?: Origin;
}

/**
 * Reads `validate.together`: a list whose items are lists of overrides or
 * one string of them separated by spaces.
 *
 * @throws {StrataError} `value` at the item that is neither.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { readTogether } from "./together_read.ts";
 * const node = loadYaml("- algorithm=mbpo overrides=glob(mbpo_*)\n- [algorithm=pets, overrides=pets_cartpole]\n");
 * assert.deepEqual(readTogether(node, "s.yaml").map((t) => t.overrides), [
 *   ["algorithm=mbpo", "overrides=glob(mbpo_*)"],
 *   ["algorithm=pets", "overrides=pets_cartpole"],
 * ]);
 * ```
 */
export function readTogether(node: Node, file: string): TogetherSet[] {
  const bad = (n: Node) =>
    new StrataError(
      ErrorCode.Value,
      "validate.together must be a list of override sets, each a list of overrides or one " +
        "string of them (`algorithm=mbpo overrides=glob(mbpo_*)`)",
      { origin: originOf(n.origin) ?? { file, line: 1, col: 1 }, fullKey: "validate.together" },
    );
  if (node.kind !== "list") throw bad(node);
  return node.items.map((item) => {
    const texts = item.kind === "list" ? item.items : [item];
    const overrides: string[] = [];
    for (const t of texts) {
      if (t.kind !== "value" || t.type !== "str" || (t.value as string).trim() === "") throw bad(t);
      const v = t.value as string;
      overrides.push(...(item.kind === "list" ? [v] : v.trim().split(/\s+/)));
    }
    const at = originOf(item.origin);
    return { overrides, ...(at ? { at } : {}) };
  });
}
