/**
 * Options that Hydra's plugins add to its own config groups. Hydra without a
 * plugin installed says "Could not find" for them, and so does strata, which
 * runs no Python: the message then says where such an option can come from.
 *
 * @module
 */

/** Plugin options by Hydra group: the pip package that adds them. */
const PLUGIN_OPTIONS: Record<string, Record<string, string>> = {
  "hydra/job_logging": { colorlog: "hydra-colorlog" },
  "hydra/hydra_logging": { colorlog: "hydra-colorlog" },
  "hydra/launcher": {
    submitit_slurm: "hydra-submitit-launcher",
    submitit_local: "hydra-submitit-launcher",
    joblib: "hydra-joblib-launcher",
    ray: "hydra-ray-launcher",
    ray_aws: "hydra-ray-launcher",
    rq: "hydra-rq-launcher",
  },
  "hydra/sweeper": {
    optuna: "hydra-optuna-sweeper",
    ax: "hydra-ax-sweeper",
    nevergrad: "hydra-nevergrad-sweeper",
  },
};

/**
 * What to tell a user whose tree selects a Hydra plugin's option that no
 * config directory holds, or undefined for any other option.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pluginHint } from "./plugins.ts";
 * assert.match(pluginHint("hydra/job_logging", "colorlog")!, /hydra-colorlog/);
 * assert.equal(pluginHint("model", "colorlog"), undefined);
 * ```
 */
export function pluginHint(group: string, option: string): string | undefined {
  const pkg = PLUGIN_OPTIONS[group]?.[option];
  if (pkg === undefined) return undefined;
  const where = pkg === "hydra-colorlog"
    ? "add the plugin's config directory to the search path (--search-path " +
      ".../site-packages/hydra_plugins/hydra_colorlog/conf, or once for every command: " +
      "search_path in .strata.yaml), or copy its " +
      `${group}/${option}.yaml into your config directory`
    : `write ${group}/${option}.yaml in your config directory with the plugin's ` +
      "parameters (the plugin registers them from Python, which strata does not run)";
  return `'${option}' comes from Hydra's ${pkg} plugin, which Hydra also cannot find ` +
    `unless it is installed; strata runs no Python: ${where}.`;
}
