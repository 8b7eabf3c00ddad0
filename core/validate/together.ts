/**
 * `.strata.yaml`'s `validate.together`: override sets whose options belong
 * together (mbrl-lib's `algorithm=mbpo` with the `overrides=mbpo_*` options
 * it reads, PETS with `pets_*`). validate composes each set, its sweeps
 * expanded as `strata sweep` expands them, and an option a set chooses is
 * checked there, with its partners, instead of alone in place of the
 * primary's default (where it reads keys the default never has).
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { planSweep } from "../sweep/expand.ts";
import { emptySweeps } from "../sweep/entries.ts";
import { fromError, type Problem } from "./problems.ts";
import type { Origin } from "../node.ts";
import { parseErrorAt, type TogetherSet } from "./together_read.ts";
import { overrideKeyOf } from "./plan_groups.ts";

export { readTogether, type TogetherSet } from "./together_read.ts";

/** Jobs at most one set expands into: a set is a few combinations, not a sweep to run. */
const MAX_JOBS = 1000;

/**
 * The jobs of each set (its sweeps expanded, `glob` over `groups`' options)
 * and the options they choose (`overrides/mbpo_ant`), which are then not
 * tried alone.
 *
 * A set whose override does not parse, or that is more than 1000 jobs, is
 * an error at its place in `.strata.yaml` (`errors`), and left out; one that
 * is no job (a glob that matches no option) is a warning there (`empty`):
 * its options are then tried alone, and the user is told why.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { togetherJobs } from "./together.ts";
 * const groups = new Map([["algorithm", ["mbpo", "pets"]], ["overrides", ["mbpo_ant", "mbpo_hopper", "pets_cartpole"]]]);
 * const { jobs, chosen } = togetherJobs([{ overrides: ["algorithm=mbpo", "overrides=glob(mbpo_*)"] }], groups);
 * assert.deepEqual(jobs, [["algorithm=mbpo", "overrides=mbpo_ant"], ["algorithm=mbpo", "overrides=mbpo_hopper"]]);
 * assert.deepEqual([...chosen], ["algorithm/mbpo", "overrides/mbpo_ant", "overrides/mbpo_hopper"]);
 * const typo = togetherJobs([{ overrides: ["algorithm=mbpo", "overrides=glob(zzz_*)"] }], groups);
 * assert.match(typo.empty[0].message, /^validate.together 'algorithm=mbpo overrides=glob\(zzz_\*\)': glob\(zzz_\*\) matches no option of 'overrides' .*, so the set composes nothing/);
 * ```
 */
export function togetherJobs(
  sets: TogetherSet[],
  groups: Map<string, string[]>,
): {
  jobs: string[][];
  /** The set each job comes from (`sets[i]` for `jobs[i]`). */
  from: TogetherSet[];
  chosen: Set<string>;
  errors: StrataError[];
  empty: Problem[];
} {
  const jobs: string[][] = [];
  const from: TogetherSet[] = [];
  const empty: Problem[] = [];
  const chosen = new Set<string>();
  // one set that is wrong leaves the others to check
  const errors: StrataError[] = [];
  for (const set of sets) {
    let plan;
    try {
      plan = planSweep({ overrides: set.overrides, groupOptions: (g) => groups.get(g) ?? [] });
    } catch (e) {
      if (!isStrataError(e)) throw e;
      errors.push(
        new StrataError(e.code, `validate.together: ${e.message}`, {
          origin: parseErrorAt(e, set.overridesAt) ?? set.at,
          fullKey: "validate.together",
        }),
      );
      continue;
    }
    if (plan.count > MAX_JOBS) {
      errors.push(
        new StrataError(
          ErrorCode.Value,
          `validate.together: '${
            set.overrides.join(" ")
          }' is ${plan.count} compositions, more than ` +
            `${MAX_JOBS}: name the options that belong together, not a sweep`,
          { origin: set.at, fullKey: "validate.together" },
        ),
      );
      continue;
    }
    if (plan.count === 0) {
      const why = emptySweeps(plan.entries).map((e) => e.reason).join("; ") || "it is no job";
      empty.push({
        severity: "warning",
        code: ErrorCode.Sweep,
        message: `validate.together '${set.overrides.join(" ")}': ${why}, so the set composes ` +
          "nothing (its options are tried alone)",
        fullKey: "validate.together",
        ...(set.at ? { origin: set.at } : {}),
      });
      continue;
    }
    for (let i = 0; i < plan.count; i++) {
      const job = plan.overridesAt(i);
      jobs.push(job);
      from.push(set);
      for (const text of job) {
        const o = parseOverride(text);
        const node = o.value?.kind === "element" ? o.value.node : undefined;
        if (o.type === "change" && groups.has(o.key) && node?.kind === "value") {
          chosen.add(`${o.key}/${node.value}`);
        }
      }
    }
  }
  return { jobs, from, chosen, errors, empty };
}

