/**
 * Which configs `strata validate` reports as the primaries it composed, in a tree that names none
 * (no `config.yaml`, several top-level configs).
 *
 * @module
 */

import type { Plan } from "./plans.ts";
import { hasDefaultsList } from "./plan_reads.ts";
import { readFileText } from "../file_overlay.ts";

/**
 * The configs composed as primaries: the plans of another primary, with no
 * overrides, and the top-level configs (`topLevel`, less `skip`) whose
 * defaults failed, so that made no plan (a deep config is then no
 * primary's option, but the failed top-level one is still one of them). A
 * top-level config a composition read that has no defaults list of its own
 * (verl's `legacy_reward_impl`, an entry of `ppo_trainer`'s defaults list) is
 * a part of that primary, not one; one with a defaults list is a primary runs
 * name too (fairchem's `uma_sm_conserving_omol_4M`, which others include).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { primariesOf } from "./primaries_of.ts";
 * const plan = (configName: string) =>
 *   ({ overrides: [], configName, files: new Set<string>(), groups: new Set<string>(), interpolatedChoices: false });
 * assert.deepEqual(primariesOf([plan("train"), plan("eval")], ["train", "broken"]), ["train", "broken", "eval"]);
 * ```
 */
export function primariesOf(
  plans: readonly Plan[],
  topLevel: readonly string[] = [],
  skip: ReadonlySet<string> = new Set(),
  fileOf: (configPath: string) => string | undefined = () => undefined,
  includedByOthers: (configPath: string) => boolean = () => false,
): string[] {
  const planned = plans.flatMap((p) => p.overrides.length === 0 ? p.configName ?? [] : []);
  // (or included by another's defaults list: a part even when the configs naming it fail)
  const read = (c: string) => {
    const file = fileOf(c);
    return file !== undefined && (plans.some((p) => p.files.has(file)) || includedByOthers(c)) &&
      !fileHasDefaultsList(file);
  };
  const top = topLevel.filter((c) => !skip.has(c) && (planned.includes(c) || !read(c)));
  return [...top, ...planned.filter((c) => !top.includes(c))];
}

/** Whether a config file has a top-level `defaults:` list (read as text: it loaded already). */
function fileHasDefaultsList(file: string): boolean {
  try {
    return hasDefaultsList(readFileText(file));
  } catch {
    return false;
  }
}
