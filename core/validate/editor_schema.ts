/**
 * The composed schema as `strata schema` writes it: a string holding an
 * interpolation (`run_name: ${model.name}-x`) passes wherever a value is
 * constrained, since an editor checks the raw file, and the shape is one ajv
 * compiles in its strict mode, as a user's tooling may: every keyword that
 * applies to one type sits beside that type (in the same branch), union types
 * other than `[T, "null"]` are split into `anyOf` branches, and strata's own
 * `x-strata-rules` (CEL, which no editor runs) is kept as a `$comment`; `required` (and
 * `dependentRequired`, `minProperties`) of a dict files are merged into, which only the composed
 * config can meet, is left out. The document is draft-07: 2019-09's `dependentRequired` and
 * `dependentSchemas` are written as `dependencies`, and what draft-07 has no word for
 * (`unevaluatedProperties`, `minContains`, ...) is named in a `$comment`, left to validate.
 *
 * @module
 */

import { RULES_KEYWORD } from "./rules.ts";

type Schema = Record<string, unknown>;

/** A string that holds an interpolation: the raw file holds it, not the value it resolves to. */
const INTERPOLATION: Schema = { type: "string", pattern: "\\$\\{" };

/**
 * What only the composed config can satisfy at a dict that files are merged into: an editor
 * checks one file, whose keys its defaults list and other files complete (a primary config
 * without `model:`, a group option without what the primary sets). Left out there, as
 * `strata validate` checks them on every composition (and there `required` named in one branch
 * what another defines, which strict ajv refuses); kept inside a list's items, which one file
 * writes whole, and in definitions.
 */
const COMPOSED_ONLY = new Set(["required", "dependentRequired", "minProperties"]);

/** Whether a schema at `pointer` checks a dict of the config reached through dict keys only. */
function mergedLevel(pointer: string): boolean {
  const segs = pointer === "" ? [] : pointer.slice(1).split("/");
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s === "properties" || s === "allOf" || s === "anyOf" || s === "oneOf") i++;
    else if (s !== "if" && s !== "then" && s !== "else") return false;
  }
  return true;
}

/** Annotations and definitions: they apply to no value, so they stay where they are. */
const KEEP = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$comment",
  "$defs",
  "definitions",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

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

/** The types a keyword applies to, as ajv defines them (strictTypes wants one beside it). */
const TYPED: Record<string, string[]> = {};
for (
  const [types, keywords] of [
    [["number"], "minimum maximum exclusiveMinimum exclusiveMaximum multipleOf"],
    [["string"], "minLength maxLength pattern"],
    [["number", "string"], "format"],
    [
      ["array"],
      "items additionalItems prefixItems contains minContains maxContains minItems maxItems " +
      "uniqueItems unevaluatedItems",
    ],
    [
      ["object"],
      "properties patternProperties additionalProperties propertyNames required minProperties " +
      "maxProperties dependencies dependentRequired dependentSchemas unevaluatedProperties",
    ],
  ] as const
) {
  for (const k of keywords.split(" ")) TYPED[k] = [...types];
}

/** Subschemas checking the same value (their type context is the parent's) and other values. */
const SAME_ONE = ["not", "if", "then", "else"];
const SAME_MANY = ["allOf", "anyOf", "oneOf"];
const SAME_MAP = ["dependencies", "dependentSchemas"];
const CHILD_ONE = [
  "additionalProperties",
  "additionalItems",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "items",
];
const CHILD_MANY = ["items", "prefixItems"];
const CHILD_MAP = ["properties", "patternProperties", "$defs", "definitions"];

/** Whether a value of type `t` is one of `types` (an integer is a number). */
function includesType(types: string[], t: string): boolean {
  return types.includes(t) || (t === "integer" && types.includes("number"));
}

function typesOf(s: Schema): string[] | undefined {
  if (typeof s.type === "string") return [s.type];
  return Array.isArray(s.type) && s.type.every((t) => typeof t === "string") ? s.type : undefined;
}

