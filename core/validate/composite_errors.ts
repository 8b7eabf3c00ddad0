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
 * the errors of the branch that comes closest (the fewest errors; the first of
 * equals), without the keyword's own error, which they explain. A `oneOf`
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
export function closestBranches(errors: readonly ErrorObject[]): ErrorObject[] {
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
    for (const e of out) {
      const i = inside(e, c);
      if (i === undefined) continue;
      byBranch.set(i, [...byBranch.get(i) ?? [], e]);
    }
    if (byBranch.size === 0) continue; // nothing to explain it: keep the keyword's own error
    let best: number | undefined;
    for (const [i, errs] of byBranch) {
      const b = best === undefined ? undefined : byBranch.get(best)!;
      if (!b || errs.length < b.length || (errs.length === b.length && i < best!)) best = i;
    }
    out = out.filter((e) => {
      if (e === c) return false;
      const i = inside(e, c);
      return i === undefined || i === best;
    });
  }
  return out;
}
