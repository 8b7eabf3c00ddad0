/**
 * `strata schema [-d DIR] [-o FILE]`: the JSON Schema of the composed config,
 * from `_schema/` files where they exist and inferred elsewhere, for
 * yaml-language-server (`# yaml-language-server: $schema=FILE`).
 *
 * @module
 */

import { dirname, join } from "node:path";
import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { compose } from "../core/compose/compose.ts";
import { composedSchema } from "../core/validate/infer.ts";
import { loadSchemaFiles } from "../core/validate/schema_files.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeOut } from "./output.ts";
import { projectSettings } from "./settings.ts";

/** Writes a file whole or not at all: a temp name in the same dir, then a rename. */
function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${crypto.randomUUID()}.tmp`);
  Deno.writeTextFileSync(tmp, text);
  Deno.renameSync(tmp, path);
}

/**
 * Registers the `schema` command on the program.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["schema", "-d", "conf", "-o", "config.schema.json"], { from: "user" });
 * ```
 */
export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("write a JSON Schema of the composed config (for editors: yaml-language-server)")
    .argument("[overrides...]", "Hydra overrides selecting the composition")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (overrides, opts, cmd) => {
      const { configDir, configName } = await projectSettings(cmd, opts, []);
      const c = compose({ configDir, configName, overrides, searchPath: opts.searchPath ?? [] });
      const { schemas } = loadSchemaFiles(configDir, configName);
      const text = JSON.stringify(composedSchema(c, schemas), null, 2) + "\n";
      if (opts.output) writeAtomic(opts.output, text);
      else writeOut(text);
    });
}
