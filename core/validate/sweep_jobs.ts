/**
 * `strata validate --override 'lr=1e-4,1e-3'`: validate checks each job of
 * the sweep as it checks one composition (the tree's schemas and rules
 * included, which `strata sweep` does not apply: checker w53), and says the
 * problems once, a problem of a file's value labelled with the swept values
 * of the job that shows it.
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { planSweep } from "../sweep/expand.ts";
import { isSweep } from "../sweep/error_context.ts";
import { emptySweeps, noJobsError } from "../sweep/entries.ts";
import { groupOptionsIn } from "../sweep/master.ts";
import { fromError, type Problem, Problems } from "./problems.ts";
import type { ValidateOptions, ValidateResult } from "./validate_types.ts";

/** Jobs at most a validated sweep has: each is a whole validate run. */
export const MAX_VALIDATED_JOBS = 100;

/** What {@link sweepJobs} found: each job's overrides, or why the sweep is not validated. */
export type SweepJobs = { jobs: string[][] } | { problem: Problem };

/**
 * The jobs of the sweeps in `opts.overrides` (Hydra's BasicSweeper order,
 * `glob` over the tree's options), or undefined when none sweeps (or one
 * does not parse: composing reports it). A sweep of no jobs, or of more
 * than {@link MAX_VALIDATED_JOBS}, is bad usage (thrown); one that does not
 * expand otherwise (`interval`) is a problem at its override.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepJobs } from "./sweep_jobs.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "lr: 1\n");
 * const found = sweepJobs({ configDir: dir, configName: "config", overrides: ["lr=1,2", "seed=0"] });
 * assert.deepEqual(found && "jobs" in found && found.jobs, [["lr=1", "seed=0"], ["lr=2", "seed=0"]]);
 * assert.equal(sweepJobs({ configDir: dir, configName: "config", overrides: ["lr=3"] }), undefined);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function sweepJobs(opts: ValidateOptions): SweepJobs | undefined {
  const overrides = opts.overrides ?? [];
  const parsed: Override[] = [];
  for (const [i, t] of overrides.entries()) {
    try {
      parsed.push(parseOverride(t, i));
    } catch {
      return undefined;
    }
  }
  const first = parsed.find(isSweep);
  if (first === undefined) return undefined;
  const at = { override: first.index ?? 0, text: first.text };
  try {
    const groupOptions = groupOptionsIn(opts.configDir, opts.configName, parsed, opts.searchPath);
    const plan = planSweep({
      overrides,
      groupOptions: (g) => groupOptions(g),
      // (a glob of a misspelt group: the groups there offered, as `strata sweep` offers them)
      groupDirs: (g) => groupOptions(g, "group"),
    });
    // (a glob of a misspelt group, a range of none: no job to check is no pass: checker w54)
    if (plan.count === 0) throw noJobsError(emptySweeps(plan.entries));
    if (plan.count > MAX_VALIDATED_JOBS) {
      throw new StrataError(
        ErrorCode.Usage,
        `validate checks each job of a sweep, at most ${MAX_VALIDATED_JOBS}: this one has ` +
          `${plan.count}; give it fewer values (\`strata sweep --count\` composes every job, ` +
          "but checks no _schema/ rules)",
        { origin: at },
      );
    }
    return { jobs: Array.from({ length: plan.count }, (_, i) => plan.overridesAt(i)) };
  } catch (e) {
    // the command line's own mistake (no job, too many) is bad usage, exit 2, as `strata sweep`
    // says a manifest's; one Hydra's sweeper raises (`interval`) is the invalid config's
    if (!isStrataError(e) || e.code === ErrorCode.Usage) throw e;
    return {
      problem: fromError(e.origin ? e : new StrataError(e.code, e.message, { origin: at })),
    };
  }
}

/**
 * One result of the runs of each job: problems said once (a file's value
 * labelled with the job's swept values, ahead of its composition), the
 * compositions of all, the rest from the first job's run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeJobResults } from "./sweep_jobs.ts";
 * const p = { severity: "error" as const, code: "x", message: "bad", origin: { file: "a.yaml", line: 1, col: 1 } };
 * const r = mergeJobResults(["lr=1,2"], [["lr=1"], ["lr=2"]], [
 *   { problems: [], files: 1, compositions: 1 },
 *   { problems: [p], files: 1, compositions: 1 },
 * ]);
 * assert.equal(r.compositions, 2);
 * assert.equal(r.problems[0].composition, "lr=2");
 * ```
 */
export function mergeJobResults(
  typed: readonly string[],
  jobs: readonly string[][],
  results: readonly ValidateResult[],
): ValidateResult {
  const problems = new Problems();
  const given = new Set(typed);
  // a problem every job shows is no job's: not labelled with one
  const same = (p: Problem) =>
    `${p.origin?.file}:${p.origin?.line}:${p.origin?.col}\0${p.fullKey}\0${p.message}`;
  const jobsShowing = new Map<string, number>();
  for (const r of results) {
    for (const k of new Set(r.problems.map(same))) {
      jobsShowing.set(k, (jobsShowing.get(k) ?? 0) + 1);
    }
  }
  const keyOf = (o: string) => o.slice(0, o.indexOf("=") >>> 0);
  // a problem at a swept override that every job shows but for its value there (a misspelt key,
  // `trainer.batchsize=1,2`) is one problem at the override as typed (checker y2 #2)
  const asTyped = (p: Problem): Problem => {
    const at = p.origin?.override;
    const job = p.origin?.text;
    const text = at === undefined ? undefined : typed[at];
    if (text === undefined || job === undefined || job === text || given.has(job)) return p;
    const swap = (m: string) => m.replaceAll(job, text);
    return {
      ...p,
      message: swap(p.message),
      origin: { ...p.origin!, text },
      ...(p.related ? { related: p.related.map((r) => ({ ...r, message: swap(r.message) })) } : {}),
    };
  };
  const typedShowing = new Map<string, number>();
  for (const r of results) {
    for (const k of new Set(r.problems.map((p) => same(asTyped(p))))) {
      typedShowing.set(k, (typedShowing.get(k) ?? 0) + 1);
    }
  }
  results.forEach((r, j) => {
    const swept = jobs[j].filter((o) => !given.has(o));
    for (const found of r.problems) {
      const typedP = asTyped(found);
      const p = typedP !== found && typedShowing.get(same(typedP)) === results.length
        ? typedP
        : found;
      // (one at an override shows the job's value there already; a key the composition names,
      // an option tried in place of the job's, is said once, as the composition has it:
      // checker w54)
      const own = new Set((p.composition ?? "").split(" ").map(keyOf));
      const values = swept.filter((o) => !own.has(keyOf(o))).join(" ");
      const label = p.origin?.override === undefined && jobsShowing.get(same(p))! < results.length
        ? [values, p.composition].filter(Boolean).join(" ")
        : p.composition;
      problems.add(label ? { ...p, composition: label } : p);
    }
  });
  return {
    ...results[0],
    problems: problems.list(),
    compositions: results.reduce((n, r) => n + r.compositions, 0),
  };
}
