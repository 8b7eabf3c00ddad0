/**
 * What `strata schema` does once its arguments are parsed (./schema.ts
 * defines the command).
 *
 * @module
 */

import { composeStandingIn } from "../core/compose/stand_ins.ts";
import { composedSchema } from "../core/validate/infer.ts";
import { swappedConfigs } from "../core/validate/infer_options.ts";
import { loadSchemaFiles, unmatchedSchemas } from "../core/validate/schema_files.ts";
import { walkConfTree } from "../core/validate/tree.ts";
import { schemaNames } from "../core/validate/tree_schemas.ts";
import { checkOutPath, writeFileAtomic } from "../core/manifest/write.ts";
import { isStdoutPath, writeErr, writeOut } from "./output.ts";
import { compileSchema } from "../core/validate/schema_check.ts";
import { formatText } from "../core/validate/report.ts";
import { Problems } from "../core/validate/problems.ts";
import { formatWarning, type StrataError } from "../core/errors.ts";
import { projectSettings } from "./settings.ts";
import type { SchemaOpts } from "./schema.ts";

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
  const output = opts.output === undefined || isStdoutPath(opts.output) ? undefined : opts.output;
  // a path that cannot be written is bad usage, found before anything is composed
  if (output) checkOutPath(output, "file");
  const { configDir, configName, configNameAt, searchPath, versionBase } = await projectSettings(
    cmd,
    opts,
    [],
  );
  const given = { configDir, configName, configNameAt, versionBase, overrides, searchPath };
  // a group the defaults list leaves `???` (`model: ???`): its first option stands in, as
  // validate's, and its other options are swapped in as any group's (checker w64 #2)
  const { composition: c, standIns, overrides: filled } = composeStandingIn(given);
  const composeOpts = { ...given, overrides: filled };
  // `-n config.yaml` is the config `config`, whose schema is config.schema.yaml
  const loaded = loadSchemaFiles(configDir, configName?.replace(/\.yaml$/, "") ?? null);
  const { schemas } = loaded;
  // what validate says of the schema files themselves (`minimun`, a rule that does not parse):
  // a schema written from them would check nothing there (checker x22); nothing is written
  const problems = [...loaded.problems];
  for (const file of schemas.values()) problems.push(...compileSchema(file).problems);
  // and a schema named after no group or top-level config (`optimiser.schema.yaml`), as validate
  // says it: it would apply to nothing (checker v31)
  problems.push(...unmatchedSchemas(schemas, schemaNames(walkConfTree(configDir))));
  if (problems.length > 0) {
    // in file and line order, as validate lists them (checker w63 #4)
    const sorted = new Problems();
    for (const p of problems) sorted.add(p);
    const report = formatText({
      problems: sorted.list(),
      files: schemas.size,
      compositions: 0,
      strict: false,
    });
    writeErr(report.slice(0, report.lastIndexOf("\n", report.length - 2) + 1));
    if (problems.some((p) => p.severity === "error")) {
      Deno.exitCode = 1;
      return;
    }
  }
  for (const s of standIns) {
    writeErr(
      `note: '${s.key}' is ??? in the defaults list: its first option '${s.option}' stands in, ` +
        "and each of its options is in the schema\n",
    );
  }
  // an option whose file does not load gives the schema nothing: said, as validate reports it
  const unread = (choice: string, e: StrataError) =>
    writeErr(
      formatWarning(`${choice}'s values are left out of the schema: ${e.message}`, e.origin),
    );
  const others = swappedConfigs(c, composeOpts, unread);
  const text = JSON.stringify(composedSchema(c, schemas, others), null, 2) + "\n";
  if (output) writeFileAtomic(output, [text]);
  else writeOut(text);
}
