/**
 * The job name strata is given (`strata run --job-name`) against the one the
 * config keeps: Hydra fills `hydra.job.name` with the task's name only when the
 * config leaves it unset (`config_loader_impl`: `if "name" not in
 * cfg.hydra.job`), so a name the config or an override sets wins, silently in
 * Hydra; strata keeps the rule and says so.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import { formatWarning, StrataError } from "../errors.ts";
import { escapeSpecial } from "../override/format.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { hydraOrigin, hydraString } from "./hydra_values.ts";

/**
 * A located warning when `given` is not the job's name because the config (or
 * an override) sets `hydra.job.name` to another; undefined when they agree, or
 * when the name does not resolve (that error is the run's own to report).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dict, type DictNode } from "../node.ts";
 * import { jobNameKeptWarning } from "./job_name.ts";
 * const c = { config: dict(), hydra: loadYaml("job: {name: default}", { file: "c.yaml" }) as DictNode };
 * assert.match(jobNameKeptWarning(c, "mytrain", new Date())!, /^c\.yaml:1:13: warning: --job-name mytrain/);
 * assert.equal(jobNameKeptWarning(c, "default", new Date()), undefined);
 * ```
 */
export function jobNameKeptWarning(
  c: Pick<Composition, "config" | "hydra">,
  given: string,
  now: Date,
  resolvers?: Record<string, ResolverFn>,
): string | undefined {
  let kept: string;
  try {
    kept = hydraString(c, "job.name", now, resolvers);
  } catch (e) {
    if (e instanceof StrataError) return undefined;
    throw e;
  }
  if (kept === given) return undefined;
  const at = hydraOrigin(c, "job.name");
  // an override of hydra.job.name is the way to change it: it needs no advice
  const why = at?.override !== undefined
    ? `the override sets hydra.job.name to ${kept}`
    : `hydra.job.name is set to ${kept} here, and Hydra keeps a name the config sets; ` +
      `to change it, override hydra.job.name=${escapeSpecial(given)}`;
  return formatWarning(`--job-name ${given} is not used: ${why}`, at);
}
