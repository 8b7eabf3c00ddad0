/**
 * Overrides given for the validated primary (`--override`, `.strata.yaml`'s
 * `validate.overrides`) that another primary composed beside it does not fit.
 *
 * @module
 */

import type { StrataError } from "../errors.ts";
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
