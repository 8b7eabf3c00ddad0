/**
 * Cross-field rules, as Kubernetes writes them (`x-kubernetes-validations`):
 * `x-strata-rules: [{rule: "self.batch_size % self.gpus == 0", message: ...}]`
 * on any object of a schema, in CEL, evaluated with npm:@marcbachmann/cel-js.
 * `self` is the object; CEL ints are BigInt there, so config ints arrive as
 * BigInt and floats as numbers (CEL does not mix them: write `2.0` to compare
 * with a float).
 *
 * @module
 */

import { extensionHint } from "./cel_extensions.ts";
import { suggest } from "../suggest.ts";
import { Environment } from "npm:@marcbachmann/cel-js@8.0.0";
import { clip, formatOrigin, thrownText } from "../errors.ts";
import type { Origin } from "../node.ts";
import type { Problem } from "./problems.ts";
import type { SchemaFile } from "./schema_files.ts";

/**
 * The keyword that holds rules in a schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RULES_KEYWORD } from "./rules.ts";
 * assert.equal(RULES_KEYWORD, "x-strata-rules");
 * ```
 */
export const RULES_KEYWORD = "x-strata-rules";

/** The keys of a Kubernetes rule that strata's rules do not have. */
const K8S_RULE_KEYS = ["messageExpression", "reason", "fieldPath", "optionalOldSelf"];

/** A parsed rule. */
export interface Rule {
  text: string;
  message?: string;
  /** Where the rule is written. */
  origin?: Origin;
  /** The paths under `self` the rule reads (`self.model.seq` → `["model", "seq"]`), in text order. */
  reads: string[][];
  /** Whether the rule reads `self` as a whole (`size(self)`, `self[k]`): it may read any key. */
  readsSelf: boolean;
  evaluate: (context: Record<string, unknown>) => unknown;
}

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

/** A node of cel-js's AST, as far as `selfPaths` looks at it. */
interface CelAst {
  op: string;
  args: unknown;
}

function isAst(x: unknown): x is CelAst {
  return typeof x === "object" && x !== null && typeof (x as CelAst).op === "string";
}

/** The member chain `self.a["b"].c` as `["a", "b", "c"]`; undefined when not rooted at `self`. */
function chainOf(n: CelAst): string[] | undefined {
  if (n.op === "id") return n.args === "self" ? [] : undefined;
  const args = n.args as unknown[];
  if (n.op === "." || n.op === "?.") {
    const base = isAst(args[0]) ? chainOf(args[0]) : undefined;
    return base && typeof args[1] === "string" ? [...base, args[1]] : undefined;
  }
  if (n.op === "[]" || n.op === "[?]") {
    const base = isAst(args[0]) ? chainOf(args[0]) : undefined;
    const idx = args[1];
    if (!base || !isAst(idx) || idx.op !== "value") return base;
    const v = idx.args;
    return typeof v === "string" || typeof v === "bigint" || typeof v === "number"
      ? [...base, String(v)]
      : base;
  }
  return undefined;
}

/**
 * Every longest `self...` chain of a rule's AST, in text order, each once, and whether `self`
 * is also read whole (not as the start of a chain of literal keys).
 */
function selfPaths(ast: unknown): { reads: string[][]; whole: boolean } {
  const out: string[][] = [];
  const seen = new Set<string>();
  let whole = false;
  const visit = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (!isAst(x)) return;
    if (x.op === "id" && x.args === "self") whole = true;
    const chain = chainOf(x);
    if (chain && chain.length > 0) {
      const k = chain.join("\0");
      if (!seen.has(k)) out.push(chain), seen.add(k);
      return;
    }
    visit(x.args);
  };
  visit(ast);
  return { reads: out, whole };
}

function firstLine(e: unknown): string {
  return thrownText(e).split("\n")[0];
}

/**
 * Why a rule does not parse, with where: the CEL parser's error names the
 * offset it stopped at (`node.pos`), and its "Unexpected character: 'f'"
 * names a letter inside the token it did not expect (`self.lr self.lr`), so
 * the token itself is named instead.
 */
function parseFailure(e: unknown, rule: string): string {
  const why = firstLine(e);
  const pos = (e as { node?: { pos?: unknown } } | null)?.node?.pos;
  if (typeof pos !== "number" || pos < 0 || pos > rule.length) return why;
  const col = [...rule.slice(0, pos)].length + 1;
  if (pos === rule.length) return `${why} (at the end of the rule)`;
  const token = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9.]*|[=<>!&|]+|\S)/.exec(rule.slice(pos))![0];
  const what = why.startsWith("Unexpected character") ? `unexpected '${token}'` : why;
  return `${what} at column ${col} of the rule`;
}

