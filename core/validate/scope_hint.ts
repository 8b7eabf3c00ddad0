/**
 * What validate adds under the error of an option it appended to the primary (`+simulation=x`:
 * the primary's defaults list does not choose the group) when the option overrides a group the
 * primary's defaults list does not have: Hydra fails the same way, but such an option is usually
 * another primary's (nuplan's simulation experiments, which share a search path with its training
 * primary), and `.strata.yaml` can say so.
 *
 * @module
 */

import type { Problem } from "./problems.ts";

const NO_MATCH = /Could not override '[^']+'\. No match in the defaults list\./;

/**
 * The hint's line in a message: problems that differ only by it (the same option appended to two
 * primaries) are one defect (./problems.ts).
 */
export const SCOPE_HINT = /\n'[^'\n]*' is composed because [^\n]*/;
const APPENDED = /^\+([^=@~+]+?)(@[^=]*)?=(.+)$/;

/**
 * `p` with the hint on a line of its own (the text report indents it under the problem), when
 * it is that failure of an option appended with `+GROUP=OPTION`, the last of `overrides`.
 *
 * @param primary the primary config the option was appended to (none: no hint)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withScopeHint } from "./scope_hint.ts";
 * const p = {
 *   severity: "error" as const,
 *   code: "composition",
 *   message: "In 'sim/a': Could not override 'observation'. No match in the defaults list.",
 * };
 * const hinted = withScopeHint(p, ["+sim=a"], "train");
 * assert.match(hinted.message, /\n'\+sim=a' is composed because train's defaults list/);
 * assert.match(hinted.message, /validate: \{options: \{train: \{sim: \[\]\}\}\}/);
 * assert.equal(withScopeHint(p, ["sim=a"], "train"), p);
 * ```
 */
export function withScopeHint(
  p: Problem,
  overrides: readonly string[],
  primary: string | null,
): Problem {
  const last = overrides.at(-1);
  const m = last === undefined ? null : APPENDED.exec(last);
  if (p.severity !== "error" || primary === null || m === null || !NO_MATCH.test(p.message)) {
    return p;
  }
  // a group the list has under another spelling (`override /datset`, did you mean 'dataset'?) is
  // a typo to fix, not options to scope out (checker w30)
  if ((p.suggestions?.length ?? 0) > 0) return p;
  const group = m[1] + (m[2] ?? "");
  const key = /[^\w/-]/.test(group) ? JSON.stringify(group) : group;
  const name = /[^\w/-]/.test(primary) ? JSON.stringify(primary) : primary;
  return {
    ...p,
    message: `${p.message}\n'${last}' is composed because ${primary}'s defaults list does not ` +
      `choose '${group}'; if its options go with another primary, scope them out in ` +
      `.strata.yaml: validate: {options: {${name}: {${key}: []}}}`,
  };
}

const SLOT_TRY = /^([^=@~+]+)@([^=@]+)=(.+)$/;

/** {@link withSlotHint}'s line in a message (a kind of {@link SCOPE_HINT}). */
export const SLOT_HINT = /\n'[^'\n]*' is composed because validate tries every option [^\n]*/;

/**
 * `p` with a hint on a line of its own when the composition that failed put
 * an option of a group into one of its packages (`group@pkg=option`, the
 * last such override of `overrides`): validate tries every option of a group
 * in each slot it fills, where a tree may mean each for one slot only
 * (mtrl's `agent/components`), and `.strata.yaml` can say so (checker v58).
 *
 * @param primary the primary config composed (none: no hint)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withSlotHint } from "./scope_hint.ts";
 * const p = { severity: "error" as const, code: "interpolation", message: "Interpolation to parent node detected" };
 * const hinted = withSlotHint(p, ["env=a", "agent/components@agent.encoder=actor"], "config", () => 2);
 * assert.match(hinted.message, /validate: \{options: \{config: \{"agent\/components@agent.encoder": /);
 * assert.equal(withSlotHint(p, ["agent/components=actor"], "config", () => 2), p);
 * assert.equal(withSlotHint(p, ["db@src=pg"], "config", () => 1), p);
 * ```
 */
export function withSlotHint(
  p: Problem,
  overrides: readonly string[],
  primary: string | null,
  slotsOf: (group: string) => number,
): Problem {
  const tried = overrides.findLast((o) => SLOT_TRY.test(o));
  if (p.severity !== "error" || primary === null || tried === undefined) return p;
  if (SCOPE_HINT.test(p.message)) return p;
  const [, group, pkg] = SLOT_TRY.exec(tried)!;
  // a group in one package: the option's error is its own, not its slot's
  if (slotsOf(group) < 2) return p;
  const key = JSON.stringify(`${group}@${pkg}`);
  const name = /[^\w/-]/.test(primary) ? JSON.stringify(primary) : primary;
  return {
    ...p,
    message: `${p.message}\n'${tried}' is composed because validate tries every option of ` +
      `${group} in each package it is chosen into (here ${pkg}); if only some of them go there, ` +
      `scope them in .strata.yaml: validate: {options: {${name}: {${key}: [GLOB, ...]}}}`,
  };
}

/**
 * Whether a problem is Hydra's "Could not override 'g'. No match in the
 * defaults list." error: the composition has no entry of the group an
 * `override` names, as a primary that never chooses it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNoMatch } from "./scope_hint.ts";
 * const p = { severity: "error" as const, code: "composition", message: "In 'e': Could not override 'b'. No match in the defaults list." };
 * assert.equal(isNoMatch(p), true);
 * assert.equal(isNoMatch({ ...p, severity: "warning" }), false);
 * ```
 */
export function isNoMatch(p: Problem): boolean {
  return p.severity === "error" && NO_MATCH.test(p.message);
}
