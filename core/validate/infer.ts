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
import { unionSchema } from "./infer_options.ts";
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
  Object.assign(cur, schema, { allOf: [...(schema.allOf as Schema[] ?? []), inferred] });
}

/** A string that holds an interpolation: the raw file holds it, not the value it resolves to. */
const INTERPOLATION: Schema = { type: "string", pattern: "\\$\\{" };

/** Keywords that can reject a string; the rest (`properties`, `minimum`, `items`...) ignore one. */
const VALUE_KEYWORDS = [
  "type",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "format",
  "not",
  "oneOf",
  "if",
  "then",
  "else",
];

/** Keywords whose value is a subschema, or a list or map of them. */
const ONE = ["additionalProperties", "additionalItems", "contains", "not", "if", "then", "else"];
const MANY = ["allOf", "anyOf", "oneOf"];
const MAP = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];

/**
 * The same schema, except that a string holding an interpolation (`${model.name}-x`) passes
 * wherever a value is constrained: an editor checks the raw file, where `run_name:
 * ${model.name}` is not yet the name it resolves to. Value keywords move into
 * `anyOf: [interpolation, {...}]`; data without `${` is checked as before.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Ajv } from "npm:ajv@8.20.0";
 * import { acceptInterpolations } from "./infer.ts";
 * const s = acceptInterpolations({ properties: { n: { type: "string", pattern: "^[a-z]+$" } } });
 * const check = new Ajv().compile(s);
 * assert.equal(check({ n: "${a.b}-c" }), true);
 * assert.equal(check({ n: "A B" }), false);
 * ```
 */
export function acceptInterpolations(schema: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = sub(k, v);
  const value: Schema = {};
  for (const k of VALUE_KEYWORDS) {
    if (k in out) value[k] = out[k], delete out[k];
  }
  if (Object.keys(value).length === 0) return out;
  const either = [INTERPOLATION, value];
  if (!("anyOf" in out)) return { ...out, anyOf: either };
  const allOf = Array.isArray(out.allOf) ? out.allOf : [];
  return { ...out, allOf: [...allOf, { anyOf: either }] };
}

function sub(keyword: string, v: unknown): unknown {
  const one = (x: unknown) =>
    typeof x === "object" && x !== null && !Array.isArray(x)
      ? acceptInterpolations(x as Schema)
      : x;
  if (ONE.includes(keyword) || keyword === "items") {
    return Array.isArray(v) ? v.map(one) : one(v);
  }
  if (MANY.includes(keyword) && Array.isArray(v)) return v.map(one);
  if (MAP.includes(keyword) && typeof v === "object" && v !== null && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, one(x)]));
  }
  return v;
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
  for (const d of c.defaults) {
    const slash = d.configPath.lastIndexOf("/");
    const group = slash === -1 ? undefined : d.configPath.slice(0, slash);
    const schema = group === undefined ? undefined : schemas.get(group);
    if (!schema || d.package === "" || done.has(d.package)) continue;
    done.add(d.package);
    placeAt(root, d.package, schema.schema);
  }
  const primary = schemas.get("");
  if (primary) {
    const { $schema: _, ...rest } = primary.schema;
    const allOf = (root.allOf as Schema[] | undefined) ?? [];
    root.allOf = [...allOf, rebase(rest, `/allOf/${allOf.length}`)];
  }
  return acceptInterpolations(root);
}
