/**
 * `-n NAME` and `--no-config-name` together: both set the primary config
 * (commander keeps whichever comes last), so the pair is bad usage (exit 2)
 * rather than one silently winning.
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";

/**
 * Makes every command of `program` that has `--no-config-name` refuse it
 * beside `-n/--config-name`, before the command runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configNameOption, noConfigNameOption } from "./compose.ts";
 * import { refuseBothConfigNames } from "./config_name_flags.ts";
 * const program = new Command().exitOverride();
 * program.command("c").addOption(configNameOption()).addOption(noConfigNameOption()).action(() => {});
 * refuseBothConfigNames(program);
 * assert.throws(() => program.parse(["c", "-n", "x", "--no-config-name"], { from: "user" }), /both/);
 * ```
 */
export function refuseBothConfigNames(program: Command): void {
  for (const cmd of program.commands) {
    if (!cmd.options.some((o) => o.long === "--no-config-name")) continue;
    const given = new Set<string>();
    cmd.on("option:config-name", () => given.add("-n"));
    cmd.on("option:no-config-name", () => given.add("--no-config-name"));
    cmd.hook("preAction", () => {
      if (given.size < 2) return;
      throw new StrataError(
        ErrorCode.Usage,
        "-n/--config-name and --no-config-name were both given: name the primary config, or " +
          "compose without one, not both",
      );
    });
  }
}
