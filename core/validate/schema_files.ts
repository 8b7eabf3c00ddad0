/**
 * Schema files as data: `conf/_schema/<group>.schema.yaml` for a config group
 * (applied to every option of the group, at the option's package) and
 * `conf/_schema/<config-name>.schema.yaml` for the composed config. They are
 * JSON Schema written in YAML; Hydra never reads them (no defaults list names
 * them). Every schema node keeps its origin, so a broken rule is reported at
 * its own line.
 *
 * @module
 */

import { join } from "../path.ts";
import { isStrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";
import { loadYaml } from "../yaml/load.ts";
import { readConfigPath } from "../yaml/text.ts";
import { suggest } from "../suggest.ts";
import { fromError, type Problem } from "./problems.ts";
import { SCHEMA_DIR } from "./tree.ts";

/** One schema file, as plain data with origins. */
export interface SchemaFile {
  /** The file, as origins show it. */
  file: string;
  /** The group it applies to (`db`, `server/site`), or `""` for the primary config. */
  group: string;
  /** The schema as plain JSON data. */
  schema: Record<string, unknown>;
  /** Origin of each schema object, and of each of its keys' values. */
  origins: WeakMap<WeakKey, { self?: Origin; keys: Map<string, Origin> }>;
}

/**
 * The suffix of a schema file (`_schema/db.schema.yaml`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEMA_SUFFIX } from "./schema_files.ts";
 * assert.equal("db" + SCHEMA_SUFFIX, "db.schema.yaml");
 * ```
 */
export const SCHEMA_SUFFIX = ".schema.yaml";

function toPlain(n: Node, origins: SchemaFile["origins"]): unknown {
  if (n.kind === "value") return n.type === "int" ? Number(n.value) : n.value;
  if (n.kind === "list") {
    const out = n.items.map((c) => toPlain(c, origins));
    origins.set(out, { self: originOf(n.origin), keys: new Map() });
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = new Map<string, Origin>();
  for (const e of n.entries.values()) {
    out[String(e.key)] = toPlain(e.node, origins);
    if (e.node.origin) keys.set(String(e.key), originOf(e.node.origin));
  }
  origins.set(out, { self: originOf(n.origin), keys });
  return out;
}

/**
 * Reads the schema files of a config directory, keyed by the group they
 * apply to (`""` for the primary config named `configName`). Files that do
 * not parse are problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadSchemaFiles } from "./schema_files.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/_schema");
 * Deno.writeTextFileSync(dir + "/_schema/db.schema.yaml", "type: object\n");
 * Deno.writeTextFileSync(dir + "/_schema/config.schema.yaml", "required: [db]\n");
 * const { schemas } = loadSchemaFiles(dir, "config");
 * assert.deepEqual([...schemas.keys()].sort(), ["", "db"]);
 * ```
 */
export function loadSchemaFiles(
  configDir: string,
  configName: string | null,
): { schemas: Map<string, SchemaFile>; problems: Problem[] } {
  const schemas = new Map<string, SchemaFile>();
  const problems: Problem[] = [];
  const visit = (rel: string, depth: number) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(join(configDir, SCHEMA_DIR, rel))];
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory && depth < 16) visit(childRel, depth + 1);
      const file = join(configDir, SCHEMA_DIR, childRel);
      // A YAML file under another name (`db.schema.yml`, `db.yaml`), or a JSON one
      // (`db.schema.json`: JSON is YAML, but only one name is read), would be ignored silently.
      if (e.isFile && /\.(ya?ml|json)$/.test(e.name) && !e.name.endsWith(SCHEMA_SUFFIX)) {
        const base = e.name.replace(/(\.schema)?\.(ya?ml|json)$/, "");
        problems.push({
          severity: "error",
          code: "schema-file",
          message: `not read as a schema: schema files are named <group>${SCHEMA_SUFFIX}`,
          origin: { file },
          suggestions: [base + SCHEMA_SUFFIX],
        });
      }
      if (!e.isFile || !e.name.endsWith(SCHEMA_SUFFIX)) continue;
      const name = childRel.slice(0, -SCHEMA_SUFFIX.length);
      try {
        const origins: SchemaFile["origins"] = new WeakMap();
        const node = loadYaml(readConfigPath(file), { file });
        const schema = toPlain(node, origins);
        if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
          problems.push({
            severity: "error",
            code: "schema-file",
            message: "a schema must be a mapping",
            origin: { file, line: 1, col: 1 },
          });
          continue;
        }
        const group = name === configName ? "" : name;
        schemas.set(group, { file, group, schema: schema as Record<string, unknown>, origins });
      } catch (err) {
        if (!isStrataError(err)) throw err;
        problems.push(fromError(err));
      }
    }
  };
  visit("", 0);
  return { schemas, problems };
}

