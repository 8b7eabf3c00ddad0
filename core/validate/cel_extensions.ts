/**
 * CEL that Kubernetes (and cel-go's extension libraries) accept and strata's
 * CEL (cel-js: the standard functions and macros, the string extensions,
 * `cel.bind`, timestamps and durations) does not: a rule copied from a CRD's
 * `x-kubernetes-validations` that calls one fails as "no matching overload",
 * which reads as a type mistake. These name the library instead.
 *
 * @module
 */

/** Extension functions by name, with the library that has them. */
const LIBRARIES: ReadonlyMap<string, string> = new Map([
  ...["isSorted", "sum", "min", "max", "indexOf", "lastIndexOf"].map((f) =>
    [f, "Kubernetes' CEL list library"] as const
  ),
  ...["quantity", "isQuantity"].map((f) => [f, "Kubernetes' CEL quantity library"] as const),
  ...["url", "isURL"].map((f) => [f, "Kubernetes' CEL URL library"] as const),
  ...["ip", "isIP", "cidr", "isCIDR"].map((f) => [f, "Kubernetes' CEL IP library"] as const),
  ...["semver", "isSemver"].map((f) => [f, "Kubernetes' CEL semver library"] as const),
  ["find", "Kubernetes' CEL regex library"],
  ["findAll", "Kubernetes' CEL regex library"],
  ["validate", "Kubernetes' CEL format library"],
  ...["charAt", "replace", "reverse", "format", "quote"].map((f) =>
    [f, "cel-go's strings extension"] as const
  ),
  ...["greatest", "least", "isInf", "isNaN", "isFinite", "ceil", "floor", "round", "trunc", "abs"]
    .map((f) => [f, "cel-go's math extension"] as const),
  ...["distinct", "flatten", "range", "slice", "sort", "sortBy", "first", "last"].map((f) =>
    [f, "cel-go's lists extension"] as const
  ),
  ["transformList", "cel-go's two-variable comprehensions"],
  ["transformMap", "cel-go's two-variable comprehensions"],
  ["encode", "cel-go's encoders extension (base64)"],
  ["decode", "cel-go's encoders extension (base64)"],
]);

/**
 * What to add to an evaluation or parse error of a rule that uses a CEL
 * extension strata's CEL does not have (an empty string otherwise).
 *
 * @param why the first line of the CEL error
 * @param rule the rule's text (a namespaced call, `sets.contains(...)`, is named from it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { extensionHint } from "./cel_extensions.ts";
 * assert.equal(
 *   extensionHint("found no matching overload for 'dyn.isSorted()'"),
 *   " (isSorted() is in Kubernetes' CEL list library, which strata's CEL does not have)",
 * );
 * assert.equal(extensionHint("No such key: lr"), "");
 * assert.match(extensionHint("found no matching overload for 'dyn.contains(dyn, list<int>)'",
 *   "sets.contains(self.a, [1])"), /sets\.contains\(\) is in cel-go's sets extension/);
 * ```
 */
export function extensionHint(why: string, rule = ""): string {
  const overload = /^found no matching overload for '(?:([\w<>, ]+)\.)?(\w+)\(/.exec(why);
  if (overload) {
    // cel-go's namespaced functions (`sets.contains(a, b)`) read as a method of `sets`
    const namespaced = /\b(sets|math|lists|strings|base64)\.(\w+)\(/.exec(rule);
    if (namespaced && namespaced[2] === overload[2]) {
      return ` (${namespaced[1]}.${namespaced[2]}() is in cel-go's ${namespaced[1]} extension, ` +
        "which strata's CEL does not have)";
    }
    // a string's indexOf is CEL's own: only a list's is the extension's
    const own = overload[1] === "string" && /^(last)?[iI]ndexOf$/.test(overload[2]);
    const library = own ? undefined : LIBRARIES.get(overload[2]);
    if (library) return ` (${overload[2]}() is in ${library}, which strata's CEL does not have)`;
  }
  if (/^Unknown variable: optional\b/.test(why) || /\bgot QUESTION\b/.test(why)) {
    return " (optional values, `self.?x` and `optional.of`, are a CEL extension strata's CEL " +
      "does not have: test the key with has(self.x))";
  }
  return "";
}