function isSchema(x: unknown): x is Schema {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * The one type the typed keywords of an untyped schema apply to (`properties` without `type`:
 * an object; `minimum`: a number), which strict ajv wants beside them ("missing type object for
 * keyword properties"); null stays allowed, as the untyped schema allowed it.
 */
function impliedType(check: Schema): string | undefined {
  if ("type" in check) return undefined;
  let only: string | undefined;
  for (const k of Object.keys(check)) {
    const types = TYPED[k];
    if (types === undefined) continue;
    if (types.length !== 1 || (only !== undefined && only !== types[0])) return undefined;
    only = types[0];
  }
  return only;
}

/**
 * The checking keywords of one schema as the branches of an `anyOf`, one per type of a union
 * type ajv refuses in strict mode (`[integer, string]`; `[string, null]` it allows), each with
 * the keywords that apply to its type and all the others; a type the context excludes is
 * dropped (no value reaching here has it).
 */
function byType(check: Schema, ctx: string[] | undefined): Schema[] {
  const implied = ctx === undefined ? impliedType(check) : undefined;
  if (implied !== undefined) return [{ type: [implied, "null"], ...check }];
  const types = typesOf(check);
  if (!types || types.length < 2 || (types.length === 2 && types.includes("null"))) return [check];
  const kept = ctx ? types.filter((t) => includesType(ctx, t)) : types;
  if (kept.length === 0) return [check];
  return kept.map((t) => {
    const part: Schema = { type: t };
    for (const [k, v] of Object.entries(check)) {
      // `minimum` applies to an integer as to a number
      const applies = (kt: string) => kt === t || (kt === "number" && t === "integer");
      if (k !== "type" && (!(k in TYPED) || TYPED[k].some(applies))) {
        part[k] = v;
      }
    }
    return part;
  });
}

/** Where each subschema was (JSON pointer) → where it is now; the `$ref`s to rewrite. */
interface Moves {
  to: Map<string, string>;
  refs: Schema[];
}

function escape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Draft 2019-09's keywords draft-07 has no word for: validate checks them, editors cannot. */
const LATER_ONLY = ["unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains"];

/**
 * A schema in draft-07's words (the document's draft, which strict ajv compiles: checker v31):
 * `dependentRequired` and `dependentSchemas` are draft-07's `dependencies`; what draft-07 cannot
 * say is left to `strata validate`, named in a `$comment`.
 */
function asDraft07(s: Schema, from: string): Schema {
  const later = LATER_ONLY.filter((k) => k in s);
  const renamed = ["dependentRequired", "dependentSchemas"].filter((k) =>
    k in s && !(COMPOSED_ONLY.has(k) && mergedLevel(from))
  );
  if (later.length === 0 && renamed.length === 0 && !("dependentRequired" in s)) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "dependentRequired" || k === "dependentSchemas" || LATER_ONLY.includes(k)) continue;
    out[k] = v;
  }
  for (const k of renamed) {
    if (!isSchema(s[k])) continue;
    out.dependencies = { ...(isSchema(out.dependencies) ? out.dependencies : {}), ...s[k] };
  }
  if (later.length > 0) {
    const said = `checked by strata validate: ${
      later.map((k) => `${k}: ${JSON.stringify(s[k])}`).join(", ")
    }`;
    out.$comment = typeof out.$comment === "string" ? `${out.$comment}\n${said}` : said;
  }
  return out;
}

/**
 * One schema reshaped (see the module doc), its subschemas too; `from` and `to` are its old and
 * new JSON pointers, `ctx` the types an enclosing schema of the same value allows, `top` whether
 * it is the document's root (an object: no interpolation alternative).
 */
