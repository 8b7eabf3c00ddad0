/**
 * `STRATA_MAX_ALIAS_NODES` (core/limits.ts) read before the command runs, so
 * that a value that is no whole number of nodes is bad usage (exit 2) at
 * once, not only when a file's aliases first meet the limits.
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { aliasLimits } from "../core/limits.ts";

/**
 * Reads the alias limits from the environment before each command of `program` runs.
 *
 * @example
 * ```ts
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { addAliasLimitSetting } from "./alias_limit.ts";
 * addAliasLimitSetting(new Command());
 * ```
 */
export function addAliasLimitSetting(program: Command): void {
  program.hook("preAction", () => void aliasLimits());
}
