/**
 * A JSON Schema (draft-07) of a composed config for editors
 * (yaml-language-server): the schema files where they exist (the config's
 * at the root, each group's at its package), inferred from the composed
 * values everywhere else.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import type { Node } from "../node.ts";
import type { SchemaFile } from "./schema_files.ts";

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

/** Puts `schema` at a dotted package path of `root`, combining with what is there. */
function placeAt(root: Schema, pkg: string, schema: Schema): void {
  let cur = root;
  for (const part of pkg.split(".")) {
    const props = (cur.properties ??= {}) as Record<string, Schema>;
    cur = props[part] ??= { type: "object" };
  }
  const inferred = { ...cur };
  for (const k of Object.keys(cur)) delete cur[k];
  Object.assign(cur, schema, { allOf: [...(schema.allOf as Schema[] ?? []), inferred] });
}

/**
 * The JSON Schema of a composition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composedSchema } from "./infer.ts";
 * import { dict, int } from "../node.ts";
 * const c = { config: dict([["seed", int(1)]]), defaults: [] } as never;
 * const s = composedSchema(c, new Map());
 * assert.equal(s.$schema, "http://json-schema.org/draft-07/schema#");
 * assert.deepEqual(s.properties, { seed: { type: "integer" } });
 * ```
 */
export function composedSchema(
  c: Pick<Composition, "config" | "defaults">,
  schemas: Map<string, SchemaFile>,
): Schema {
  const root: Schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    ...inferSchema(c.config),
  };
  const done = new Set<string>();
  for (const d of c.defaults) {
    const slash = d.configPath.lastIndexOf("/");
    const group = slash === -1 ? undefined : d.configPath.slice(0, slash);
    const schema = group === undefined ? undefined : schemas.get(group);
    if (!schema || d.package === "" || done.has(d.package)) continue;
    done.add(d.package);
    placeAt(root, d.package, structuredClone(schema.schema));
  }
  const primary = schemas.get("");
  if (primary) {
    const { $schema: _, ...rest } = structuredClone(primary.schema);
    root.allOf = [...(root.allOf as Schema[] ?? []), rest];
  }
  return root;
}
