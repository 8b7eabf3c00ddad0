/**
 * JSON Schema checks of a composition through npm:ajv: a group's schema on
 * every option of the group (at its package), the config schema on the whole
 * config. Errors point at the value's file:line:col (or the override that set
 * it); `additionalProperties: false` and `enum` offer did-you-mean.
 *
 * @module
 */

import { Ajv, type ErrorObject, type ValidateFunction } from "npm:ajv@8.20.0";
import { canonicalKey, type Node, type Origin } from "../node.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "./problems.ts";
import { compileRules, isUnevaluated, type Rule, RULES_KEYWORD, runRule } from "./rules.ts";
import {
  type Branch,
  branchApplies,
  type BranchAt,
  type CompileContext,
  pointerUp,
  ruleBranches,
} from "./branches.ts";
import { closestBranches } from "./composite_errors.ts";
import type { SchemaFile } from "./schema_files.ts";
import { type CheckedValues, pointerSegment } from "./values.ts";

/** A schema file ready to check data. */
export interface CompiledSchema {
  file: SchemaFile;
  /** undefined when the schema itself is invalid (reported once, in `problems`). */
  validate?: ValidateFunction;
  /** Problems of the schema file itself. */
  problems: Problem[];
}

/**
 * What the rules keyword reads while one check runs (ajv validates synchronously); `deferred`
 * holds the rules that could not be evaluated, with the positions they read, until the check's
 * own errors are known.
 */
let current: {
  values: CheckedValues;
  base: string;
  /** The option file checked: where the rules of its whole object fail. */
  file?: Origin;
  out: Problem[];
  deferred: { problem: Problem; reads: string[]; branches: BranchAt[][] }[];
} | undefined;
const allRules = new Map<object, Rule>();
/** The positions a schema found wrong, per composition's values: rules reading them do not run. */
const invalidAt = new WeakMap<CheckedValues, Set<string>>();

// No meta-schema validation: compiling ajv's meta-schema costs more than a small tree's whole check;
// a malformed keyword (`type: objekt`, `required: a`) still fails to compile and is reported.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
ajv.addKeyword({
  keyword: RULES_KEYWORD,
  // Any value: one that is not a list of rules is reported at its line by compileRules, and
  // the rest of the schema still checks (ajv would refuse to compile the whole schema).
  compile: (rules: unknown, parentSchema: object, it: CompileContext) => {
    // Rules written in or inside a branch of oneOf/anyOf hold only where that branch applies.
    const branches = ruleBranches(rules, parentSchema, it);
    const root = it.schemaEnv.schema;
    return (_data: unknown, cxt?: { instancePath: string }) =>
      runRules(rules, cxt?.instancePath ?? "", branches, root);
  },
});

/** Runs a schema object's rules on the data at `instancePath` of the current check. */
function runRules(
  rules: unknown,
  instancePath: string,
  branches: Branch[][],
  root: unknown,
): boolean {
  if (!current || !Array.isArray(rules)) return true;
  const pointer = current.base + instancePath;
  if (isUnknown(current.values, pointer)) return true;
  const node = nodeAt(current.values, pointer);
  if (node === undefined) return true;
  const self = plain(node, true);
  for (const r of rules) {
    const rule = allRules.get(r as object);
    // A rule that reads a value not known here (`???`, an opaque resolver's result) is not
    // run; one `???` elsewhere in the object (output_dir: ???) does not turn its rules off.
    if (!rule || readsUnknown(rule, current.values, pointer)) continue;
    const reads = readPointers(rule, pointer);
    const invalid = invalidAt.get(current.values);
    if (invalid && reads.some((r) => overlaps(invalid, r))) continue;
    const values = current.values;
    const p = runRule(rule, self, {
      // An option's object may have been made by another file (`data/aug@data.aug` before
      // `data: cifar`, or `small` extending `base`): its rules fail at the option checked.
      origin: (instancePath === "" ? current.file : undefined) ?? nodeAt(values, pointer)?.origin,
      fullKey: pointerToKey(pointer),
      locate: (path) => {
        const at = pointer + path.map((s) => "/" + pointerSegment(s)).join("");
        const nodes = nodesTo(values, at);
        // The deepest key of the path that exists and says where it is set.
        for (let i = nodes.length - 1; i > 0; i--) {
          const origin = nodes[i].origin;
          if (origin) {
            return { fullKey: pointerToKey(at.split("/").slice(0, i + 1).join("/")), origin };
          }
        }
        return undefined;
      },
    });
    if (p && (branches.length > 0 || isUnevaluated(p))) {
      current.deferred.push({
        problem: p,
        reads: isUnevaluated(p) ? reads : [],
        branches: branches.map((all) =>
          all.map((b) => ({ schema: b.schema, pointer: pointerUp(pointer, b.up), root }))
        ),
      });
    } else if (p) current.out.push(p);
  }
  return true;
}

