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
  const at = (path: string[]): Origin | undefined => {
    let parent: unknown = undefined;
    let cur: unknown = file.schema;
    for (const seg of path) {
      if (typeof cur !== "object" || cur === null) return undefined;
      parent = cur;
      cur = (cur as Record<string, unknown>)[seg];
    }
    const last = path.at(-1);
    const o = typeof parent === "object" && parent !== null ? file.origins.get(parent) : undefined;
    return (last !== undefined ? o?.keys.get(last) : undefined) ?? o?.self;
  };
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
  if (err.keyword === "additionalProperties") {
    const prop = String(params.additionalProperty);
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
        JSON.stringify(err.data)
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
      message: `must be ${JSON.stringify(params.allowedValue)} (got ${JSON.stringify(err.data)})`,
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
  return data === undefined ? undefined : JSON.stringify(data);
}
