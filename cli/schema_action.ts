/**
 * What `strata schema` does once its arguments are parsed (./schema.ts
 * defines the command).
 *
 * @module
 */

import { dirname, join } from "../core/path.ts";
import { compose } from "../core/compose/compose.ts";
import { composedSchema } from "../core/validate/infer.ts";
import { loadSchemaFiles } from "../core/validate/schema_files.ts";
import { writeOut } from "./output.ts";
import { projectSettings } from "./settings.ts";
import type { SchemaOpts } from "./schema.ts";

/** Writes a file whole or not at all: a temp name in the same dir, then a rename. */
function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${crypto.randomUUID()}.tmp`);
  Deno.writeTextFileSync(tmp, text);
  Deno.renameSync(tmp, path);
}

/**
 * Composes the config and writes its JSON Schema (to `--output` whole, or stdout).
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["schema", "--help"], { from: "user" });
 * ```
 */
export async function schemaAction(
  overrides: string[],
  opts: SchemaOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  const { configDir, configName } = await projectSettings(cmd, opts, []);
  const c = compose({ configDir, configName, overrides, searchPath: opts.searchPath ?? [] });
  const { schemas } = loadSchemaFiles(configDir, configName);
  const text = JSON.stringify(composedSchema(c, schemas), null, 2) + "\n";
  if (opts.output) writeAtomic(opts.output, text);
  else writeOut(text);
}