/**
 * CEL's type check of a parsed rule; one that nests too deep for the checker is left to the
 * evaluator, which says so in words.
 */
function typeCheck(parsed: { check(): { valid: boolean; type?: string; error?: unknown } }) {
  try {
    const typed = parsed.check();
    return typed.error instanceof RangeError ? { valid: true, type: "dyn" } : typed;
  } catch (e) {
    if (e instanceof RangeError) return { valid: true, type: "dyn" };
    throw e;
  }
}

/**
 * Parses every rule of a schema file (keyed by the rule's object in the
 * schema data); rules that do not parse are problems at the rule's line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileRules } from "./rules.ts";
 * const rule = { rule: "self.a %% 2 == 0" };
 * const file = { file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { "x-strata-rules": [rule] } };
 * const { rules, problems } = compileRules(file);
 * assert.equal(rules.size, 0);
 * assert.match(problems[0].message, /does not parse/);
 * // what fails on any config: a call CEL lacks, a result that is no bool
 * const typed = { file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { "x-strata-rules": [{ rule: "[1, 2].isSorted()" }, { rule: "size(self.a) + 1" }] } };
 * assert.deepEqual(compileRules(typed).problems.map((p) => p.message), [
 *   "rule '[1, 2].isSorted()' cannot be evaluated: found no matching overload for 'list.isSorted()' " +
 *   "(isSorted() is in Kubernetes' CEL list library, which strata's CEL does not have)",
 *   "rule 'size(self.a) + 1' must give a bool, but gives int",
 * ]);
 * ```
 */
export function compileRules(
  file: SchemaFile,
): { rules: Map<object, Rule>; problems: Problem[] } {
  const rules = new Map<object, Rule>();
  const problems: Problem[] = [];
  const at = (obj: object, key?: string): Origin => {
    const o = file.origins.get(obj);
    return (key ? o?.keys.get(key) : undefined) ?? o?.self ?? { file: file.file, line: 1, col: 1 };
  };
  const bad = (message: string, origin: Origin) =>
    problems.push({ severity: "error", code: "rule", message, origin });
  const visit = (x: unknown) => {
    if (typeof x !== "object" || x === null) return;
    if (Array.isArray(x)) return x.forEach(visit);
    const obj = x as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (k !== RULES_KEYWORD) {
        visit(v);
        continue;
      }
      if (!Array.isArray(v)) {
        bad(`${RULES_KEYWORD} must be a list of {rule, message}`, at(obj, k));
        continue;
      }
      for (const item of v) {
        const r = item as Record<string, unknown>;
        if (typeof item !== "object" || item === null || typeof r.rule !== "string") {
          bad(
            "a rule needs a string 'rule' (CEL)",
            at(typeof item === "object" && item ? item : obj),
          );
          continue;
        }
        const origin = at(r, "rule");
        // `message: 5` (or a list) would be dropped silently for the generic one
        if (r.message !== undefined && typeof r.message !== "string") {
          bad("a rule's 'message' must be a string", at(r, "message"));
        }
        // a rule's other keys (Kubernetes' messageExpression, a misspelt `mesage`) are not read
        for (const key of Object.keys(r)) {
          if (key === "rule" || key === "message") continue;
          const k8s = K8S_RULE_KEYS.includes(key);
          problems.push({
            severity: "warning",
            code: "rule",
            message: k8s
              ? `'${key}' (Kubernetes) is not read by strata: a rule has 'rule' and 'message'`
              : `unknown key '${key}' in a rule: strata reads only 'rule' and 'message'`,
            origin: at(r, key),
            suggestions: k8s ? [] : suggest(key, ["rule", "message"]),
          });
        }
        try {
          const parsed = env.parse(r.rule);
          // what fails whatever the config holds is said here, once, and by `strata schema` too
          // (checker v31): a call CEL lacks (`[1, 2].isSorted()`), a type that is no bool
          const typed = typeCheck(parsed);
          if (!typed.valid) {
            const why = firstLine(typed.error);
            bad(
              `rule '${clip(r.rule)}' cannot be evaluated: ${why}${extensionHint(why, r.rule)}`,
              origin,
            );
            continue;
          }
          if (typed.type !== "bool" && typed.type !== "dyn") {
            bad(`rule '${clip(r.rule)}' must give a bool, but gives ${typed.type}`, origin);
            continue;
          }
          const { reads, whole } = selfPaths((parsed as unknown as { ast?: unknown }).ast);
          rules.set(r, {
            text: r.rule,
            message: typeof r.message === "string" ? r.message : undefined,
            origin,
            reads,
            readsSelf: whole,
            evaluate: (ctx) => parsed(ctx),
          });
        } catch (e) {
          // a flat rule of thousands of terms overflows the parser's recursion: said in words
          const why = e instanceof RangeError
            ? "it nests too deep for the CEL parser (split it into several rules)"
            : parseFailure(e, r.rule);
          bad(`rule '${clip(r.rule)}' does not parse: ${why}${extensionHint(why, r.rule)}`, origin);
        }
      }
    }
  };
  visit(file.schema);
  return { rules, problems };
}

