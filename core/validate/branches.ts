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

/** A branch where it applies: the JSON pointer of its data, and the schema it is written in. */
export interface BranchAt {
  schema: object;
  pointer: string;
  root: unknown;
}

const branchChecks = new WeakMap<object, ((data: unknown) => boolean) | null>();

/**
 * Whether `data` matches a branch (its rules aside), the branch compiled
 * once with `compile` ({@link withDefinitions}); a branch that does not
 * compile alone (a `$ref` into its file, not to its `$defs`) applies.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { branchApplies } from "./branches.ts";
 * const compile = (s: object) => (d: unknown) => typeof d === (s as { type: string }).type;
 * const b = { schema: { type: "number" }, pointer: "", root: {} };
 * assert.equal(branchApplies(b, 1, compile), true);
 * assert.equal(branchApplies(b, "x", compile), false);
 * ```
 */
export function branchApplies(
  branch: BranchAt,
  data: unknown,
  compile: (schema: object) => (data: unknown) => boolean,
): boolean {
  let check = branchChecks.get(branch.schema);
  if (check === undefined) {
    try {
      check = compile(withDefinitions(branch.schema, branch.root));
    } catch {
      check = null;
    }
    branchChecks.set(branch.schema, check);
  }
  return !check || check(data) === true;
}

/**
 * A branch as a schema of its own: with the definitions of the schema it is
 * written in (`$defs`, `definitions`), so that its `$ref: "#/$defs/P"`
 * still points somewhere when it is compiled alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withDefinitions } from "./branches.ts";
 * const root = { $defs: { P: { type: "object" } }, oneOf: [{ $ref: "#/$defs/P" }] };
 * assert.deepEqual(withDefinitions(root.oneOf[0], root), { $defs: root.$defs, $ref: "#/$defs/P" });
 * ```
 */
export function withDefinitions(branch: object, root: unknown): object {
  if (root === null || typeof root !== "object" || root === branch) return branch;
  const defs: Record<string, unknown> = {};
  for (const k of ["$defs", "definitions"]) {
    const v = (root as Record<string, unknown>)[k];
    if (v !== undefined && !(k in branch)) defs[k] = v;
  }
  return Object.keys(defs).length ? { ...defs, ...branch } : branch;
}

/** What ajv's keyword `compile` is given about where the keyword sits. */
export interface CompileContext {
  compositeRule?: boolean;
  errSchemaPath: string;
  dataLevel: number;
  schemaEnv: { schema: unknown };
}

/**
 * The branches a rule at `parentSchema` holds only in, as alternatives: the
 * rule runs where every branch of one alternative applies. None (`[]`)
 * outside any `oneOf`/`anyOf`; one alternative, every branch around it,
 * where ajv's path leads there (a variant's rules are not run on the other
 * variants, however deep in the variant they are written). Through a local
 * `$ref`, which ajv inlines with its target's path, the places that refer to
 * the rule's object at its data level are the alternatives; failing that,
 * the rule's own object stands for its branch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ruleBranches } from "./branches.ts";
 * const a = { properties: { p: {} } };
 * const it = {
 *   compositeRule: true, errSchemaPath: "#/oneOf/0/properties/p", dataLevel: 1,
 *   schemaEnv: { schema: { oneOf: [a] } },
 * };
 * assert.deepEqual(ruleBranches([], {}, it), [[{ schema: a, up: 1 }]]);
 * assert.deepEqual(ruleBranches([], {}, { ...it, compositeRule: false }), []);
 * ```
 */
export function ruleBranches(rules: unknown, parentSchema: object, it: CompileContext): Branch[][] {
  if (!it.compositeRule) return [];
  const found = branchesAt(it.schemaEnv.schema, it.errSchemaPath);
  if (found?.length) return [found];
  const uses = (rules !== null && typeof rules === "object")
    ? placesOf(it.schemaEnv.schema).get(rules)?.filter((u) => u.level === it.dataLevel)
    : undefined;
  if (uses?.length) return uses.map((u) => u.branches);
  return [[{ schema: parentSchema, up: 0 }]];
}

/** Where a rules list is used: the branches around it and its data level. */
interface Place {
  branches: Branch[];
  level: number;
}

const places = new WeakMap<object, Map<object, Place[]>>();

/** Every place of every rules list of a schema, following its local `$ref`s (once per path). */
function placesOf(root: unknown): Map<object, Place[]> {
  if (root === null || typeof root !== "object") return new Map();
  let out = places.get(root);
  if (out) return out;
  out = new Map();
  const found = out;
  const expanding: object[] = [];
  const walk = (x: unknown, around: { schema: object; level: number }[], level: number) => {
    if (x === null || typeof x !== "object" || Array.isArray(x)) return;
    const o = x as Record<string, unknown>;
    const rules = o["x-strata-rules"];
    if (rules !== null && typeof rules === "object") {
      const list = found.get(rules) ?? found.set(rules, []).get(rules)!;
      list.push({
        branches: around.map((b) => ({ schema: b.schema, up: level - b.level })),
        level,
      });
    }
    const ref = typeof o.$ref === "string" ? resolveLocal(root, o.$ref) : undefined;
    // a recursive schema (a tree whose children refer back to it) is followed once per path
    if (ref && !expanding.includes(ref)) {
      expanding.push(ref);
      walk(ref, around, level);
      expanding.pop();
    }
    for (const [k, v] of Object.entries(o)) {
      const each = (f: (s: unknown) => void) =>
        Array.isArray(v)
          ? v.forEach(f)
          : k in KEYED && v && typeof v === "object"
          ? Object.values(v).forEach(f)
          : f(v);
      if (k === "oneOf" || k === "anyOf") {
        if (Array.isArray(v)) v.forEach((b) => walk(b, [...around, { schema: b, level }], level));
      } else if (k === "items" || k === "prefixItems" || k in DATA_STEP) {
        each((sub) => walk(sub, around, level + 1));
      } else if (k in SAME_DATA) each((sub) => walk(sub, around, level));
    }
  };
  walk(root, [], 0);
  places.set(root, found);
  return found;
}

/** Keywords whose value maps names to subschemas. */
const KEYED: Record<string, true> = {
  properties: true,
  patternProperties: true,
  dependentSchemas: true,
  dependencies: true,
};

/** The schema a local `$ref` (`#/$defs/P`) points at in `root`. */
function resolveLocal(root: object, ref: string): object | undefined {
  const path = segments(ref);
  let cur: unknown = root;
  for (const seg of path ?? []) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return path && cur !== null && typeof cur === "object" ? cur : undefined;
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
