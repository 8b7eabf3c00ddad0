/**
 * The `hydra.sweeper.params` entries that set a key in every job of a sweep
 * (`strata explain`): Hydra's BasicSweeper puts them before the command
 * line's overrides of each job, so a composed value (what `--cfg job` shows)
 * is not what the jobs of a config that sweeps get.
 *
 * @module
 */

import type { Node } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { touches } from "./layers.ts";

/** A `hydra.sweeper.params` entry that sets a key: its key as written and its value. */
export interface SweptParam {
  /** The entry's key (`+checkpoint.storage`, `checkpoint`, `db@backup`). */
  param: string;
  /** Its value: one value, or the values swept (`vit, whisper`). */
  value: Node;
  /**
   * A command-line override (`++train.seed=5`, as `override #N '...'`) with another key element
   * that sets the same key or one above it: BasicSweeper puts the params first, so it wins in
   * every job.
   */
  overriddenBy?: string;
}

/** What {@link sweptBy} finds. */
export interface Swept {
  /** The entries that set the key, in the order written. */
  params: SweptParam[];
  /** The config's own `hydra.mode` is MULTIRUN: every run of it is a sweep. */
  multirun: boolean;
}

/** The key a param (or an override) sets: without `+`/`++`/`~` and the `@package` of a group's. */
function targetOf(param: string): string {
  return param.replace(/^(~|\+\+|\+)/, "").replace(/@.*$/, "");
}

/**
 * The entries of `hydra.sweeper.params` (in the composed hydra node) that
 * set `key` or a node above or below it, left out where a command-line
 * override replaces the entry: BasicSweeper keys both by their key element
 * (`overrideKeys`: each override's text before its `=`, `+` and `@package`
 * included), and an argument replaces a param of the same one. Undefined
 * when none does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { sweptBy } from "./swept.ts";
 * const hydra = loadYaml("mode: MULTIRUN\nsweeper:\n  params:\n    ckpt.every: 1\n    model: a, b\n");
 * assert.deepEqual(sweptBy(hydra, "ckpt.every", [])?.params.map((p) => p.param), ["ckpt.every"]);
 * assert.equal(sweptBy(hydra, "ckpt.every", ["ckpt.every"]), undefined);
 * assert.equal(sweptBy(hydra, "model.depth", [])?.multirun, true);
 * // `++ckpt.every=5` is another key element: it stays, and wins in every job
 * assert.equal(sweptBy(hydra, "ckpt.every", ["++ckpt.every"], ["++ckpt.every=5"])?.params[0].overriddenBy, "override #1 '++ckpt.every=5'");
 * // a group choice is no value override of a param under it
 * const grid = loadYaml("sweeper:\n  params:\n    model.depth: 1,2\n");
 * assert.equal(sweptBy(grid, "model.depth", ["model"], ["model=big"], (k) => k === "model")?.params[0].overriddenBy, undefined);
 * ```
 */
export function sweptBy(
  hydra: Node,
  key: string,
  overrideKeys: readonly string[],
  overrides: readonly string[] = [],
  isGroup: (key: string) => boolean = () => false,
): Swept | undefined {
  const params = nodeAt(hydra, ["sweeper", "params"]);
  if (params === undefined || params.kind !== "dict") return undefined;
  const replaced = new Set(overrideKeys);
  const found: SweptParam[] = [];
  for (const e of params.entries.values()) {
    if (typeof e.key !== "string") continue;
    const target = targetOf(e.key);
    if (target === "" || replaced.has(e.key) || !touches(target, key)) continue;
    // the last override setting the param's key or a node above it comes after it in each job
    let after: string | undefined;
    overrideKeys.forEach((k, i) => {
      const t = targetOf(k);
      // a group choice (`model=transformer`) is applied to the defaults list, before every value
      // override: the param `model.hidden_size` still sets the key in each job (checker w32)
      // (a dict given to the key, `++checkpoint={save_one_in: 7}`, is a value override)
      const value = (overrides[i] ?? "").slice((overrides[i] ?? "").indexOf("=") + 1).trim();
      if (isGroup(k.replace(/^[~+]+/, "")) && !value.startsWith("{")) return;
      if (t !== "" && (t === target || target.startsWith(`${t}.`))) {
        after = `override #${i + 1} '${overrides[i] ?? k}'`;
      }
    });
    found.push({ param: e.key, value: e.node, ...(after ? { overriddenBy: after } : {}) });
  }
  if (found.length === 0) return undefined;
  const mode = nodeAt(hydra, ["mode"]);
  return { params: found, multirun: mode?.kind === "value" && mode.value === "MULTIRUN" };
}

/**
 * The keys of the `hydra.sweeper.params` that each job of a config whose
 * own `hydra.mode` is MULTIRUN gets as overrides, or undefined when the
 * config does not sweep itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { sweptParams } from "./swept.ts";
 * const hydra = loadYaml("mode: MULTIRUN\nsweeper:\n  params:\n    ckpt.every: 1\n    model: a, b\n");
 * assert.deepEqual(sweptParams(hydra), ["ckpt.every", "model"]);
 * assert.equal(sweptParams(loadYaml("sweeper:\n  params:\n    a: 1\n")), undefined);
 * ```
 */
export function sweptParams(hydra: Node): string[] | undefined {
  const mode = nodeAt(hydra, ["mode"]);
  const params = nodeAt(hydra, ["sweeper", "params"]);
  if (mode?.kind !== "value" || mode.value !== "MULTIRUN") return undefined;
  if (params === undefined || params.kind !== "dict" || params.entries.size === 0) return undefined;
  return [...params.entries.values()].map((e) => String(e.key));
}