/** Where a key a rule reads is set: its full key and origin. */
export interface ReadAt {
  fullKey: string;
  origin?: Origin;
}

/** The CEL type name of a value, for a rule that does not give a bool. */
function celType(v: unknown): string {
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "double";
  if (typeof v === "string") return "string";
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v === "object" ? "map" : typeof v;
}

/**
 * Runs one rule on `self`: undefined when it holds, else the problem. A rule
 * that fails is located at the object (`at.origin`) or, when the object has
 * no place of its own (the composed root), at the first key it reads that has
 * one (`at.locate`), else at the rule; a rule of an option's whole object
 * (`at.readsIn`, the option's file) at the first key it reads that the file
 * sets, where one is; the keys it read are `related` (two
 * compositions that fail it at one place are one problem, with the keys both
 * read: see `Problems.add`). A rule
 * that cannot be evaluated, or gives something other than a bool, is a broken
 * rule at its own line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileRules, runRule } from "./rules.ts";
 * const rule = { rule: "self.batch_size % self.gpus == 0", message: "batch must split over GPUs" };
 * const { rules } = compileRules({ file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { "x-strata-rules": [rule] } });
 * const r = rules.get(rule)!;
 * assert.equal(runRule(r, { batch_size: 8n, gpus: 4n }, {}), undefined);
 * const p = runRule(r, { batch_size: 6n, gpus: 4n }, {
 *   locate: (path) => ({ fullKey: path.join("."), origin: { file: "c.yaml", line: 1, col: 1 } }),
 * });
 * assert.equal(p?.message, "batch must split over GPUs (rule at s.yaml:1:1)");
 * assert.equal(p?.fullKey, "batch_size");
 * assert.deepEqual(p?.related?.map((x) => x.message), ["'batch_size' is read by the rule", "'gpus' is read by the rule"]);
 * ```
 */
export function runRule(
  rule: Rule,
  self: unknown,
  at: {
    origin?: Origin;
    fullKey?: string;
    locate?: (path: string[]) => ReadAt | undefined;
    readsIn?: string;
  },
): Problem | undefined {
  let result: unknown;
  try {
    result = rule.evaluate({ self });
  } catch (e) {
    // a rule of thousands of terms that parsed may still overflow the evaluator's recursion
    const why = e instanceof RangeError
      ? "it nests too deep for the CEL evaluator (split it into several rules)"
      : firstLine(e);
    // a function strata's CEL lacks fails whatever the values: said once, not once per composition
    const lacks = extensionHint(why, rule.text);
    const p = broken(
      rule,
      `cannot be evaluated${at.fullKey ? ` on '${at.fullKey}'` : ""}: ${why}${lacks}${
        lacks === "" ? valuesRead(rule, self) : ""
      }${mixedNumbersHint(why)}`,
    );
    // `self.devices` where the object has no such key: the keys it has, nearest first
    const missing = /^No such key: (\S+)$/.exec(why);
    const path = missing && rule.reads.find((r) => r.at(-1) === missing[1]);
    if (path) {
      const parent = valueAt(self, path.slice(0, -1));
      const keys = parent && typeof parent === "object" && !Array.isArray(parent)
        ? Object.keys(parent)
        : [];
      p.suggestions = suggest(missing![1], keys).map((k) => [...path.slice(0, -1), k].join("."));
    }
    return p;
  }
  if (result === true) return undefined;
  if (result !== false) {
    return broken(
      rule,
      `must give a bool, but gave ${celType(result)}${at.fullKey ? ` on '${at.fullKey}'` : ""}`,
    );
  }
  const reads = at.locate
    ? rule.reads.map(at.locate).filter((r): r is ReadAt => r?.origin !== undefined)
    : [];
  // (an option's rule: at the first key it reads that the option's file sets, where one is)
  const inFile = at.readsIn === undefined
    ? undefined
    : reads.find((r) => r.origin?.file === at.readsIn);
  // every value it read set by an override (`--override data.doy=[300,200]`): at the first
  // override, as a schema keyword failing there is, not at each option's start (checker v54)
  const byOverrides = reads.length > 0 && reads.every((r) => r.origin?.override !== undefined);
  const where = inFile ??
    (at.origin && !byOverrides
      ? { origin: at.origin, fullKey: at.fullKey }
      : reads[0] ?? { origin: rule.origin, fullKey: at.fullKey });
  const ruleAt = rule.origin ? ` (rule at ${formatOrigin(rule.origin)})` : "";
  return {
    severity: "error",
    code: "rule",
    message: (rule.message ?? `rule '${clip(rule.text)}' does not hold`) + ruleAt,
    ...(where.fullKey ? { fullKey: where.fullKey } : {}),
    ...(where.origin ? { origin: where.origin } : {}),
    ...(reads.length > 0
      ? {
        related: reads.map((r) => ({
          message: `'${r.fullKey}' is read by the rule`,
          fullKey: r.fullKey,
          origin: r.origin!,
        })),
      }
      : {}),
  };
}

