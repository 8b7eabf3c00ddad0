/**
 * What a schema problem says: an ajv error in words (with did-you-mean for an
 * unknown key or an enum value), and where a schema that does not compile is
 * broken.
 *
 * @module
 */

import type { Ajv, ErrorObject } from "npm:ajv@8.20.0";
import type { Origin } from "../node.ts";
import { suggest } from "../suggest.ts";
import type { SchemaFile } from "./schema_files.ts";
import { pointerSegments } from "./values.ts";
import { IntegralFloat } from "./schema_floats.ts";

/**
 * Where the value at `path` (object keys and array indices) is written in a
 * schema file: the place of its key's value, else of the object holding it;
 * undefined when the path leaves the schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { schemaOrigin } from "./schema_errors.ts";
 * const max = { maximum: 1 };
 * const schema = { properties: { lr: max } };
 * const origins = new WeakMap([[max, { keys: new Map([["maximum", { file: "s.yaml", line: 3, col: 14 }]]) }]]);
 * const file = { file: "s.yaml", group: "", schema, origins };
 * assert.deepEqual(schemaOrigin(file, ["properties", "lr", "maximum"]), { file: "s.yaml", line: 3, col: 14 });
 * assert.equal(schemaOrigin(file, ["properties", "nope", "maximum"]), undefined);
 * ```
 */
export function schemaOrigin(file: SchemaFile, path: readonly string[]): Origin | undefined {
  let parent: unknown = undefined;
  let cur: unknown = file.schema;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    parent = cur;
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined) return undefined;
  const last = path.at(-1);
  const o = typeof parent === "object" && parent !== null ? file.origins.get(parent) : undefined;
  return (last !== undefined ? o?.keys.get(last) : undefined) ?? o?.self;
}

/**
 * Where the keyword an ajv error names is written in its schema file
 * (`schemaPath` `#/properties/lr/maximum`: the `maximum` of `lr`), as
 * `file:line:col`, so a schema's author finds the bound that failed; the
 * file alone when the path leaves the file (a `$ref` to another schema).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keywordPlace } from "./schema_errors.ts";
 * const max = { maximum: 1 };
 * const origins = new WeakMap([[max, { keys: new Map([["maximum", { file: "s.yaml", line: 3, col: 14 }]]) }]]);
 * const file = { file: "s.yaml", group: "", schema: { properties: { lr: max } }, origins };
 * assert.equal(keywordPlace(file, "#/properties/lr/maximum"), "s.yaml:3:14");
 * assert.equal(keywordPlace(file, "other.json#/maximum"), "s.yaml");
 * const defs = { $defs: { lr: max }, oneOf: [{ $ref: "#/$defs/lr" }] };
 * const inDefs = { ...file, schema: defs };
 * assert.equal(keywordPlace(inDefs, "#/oneOf/0/$defs/lr/maximum"), "s.yaml:3:14");
 * ```
 */
export function keywordPlace(file: SchemaFile, schemaPath: string): string {
  if (!schemaPath.startsWith("#")) return file.file;
  let path: string[];
  try {
    path = pointerSegments(decodeURIComponent(schemaPath.slice(1)));
  } catch {
    return file.file;
  }
  // under a $ref, ajv names the referred definition's path, which a variant's may prefix
  // (./schema_check.ts's branch errors): `#/oneOf/1/$defs/denoiser/...`
  let o = schemaOrigin(file, path);
  for (let i = path.length - 1; o === undefined && i > 0; i--) {
    if (path[i] === "$defs" || path[i] === "definitions") o = schemaOrigin(file, path.slice(i));
  }
  return o?.line === undefined ? file.file : `${file.file}:${o.line}:${o.col ?? 1}`;
}

/**
 * Where a schema that does not compile is broken: the first value ajv's
 * meta-schema rejects (`type: integr`), a `pattern` that is not a regular
 * expression, or a `$ref` that points nowhere. Only run for a schema that failed, so the meta-schema costs
 * nothing on the way that works.
 *
 * @example
 * ```ts ignore
 * const origin = brokenKeyword(file, e, ajv);
 * ```
 */
