/**
 * A JSON Schema (draft-07) of a composed config for editors
 * (yaml-language-server): the schema files where they exist (the config's
 * at the root, each group's at its package), inferred from the composed
 * values everywhere else.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import type { DictNode, Node } from "../node.ts";
import { forEditors } from "./editor_schema.ts";
import { unionSchema } from "./infer_options.ts";
import { chosenGroupSchema, type SchemaFile } from "./schema_files.ts";

type Schema = Record<string, unknown>;

/**
 * The schema a value suggests: its type, and the same for every key of a mapping.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inferSchema } from "./infer.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(inferSchema(loadYaml("lr: 0.1\nn: 2\n")), {
 *   type: "object",
 *   properties: { lr: { type: "number" }, n: { type: "integer" } },
 * });
 * ```
 */
export function inferSchema(node: Node): Schema {
  if (node.kind === "list") return { type: "array" };
  if (node.kind === "dict") {
    const properties: Schema = {};
    for (const e of node.entries.values()) properties[String(e.key)] = inferSchema(e.node);
    return { type: "object", properties };
  }
  if (node.type === "str" && String(node.value).includes("${")) return {};
  switch (node.type) {
    case "int":
      return { type: "integer" };
    case "float":
      return { type: "number" };
    case "str":
      return { type: "string" };
    case "bool":
      return { type: "boolean" };
    default:
      return {};
  }
}

/**
 * The schema with its local references (`$ref: "#/$defs/layer"`) pointing into it from where it
 * is placed (`#/properties/model/$defs/layer`): a `#` in a schema file means that file's root,
 * which is no longer the document's root once it is placed inside the composed schema.
 */
function rebase<T>(x: T, pointer: string): T {
  if (Array.isArray(x)) return x.map((v) => rebase(v, pointer)) as T;
  if (typeof x !== "object" || x === null) return x;
  const out: Schema = {};
  for (const [k, v] of Object.entries(x)) {
    out[k] = k === "$ref" && typeof v === "string" && (v === "#" || v.startsWith("#/"))
      ? "#" + pointer + v.slice(1)
      : rebase(v, pointer);
  }
  return out as T;
}

/** The JSON pointer of the schema at a dotted package path (`a.b` → `/properties/a/properties/b`). */
function packagePointer(pkg: string): string {
  return pkg.split(".").map((p) => "/properties/" + p.replaceAll("~", "~0").replaceAll("/", "~1"))
    .join("");
}

/** Puts `schema` at a dotted package path of `root`, combining with what is there. */
function placeAt(root: Schema, pkg: string, schema: Schema): void {
  schema = rebase(schema, packagePointer(pkg));
  let cur = root;
  for (const part of pkg.split(".")) {
    const props = (cur.properties ??= {}) as Record<string, Schema>;
    cur = props[part] ??= { type: "object" };
  }
  const inferred = { ...cur };
  for (const k of Object.keys(cur)) delete cur[k];
  // `$schema` belongs at the document's root; the file's type, when it gives none, is the one
  // every option gave (an object), which strict ajv wants beside `properties`
  const { $schema: _, ...rest } = schema;
  const type = rest.type ?? inferred.type;
  Object.assign(cur, type === undefined ? {} : { type }, rest, {
    allOf: [...(rest.allOf as Schema[] ?? []), inferred],
  });
}

/**
 * The JSON Schema of a composition; `others` are the configs of the compositions that choose
 * other options ({@link swappedConfigs}), whose values it accepts as well.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composedSchema } from "./infer.ts";
 * import { dict, int } from "../node.ts";
 * const c = { config: dict([["seed", int(1)]]), defaults: [] } as never;
 * const s = composedSchema(c, new Map());
 * assert.equal(s.$schema, "http://json-schema.org/draft-07/schema#");
 * assert.deepEqual(s.properties, {
 *   seed: { anyOf: [{ type: "string", pattern: "\\$\\{" }, { type: "integer" }] },
 * });
 * ```
 */
export function composedSchema(
  c: Pick<Composition, "config" | "defaults">,
  schemas: Map<string, SchemaFile>,
  others: DictNode[] = [],
): Schema {
  // what the other options of its groups give is accepted too (./infer_options.ts)
  const inferred = others.reduce((s, o) => unionSchema(s, inferSchema(o)), inferSchema(c.config));
  const root: Schema = { $schema: "http://json-schema.org/draft-07/schema#", ...inferred };
  const done = new Set<string>();
  // a schema that describes the whole config (the primary's, a `_global_` option's group's)
  const atRoot = (schema: Schema) => {
    const { $schema: _, ...rest } = schema;
    const allOf = (root.allOf as Schema[] | undefined) ?? [];
    root.allOf = [...allOf, rebase(rest, `/allOf/${allOf.length}`)];
  };
  for (const d of c.defaults) {
    const slash = d.configPath.lastIndexOf("/");
    const group = slash === -1 ? undefined : d.configPath.slice(0, slash);
    // (an option in a sub-directory chosen through its group takes the group's, as validate does)
    const schema = group === undefined
      ? undefined
      : schemas.get(group) ?? chosenGroupSchema(d, schemas);
    if (!schema) continue;
    // an option at the root (`# @package _global_`) is checked there by validate, its schema
    // describing the whole config: so is the editor's (checker w58)
    const key = d.package === "" ? `\u0000${schema.file}` : d.package;
    if (done.has(key)) continue;
    done.add(key);
    if (d.package === "") atRoot(schema.schema);
    else placeAt(root, d.package, schema.schema);
  }
  const primary = schemas.get("");
  if (primary) atRoot(primary.schema);
  return forEditors(root);
}