/**
 * CEL's arithmetic keeps ints and doubles apart (`self.alpha * 0.5` with `alpha: 1`): how to mix
 * them, as the README says (checker v54 #4).
 */
function mixedNumbersHint(why: string): string {
  const m = /^no such overload: (?:dyn<)?(int|double)>? [-+*/%] (?:dyn<)?(int|double)\b/.exec(why);
  if (m === null || m[1] === m[2]) return "";
  return "; CEL keeps ints and doubles apart in arithmetic: convert one side, double(self.x) " +
    "or int(self.x), or write the number as the other kind (2.0 for 2)";
}

/** The problems {@link runRule} gave for a rule that could not be evaluated on its data. */
const unevaluated = new WeakSet<Problem>();

/** The value at `path` under `self`, if there. */
function valueAt(self: unknown, path: string[]): unknown {
  let at = self;
  for (const seg of path) {
    if (at === null || typeof at !== "object" || !(seg in at)) return undefined;
    at = (at as Record<string, unknown>)[seg];
  }
  return at;
}

/**
 * The values a rule that failed to evaluate read, as it saw them (a string where it does
 * arithmetic: `batch_size: 12x`): ` (it read batch_size = "12x", gpus = 4)`.
 */
function valuesRead(rule: Rule, self: unknown): string {
  const said: string[] = [];
  for (const path of rule.reads.slice(0, 3)) {
    const v = valueAt(self, path);
    if (v === undefined) continue;
    const text = typeof v === "string"
      ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)
      : typeof v === "object" && v !== null
      ? celType(v)
      : String(v);
    said.push(`${path.join(".")} = ${text}`);
  }
  return said.length > 0 ? ` (it read ${said.join(", ")})` : "";
}

function broken(rule: Rule, what: string): Problem {
  const p: Problem = {
    severity: "error",
    code: "rule",
    message: `rule '${clip(rule.text)}' ${what}`,
    ...(rule.origin ? { origin: rule.origin } : {}),
  };
  unevaluated.add(p);
  return p;
}

/**
 * Whether a problem of {@link runRule} says the rule could not be evaluated
 * (or gave no bool), rather than that it does not hold: data of the wrong
 * type (`batch_size: abc`) causes that too, and a schema reports that data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileRules, isUnevaluated, runRule } from "./rules.ts";
 * const rule = { rule: "self.a % 2 == 0" };
 * const { rules } = compileRules({ file: "s.yaml", group: "", origins: new WeakMap(),
 *   schema: { "x-strata-rules": [rule] } });
 * assert.equal(isUnevaluated(runRule(rules.get(rule)!, { a: "x" }, {})!), true);
 * assert.equal(isUnevaluated(runRule(rules.get(rule)!, { a: 1n }, {})!), false);
 * ```
 */
export function isUnevaluated(p: Problem): boolean {
  return unevaluated.has(p);
}
