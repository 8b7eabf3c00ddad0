/**
 * The resolvers a config value calls, read from its grammar without
 * resolving anything: validate reports an unknown one even where resolving
 * the value stops earlier (`${p}/${env:HOME}` with `p: ???`), since the
 * value fails at that call once the earlier part is set.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import { type NodeOrigin, originOf } from "../node.ts";
import { valuePosition } from "../resolve/value_position.ts";
import { parseConfigValue } from "../resolve/grammar.ts";
import { eachInterpolation } from "../resolve/grammar_walk.ts";
import { unsupportedResolverName } from "../resolve/fail.ts";
import type { Problem } from "./problems.ts";
import { SETTINGS_FILE } from "./settings.ts";

/**
 * The names of the resolvers `text` calls, nested calls and arguments
 * included, in order, each once; none for a value that does not parse (its
 * grammar error is reported where it is resolved).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { calledResolvers } from "./resolver_calls.ts";
 * assert.deepEqual(calledResolvers("${p}/${env:HOME}"), ["env"]);
 * assert.deepEqual(calledResolvers("${oc.select:a,${now:%H}}_'${x:1}'"), ["oc.select", "now", "x"]);
 * assert.deepEqual(calledResolvers("${oops"), []);
 * ```
 */
export function calledResolvers(text: string): string[] {
  const out: string[] = [];
  let parts;
  try {
    parts = parseConfigValue(text).parts;
  } catch {
    return [];
  }
  // a name built by an interpolation (`${${which}:x}`) is known only when resolved
  eachInterpolation(parts, (i) => {
    if (i.t === "res" && i.name.every((n) => typeof n === "string")) out.push(i.name.join(""));
  });
  return [...new Set(out)];
}

/**
 * Resolvers OmegaConf has removed, with the name that replaced them: `env`
 * was OmegaConf 2.0's, removed in 2.1 for `oc.env`; OmegaConf 2.2 (Hydra
 * 1.3) fails on it, so declaring it opaque would hide a certain failure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REMOVED_RESOLVERS } from "./resolver_calls.ts";
 * assert.equal(REMOVED_RESOLVERS.get("env"), "oc.env");
 * ```
 */
export const REMOVED_RESOLVERS: ReadonlyMap<string, string> = new Map([["env", "oc.env"]]);

/**
 * How to declare a resolver that is not: the end of an unsupported-interpolation problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { declareHint } from "./resolver_calls.ts";
 * assert.match(declareHint("foo"), /^declare it in \.strata\.yaml \(resolvers: \{opaque: \[foo\]\}/);
 * assert.match(declareHint("env"), /^it is OmegaConf's old name of oc\.env/);
 * ```
 */
export function declareHint(name: string): string {
  const renamed = REMOVED_RESOLVERS.get(name);
  if (renamed !== undefined) {
    return `it is OmegaConf's old name of ${renamed}, deprecated in OmegaConf 2.1 and removed in 2.2 (Hydra 1.3 fails ` +
      `on it): call ${renamed} instead`;
  }
  return `declare it in ${SETTINGS_FILE} (resolvers: {opaque: [${name}]} ` +
    `to leave its results unchecked, or resolvers: {module: FILE.ts} to implement it) ` +
    `or pass --resolvers FILE.ts`;
}

/**
 * The unknown resolvers a value calls that its failure `e` did not name:
 * one problem each, at the value. Resolution stops at the first failure
 * (`${p}` with `p: ???`), but the value fails at such a call once that is
 * fixed. Worded as a failure at such a call is, so that both are one
 * problem; validate's last pass ({@link import("./consolidate.ts").consolidate})
 * gathers every undeclared resolver's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { declareHint, unreachedUnknownCalls } from "./resolver_calls.ts";
 * const found = unreachedUnknownCalls("${p}/${env:H}/${oc.env:H}", (n) => n === "oc.env",
 *   new Error("Missing mandatory value: p"), "a", { file: "c.yaml", line: 2, col: 4 });
 * assert.deepEqual(found.map((p) => [p.severity, p.message]), [
 *   ["error", `Unsupported interpolation type env: ${declareHint("env")}`],
 * ]);
 * ```
 */
export function unreachedUnknownCalls(
  text: string,
  known: (name: string) => boolean,
  e: unknown,
  fullKey: string,
  packed: NodeOrigin | undefined,
): Problem[] {
  const failedAt = unsupportedResolverName(e);
  return calledResolvers(text).filter((name) => !known(name) && name !== failedAt).map((
    name,
  ) => {
    // at the call's `${` in the value (checker v48), or the value's start
    const at = resolverCallOffset(text, name);
    const origin = (at < 0 ? undefined : valuePosition(packed, text, at, at + 2)?.origin) ??
      originOf(packed);
    return {
      severity: "error",
      code: ErrorCode.UnsupportedInterpolation,
      // worded as a failure at the call is (values.ts), so that the two are one problem
      message: `Unsupported interpolation type ${name}: ${declareHint(name)}`,
      fullKey,
      ...(origin ? { origin } : {}),
    };
  });
}

/**
 * The offset of the `${` of the first call of resolver `name` in `text`
 * (`${name:...}`, spaces allowed before the colon), or -1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolverCallOffset } from "./resolver_calls.ts";
 * assert.equal(resolverCallOffset("out/${now:%Y}/${nwo:%H}", "nwo"), 14);
 * assert.equal(resolverCallOffset("${a.nwo}", "nwo"), -1);
 * ```
 */
export function resolverCallOffset(text: string, name: string): number {
  for (let at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
    const rest = text.slice(at + 2).trimStart();
    if (rest.startsWith(name) && rest.slice(name.length).trimStart().startsWith(":")) return at;
  }
  return -1;
}
