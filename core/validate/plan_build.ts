/**
 * One plan built: its defaults tree, without merging, for the files and groups it reads and the
 * choices whose other options are tried next ({@link buildPlan}); and how a report names it.
 *
 * @module
 */

import { resolve } from "../path.ts";
import { defaultsTree } from "../compose/compose.ts";
import { isStrataError, type StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import { withScopeHint } from "./scope_hint.ts";
import { givenFitting, givenThatFails } from "./unfit_overrides.ts";
import { fromError, type Problem, warningsOf } from "./problems.ts";
import { inTogetherSet, type TogetherSet } from "./together.ts";
import { groupOf } from "./plan_groups.ts";
import type { Plan, PlanOptions } from "./plan_types.ts";

/** What building plans adds to, shared by every plan of one validation. */
export interface PlanBuild {
  opts: PlanOptions;
  /** The plans built, in order. */
  plans: Plan[];
  /** Defaults trees that did not build, and their warnings. */
  problems: Problem[];
  /** Each plan's choices, Hydra's own groups included. */
  choicesOf: Map<Plan, Map<string, unknown>>;
  /** Each choice key's first plan: where its group's other options are tried. */
  owners: Map<string, { overrides: string[]; choice: unknown; configName?: string }>;
  /** The groups the validated primary chooses by an options list (no key in its choices). */
  listed: Set<string>;
  /** The choice keys whose options are still to try. */
  queue: string[];
}

/**
 * Whether a defaults tree's error may be owed to a defaults list read as empty (a file that does
 * not load): an override or deletion that its entries would have matched, a `???` choice or an
 * interpolated one that they would have set. Not reported then: the file's own error is, and
 * these show, if they are real, once it loads. The others (a missing config, an override before
 * a default, a choice made twice) are each about one list that did load, and are reported.
 */
function owesToEmptyList(e: StrataError): boolean {
  return /Could not (override|delete) '|You must specify '|[Ii]nterpolation/.test(e.message);
}

/**
 * How a report names a plan's composition (`db=pg`, `--config-name=model/gpt2 db=pg`); empty for
 * the primary composition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planLabel } from "./plan_build.ts";
 * assert.equal(planLabel({ overrides: ["db=pg"], configName: "model/gpt2" }), "--config-name=model/gpt2 db=pg");
 * assert.equal(planLabel({ overrides: [] }), "");
 * ```
 */
export function planLabel(p: { overrides: string[]; configName?: string }): string {
  return [...(p.configName !== undefined ? [`--config-name=${p.configName}`] : []), ...p.overrides]
    .join(" ");
}

/**
 * Builds the defaults tree of one composition (the primary, `overrides` on the command line,
 * `configName` another primary) and adds its plan, or its problems, to `state`. A group override
 * given for the validated primary that this one has no slot for is retried without the overrides
 * given that do not fit it (`unfitGiven`, the first error kept as `unfitError`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPlan, type PlanBuild } from "./plan_build.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - db: mysql\n");
 * Deno.writeTextFileSync(dir + "/db/mysql.yaml", "a: 1\n");
 * const opts = { configDir: dir, configName: "config", searchPath: [], groups: new Map([["db", ["mysql"]]]) };
 * const state: PlanBuild = { opts, plans: [], problems: [], choicesOf: new Map(), owners: new Map(), listed: new Set(), queue: [] };
 * buildPlan(state, []);
 * assert.deepEqual(state.queue, ["db"]);
 * buildPlan(state, ["db=nope"]);
 * assert.match(state.problems[0].message, /Could not find 'db\/nope'/);
 * ```
 */
export function buildPlan(
  state: PlanBuild,
  overrides: string[],
  configName?: string,
  set?: TogetherSet,
  unfitGiven?: string[],
  unfitError?: Problem,
): void {
  const { opts, plans, problems, choicesOf, owners, listed, queue } = state;
  const hasSubgroup = (g: string) => [...opts.groups.keys()].some((s) => s.startsWith(`${g}/`));
  const label = planLabel({ overrides, configName });
  // every default whose config is missing, not only the first (Hydra stops there)
  const missing: StrataError[] = [];
  // files that do not load, read as empty: the tree builds, and is not merged (validate.ts)
  const unloadable = opts.unloadable && { files: opts.unloadable, read: new Set<string>() };
  const reportMissing = () => {
    for (const e of missing) {
      problems.push(
        inTogetherSet(fromError(e, label || undefined), set, opts.overrides?.length ?? 0),
      );
    }
  };
  try {
    const info = defaultsTree({
      missingConfigs: missing,
      configDir: opts.configDir,
      configName: configName ?? opts.configName,
      // another primary config (`-cn eval`) is named by the plan itself
      configNameAt: configName === undefined ? opts.configNameAt : undefined,
      overrides: [...givenFitting({ unfitGiven }, opts.overrides ?? []), ...overrides],
      searchPath: opts.searchPath,
      versionBase: opts.versionBase,
      unloadable,
    });
    if (missing.length > 0) return reportMissing();
    // Not merged (validate.ts skips it): the warnings of its defaults lists are said here, as
    // checkComposition says a merged composition's (the primary's missing `_self_`).
    for (const w of unloadable?.read.size ? info.warningsAt : []) {
      if (w.origin?.line === undefined) continue;
      const p: Problem = {
        severity: "warning",
        code: "hydra-warning",
        message: w.message,
        origin: w.origin as Origin,
        ...(label ? { composition: label } : {}),
      };
      problems.push(inTogetherSet(p, set, opts.overrides?.length ?? 0));
    }
    const files = new Set<string>();
    const groups = new Set<string>();
    let interpolatedChoices = false;
    for (const d of info.defaults) {
      const loaded = info.repo.load(d.configPath);
      if (loaded && loaded.source.scheme === "file") files.add(resolve(loaded.file));
      // the validated primary's options lists (`p: [x, y]`) choose their group, with no key
      if (configName === undefined && d.primary) {
        for (const r of loaded?.defaults ?? []) {
          if (r.kind === "group" && Array.isArray(r.value)) {
            listed.add(r.group.replace(/^\//, ""));
          }
        }
      }
      interpolatedChoices ||= loaded?.defaults.some((r) =>
        r.kind === "group" && JSON.stringify(r.value).includes("${")
      ) ?? false;
      const slash = d.configPath.lastIndexOf("/");
      if (slash !== -1) {
        groups.add(d.configPath.slice(0, slash));
      }
    }
    plans.push({
      overrides,
      ...(configName !== undefined ? { configName } : {}),
      ...(unfitGiven !== undefined ? { withoutGiven: unfitGiven[0], unfitGiven } : {}),
      ...(unfitError !== undefined ? { unfitError } : {}),
      files,
      groups,
      interpolatedChoices,
      ...(set ? { together: set } : {}),
    });
    // (a choice written with its file name, `datamodule: s3dis.yaml`, is the option `s3dis`, as
    // Hydra reads it: not another option to try; checker w57)
    const choices = new Map(
      [...info.choices].map(([k, c]) =>
        [k, typeof c === "string" && c.endsWith(".yaml") ? c.slice(0, -".yaml".length) : c] as const
      ),
    );
    choicesOf.set(plans.at(-1)!, choices);
    // A choice's key is its group, or `group@package` (`db@src: mysql`): the override that
    // swaps the option at that package is `db@src=pg`.
    // A group with no options of its own but options in sub-directories (`experiment: null`,
    // with `experiment/owt/x.yaml`) is a slot too: `experiment=owt/x` is chosen there.
    for (const [k, choice] of choices) {
      const g = groupOf(k);
      // (`hydra: overrides`, a user's group named hydra, chose an option of it: its other
      // options are tried as any group's, checker w29; Hydra's own choices are `hydra/...`)
      if (owners.has(k) || !(opts.groups.has(g) || hasSubgroup(g))) continue;
      // a validate.together set's composition hosts no group's other options: they are checked
      // as without the set (`+experiment=x` on the primary), not on top of it, a composition no
      // run makes (checker w40: an error of every other experiment passed)
      if (set) continue;
      // a group the primary lists options of is its own: not tried in another primary
      if (configName !== undefined && listed.has(g)) continue;
      owners.set(k, { overrides, choice, configName });
      queue.push(k);
    }
  } catch (e) {
    if (!isStrataError(e)) throw e;
    // a group override given for the validated primary (`model=big`) that another primary has
    // no slot for: that primary is checked without the overrides given (composition_check.ts)
    const unfit = missing.length === 0
      ? givenThatFails(
        e,
        {
          overrides,
          configName: configName ?? (opts.givenToEach ? opts.configName! : undefined),
          unfitGiven: unfitGiven ?? [],
        },
        opts.givenToEach ? { ...opts, configName: null } : opts,
      )
      : undefined;
    if (unfit !== undefined) {
      return buildPlan(
        state,
        overrides,
        configName,
        set,
        [...(unfitGiven ?? []), unfit],
        unfitError ?? fromError(e, label || undefined),
      );
    }
    // an error after a missing default may come of its absence: Hydra stops at the missing one
    // (but a misspelt key has a spelling that is there: `override /lable`, checker x26)
    if (missing.length > 0) {
      reportMissing();
      if (e.suggestions.length > 0) {
        problems.push(
          inTogetherSet(fromError(e, label || undefined), set, opts.overrides?.length ?? 0),
        );
      }
    } else if (unloadable?.read.size && owesToEmptyList(e)) return;
    else {
      const p = withScopeHint(
        fromError(e, label || undefined),
        overrides,
        configName ?? opts.configName,
      );
      problems.push(inTogetherSet(p, set, opts.overrides?.length ?? 0));
      for (const w of warningsOf(e, label || undefined)) {
        problems.push(inTogetherSet(w, set, opts.overrides?.length ?? 0));
      }
    }
  }
}