export function brokenKeyword(
  file: SchemaFile,
  error: unknown,
  ajv: Ajv,
): Origin | undefined {
  // `$ref: "#/nope"`: ajv names the reference it cannot resolve
  const ref = /can't resolve reference (\S+)/.exec(error instanceof Error ? error.message : "")
    ?.[1];
  const at = (path: string[]) => schemaOrigin(file, path);
  try {
    if (ajv.validateSchema(file.schema) === false) {
      // the deepest first: `anyOf` failures name the whole keyword as well as the bad value
      const errs = [...(ajv.errors ?? [])].sort((a, b) =>
        b.instancePath.split("/").length - a.instancePath.split("/").length
      );
      for (const e of errs) {
        const origin = at(pointerSegments(e.instancePath));
        if (origin) return origin;
      }
    }
  } catch { /* a meta-schema that does not load: fall back */ }
  let found: Origin | undefined;
  const visit = (x: unknown, path: string[]) => {
    if (found || typeof x !== "object" || x === null) return;
    for (const [k, v] of Object.entries(x)) {
      if (k === "$ref" && v === ref && !Array.isArray(x)) {
        found = at([...path, k]);
        return;
      }
      if (k === "pattern" && typeof v === "string" && !Array.isArray(x)) {
        try {
          new RegExp(v, "u");
        } catch {
          found = at([...path, k]);
          return;
        }
      }
      visit(v, [...path, k]);
    }
  };
  visit(file.schema, []);
  return found;
}

/**
 * An ajv error in words, with suggestions for an unknown key or an enum
 * value, and the key an unknown-key error is about.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ErrorObject } from "npm:ajv@8.20.0";
 * import { describe } from "./schema_errors.ts";
 * const err = { keyword: "required", params: { missingProperty: "lr" } } as unknown as ErrorObject;
 * assert.equal(describe(err).message, "missing required key 'lr'");
 * ```
 */
export function describe(
  err: ErrorObject,
): { message: string; suggestions?: string[]; key?: string } {
  const params = err.params as Record<string, unknown>;
  if (err.keyword === "additionalProperties" || err.keyword === "unevaluatedProperties") {
    const prop = String(params.additionalProperty ?? params.unevaluatedProperty);
    const props = (err.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {};
    return {
      message: `unknown key '${prop}'`,
      suggestions: suggest(prop, Object.keys(props)),
      key: prop,
    };
  }
  if (err.keyword === "required") {
    return { message: `missing required key '${params.missingProperty}'` };
  }
  if (err.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[]) ?? [];
    const got = String(err.data);
    return {
      message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} (got ${
        gotText(err.data) ?? JSON.stringify(err.data)
      })`,
      suggestions: suggest(got, allowed.filter((v) => typeof v === "string") as string[]),
    };
  }
  if ((err.keyword === "oneOf" || err.keyword === "anyOf") && Array.isArray(params.branchErrors)) {
    // no variant comes closest (./composite_errors.ts): what each one lacks
    const each = (params.branchErrors as ErrorObject[]).slice(0, 3)
      .map((e, i) => `${i + 1}: ${describe(e).message}`);
    const n = Array.isArray(err.schema) ? err.schema.length : params.branchErrors.length;
    return {
      message: `matches none of the ${n} variants of ${err.keyword} (${each.join("; ")}${
        n > 3 ? "; ..." : ""
      })`,
    };
  }
  if (err.keyword === "const") {
    return {
      message: `must be ${JSON.stringify(params.allowedValue)} (got ${
        gotText(err.data) ?? JSON.stringify(err.data)
      })`,
    };
  }
  const message = err.message ?? err.keyword;
  // what the value is, as enum and const say it: `must be number` alone hides a `1e-4x`
  const got = GOT.has(err.keyword) ? gotText(err.data) : undefined;
  return { message: got === undefined ? message : `${message} (got ${got})` };
}

/** Keywords about one value whose message does not say what the value is. */
const GOT = new Set([
  "type",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
]);

/** The value as a one-line message quotes it: a scalar as JSON, a container by its kind. */
function gotText(data: unknown): string | undefined {
  if (data instanceof IntegralFloat) return data.toJSON();
  if (Array.isArray(data)) return "a list";
  if (typeof data === "object" && data !== null) return "a dict";
  if (typeof data === "string" && data.length > 60) return `a string of ${data.length} characters`;
  // YAML's spelling of the floats JSON has none for (JSON.stringify says null)
  if (typeof data === "number" && !Number.isFinite(data)) {
    return Number.isNaN(data) ? ".nan" : data > 0 ? ".inf" : "-.inf";
  }
  return data === undefined ? undefined : JSON.stringify(data);
}
