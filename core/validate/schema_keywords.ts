/**
 * Keywords of a schema file that JSON Schema does not have. strata's ajv is
 * not strict (its rules keyword is its own), so it ignores an unknown
 * keyword: a misspelt one (`minimun: 0`) or Kubernetes' rules keyword
 * (`x-kubernetes-validations`, where strata reads `x-strata-rules`) would
 * check nothing, silently. Vendor keywords (`x-...`) are left alone.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "./problems.ts";
import { RULES_KEYWORD } from "./rules.ts";
import type { SchemaFile } from "./schema_files.ts";
import { readFileText } from "../file_overlay.ts";

/** JSON Schema's keywords (drafts 07 to 2020-12), and OpenAPI's two that ajv knows. */
const KEYWORDS = new Set([
  "$schema",
  "$id",
  "$ref",
  "$defs",
  "$comment",
  "$anchor",
  "$dynamicRef",
  "$dynamicAnchor",
  "$recursiveRef",
  "$recursiveAnchor",
  "$vocabulary",
  "definitions",
  "type",
  "enum",
  "const",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "items",
  "prefixItems",
  "additionalItems",
  "unevaluatedItems",
  "contains",
  "minContains",
  "maxContains",
  "maxItems",
  "minItems",
  "uniqueItems",
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "required",
  "maxProperties",
  "minProperties",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "nullable",
  "discriminator",
]);

/** JSON Schema's types: what `type` may name. */
const TYPES = ["null", "boolean", "object", "array", "number", "string", "integer"];

/** Python's names for JSON Schema's types, which a Hydra user is likely to write. */
const PYTHON_TYPES: Record<string, string> = {
  int: "integer",
  float: "number",
  str: "string",
  bool: "boolean",
  dict: "object",
  list: "array",
  None: "null",
};

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "dependencies",
]);

/** Keywords whose value is a schema, or a list of schemas. */
const SCHEMAS = new Set([
  "items",
  "prefixItems",
  "additionalItems",
  "unevaluatedItems",
  "contains",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
]);

/** JSON Schema 2020-12's keywords that strata's ajv (draft 2019-09) does not check. */
const ONLY_2020 = new Set(["prefixItems", "$dynamicRef", "$dynamicAnchor"]);

/** Kubernetes' keyword for CEL rules. */
const K8S_RULES = "x-kubernetes-validations";

/**
 * The keywords of a schema file that no JSON Schema draft has, each an error
 * at its line, with did-you-mean (`minimun` → `minimum`); Kubernetes' rules
 * keyword is said to be strata's `x-strata-rules`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unknownKeywords } from "./schema_keywords.ts";
 * const schema = { type: "object", properties: { gpus: { type: "integer", minimun: 0 } } };
 * const [p] = unknownKeywords({ file: "s.yaml", group: "", origins: new WeakMap(), schema });
 * assert.match(p.message, /unknown JSON Schema keyword 'minimun'/);
 * assert.deepEqual(p.suggestions, ["minimum"]);
 * const [t] = unknownKeywords({ file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { properties: { lr: { type: "float" } } } });
 * assert.deepEqual(t.suggestions, ["number"]);
 * ```
 */
export function unknownKeywords(file: SchemaFile): Problem[] {
  const problems: Problem[] = [];
  let text: string | undefined;
  // the keyword itself, read from the file (origins keep their values' places)
  const at = (obj: object, key: string): Origin => {
    const o = file.origins.get(obj);
    const value = o?.keys.get(key);
    if (value === undefined) return o?.self ?? { file: file.file, line: 1, col: 1 };
    try {
      text ??= readFileText(file.file);
      return keyOrigin(text, value, key) ?? value;
    } catch {
      return value;
    }
  };
  const schema = (x: unknown, depth: number): void => {
    if (depth > 64 || typeof x !== "object" || x === null) return;
    if (Array.isArray(x)) return x.forEach((s) => schema(s, depth + 1));
    const obj = x as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (k === K8S_RULES) {
        problems.push({
          severity: "error",
          code: "schema-file",
          message: `strata reads CEL rules under '${RULES_KEYWORD}' (written as Kubernetes' ` +
            `${K8S_RULES}): under '${K8S_RULES}' they would check nothing`,
          origin: at(obj, k),
          suggestions: [RULES_KEYWORD],
        });
      } else if (ONLY_2020.has(k)) {
        problems.push({
          severity: "error",
          code: "schema-file",
          message: `JSON Schema 2020-12's '${k}' is not checked by strata (drafts 07 to ` +
            `2019-09): it would check nothing${
              k === "prefixItems" ? "; write items: [...] and additionalItems" : ""
            }`,
          origin: at(obj, k),
        });
      } else if (!KEYWORDS.has(k) && k !== RULES_KEYWORD && !k.startsWith("x-")) {
        problems.push({
          severity: "error",
          code: "schema-file",
          message: `unknown JSON Schema keyword '${k}': it would check nothing`,
          origin: at(obj, k),
          suggestions: suggest(k, [...KEYWORDS]),
        });
      } else if (k === "type") {
        // ajv's own words for `type: int` are "type must be JSONType or JSONType[]"
        for (const t of Array.isArray(v) ? v : [v]) {
          if (typeof t !== "string" || TYPES.includes(t)) continue;
          const python = Object.hasOwn(PYTHON_TYPES, t) ? PYTHON_TYPES[t] : undefined;
          problems.push({
            severity: "error",
            code: "schema-file",
            message: `unknown JSON Schema type '${t}': the types are ${TYPES.join(", ")}`,
            origin: file.origins.get(obj)?.keys.get(k) ?? at(obj, k),
            suggestions: python ? [python] : suggest(t, TYPES),
          });
        }
      } else if (SCHEMAS.has(k)) schema(v, depth + 1);
      else if (SCHEMA_MAPS.has(k) && typeof v === "object" && v !== null && !Array.isArray(v)) {
        // `dependencies` maps a name to a schema or to a list of names (no schema)
        for (const s of Object.values(v)) if (!Array.isArray(s)) schema(s, depth + 1);
      }
    }
  };
  schema(file.schema, 0);
  return problems;
}
