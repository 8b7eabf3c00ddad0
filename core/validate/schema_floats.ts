/**
 * `type: integer` and a float written `1000.0`: a Python float, which an
 * OmegaConf int field refuses (`max_n_frames=1e3`: "could not be converted to
 * Integer"), but one JavaScript number alike with 1000 for ajv. strata keeps
 * the two apart everywhere else, so the schema check does too.
 *
 * @module
 */

import type { ErrorObject, ValidateFunction } from "npm:ajv@8.20.0";
import type { Node } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { pointerSegment, pointerSegments } from "./values.ts";

/**
 * The JSON pointers (from `node`) of its float values that have no
 * fractional part (`1000.0`, `1e3`), which `type: integer` must refuse.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { integralFloats } from "./schema_floats.ts";
 * assert.deepEqual(integralFloats(loadYaml("a: 1000.0\nb: 3\nc: [1.5, 2.0]\n")), ["/a", "/c/1"]);
 * ```
 */
export function integralFloats(node: Node, at = ""): string[] {
  if (node.kind === "dict") {
    return [...node.entries.values()].flatMap((e) =>
      integralFloats(e.node, `${at}/${pointerSegment(String(e.key))}`)
    );
  }
  if (node.kind === "list") return node.items.flatMap((n, i) => integralFloats(n, `${at}/${i}`));
  const v = node.value;
  return node.type === "float" && typeof v === "number" && Number.isInteger(v) ? [at] : [];
}

/**
 * The `type` errors `validate` gives the floats at `floats` (pointers into
 * `data`) when they are seen as what they are, not integers: `data` is
 * validated again with each of them off the integers by a half. Only errors
 * at those places that the first run (`already`) did not give are returned.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Ajv } from "npm:ajv@8.20.0";
 * import { floatTypeErrors } from "./schema_floats.ts";
 * const validate = new Ajv({ allErrors: true }).compile({ properties: { n: { type: "integer" }, x: { type: "number" } } });
 * const errors = floatTypeErrors(validate, { n: 1000, x: 2 }, ["/n", "/x"], []);
 * assert.deepEqual(errors.map((e) => [e.instancePath, e.message]), [["/n", "must be integer"]]);
 * ```
 */
export function floatTypeErrors(
  validate: ValidateFunction,
  data: unknown,
  floats: string[],
  already: readonly ErrorObject[],
): ErrorObject[] {
  const copy = structuredClone(data);
  for (const pointer of floats) {
    const path = pointerSegments(pointer);
    if (path.length === 0) return []; // the checked value itself: no object to change it in
    let parent = copy as Record<string, unknown>;
    for (const s of path.slice(0, -1)) parent = parent[s] as Record<string, unknown>;
    parent[path.at(-1)!] = (parent[path.at(-1)!] as number) + 0.5;
  }
  if (validate(copy)) return [];
  const at = new Set(floats);
  const seen = new Set(already.map((e) => e.instancePath));
  return (validate.errors ?? []).filter((e) =>
    e.keyword === "type" && at.has(e.instancePath) && !seen.has(e.instancePath) &&
    String((e.params as { type?: unknown }).type).includes("integer")
  ).map((e) => ({ ...e, data: new IntegralFloat((e.data as number) - 0.5) }));
}

/**
 * The value of an error about a float written with an integral value (`8.0`): its message
 * quotes it as Python shows it (`got 8.0`), not as the number JSON would print (`8`), nor as the
 * value checked in its place (`8.5`).
 */
export class IntegralFloat {
  /** @param value the float's value */
  constructor(readonly value: number) {}

  /** `8.0`, as JSON.stringify quotes a value (JSON has no integral floats). */
  toJSON(): string {
    return pyFloatRepr(this.value);
  }
}