function reshape(
  s: Schema,
  from: string,
  to: string,
  ctx: string[] | undefined,
  top: boolean,
  m: Moves,
): Schema {
  if (!m.to.has(from)) m.to.set(from, to);
  s = asDraft07(s, from);
  const keep: Schema = {}, check: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === RULES_KEYWORD || (COMPOSED_ONLY.has(k) && mergedLevel(from))) continue;
    (KEEP.has(k) ? keep : check)[k] = v;
  }
  if (RULES_KEYWORD in s) {
    // The rules are CEL that strata validate runs; kept whole, as text, for a reader of the schema
    const rules = `${RULES_KEYWORD}: ${JSON.stringify(s[RULES_KEYWORD])}`;
    keep.$comment = typeof keep.$comment === "string" ? `${keep.$comment}\n${rules}` : rules;
  }
  let interpolation = !top && VALUE_KEYWORDS.some((k) => k in check) &&
    (ctx === undefined || ctx.includes("string"));
  const parts = byType(check, ctx);
  // a string of any kind is allowed already (as a union `[integer, string]` splits into)
  if (parts.some((p) => p.type === "string" && Object.keys(p).length === 1)) interpolation = false;
  const out: Schema = {};
  // where each part of the checking keywords now sits
  let partPointers: string[];
  if (!interpolation && parts.length === 1) {
    partPointers = [to];
  } else {
    const first = interpolation ? 1 : 0;
    partPointers = parts.map((_, i) => `${to}/anyOf/${i + first}`);
  }
  const shaped = parts.map((part, i) => {
    const here = partPointers[i];
    const partCtx = typesOf(part) ?? ctx;
    const o: Schema = {};
    for (const [k, v] of Object.entries(part)) {
      o[k] = subschemas(k, v, `${from}/${escape(k)}`, `${here}/${escape(k)}`, partCtx, m);
    }
    return o;
  });
  for (const [k, v] of Object.entries(keep)) {
    out[k] = subschemas(k, v, `${from}/${escape(k)}`, `${to}/${escape(k)}`, ctx, m);
  }
  if (partPointers[0] === to) Object.assign(out, shaped[0]);
  else out.anyOf = interpolation ? [INTERPOLATION, ...shaped] : shaped;
  for (const o of partPointers[0] === to ? [out] : shaped) {
    if (typeof o.$ref === "string") m.refs.push(o);
  }
  return out;
}

/** A keyword's value, its subschemas reshaped. */
function subschemas(
  k: string,
  v: unknown,
  from: string,
  to: string,
  ctx: string[] | undefined,
  m: Moves,
): unknown {
  if (!m.to.has(from)) m.to.set(from, to);
  const same = SAME_ONE.includes(k) || SAME_MANY.includes(k) || SAME_MAP.includes(k);
  const sub = (x: unknown, f: string, t: string) =>
    isSchema(x) ? reshape(x, f, t, same ? ctx : undefined, false, m) : x;
  if ((SAME_ONE.includes(k) || CHILD_ONE.includes(k)) && isSchema(v)) return sub(v, from, to);
  if ((SAME_MANY.includes(k) || CHILD_MANY.includes(k)) && Array.isArray(v)) {
    return v.map((x, i) => sub(x, `${from}/${i}`, `${to}/${i}`));
  }
  if ((SAME_MAP.includes(k) || CHILD_MAP.includes(k)) && isSchema(v)) {
    return Object.fromEntries(
      Object.entries(v).map(([p, x]) => [p, sub(x, `${from}/${escape(p)}`, `${to}/${escape(p)}`)]),
    );
  }
  return v;
}

/** A local reference to where its target now is (the longest moved prefix of its pointer). */
function moved(ref: string, to: Map<string, string>): string {
  if (!ref.startsWith("#")) return ref;
  const pointer = ref.slice(1);
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
    const target = to.get(pointer.slice(0, end));
    if (target !== undefined) return "#" + target + pointer.slice(end);
    if (end === 0) break;
  }
  return ref;
}

/**
 * The composed schema (its root an object) as editors and strict ajv take it: see the module
 * doc. Local references follow the subschemas they point at.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Ajv } from "npm:ajv@8.20.0";
 * import { forEditors } from "./editor_schema.ts";
 * const s = forEditors({
 *   type: "object",
 *   properties: { n: { type: "string", pattern: "^[a-z]+$" }, k: { type: ["integer", "string"] } },
 * });
 * const check = new Ajv({ strict: true }).compile(s);
 * assert.equal(check({ n: "${a.b}-c", k: 1 }), true);
 * assert.equal(check({ n: "A B" }), false);
 * assert.equal(check({ k: true }), false);
 * ```
 */
export function forEditors(root: Record<string, unknown>): Record<string, unknown> {
  const m: Moves = { to: new Map(), refs: [] };
  const out = reshape(root, "", "", undefined, true, m);
  for (const holder of m.refs) holder.$ref = moved(holder.$ref as string, m.to);
  return out;
}
