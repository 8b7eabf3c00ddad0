/**
 * JSON Schema checks of a composition through npm:ajv: a group's schema on
 * every option of the group (at its package), the config schema on the whole
 * config. Errors point at the value's file:line:col (or the override that set
 * it); `additionalProperties: false` and `enum` offer did-you-mean.
 *
 * @module
 */

import type { ErrorObject, ValidateFunction } from "npm:ajv@8.20.0";
// draft 2019-09's vocabulary, draft-07's with it (`dependencies`, `items: [...]`): a draft-07 ajv
// takes `dependentRequired`, `unevaluatedProperties`, `minContains` and checks nothing with them
// (checker v31); 2020-12's own few (`prefixItems`) are said as unchecked (./schema_keywords.ts)
import { Ajv2019 as Ajv } from "npm:ajv@8.20.0/dist/2019.js";
import { type Node, type Origin, originOf } from "../node.ts";
import type { Problem } from "./problems.ts";
import { compileRules, isUnevaluated, type Rule, RULES_KEYWORD, runRule } from "./rules.ts";
import { unknownKeywords } from "./schema_keywords.ts";
import {
  type Branch,
  branchApplies,
  type BranchAt,
  type CompileContext,
  pointerUp,
  ruleBranches,
  withDefinitions,
} from "./branches.ts";
import { type BranchErrors, closestBranches } from "./composite_errors.ts";
import { floatTypeErrors, IntegralFloat, integralFloats } from "./schema_floats.ts";
import type { SchemaFile } from "./schema_files.ts";
import { type CheckedValues, pointerSegment } from "./values.ts";
import {
  isUnknown,
  keyAt,
  nodeAt,
  nodesTo,
  originAt,
  overlaps,
  plain,
  pointerToKey,
  readFrom,
  readPointers,
  readsUnknown,
} from "./checked_nodes.ts";
import { brokenKeyword, describe, keywordPlace } from "./schema_errors.ts";
import { thrownText } from "../errors.ts";

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
// ajv's own log lines (`unknown format "python-path" ignored in schema at path ...`, once per
// compile) have no file or line; a format ajv has no definition for checks nothing, as the
// README says, and stderr is for located diagnostics
const quiet = { log() {}, warn() {}, error() {} };
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  verbose: true,
  validateSchema: false,
  logger: quiet,
});
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
      origin: (instancePath === "" ? current.file : undefined) ??
        originOf(nodeAt(values, pointer)?.origin),
      fullKey: pointerToKey(pointer),
      ...(instancePath === "" && current.file?.file !== undefined
        ? { readsIn: current.file.file }
        : {}),
      locate: (path) => {
        const at = pointer + path.map((s) => "/" + pointerSegment(s)).join("");
        const nodes = nodesTo(values, at);
        // The deepest key of the path that exists and says where it is set.
        for (let i = nodes.length - 1; i > 0; i--) {
          const origin = originOf(nodes[i].origin);
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
  problems.push(...unknownKeywords(file));
  for (const [k, v] of rules) allRules.set(k, v);
  try {
    return { file, validate: ajv.compile(file.schema), problems };
  } catch (e) {
    // a `type` JSON Schema does not have is said above, with the type meant
    const typeSaid = problems.some((p) => p.message.startsWith("unknown JSON Schema type"));
    if (typeSaid && /^type must be JSONType/.test(thrownText(e))) return { file, problems };
    problems.push({
      severity: "error",
      code: "schema-file",
      message: `invalid schema: ${thrownText(e)}`,
      origin: brokenKeyword(file, e, ajv) ?? file.origins.get(file.schema)?.self ??
        { file: file.file, line: 1, col: 1 },
    });
    return { file, problems };
  }
}

/** Each branch of a schema compiled alone, once (null: it does not compile alone). */
const branchValidators = new WeakMap<object, ValidateFunction | null>();

/**
 * How a failing `oneOf`/`anyOf` of `schema` fails in each branch, its data checked against the
 * branch alone (with the file's `$defs`): ajv names an error under a `$ref` by the referred
 * schema's path, which says no branch (./composite_errors.ts).
 */
function branchErrors(schema: CompiledSchema): BranchErrors {
  return (c, i) => {
    const branch = Array.isArray(c.schema) ? c.schema[i] : undefined;
    if (branch === null || typeof branch !== "object") return undefined;
    let check = branchValidators.get(branch);
    if (check === undefined) {
      try {
        check = ajv.compile(withDefinitions(branch, schema.file.schema));
      } catch {
        check = null;
      }
      branchValidators.set(branch, check);
    }
    if (check === null) return undefined;
    if (check(c.data) === true) return [];
    return (check.errors ?? []).map((e) => ({
      ...e,
      instancePath: c.instancePath + e.instancePath,
      schemaPath: `${c.schemaPath}/${i}${e.schemaPath.slice(1)}`,
    }));
  };
}

/**
 * Checks the data at `pointer` ("" is the root) against a compiled schema,
 * appending problems located at the values' origins (at `fallback`, the
 * config file checked or the primary config's mapping, where no value on the
 * way has one); the rules of the whole object fail at `file`, the option
 * checked (without one, as for the composed root, at the first key they read).
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
  { fallback, file }: { fallback?: Origin; file?: Origin } = {},
): void {
  const node = nodeAt(values, pointer);
  if (!schema.validate || node === undefined || isUnknown(values, pointer)) return;
  const data = plain(node, false);
  const check: NonNullable<typeof current> = {
    values,
    base: pointer,
    out,
    deferred: [],
    ...(file ? { file } : {}),
  };
  current = check;
  let valid;
  try {
    valid = schema.validate(data);
  } finally {
    current = undefined;
  }
  // a variant (oneOf, anyOf, if/then, not) of an object holding a value not known here
  // (`patience: ???`, given at run time) is not decided: it may match once the value is given,
  // as a rule reading one is not run (checker x22: `???` was checked as null there)
  const errors = (valid ? [] : closestBranches(schema.validate.errors ?? [], branchErrors(schema)))
    .filter((e) => !VARIANTS.has(e.keyword) || !isUnknown(values, pointer + e.instancePath, true));
  // a float written 1000.0 is no integer to OmegaConf; ajv sees one number: checked again as it is
  // (rules do not run twice: no current check)
  const floats = integralFloats(node);
  if (floats.length > 0) errors.push(...floatTypeErrors(schema.validate, data, floats, errors));
  let invalid = invalidAt.get(values);
  if (!invalid) invalidAt.set(values, invalid = new Set());
  for (const err of errors) {
    // the key a `required` or `additionalProperties` error is about, not its whole object
    const params = err.params as Record<string, unknown>;
    const key = err.keyword === "required"
      ? params.missingProperty
      : err.keyword === "additionalProperties"
      ? params.additionalProperty
      : err.keyword === "unevaluatedProperties"
      ? params.unevaluatedProperty
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
    const { message, suggestions, key } = describe(
      asWritten(err, nodeAt(values, pointer + err.instancePath)),
    );
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
      message: `${message} (${keywordPlace(schema.file, err.schemaPath)})`,
    };
    const keyText = key !== undefined ? pointerToKey(at) : fullKey;
    if (keyText) p.fullKey = keyText;
    // nothing on the way has a place (an empty option file: `db: {}`): the file checked
    const origin = originAt(values, at);
    if (origin) p.origin = key !== undefined ? keyAt(origin, key) : origin;
    else if (fallback) p.origin = fallback;
    if (suggestions?.length) p.suggestions = suggestions;
    // a value read through `${...}` is said where it is set, as a rule's reads are (checker v31)
    const from = key === undefined ? readFrom(values, at) : undefined;
    if (from !== undefined) {
      p.related = [{
        message: "the value is set here",
        fullKey: from.fullKey,
        origin: from.origin,
      }];
    }
    out.push(p);
  }
}

/** The keywords whose failure is a variant's, decided by every value of the object. */
const VARIANTS = new Set(["oneOf", "anyOf", "if", "not"]);

/**
 * The error with the value it quotes as the config holds it: a float with an
 * integral value (`lr: 5.0`) is `5.0` to OmegaConf, `5` to ajv.
 */
function asWritten(err: ErrorObject, node: Node | undefined): ErrorObject {
  if (node?.kind !== "value" || node.type !== "float" || typeof err.data !== "number") return err;
  // enum and const quote their values as JSON, the value too
  if (err.keyword === "enum" || err.keyword === "const") return err;
  return Number.isInteger(err.data) ? { ...err, data: new IntegralFloat(err.data) } : err;
}
