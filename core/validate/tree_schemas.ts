/**
 * The schemas of a config tree `strata validate` reads (`_schema/<group>.schema.yaml`), compiled
 * when given, and which of their problems a run reports: all of them over the whole tree; over
 * some files (pre-commit), those of the schemas given and of the broken ones that govern a
 * composition checked.
 *
 * @module
 */

import { join, relative, resolve } from "../path.ts";
import type { CompiledSchema } from "./schema_check.ts";
import type { SchemaCheck } from "./composition_check.ts";
import {
  loadSchemaFiles,
  SCHEMA_SUFFIX,
  type SchemaFile,
  unmatchedSchemas,
} from "./schema_files.ts";
import type { Problem, Problems } from "./problems.ts";
import { type ConfTree, SCHEMA_DIR } from "./tree.ts";

/** What {@link readTreeSchemas} read. */
export interface TreeSchemas {
  /** Each schema file, by the group (`""`: the primary) it governs. */
  files: Map<string, SchemaFile>;
  /** The schemas compiled, by group (none without a schema check). */
  schemas: Map<string, CompiledSchema>;
  /** The groups whose schema file was given. */
  selectedSchemaGroups: Set<string>;
  /** The schema files that do not load (absolute paths). */
  broken: string[];
  /**
   * Adds the problems of the schemas of the groups `governs` takes: over some files, a schema
   * that is broken is said where it governs a composition checked, not passed over while it
   * checks nothing (checker w34).
   */
  problemsOf(governs: (group: string) => boolean): void;
}

/**
 * Reads and compiles the tree's schemas, adding to `problems` those of the files `given` takes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Problems } from "./problems.ts";
 * import { readTreeSchemas } from "./tree_schemas.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "a: 1\n");
 * const tree = { files: [{ file: dir + "/config.yaml", configPath: "config" }], groups: new Map(), problems: [] };
 * const read = readTreeSchemas({ configDir: dir, configName: "config" }, tree, undefined, () => true, new Problems());
 * assert.equal(read.files.size, 0);
 * ```
 */
export function readTreeSchemas(
  opts: { configDir: string; configName: string | null },
  tree: ConfTree,
  schemaCheck: SchemaCheck | undefined,
  given: (file: string) => boolean,
  problems: Problems,
): TreeSchemas {
  const { schemas: files, problems: fileProblems } = loadSchemaFiles(
    opts.configDir,
    opts.configName,
  );
  const selectedSchemaGroups = new Set<string>();
  const schemas = new Map<string, CompiledSchema>();
  for (const [group, file] of files) {
    if (!schemaCheck) break;
    const compiled = schemaCheck.compileSchema(file);
    schemas.set(group, compiled);
    if (given(file.file)) {
      selectedSchemaGroups.add(group);
      for (const p of compiled.problems) problems.add(p);
    }
  }
  // A schema applies to a group or a primary config (any top-level config can be `-n`).
  for (const p of [...fileProblems, ...unmatchedSchemas(files, schemaNames(tree))]) {
    if (given(p.origin?.file ?? "")) problems.add(p);
  }
  const problemsOf = (governs: (group: string) => boolean) => {
    for (const [group, compiled] of schemas) {
      if (governs(group)) { for (const p of compiled.problems) problems.add(p); }
    }
    for (const p of fileProblems) {
      const group = schemaGroupOf(opts.configDir, opts.configName, p.origin?.file);
      if (group !== undefined && governs(group)) problems.add(p);
    }
  };
  const broken = fileProblems.flatMap((p: Problem) =>
    p.origin?.file?.endsWith(SCHEMA_SUFFIX) ? [resolve(p.origin.file)] : []
  );
  return { files, schemas, selectedSchemaGroups, broken, problemsOf };
}

/**
 * Whether the config directory has a `_schema/` directory (validate loads the schema checker,
 * ajv and CEL, only then).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasSchemas } from "./tree_schemas.ts";
 * assert.equal(hasSchemas(Deno.makeTempDirSync()), false);
 * ```
 */
export function hasSchemas(configDir: string): boolean {
  try {
    return Deno.statSync(join(configDir, SCHEMA_DIR)).isDirectory;
  } catch {
    return false;
  }
}

/** The group (`""`: the primary) a file under the config dir's `_schema/` is the schema of. */
function schemaGroupOf(
  configDir: string,
  configName: string | null | undefined,
  file: string | undefined,
): string | undefined {
  if (file === undefined || !file.endsWith(SCHEMA_SUFFIX)) return undefined;
  const rel = relative(resolve(join(configDir, SCHEMA_DIR)), resolve(file));
  if (rel.startsWith("..")) return undefined;
  const name = rel.slice(0, -SCHEMA_SUFFIX.length);
  return name === configName ? "" : name;
}

/**
 * What a schema file may be named after: the groups (a directory whose options all sit in
 * sub-directories too: `datamodule`, chosen as `datamodule=semantic/s3dis`, checker w57) and
 * the top-level configs (any can be `-n`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { schemaNames } from "./tree_schemas.ts";
 * const tree = {
 *   files: [{ file: "c/config.yaml", configPath: "config" }, { file: "c/d/s/a.yaml", configPath: "d/s/a" }],
 *   groups: new Map([["d/s", ["a"]]]),
 *   problems: [],
 * };
 * assert.deepEqual(schemaNames(tree), ["d/s", "d", "config"]);
 * ```
 */
export function schemaNames(tree: Pick<ConfTree, "files" | "groups">): string[] {
  const above = [...tree.groups.keys()].flatMap((g) =>
    g.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))
  );
  return [
    ...new Set([...tree.groups.keys(), ...above]),
    ...tree.files.map((f) => f.configPath).filter((c) => !c.includes("/")),
  ];
}
