/**
 * Overrides given for the validated primary (`--override`, `.strata.yaml`'s
 * `validate.overrides`) that another primary composed beside it does not fit.
 *
 * @module
 */

import type { StrataError } from "../errors.ts";
import type { Plan } from "./plan_types.ts";
import { type Problem, type Problems, sameProblem } from "./problems.ts";
import { overrideChoiceFile } from "./choice_file.ts";

/**
 * The override given that an error of another primary's composition comes from, if so: written
 * for the primary validated, it need not fit a config beside it (AMPLIFY's `accelerate_ddp.yaml`
 * has no `optimizer`; egolifter's `eval` has no `model` group for `model=deform_static`), which
 * is then checked without the overrides given, with a note, instead of failing for them. Its
 * options tried in place of its choices (`-cn train model=x`) are that primary's too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { givenThatFails } from "./unfit_overrides.ts";
 * const e = new StrataError(ErrorCode.Composition, "Could not override 'model'.", {
 *   origin: { override: 0, text: "model=big" },
 * });
 * const opts = { configName: "train", overrides: ["model=big"] };
 * assert.equal(givenThatFails(e, { overrides: [], configName: "eval" }, opts), "model=big");
 * assert.equal(givenThatFails(e, { overrides: [], configName: "train" }, opts), undefined);
 * ```
 */
export function givenThatFails(
  e: StrataError,
  plan: {
    overrides: readonly string[];
    configName?: string;
    withoutGiven?: string;
    unfitGiven?: readonly string[];
  },
  opts: { configName?: string | null; overrides?: readonly string[] },
): string | undefined {
  const other = plan.configName !== undefined && plan.configName !== opts.configName;
  if (!other) return undefined;
  const left = plan.unfitGiven ?? (plan.withoutGiven === undefined ? [] : [plan.withoutGiven]);
  // the overrides given it is composed with: an error's override number counts in those
  const given = (opts.overrides ?? []).filter((t) => !left.includes(t));
  const at = e.origin?.override;
  let found: string | undefined;
  if (at !== undefined && at < given.length && e.origin?.list === undefined) {
    found = ABSENT.test(e.message) ? given[at] : undefined;
  } else {
    // in the option a given group override chose (`task=cls_mil/tile`, whose defaults list has
    // `override /transforms: x`, a group this primary lacks): that override's misfit too
    const inOption = /^In '([^']+)': (Could not override '|Could not delete from config)/
      .exec(e.message)?.[1];
    found = inOption === undefined
      ? undefined
      : given.find((g) => overrideChoiceFile(g) === inOption);
  }
  return found !== undefined && !left.includes(found) ? found : undefined;
}

/**
 * The overrides given that a plan of another primary is composed with: those that fit it
 * ({@link givenThatFails} found the others).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { givenFitting } from "./unfit_overrides.ts";
 * assert.deepEqual(givenFitting({ unfitGiven: ["seed=3"] }, ["ckpt=x", "seed=3"]), ["ckpt=x"]);
 * assert.deepEqual(givenFitting({}, ["ckpt=x"]), ["ckpt=x"]);
 * ```
 */
export function givenFitting(
  plan: { withoutGiven?: string; unfitGiven?: readonly string[] } | undefined,
  given: readonly string[],
): string[] {
  const left = plan?.unfitGiven ?? (plan?.withoutGiven === undefined ? [] : [plan.withoutGiven]);
  return given.filter((t) => !left.includes(t));
}

/**
 * Hydra's errors for an override whose key or group the config lacks (or already has, for `+`):
 * what another primary may well not have. A value the key refuses (`hydra.job.chdir=maybe`) is
 * wrong wherever it goes: reported.
 */
const ABSENT =
  /^(Could not override '|Could not delete from config\. |Could not append to config\. )/;

/**
 * The other primaries that the overrides given do not fit, each with the first override it was
 * checked without (composition_check.ts). Overrides no primary takes (a misspelt key, with every
 * primary an "other" one: no config name) are the user's mistake, as Hydra says for each: that
 * error is added to `problems` instead, once, where it fails first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Problems } from "./problems.ts";
 * import { unfitOverrides } from "./unfit_overrides.ts";
 * const plan = { overrides: [], files: new Set<string>(), groups: new Set<string>(), interpolatedChoices: false };
 * const evalPlan = { ...plan, configName: "eval", withoutGiven: "optimizer.lr=1" };
 * assert.deepEqual(unfitOverrides([plan, evalPlan], [], new Problems(), true), [
 *   { config: "eval", override: "optimizer.lr=1" },
 * ]);
 * ```
 */
export function unfitOverrides(
  relevant: readonly Plan[],
  planProblems: readonly Problem[],
  problems: Problems,
  everything: boolean,
): { config: string; override: string }[] {
  const unfitBy = new Map<string, string>();
  for (const p of relevant) {
    if (p.withoutGiven !== undefined && !unfitBy.has(p.configName!)) {
      unfitBy.set(p.configName!, p.withoutGiven);
    }
  }
  let unfit: { config: string; override: string }[] = [...unfitBy].map(([config, override]) => ({
    config,
    override,
  }));
  // Overrides no primary takes (a misspelt key, with every primary an "other" one: no config
  // name) are the user's mistake, as Hydra says for each: reported, once, where they fail first.
  // (Only a whole tree's run composes every primary: over some files, one not composed may
  // take them.)
  // A primary that has the override's slot and failed on it (`test_mode=nope`: Could not find
  // 'test_mode/nope') took it: that error is the user's, not a second one from the others.
  const failedOnGiven = planProblems.some((p) =>
    p.severity === "error" && p.origin?.override !== undefined
  );
  if (
    everything && unfit.length > 0 && relevant.length > 0 && !failedOnGiven &&
    relevant.every((p) => (p.withoutGiven ?? p.swap?.owner.withoutGiven) !== undefined)
  ) {
    // the one that says most: where the key's parent is there (a did-you-mean), not a primary
    // that has no `trainer` at all
    const errors = relevant.flatMap((p) => p.unfitError ?? []);
    const first = errors.find((e) => (e.suggestions?.length ?? 0) > 0) ?? errors[0];
    if (first !== undefined) {
      problems.add(first);
      unfit = [];
    }
  }
  // An override the validated primary failed on too (a misspelt key, an option no group has) is
  // no misfit of the others where it failed the same way: one error, found in their compositions
  // as well, and no note blaming them (checker w29). One they have no slot for stays a misfit.
  const failedHere = [...planProblems, ...problems.list()].filter((p) =>
    p.severity === "error" && p.origin?.override !== undefined
  );
  const sameFailure = new Set<string>();
  for (const p of relevant) {
    const e = p.unfitError;
    if (e === undefined || !failedHere.some((h) => sameProblem(h, e))) continue;
    problems.add(e);
    sameFailure.add(p.configName!);
  }
  unfit = unfit.filter((u) => !sameFailure.has(u.config));
  return unfit;
}
