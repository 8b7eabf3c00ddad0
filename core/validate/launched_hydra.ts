/**
 * The `hydra` node as a launched job reads it, for checks of values built from it.
 *
 * @module
 */

import { canonicalKey, type DictNode, type Node, str } from "../node.ts";
import { resolve as absolutePath } from "../path.ts";

/**
 * A dict's child at a string key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { child } from "./launched_hydra.ts";
 * assert.equal(child(loadYaml("a: {b: 1}\n"), "a")?.kind, "dict");
 * ```
 */
export function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

/**
 * `node` with `key` set (a shallow copy).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../node.ts";
 * import { withEntry } from "./launched_hydra.ts";
 * assert.equal(withEntry(dict(), "a", int(1)).entries.size, 1);
 * ```
 */
export function withEntry(node: DictNode, key: string, value: Node): DictNode {
  const entries = new Map(node.entries);
  entries.set(canonicalKey(key), {
    key: node.entries.get(canonicalKey(key))?.key ?? key,
    node: value,
  });
  return { ...node, entries };
}

/**
 * The hydra node as a launched job reads it: `hydra.runtime.output_dir`, null or unset while
 * composing, is the run dir, an absolute path (a stand-in under the working directory), so a
 * value built from it (`${hydra:runtime.output_dir}/ckpts`) is checked as the job's string, not
 * as `None/ckpts` (checker w63 #1); hydra_check.ts's launch-time values get `outputs` likewise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { asLaunched } from "./launched_hydra.ts";
 * const hydra = asLaunched(loadYaml("runtime:\n  output_dir: null\n"));
 * const runtime = hydra.kind === "dict" ? hydra.entries.get("runtime")?.node : undefined;
 * const dir = runtime?.kind === "dict" ? runtime.entries.get("output_dir")?.node : undefined;
 * assert.equal(dir?.kind === "value" && dir.type, "str");
 * ```
 */
export function asLaunched<N extends Node>(hydra: N): N {
  if (hydra.kind !== "dict") return hydra;
  const runtime = child(hydra, "runtime");
  if (runtime?.kind !== "dict") return hydra;
  const dir = child(runtime, "output_dir");
  const unset = dir === undefined ||
    (dir.kind === "value" && (dir.type === "null" || dir.type === "missing"));
  if (!unset) return hydra;
  return withEntry(
    hydra,
    "runtime",
    withEntry(runtime, "output_dir", str(absolutePath("outputs"))),
  ) as N;
}
