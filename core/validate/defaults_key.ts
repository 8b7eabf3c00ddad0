/**
 * A top-level key that is almost `defaults` and holds what a defaults list
 * holds (`default:` in r3m's BC_config.yaml, `defualts:`): Hydra reads it as
 * an ordinary config key, so the list's choices and overrides are dropped,
 * silently. Validate warns at the key.
 *
 * @module
 */

import { canonicalKey, type DictNode, type Node, originOf } from "../node.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "./problems.ts";

/** Whether a list looks like a defaults list: `_self_`, or a mapping of one group to a choice. */
function looksLikeDefaults(node: Node): boolean {
  if (node.kind !== "list" || node.items.length === 0) return false;
  return node.items.every((item) =>
    (item.kind === "value" && item.type === "str") ||
    (item.kind === "dict" && item.entries.size === 1 &&
      [...item.entries.values()].every((e) => e.node.kind === "value"))
  ) && node.items.some((item) =>
    item.kind === "dict" || item.kind === "value" && item.value === "_self_"
  );
}

/**
 * A warning for a top-level key spelt near `defaults` whose value looks like a defaults list,
 * when the config has no `defaults` key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { defaultsKeyTypo } from "./defaults_key.ts";
 * const text = "default:\n  - override hydra/launcher: local\n";
 * const [w] = defaultsKeyTypo(loadYaml(text, { file: "e.yaml" }) as never, text);
 * assert.match(w.message, /^'default' is no defaults list/);
 * assert.deepEqual(w.origin, { file: "e.yaml", line: 1, col: 1 }); // at the key
 * assert.deepEqual(defaultsKeyTypo(loadYaml("default: [1, 2]\n") as never), []);
 * ```
 */
export function defaultsKeyTypo(config: DictNode, text?: string): Problem[] {
  const out: Problem[] = [];
  if (config.entries.has(canonicalKey("defaults"))) return out;
  for (const e of config.entries.values()) {
    const key = e.key;
    if (typeof key !== "string") continue;
    if (suggest(key, ["defaults"]).length === 0 || !looksLikeDefaults(e.node)) continue;
    const valueAt = originOf(e.node.origin);
    // at the key, as other unknown keys are (checker w30), when the file's text shows it
    const at = valueAt && text !== undefined ? keyOrigin(text, valueAt, key) ?? valueAt : valueAt;
    out.push({
      severity: "warning",
      code: "defaults-key",
      message: `'${key}' is no defaults list: Hydra reads it as a config key, and composes none ` +
        "of its choices or overrides. Did you mean 'defaults'?",
      fullKey: key,
      ...(at ? { origin: at } : {}),
    });
  }
  return out;
}