/**
 * Compiles a schema file (its rules too).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileSchema } from "./schema_check.ts";
 * const c = compileSchema({ file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { type: "objekt" } });
 * assert.equal(c.validate, undefined);
 * assert.equal(c.problems.length, 1);
 * ```
 */
export function compileSchema(file: SchemaFile): CompiledSchema {
  const { rules, problems } = compileRules(file);
  for (const [k, v] of rules) allRules.set(k, v);
  try {
    return { file, validate: ajv.compile(file.schema), problems };
  } catch (e) {
    problems.push({
      severity: "error",
      code: "schema-file",
      message: `invalid schema: ${e instanceof Error ? e.message : String(e)}`,
      origin: brokenKeyword(file, e) ?? file.origins.get(file.schema)?.self ??
        { file: file.file, line: 1, col: 1 },
    });
    return { file, problems };
  }
}

/**
 * Where a schema that does not compile is broken: the first value ajv's
 * meta-schema rejects (`type: integr`), a `pattern` that is not a regular
 * expression, or a `$ref` that points nowhere. Only run for a schema that failed, so the meta-schema costs
 * nothing on the way that works.
 */
function brokenKeyword(file: SchemaFile, error: unknown): Origin | undefined {
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
  const pointer = (p: string) =>
    p.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  try {
    if (ajv.validateSchema(file.schema) === false) {
      // the deepest first: `anyOf` failures name the whole keyword as well as the bad value
      const errs = [...(ajv.errors ?? [])].sort((a, b) =>
        b.instancePath.split("/").length - a.instancePath.split("/").length
      );
      for (const e of errs) {
        const origin = at(pointer(e.instancePath));
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
 * The OmegaConf full key of a JSON pointer (`/model/layers/0` → `model.layers[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerToKey } from "./schema_check.ts";
 * assert.equal(pointerToKey("/model/layers/0/a~1b"), "model.layers[0].a/b");
 * ```
 */
export function pointerToKey(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === "" ? seg : "." + seg;
  }
  return out;
}

function isUnknown(values: CheckedValues, pointer: string, orBelow = false): boolean {
  return overlaps(values.unknown, pointer, orBelow);
}

/** Whether `pointer` is one of `set`'s positions or under one (or above one, with `orBelow`). */
function overlaps(set: Set<string>, pointer: string, orBelow = true): boolean {
  for (const u of set) {
    if (pointer === u || pointer.startsWith(u + "/")) return true;
    if (orBelow && (pointer === "" || u.startsWith(pointer + "/"))) return true;
  }
  return false;
}

/** The JSON pointers a rule on the object at `pointer` reads (the object itself when it reads `self`). */
function readPointers(rule: Rule, pointer: string): string[] {
  if (rule.readsSelf) return [pointer];
  return rule.reads.map((path) => pointer + path.map((s) => "/" + pointerSegment(s)).join(""));
}

/** Whether a rule on the object at `pointer` reads a position whose value is unknown. */
function readsUnknown(rule: Rule, values: CheckedValues, pointer: string): boolean {
  return readPointers(rule, pointer).some((r) => isUnknown(values, r, true));
}

/** The node at a JSON pointer of the resolved config, and the nodes on the way. */
function nodesTo(values: CheckedValues, pointer: string): Node[] {
  const out: Node[] = [values.root];
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const cur = out[out.length - 1];
    let next: Node | undefined;
    if (cur.kind === "list") next = cur.items[Number(seg)];
    else if (cur.kind === "dict") {
      next = cur.entries.get(canonicalKey(seg))?.node;
      if (!next) { for (const e of cur.entries.values()) if (String(e.key) === seg) next = e.node; }
    }
    if (!next) break;
    out.push(next);
  }
  return out;
}

function originAt(values: CheckedValues, pointer: string): Origin | undefined {
  const nodes = nodesTo(values, pointer);
  for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i].origin) return nodes[i].origin;
  return undefined;
}

function nodeAt(values: CheckedValues, pointer: string): Node | undefined {
  const nodes = nodesTo(values, pointer);
  return nodes.length === pointer.split("/").length ? nodes[nodes.length - 1] : undefined;
}

/** Plain data of a node: ints as numbers for JSON Schema, as BigInt for CEL. */
function plain(node: Node, bigints: boolean): unknown {
  if (node.kind === "list") return node.items.map((n) => plain(n, bigints));
  if (node.kind === "dict") {
    const out: Record<string, unknown> = {};
    for (const e of node.entries.values()) out[String(e.key)] = plain(e.node, bigints);
    return out;
  }
  if (node.type === "int") return bigints ? BigInt(node.value as number) : Number(node.value);
  return node.type === "missing" ? null : node.value;
}

/** The place of an unknown key itself (nodes keep their values' places): read from its file. */
function keyAt(valueAt: Origin, key: string): Origin {
  if (valueAt.file === undefined || valueAt.override !== undefined) return valueAt;
  let text: string;
  try {
    text = Deno.readTextFileSync(valueAt.file);
  } catch {
    return valueAt;
  }
  return keyOrigin(text, valueAt, key) ?? valueAt;
}

function describe(err: ErrorObject): { message: string; suggestions?: string[]; key?: string } {
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
  if (err.keyword === "const") {
    return {
      message: `must be ${JSON.stringify(params.allowedValue)} (got ${JSON.stringify(err.data)})`,
    };
  }
  return { message: err.message ?? err.keyword };
}

/**
 * Checks the data at `pointer` ("" is the root) against a compiled schema,
 * appending problems located at the values' origins (at `fallback`, the
 * config file checked, where no value on the way has one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSchema, compileSchema } from "./schema_check.ts";
 * const schema = compileSchema({ file: "s.yaml", group: "", origins: new WeakMap(), schema: {
 *   type: "object", additionalProperties: false, properties: { learning_rate: { type: "number" } } } });
 * import { loadYaml } from "../yaml/load.ts";
 * const values = { root: loadYaml("leaning_rate: 1\n", { file: "c.yaml" }), unknown: new Set<string>() };
 * const out: import("./problems.ts").Problem[] = [];
 * checkSchema(schema, values, "", out);
 * assert.deepEqual(out[0].origin, { file: "c.yaml", line: 1, col: 15 }); // no c.yaml to read the key's place from
 * assert.deepEqual(out[0].suggestions, ["learning_rate"]);
 * ```
 */
export function checkSchema(
  schema: CompiledSchema,
  values: CheckedValues,
  pointer: string,
  out: Problem[],
  fallback?: Origin,
): void {
  const node = nodeAt(values, pointer);
  if (!schema.validate || node === undefined || isUnknown(values, pointer)) return;
  const data = plain(node, false);
  const check: NonNullable<typeof current> = {
    values,
    base: pointer,
    out,
    deferred: [],
    ...(fallback ? { file: fallback } : {}),
  };
  current = check;
  let valid;
  try {
    valid = schema.validate(data);
  } finally {
    current = undefined;
  }
  const errors = valid ? [] : closestBranches(schema.validate.errors ?? []);
  let invalid = invalidAt.get(values);
  if (!invalid) invalidAt.set(values, invalid = new Set());
  for (const err of errors) {
    // the key a `required` or `additionalProperties` error is about, not its whole object
    const params = err.params as Record<string, unknown>;
    const key = err.keyword === "required"
      ? params.missingProperty
      : err.keyword === "additionalProperties"
      ? params.additionalProperty
      : undefined;
    invalid.add(pointer + err.instancePath + (key === undefined ? "" : "/" + pointerSegment(key)));
  }
  // A rule that could not be evaluated on data a schema says is wrong (`batch_size: abc`, so
  // `self.batch_size % self.gpus` has no overload) is that data's problem, reported once.
  for (const { problem, reads, branches } of check.deferred) {
    if (reads.some((r) => overlaps(invalid, r))) continue;
    // where one of the places the rule is written at applies (`[]`: in no branch)
    const applies = branches.length === 0 ||
      branches.some((all) =>
        all.every((b) => {
          const node = nodeAt(values, b.pointer);
          return node === undefined || branchApplies(b, plain(node, false), (x) => ajv.compile(x));
        })
      );
    if (applies) out.push(problem);
  }
  for (const err of errors) {
    const { message, suggestions, key } = describe(err);
    let at = pointer + err.instancePath;
    if (isUnknown(values, at)) continue;
    const fullKey = pointerToKey(
      at +
        (err.keyword === "required"
          ? "/" + pointerSegment(String((err.params as Record<string, unknown>).missingProperty))
          : ""),
    );
    if (key !== undefined) at += "/" + pointerSegment(key);
    const p: Problem = {
      severity: "error",
      code: "schema",
      message: `${message} (${schema.file.file})`,
    };
    const keyText = key !== undefined ? pointerToKey(at) : fullKey;
    if (keyText) p.fullKey = keyText;
    // nothing on the way has a place (an empty option file: `db: {}`): the file checked
    const origin = originAt(values, at);
    if (origin) p.origin = key !== undefined ? keyAt(origin, key) : origin;
    else if (fallback) p.origin = fallback;
    if (suggestions?.length) p.suggestions = suggestions;
    out.push(p);
  }
}
