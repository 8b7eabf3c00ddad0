/**
 * The job name strata gives by default, apart from ./command.ts (which
 * reads scripts and run dirs), so that compose, which prints it, loads none
 * of that.
 *
 * @module
 */

/**
 * The job name strata gives when the command runs no script (and `strata
 * hash` by default): the primary config's name, its last part for one in a
 * subdirectory (`-n exp/big` → `big`: the name is a file name, the log's)
 * without `.yaml` (`-n exp/big.yaml` → `big`), or `app` without a primary
 * config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configJobName } from "./config_job_name.ts";
 * assert.equal(configJobName("config"), "config");
 * assert.equal(configJobName("exp/big"), "big");
 * assert.equal(configJobName("exp/big.yaml"), "big");
 * assert.equal(configJobName(null), "app");
 * ```
 */
export function configJobName(configName: string | null): string {
  if (configName === null) return "app";
  const file = configName.slice(configName.lastIndexOf("/") + 1);
  // `-n x.yaml` names the same config as `-n x` (as Hydra's loader reads it): the same job
  return file.endsWith(".yaml") && file !== ".yaml" ? file.slice(0, -".yaml".length) : file;
}