/**
 * Schema files whose name is no config group and no top-level config
 * (`optimiser.schema.yaml` for the group `optimizer`), or one of Hydra's
 * (`hydra/sweeper`: its options make the `hydra` node): they would apply to
 * nothing, so the tree would pass unchecked. Each is an error, with the
 * names it may have meant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unmatchedSchemas } from "./schema_files.ts";
 * const schemas = new Map([["optimiser", { file: "conf/_schema/optimiser.schema.yaml" }]]);
 * const [p] = unmatchedSchemas(schemas, ["optimizer", "config"]);
 * assert.equal(p.message, "schema 'optimiser' matches no config group or config");
 * assert.deepEqual(p.suggestions, ["optimizer.schema.yaml"]);
 * const [q] = unmatchedSchemas(new Map([["task/optimizer", { file: "o.yaml" }]]), ["task/optim"]);
 * assert.deepEqual(q.suggestions, ["task/optim.schema.yaml"]);
 * const [h] = unmatchedSchemas(new Map([["hydra/sweeper", { file: "s.yaml" }]]), ["hydra/sweeper"]);
 * assert.match(h.message, /is for Hydra's own node/);
 * ```
 */
export function unmatchedSchemas(
  schemas: Map<string, Pick<SchemaFile, "file">>,
  names: string[],
): Problem[] {
  const known = new Set(names);
  const out: Problem[] = [];
  for (const [group, { file }] of schemas) {
    if (group === "hydra" || group.startsWith("hydra/")) {
      // the options of Hydra's groups (`conf/hydra/sweeper/x.yaml`) make the `hydra` node, which
      // is checked against Hydra's own schema: a schema file for it would check nothing
      out.push({
        severity: "error",
        code: "schema-file",
        message: `schema '${group}' is for Hydra's own node, which strata checks against ` +
          "Hydra's schema (HydraConf): schema files apply to the job's config, not to it",
        origin: { file },
      });
      continue;
    }
    if (group === "" || known.has(group)) continue;
    out.push({
      severity: "error",
      code: "schema-file",
      message: `schema '${group}' matches no config group or config`,
      origin: { file },
      suggestions: nearNames(group, names).map((n) => n + SCHEMA_SUFFIX),
    });
  }
  return out;
}

/**
 * The names spelt nearest to `group`; else those of its directory that its
 * last segment abbreviates or spells out (`task/optimizer` for the group
 * `task/optim`: too many letters apart for a typo, checker w64).
 */
function nearNames(group: string, names: string[]): string[] {
  const near = suggest(group, names);
  if (near.length > 0) return near;
  const slash = group.lastIndexOf("/");
  const dir = group.slice(0, slash + 1);
  const last = group.slice(slash + 1).toLowerCase();
  return names.filter((n) => {
    if (!n.startsWith(dir) || n.indexOf("/", dir.length) >= 0) return false;
    const other = n.slice(dir.length).toLowerCase();
    const [short, long] = other.length < last.length ? [other, last] : [last, other];
    return short.length >= 3 && long.startsWith(short);
  }).slice(0, 3);
}

/**
 * The schema of the group whose choice picked `d` from one of its sub-directories
 * (`datamodule: semantic/s3dis` picks `datamodule/semantic/s3dis`), if it has one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chosenGroupSchema } from "./schema_files.ts";
 * const schemas = new Map([["datamodule", "S"]]);
 * const d = { configPath: "datamodule/semantic/s3dis", overrideKey: "datamodule" };
 * assert.equal(chosenGroupSchema(d, schemas), "S");
 * assert.equal(chosenGroupSchema({ configPath: "datamodule/semantic/s3dis" }, schemas), undefined);
 * ```
 */
export function chosenGroupSchema<S>(
  d: { configPath: string; overrideKey?: string; ownerKey?: string },
  schemas: ReadonlyMap<string, S>,
): S | undefined {
  const key = d.overrideKey ?? d.ownerKey;
  if (key === undefined) return undefined;
  const group = key.split("@")[0].replace(/^\//, "");
  return d.configPath.startsWith(group + "/") ? schemas.get(group) : undefined;
}
