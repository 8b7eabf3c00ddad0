/**
 * `--no-env` and `--env-allow PATTERN`: which environment variables configs
 * may read (`oc.env`, `hydra.job.env_copy`). Options of the program, so every
 * command that composes has them, before or after its name.
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { Option } from "npm:@commander-js/extra-typings@15.1.0";
import { setEnvPolicy } from "../core/env.ts";

/**
 * Adds the env options to `program` and applies them before each command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { addEnvOptions } from "./env.ts";
 * const program = new Command();
 * addEnvOptions(program);
 * program.parse(["--env-allow", "CI_*"], { from: "user" });
 * assert.deepEqual(program.opts(), { env: true, envAllow: ["CI_*"] });
 * ```
 */
export function addEnvOptions(program: Command): void {
  program
    .addOption(
      new Option("--no-env", "configs may not read environment variables (oc.env, env_copy)"),
    )
    .addOption(
      new Option(
        "--env-allow <pattern>",
        "configs may read only variables matching this glob, e.g. 'CI_*' (repeatable)",
      ).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]),
    )
    .hook("preAction", (root) => {
      const { env, envAllow } = root.opts() as { env?: boolean; envAllow?: string[] };
      setEnvPolicy(env === false ? "none" : envAllow ? { allow: envAllow } : "all");
    });
}
