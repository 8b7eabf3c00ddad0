/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { toJson } from "../core/container.ts";
import { compose } from "../core/compose/compose.ts";
import { toYaml } from "../core/yaml/emit.ts";

/**
 * Registers the `compose` command on the program.
 *
 * @example
 * ```ts ignore
 * import { program } from "./main.ts";
 * import { registerCompose } from "./compose.ts";
 * registerCompose(program);
 * ```
 */
export function registerCompose(program: Command): void {
  program
    .command("compose")
    .description("compose a config from a config directory and overrides, and print it")
    .argument("[overrides...]", "Hydra overrides: key=value, group=option, +key=value, ~key")
    .option("-d, --config-dir <dir>", "the config directory", "conf")
    .option("-n, --config-name <name>", "the primary config, without .yaml", "config")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["yaml", "json"] as const)
        .default("yaml" as const),
    )
    .action((overrides, opts) => {
      const { config } = compose({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
      });
      const text = opts.format === "json" ? toJson(config, 2) + "\n" : toYaml(config);
      Deno.stdout.writeSync(new TextEncoder().encode(text));
    });
}
