/**
 * The `oneOf`/`anyOf` branches a schema object sits in, found from the path
 * ajv compiles it at: a rule written anywhere inside a branch (on the branch
 * itself, or on a property of a property of it) holds only where that branch
 * matches, so each branch comes with how many data levels above the rule's
 * object it applies.
 *
 * @module
 */

/** A branch a rule sits in: its schema, applied `up` data levels above the rule's object. */
export interface Branch {
  schema: object;
  up: number;
}

/** A branch where it applies: the JSON pointer of its data. */
export interface BranchAt {
  schema: object;
  pointer: string;
}

/** What ajv's keyword `compile` is given about where the keyword sits. */
export interface CompileContext {
  compositeRule?: boolean;
  errSchemaPath: string;
  schemaEnv: { schema: unknown };
}

/**
 * The branches a rule at `parentSchema` holds only in: none outside any
 * `oneOf`/`anyOf`; every one around it (a variant's rules are not run on the
 * other variants, however deep in the variant they are written). Through a
 * `$ref` (ajv inlines it with its target's path) the branch is not known:
 * the rule's own object stands for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ruleBranches } from "./branches.ts";
 * const a = { properties: { p: {} } };
 * const it = { compositeRule: true, errSchemaPath: "#/oneOf/0/properties/p", schemaEnv: { schema: { oneOf: [a] } } };
 * assert.deepEqual(ruleBranches({}, it), [{ schema: a, up: 1 }]);
 * assert.deepEqual(ruleBranches({}, { ...it, compositeRule: false }), []);
 * ```
 */
export function ruleBranches(parentSchema: object, it: CompileContext): Branch[] {
  if (!it.compositeRule) return [];
  const found = branchesAt(it.schemaEnv.schema, it.errSchemaPath);
  return found?.length ? found : [{ schema: parentSchema, up: 0 }];
}

/** Keywords whose subschema applies to the data one level down (`properties/NAME`: 2 segments). */
const DATA_STEP: Record<string, number> = {
  properties: 2,
  patternProperties: 2,
  additionalProperties: 1,
  additionalItems: 1,
  unevaluatedProperties: 1,
  unevaluatedItems: 1,
  contains: 1,
  prefixItems: 2,
};
/** Keywords whose subschema applies to the same data (`allOf/0`: 2 segments). */
const SAME_DATA: Record<string, number> = {
  allOf: 2,
  oneOf: 2,
  anyOf: 2,
  not: 1,
  if: 1,
  then: 1,
  else: 1,
  dependentSchemas: 2,
  dependencies: 2,
};

function segments(errSchemaPath: string): string[] | undefined {
  if (!errSchemaPath.startsWith("#")) return undefined;
  const rest = errSchemaPath.slice(1);
  if (rest === "") return [];
  try {
    return rest.slice(1).split("/").map((s) =>
      decodeURIComponent(s).replaceAll("~1", "/").replaceAll("~0", "~")
    );
  } catch {
    return undefined;
  }
}

/**
 * The branches around the schema object at `errSchemaPath` (ajv's path of a
 * keyword's parent schema, `#/oneOf/0/properties/params`) in `root`, the
 * outermost first; undefined when the path cannot be followed (it crossed a
 * `$ref`, which ajv inlines with the path of its target, or uses a keyword
 * not known here).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { branchesAt } from "./branches.ts";
 * const a = { properties: { params: { type: "object" } } };
 * const root = { oneOf: [a, {}] };
 * assert.deepEqual(branchesAt(root, "#/oneOf/0/properties/params"), [{ schema: a, up: 1 }]);
 * assert.deepEqual(branchesAt(root, "#/oneOf/0"), [{ schema: a, up: 0 }]);
 * assert.deepEqual(branchesAt(root, "#/definitions/P"), undefined);
 * ```
 */
export function branchesAt(root: unknown, errSchemaPath: string): Branch[] | undefined {
  const path = segments(errSchemaPath);
  if (path === undefined) return undefined;
  const found: { schema: object; level: number }[] = [];
  let level = 0;
  let cur: unknown = root;
  let i = 0;
  const step = (n: number) => {
    for (let j = 0; j < n; j++) {
      if (typeof cur !== "object" || cur === null) return false;
      cur = (cur as Record<string, unknown>)[path[i++]];
    }
    return cur !== undefined;
  };
  while (i < path.length) {
    const k = path[i];
    const composite = k === "oneOf" || k === "anyOf";
    let n: number;
    if (k === "items") {
      // `items: {...}` or `items: [{...}, ...]`
      const items = (cur as Record<string, unknown>)?.items;
      n = Array.isArray(items) ? 2 : 1;
      level++;
    } else if (k in DATA_STEP) {
      n = DATA_STEP[k];
      level++;
    } else if (k in SAME_DATA) n = SAME_DATA[k];
    else return undefined; // `definitions/...` and the like: only reached through a `$ref`
    if (!step(n)) return undefined;
    if (composite) found.push({ schema: cur as object, level });
  }
  return found.map((b) => ({ schema: b.schema, up: level - b.level }));
}

/**
 * A JSON pointer with its last `up` segments dropped: where a branch `up`
 * levels above applies.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerUp } from "./branches.ts";
 * assert.equal(pointerUp("/opt/params/x", 2), "/opt");
 * assert.equal(pointerUp("/opt", 0), "/opt");
 * ```
 */
export function pointerUp(pointer: string, up: number): string {
  return up === 0 ? pointer : pointer.split("/").slice(0, -up).join("/");
}
