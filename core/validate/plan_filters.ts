/**
 * Which of the compositions planned for `strata validate` are no run a user makes: the swaps that
 * follow an interpolated choice, and recursions a swap makes at a slot of its own package.
 *
 * @module
 */

import type { Problem } from "./problems.ts";
import type { Plan } from "./plan_types.ts";
import { overrideKeyOf } from "./plan_groups.ts";

/**
 * The plans but the swaps of a group whose choice the primary interpolates from another's
 * (`optional hpo: ${model}`) to an option another plan already reaches that way
 * (`model=randomforest` chooses `hpo=randomforest`): `hpo=randomforest` beside the default
 * `model=mlp` is no composition the tree makes, and it fails on what only its model has
 * (checker x40). An option no other plan reaches (`hpo=orphan`) is still tried alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withoutFollowedSwaps } from "./plan_filters.ts";
 * const plan = (overrides: string[]) =>
 *   ({ overrides, files: new Set<string>(), groups: new Set<string>(), interpolatedChoices: false });
 * const primary = plan([]), viaModel = plan(["model=rf"]), alone = plan(["hpo=rf"]);
 * const choicesOf = new Map([[viaModel, new Map([["hpo", "rf"]])]]);
 * const kept = withoutFollowedSwaps([primary, viaModel, alone], choicesOf, [
 *   { key: "hpo", choice: "${model}" },
 * ]);
 * assert.deepEqual(kept, [primary, viaModel]);
 * ```
 */
export function withoutFollowedSwaps(
  plans: Plan[],
  choicesOf: ReadonlyMap<Plan, ReadonlyMap<string, unknown>>,
  primary: { key: string; choice: string }[],
): Plan[] {
  const follows = new Set(primary.filter((c) => c.choice.includes("${")).map((c) => c.key));
  if (follows.size === 0) return plans;
  // the option a plan tries of such a group (an interpolated entry is never swapped in place:
  // its choice is the plan's last override, `hpo=randomforest`)
  const tried = (p: Plan): { key: string; to: string } | undefined => {
    if (p.swap) return follows.has(p.swap.key) ? p.swap : undefined;
    const last = p.overrides.at(-1);
    const key = last === undefined ? undefined : overrideKeyOf(last);
    return key !== undefined && follows.has(key) && !last!.startsWith("+")
      ? { key, to: last!.slice(last!.indexOf("=") + 1) }
      : undefined;
  };
  return plans.filter((p) => {
    const t = tried(p);
    if (t === undefined) return true;
    return !plans.some((q) =>
      q !== p && tried(q)?.key !== t.key && q.configName === p.configName &&
      choicesOf.get(q)?.get(t.key) === t.to
    );
  });
}

/**
 * Whether `p` is a recursive defaults list made by swapping option `o` of `g` into the slot at
 * key `k`, a slot at a package of its own (`module@_global_`: DYffusion's `/module@_here_: base`
 * written inside module/*.yaml, which no user chooses) whose cycle stays in the group and passes
 * through `o`. A slot users choose at (`model`) keeps its recursion: `model=c`, with c's own
 * `/model@_here_: a` redirected too, is Hydra's RecursionError on their command line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recursesThrough } from "./plan_filters.ts";
 * const p = {
 *   severity: "error" as const,
 *   code: "defaults",
 *   message: "Recursive defaults list: 'module/a' includes itself (module/a -> module/b -> module/a)",
 * };
 * assert.equal(recursesThrough(p, "module", "b", "module@_global_"), true);
 * assert.equal(recursesThrough(p, "module", "b", "module"), false);
 * ```
 */
export function recursesThrough(p: Problem, g: string, o: string, k: string): boolean {
  if (!k.includes("@")) return false;
  const cycle = /^Recursive defaults list: '[^']+' includes itself \(([^)]*)\)/.exec(p.message);
  if (cycle === null) return false;
  const paths = cycle[1].split(" -> ").map((c) => c.replace(/\.yaml$/, ""));
  return paths.includes(`${g}/${o.replace(/\.yaml$/, "")}`) &&
    paths.every((c) => c.startsWith(`${g}/`));
}
