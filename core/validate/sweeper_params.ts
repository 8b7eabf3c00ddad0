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

import type { DictNode, Node } from "../node.ts";
import { ErrorCode, isStrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { holdsPath, missingKeySuggestions } from "../compose/value_overrides.ts";
import { sweeperSettings } from "../sweep/master.ts";
import type { Problem } from "./problems.ts";

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
  let params;
  try {
    params = sweeperSettings(c.hydra).params; // the params as a multirun reads them
  } catch (e) {
    if (isStrataError(e)) return out; // a param that is no string: the multirun says so
    throw e;
  }
  for (const { text, origin } of params) {
    const key = text.slice(0, text.indexOf("="));
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
    if (path[0] === "hydra" || holdsPath(c.config, path, true)) continue;
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
