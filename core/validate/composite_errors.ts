/**
 * ajv's errors of a `oneOf`/`anyOf` no branch matches, cut down to one
 * branch's: with `allErrors` ajv reports every branch's failures, so a
 * variant with one wrong value (`r: "16"`) also drew the other variants'
 * "unknown key" and "missing required key" errors, and the keyword's own
 * "must match exactly one schema in oneOf" on top.
 *
 * @module
 */

import type { ErrorObject } from "npm:ajv@8.20.0";

/**
 * The errors of branch `i` of the failing `oneOf`/`anyOf` `composite`, its data checked against
 * that branch alone (instance and schema paths as in the whole schema); undefined when the
 * branch cannot be checked alone.
 */
export type BranchErrors = (composite: ErrorObject, i: number) => ErrorObject[] | undefined;

/** One error by what it says and where, whichever schema path ajv reached it by. */
function errorKey(e: ErrorObject): string {
  return `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`;
}

/** Keywords that fail when a value is not of a branch's shape at all. */
const SHAPE = new Set(["required", "additionalProperties", "type", "const", "enum"]);

/** Whether `err` is about `composite`'s data and written inside one of its branches. */
function inside(err: ErrorObject, composite: ErrorObject): number | undefined {
  const prefix = composite.schemaPath + "/";
  if (!err.schemaPath.startsWith(prefix)) return undefined;
  const at = composite.instancePath;
  if (err.instancePath !== at && !err.instancePath.startsWith(at + "/")) return undefined;
  const index = Number(err.schemaPath.slice(prefix.length).split("/")[0]);
  return Number.isInteger(index) ? index : undefined;
}

/**
 * The errors to report: for each `oneOf`/`anyOf` that no branch matches, only
 * the errors of the branch that comes closest (the fewest errors), without the
 * keyword's own error, which they explain; when several come as close, the
 * keyword's own error instead, with each branch's first error in its
 * `params.branchErrors` (no branch is the one the value meant). A `oneOf`
 * that fails because several branches match keeps its own error. Inner
 * keywords are cut down before the ones around them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Ajv } from "npm:ajv@8.20.0";
 * import { closestBranches } from "./composite_errors.ts";
 * const ajv = new Ajv({ allErrors: true });
 * const v = ajv.compile({ oneOf: [
 *   { type: "object", required: ["r"], properties: { r: { type: "integer" } } },
 *   { type: "object", additionalProperties: false, properties: { kind: { const: "none" } } },
 * ] });
 * v({ r: "16" });
 * assert.deepEqual(closestBranches(v.errors!).map((e) => e.instancePath + " " + e.keyword),
 *   ["/r type"]);
 * ```
 */
export function closestBranches(
  errors: readonly ErrorObject[],
  branchErrorsOf?: BranchErrors,
): ErrorObject[] {
  let out = [...errors];
  const composites = out
    .filter((e) => (e.keyword === "anyOf" ||
      (e.keyword === "oneOf" && (e.params as { passingSchemas?: unknown }).passingSchemas == null))
    )
    // the deepest keyword first, so an outer one counts its branches' errors as reported
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const c of composites) {
    if (!out.includes(c)) continue;
    const byBranch = new Map<number, ErrorObject[]>();
    // each branch checked alone: ajv names an error under a `$ref` by the path of the schema
    // referred to, which says no branch (./schema_check.ts gives them)
    const redone = branchErrorsOf && Array.isArray(c.schema)
      ? (c.schema as unknown[]).map((_, i) => branchErrorsOf(c, i))
      : [];
    if (redone.length > 0 && redone.every((r) => r !== undefined)) {
      const per = redone.map((r) => closestBranches(r!, branchErrorsOf));
      const again = new Set(per.flat().map(errorKey));
      out = out.filter((e) => e === c || (inside(e, c) === undefined && !again.has(errorKey(e))));
      per.forEach((errs, i) => {
        if (errs.length > 0) byBranch.set(i, errs);
      });
      out.push(...per.flat());
    } else {
      for (const e of out) {
        const i = inside(e, c);
        if (i === undefined) continue;
        byBranch.set(i, [...byBranch.get(i) ?? [], e]);
      }
    }
    if (byBranch.size === 0) continue; // nothing to explain it: keep the keyword's own error
    let best: number | undefined;
    for (const [i, errs] of byBranch) {
      const b = best === undefined ? undefined : byBranch.get(best)!;
      if (!b || errs.length < b.length || (errs.length === b.length && i < best!)) best = i;
    }
    const fewest = byBranch.get(best!)!.length;
    const tied = [...byBranch].filter(([, errs]) => errs.length === fewest);
    // of branches as close, one whose shape the value has (a wrong value inside it, not a
    // missing or unknown key or a wrong type of the value itself) is the one it meant
    const shaped = tied.filter(([, errs]) =>
      errs.some((e) => e.instancePath !== c.instancePath || !SHAPE.has(e.keyword))
    );
    if (shaped.length === 1) best = shaped[0][0];
    else if (tied.length > 1) {
      // no branch comes closest (a new `logger/wandb` against `csv` and `tensorboard`): the
      // keyword's own error, with each branch's first, rather than one branch's as the answer
      const firsts = [...byBranch].sort(([a], [b]) => a - b).map(([, errs]) => errs[0]);
      const own: ErrorObject = { ...c, params: { ...c.params, branchErrors: firsts } };
      const theirs = new Set([...byBranch.values()].flat());
      out = out.filter((e) => inside(e, c) === undefined && !theirs.has(e))
        .map((e) => e === c ? own : e);
      continue;
    }
    const kept = new Set(byBranch.get(best!));
    const dropped = new Set([...byBranch.values()].flat().filter((e) => !kept.has(e)));
    out = out.filter((e) => {
      if (e === c || dropped.has(e)) return false;
      const i = inside(e, c);
      return i === undefined || i === best;
    });
  }
  return out;
}
