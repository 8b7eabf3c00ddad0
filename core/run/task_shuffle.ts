/**
 * `--job-index` over a sweep that calls `shuffle(...)`: each task of an array
 * expands the sweep again, in an order of its own, so two tasks may run the
 * same job and another none (Hydra shuffles once, in the one process that
 * launches every job).
 *
 * @module
 */

import { canonicalKey, type DictNode, type Node } from "../node.ts";
import { formatWarning } from "../errors.ts";

const SHUFFLE = /(^|[=,(\s])shuffle\s*\(/;

/**
 * The warning for `--job-index` without `--job-overrides` when an override
 * or a `hydra.sweeper.params` value calls `shuffle(...)`; undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../node.ts";
 * import { tasksShuffle } from "./task_shuffle.ts";
 * const master = { hydra: dict() };
 * assert.match(tasksShuffle(["seed=shuffle(1,2,3)"], master)!, /--job-overrides/);
 * assert.equal(tasksShuffle(["seed=1,2,3", "name='shuffle(x)'"], master), undefined);
 * ```
 */
export function tasksShuffle(
  overrides: readonly string[],
  master: { hydra: DictNode },
): string | undefined {
  const params = child(child(master.hydra, "sweeper"), "params");
  const texts = [...overrides];
  if (params?.kind === "dict") {
    for (const e of params.entries.values()) {
      if (e.node.kind === "value") texts.push(`${String(e.key)}=${String(e.node.value)}`);
    }
  }
  const shuffled = texts.find((t) => SHUFFLE.test(t.slice(t.indexOf("=") + 1)));
  if (shuffled === undefined) return undefined;
  return formatWarning(
    `--job-index: '${shuffled}' shuffles the sweep, and each task run without ` +
      "--job-overrides expands it again in an order of its own: two tasks may run the same " +
      "job and another none. Pin each task's overrides (--job-overrides, as strata sweep's " +
      "manifests do) or sort the sweep",
  );
}

function child(n: Node | undefined, key: string): Node | undefined {
  return n?.kind === "dict" ? n.entries.get(canonicalKey(key))?.node : undefined;
}
