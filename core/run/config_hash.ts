/**
 * The hash of a composed config as `strata run` gives it to its job
 * (`STRATA_CONFIG_HASH`, what `strata hash` prints). Kept apart from
 * ../hash.ts, which only hashes a tree and is what the run plan hashes with:
 * the dependency goes one way, this module -> plan.ts -> hash.ts.
 *
 * @module
 */

import type { ComposeOptions } from "../compose/compose.ts";
import { configuredMode, planRun, type RunOptions } from "./plan.ts";
import { configJobName } from "./command.ts";

/**
 * The hash of a composition's resolved job config (the `hydra` node excluded):
 * what `strata hash` prints for the same options, the config `strata run`
 * gives its job. As there, `hydra.job.name`
 * (which `${hydra:job.name}` reads) defaults to the config name. Unlike the
 * CLI, which keeps a value that cannot resolve as written with a warning, a
 * resolution error is thrown.
 *
 * @throws {StrataError} composition and resolution errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composedConfigHash } from "./config_hash.ts";
 * const h = composedConfigHash({ configDir: "examples/llm-finetune/conf", configName: "config" });
 * assert.match(h, /^[0-9a-f]{64}$/);
 * ```
 */
export function composedConfigHash(options: ComposeOptions): string {
  // composed as `strata run` composes its job (hydra.mode=RUN appended unless
  // the config sets a mode, hydra.runtime.output_dir its run dir): the hash
  // is its STRATA_CONFIG_HASH even where the config reads `${hydra:mode}`
  const run: RunOptions = {
    configDir: options.configDir,
    configName: options.configName,
    overrides: options.overrides,
    searchPath: options.searchPath,
    jobName: options.jobName ?? configJobName(options.configName),
    onUnresolved: (u) => {
      throw u.error;
    },
  };
  run.appendMode = configuredMode(run) === null;
  return planRun(run).configHash;
}