/**
 * Composes `validate.together`'s jobs through `add` (each from `base`, the
 * `???` choices that made the primary compose, less the keys the job sets
 * itself; not one that only repeats the `primary` composition's choices),
 * reports the sets that are wrong to `problems`, and returns the options the
 * jobs choose, which are then not tried alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { togetherPlans } from "./together.ts";
 * const composed: string[][] = [];
 * const groups = new Map([["algorithm", ["mbpo", "pets"]], ["overrides", ["mbpo_ant", "pets_cartpole"]]]);
 * const chosen = togetherPlans([{ overrides: ["algorithm=mbpo", "overrides=mbpo_ant"] }], groups, {
 *   base: ["task=x"],
 *   primary: new Map([["algorithm", "pets"], ["overrides", "pets_cartpole"]]),
 *   add: (o) => composed.push(o),
 *   problems: [],
 * });
 * assert.deepEqual(composed, [["task=x", "algorithm=mbpo", "overrides=mbpo_ant"]]);
 * assert.ok(chosen.has("overrides/mbpo_ant"));
 * ```
 */
export function togetherPlans(
  sets: TogetherSet[],
  groups: Map<string, string[]>,
  at: {
    base: string[];
    primary: Map<string, unknown>;
    /** Composes a job of `set`. */
    add: (overrides: string[], set: TogetherSet) => void;
    problems: Problem[];
    /**
     * One of several primaries (train, eval) checked each: a job choosing a group this primary
     * does not choose is not its (`opt=b` where only train has `opt`), as an `--override`
     * that does not fit it is not (checker w41).
     */
    ofSeveral?: boolean;
  },
): Set<string> {
  if (sets.length === 0) return new Set();
  const expanded = togetherJobs(sets, groups);
  for (const e of expanded.errors) at.problems.push(fromError(e));
  at.problems.push(...expanded.empty);
  for (const [i, job] of expanded.jobs.entries()) {
    // the primary composition's own choices: composed already
    const chosen = (t: string) =>
      !/^[~+]/.test(t) && at.primary.get(overrideKeyOf(t)) === t.split("=")[1];
    if (job.every(chosen)) continue;
    const unfit = (t: string) =>
      !/^[~+]/.test(t) && groups.has(overrideKeyOf(t).split("@")[0]) &&
      !at.primary.has(overrideKeyOf(t));
    if (at.ofSeveral && job.some(unfit)) continue;
    const own = new Set(job.map(overrideKeyOf));
    at.add([...at.base.filter((t) => !own.has(overrideKeyOf(t))), ...job], expanded.from[i]);
  }
  return expanded.chosen;
}

/**
 * A problem of a composition of `set` that names an override validate
 * passed (the set's, or a `???` choice validate filled in; not one of the
 * user's `--override`s, the first `first`): said of the set, at its line in
 * `.strata.yaml`, as its parse errors are, not as an override number of a
 * list the user never wrote.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inTogetherSet } from "./together.ts";
 * const set = { overrides: ["algorithm=nope"], at: { file: ".strata.yaml", line: 5, col: 7 } };
 * const p = inTogetherSet({ severity: "error", code: "missing-config", message: "Could not find 'algorithm/nope'",
 *   origin: { override: 1, text: "algorithm=nope" } }, set, 0);
 * assert.equal(p.message, "validate.together 'algorithm=nope': Could not find 'algorithm/nope'");
 * assert.deepEqual(p.origin, set.at);
 * ```
 */
export function inTogetherSet(p: Problem, set: TogetherSet | undefined, first: number): Problem {
  const ours = (o: Origin | undefined): o is Origin =>
    o?.override !== undefined && o.list === undefined && o.override >= first;
  if (!set?.at) return p;
  // a value a rule read from the set (`n=1`, "n from ..."): said at the set's line too, as one of
  // validate.overrides is (checker w30)
  const related = p.related?.map((r) =>
    ours(r.origin)
      ? {
        ...r,
        origin: {
          ...set.at,
          override: r.origin.override! - first,
          text: r.origin.text,
          list: ".strata.yaml validate.together",
        },
      }
      : r
  );
  const q = related === undefined ? p : { ...p, related };
  if (!ours(p.origin)) return q;
  return {
    ...q,
    message: `validate.together '${set.overrides.join(" ")}': ${p.message}`,
    origin: overrideAt(set, p.origin.text) ?? set.at,
  };
}

/**
 * Where the set writes the override a problem names: the one written so, or
 * the one setting its key (`model=glob(*)` for the job's `model=b`).
 */
function overrideAt(set: TogetherSet, text: string | undefined): Origin | undefined {
  if (text === undefined || set.overridesAt === undefined) return undefined;
  let i = set.overrides.indexOf(text);
  if (i < 0) {
    const key = overrideKeyOf(text);
    i = set.overrides.findIndex((o) => overrideKeyOf(o) === key);
  }
  return i < 0 ? undefined : set.overridesAt[i];
}
