/**
 * The tracker params that read a value only a run has (`${hydra:runtime.output_dir}`,
 * `${hydra:job.num}`), itself or through the keys they read: outside a run, as Hydra's
 * `--cfg job --resolve` gives them, they are None (`paths.output_dir=None`,
 * `checkpoint.save_dir=None/checkpoints`), where the app logging its own params inside the run
 * gets the run's dir (checker w49 #2).
 *
 * @module
 */

import { isInterpolation, type Node, type Origin, originOf } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { leaves, pathText } from "./flat.ts";
import { readsRunTimeOrDir } from "../provenance/diff.ts";

/**
 * The keys of `written`'s interpolations that read a per-run value and resolved, in `resolved`,
 * to None or to text holding `None`, with where each is written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { runOnlyParams } from "./run_only_params.ts";
 * const written = loadYaml("out: ${hydra:runtime.output_dir}\nckpt: ${out}/ckpt\nname: x\n");
 * const resolved = loadYaml("out: null\nckpt: None/ckpt\nname: x\n");
 * assert.deepEqual(runOnlyParams(written, resolved).map((p) => p.key), ["out", "ckpt"]);
 * ```
 */
export function runOnlyParams(written: Node, resolved: Node): { key: string; origin?: Origin }[] {
  const out: { key: string; origin?: Origin }[] = [];
  for (const leaf of leaves(written)) {
    const n = leaf.node;
    if (n.kind !== "value" || !isInterpolation(n)) continue;
    const r = nodeAt(resolved, leaf.path);
    const none = r?.kind === "value" &&
      (r.type === "null" || typeof r.value === "string" && /\bNone\b/.test(r.value));
    if (!none || !readsRunTimeOrDir(written, String(n.value), leaf.path)) continue;
    out.push({ key: pathText(leaf), origin: originOf(n.origin) });
  }
  return out;
}
