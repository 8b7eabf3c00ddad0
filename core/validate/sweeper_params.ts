/**
 * `hydra.sweeper.params` checked against the config they sweep. A multirun
 * applies each param to every job as an override (Hydra's BasicSweeper, and
 * the Optuna and Ax sweepers alike), so a param naming a key the config does
 * not have fails every job with Hydra's "Could not override", once the
 * multirun starts (lightning-hydra-template's `hparams_search/mnist_optuna`
 * sweeps `datamodule.batch_size` in a tree whose key is `data.batch_size`).
 * Validation composes no job; it reads each param's key.
 *
 * @module
 */

import { canonicalKey, type DictNode, type Node, type Origin, originOf } from "../node.ts";
import { ErrorCode } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { missingKeySuggestions } from "../compose/value_overrides.ts";
import type { Problem } from "./problems.ts";

/** The params' entries as written: key, value node. */
function paramsOf(hydra: Node): { key: string; node: Node }[] {
  let node: Node | undefined = hydra;
  for (const k of ["sweeper", "params"]) {
    node = node?.kind === "dict" ? node.entries.get(canonicalKey(k))?.node : undefined;
  }
  if (node?.kind !== "dict") return [];
  return [...node.entries.values()].map((e) => ({ key: String(e.key), node: e.node }));
}

/**
 * Whether `path` leads somewhere in `root`, or to a place no reading can
 * decide (an interpolation, whose target a job resolves).
 */
function reachable(root: DictNode, path: readonly string[]): boolean {
  let node: Node = root;
  for (const seg of path) {
    if (node.kind === "value") return node.type === "str" && String(node.value).includes("${");
    const next: Node | undefined = node.kind === "dict"
      ? node.entries.get(canonicalKey(seg))?.node
      : node.items[Number(seg)];
    if (next === undefined) return false;
    node = next;
  }
  return true;
}

/**
 * The problems of a composition's `hydra.sweeper.params`: a warning per param
 * that changes a key (`key=...`, no `+`, not a config group) the config does
 * not have, at the param, with Hydra's words and did-you-mean.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { sweeperParamProblems } from "./sweeper_params.ts";
 * const config = loadYaml("data:\n  batch_size: 32\n") as never;
 * const hydra = loadYaml("sweeper:\n  params:\n    datamodule.batch_size: choice(32, 64)\n");
 * const [p] = sweeperParamProblems({ config, hydra, choices: {} });
 * assert.match(p.message, /^Could not override 'datamodule\.batch_size'/);
 * ```
 */
export function sweeperParamProblems(
  c: { config: DictNode; hydra: Node; choices: Record<string, string | null> },
): Problem[] {
  const out: Problem[] = [];
  for (const { key, node } of paramsOf(c.hydra)) {
    let o;
    try {
      o = parseOverride(`${key}=x`);
    } catch {
      continue; // a key that does not parse fails as the multirun reads it (sweep, run -m)
    }
    // an append or a group choice (`model: choice(a, b)`, `hydra/launcher`) changes no key
    if (o.type !== "change" || o.package !== null || o.key.includes("/")) continue;
    if (Object.hasOwn(c.choices, o.key)) continue;
    const path = o.key.split(".");
    if (path[0] === "hydra" || reachable(c.config, path)) continue;
    const origin: Origin | undefined = node.origin ? originOf(node.origin) : undefined;
    out.push({
      // a warning: the multirun may be meant with other choices (an `experiment=` that adds the
      // key), which this composition does not make
      severity: "warning",
      code: ErrorCode.Composition,
      message: `Could not override '${o.key}'. No key '${o.key}' in the config: every job of a ` +
        `multirun of this composition fails on this param. To append to your config use ` +
        `+${o.key}`,
      fullKey: `hydra.sweeper.params.${key}`,
      suggestions: missingKeySuggestions(c.config, path, o.key),
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}
