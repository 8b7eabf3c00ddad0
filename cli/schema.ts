/**
 * `strata schema [-d DIR] [-o FILE]`: the JSON Schema of the composed config,
 * from `_schema/` files where they exist and inferred elsewhere, for
 * yaml-language-server (`# yaml-language-server: $schema=FILE`).
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import {
  configDirOption,
  configNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";
import { outPathOption } from "./output.ts";

/** The `schema` command's arguments and options. */
function schemaCommand(program: Command) {
  return program
    .command("schema")
    .description("write a JSON Schema of the composed config (for editors: yaml-language-server)")
    .argument("[overrides...]", "Hydra overrides selecting the composition")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    .addOption(
      outPathOption("-o, --output <file>", "write to this file instead of stdout (- is stdout)"),
    );
}

/** The parsed options of `schema`. */
export type SchemaOpts = ReturnType<ReturnType<typeof schemaCommand>["opts"]>;

/**
 * Registers the `schema` command on the program. Its action loads
 * ./schema_action.ts only when `schema` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["schema", "-d", "conf", "-o", "config.schema.json"], { from: "user" });
 * ```
 */
export function registerSchema(program: Command): void {
  schemaCommand(program).action(async (overrides, opts, cmd) => {
    const { schemaAction } = await import("./schema_action.ts");
    await schemaAction(overrides, opts, cmd);
  });
}
