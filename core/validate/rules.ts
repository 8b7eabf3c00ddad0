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

import { Environment } from "npm:@marcbachmann/cel-js@8.0.0";
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

/** A parsed rule. */
export interface Rule {
  text: string;
  message?: string;
  /** Where the rule is written. */
  origin?: Origin;
  evaluate: (context: Record<string, unknown>) => unknown;
}

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
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
        try {
          const parsed = env.parse(r.rule);
          rules.set(r, {
            text: r.rule,
            message: typeof r.message === "string" ? r.message : undefined,
            origin,
            evaluate: (ctx) => parsed(ctx),
          });
        } catch (e) {
          bad(`rule '${r.rule}' does not parse: ${firstLine(e)}`, origin);
        }
      }
    }
  };
  visit(file.schema);
  return { rules, problems };
}

/**
 * Runs one rule on `self`: undefined when it holds, else the problem (a
 * failed rule at the object's origin, a rule that cannot be evaluated at the
 * rule's own line).
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
 * assert.equal(runRule(r, { batch_size: 6n, gpus: 4n }, {})?.message, "batch must split over GPUs");
 * ```
 */
export function runRule(
  rule: Rule,
  self: unknown,
  at: { origin?: Origin; fullKey?: string },
): Problem | undefined {
  let result: unknown;
  try {
    result = rule.evaluate({ self });
  } catch (e) {
    return {
      severity: "error",
      code: "rule",
      message: `rule '${rule.text}' cannot be evaluated${
        at.fullKey ? ` on '${at.fullKey}'` : ""
      }: ${firstLine(e)}`,
      ...(rule.origin ? { origin: rule.origin } : {}),
    };
  }
  if (result === true) return undefined;
  return {
    severity: "error",
    code: "rule",
    message: rule.message ?? `rule '${rule.text}' does not hold`,
    ...(at.fullKey ? { fullKey: at.fullKey } : {}),
    ...(at.origin ? { origin: at.origin } : {}),
  };
}
