/**
 * The state planning the compositions of `strata validate` shares between its steps, and the
 * one way a composition is added: built, with the `???` group choices the command line must make
 * filled by validate with an option of the group.
 *
 * @module
 */

import type { TogetherSet } from "./together.ts";
import type { PlanOptions } from "./plan_types.ts";
import { buildPlan, type PlanBuild } from "./plan_build.ts";
import { foldSubdirectories, groupOf, mandatoryOption, overrideKeyOf } from "./plan_groups.ts";
import { planRepository } from "./plan_reads.ts";
import { TreeFacts } from "./plan_facts.ts";
import { choiceOverride } from "../override/format.ts";

/** Planning's shared state: what was built so far, and the tree's facts. */
export interface Planning extends PlanBuild {
  facts: TreeFacts;
  /** Whether option `option` of `group` may be chosen (validate.options). */
  allowed: NonNullable<PlanOptions["allowed"]>;
  /** The configs that do not load, as `group/option` (reported on their own). */
  skip: ReadonlySet<string>;
  /**
   * The choices `add` gave for `???` defaults: an option that overrides that group itself (an
   * experiment's `override /model: c`) is composed without them, which would beat its own
   * choice as a command-line choice does (checker w38); `add` gives one again if still needed.
   */
  fills: Set<string>;
}

/**
 * The planning state of a validation, nothing built yet.
 *
 * @example
 * ```ts ignore
 * const planning = newPlanning(opts);
 * addPlan(planning, []); // the primary's own composition
 * ```
 */
export function newPlanning(opts: PlanOptions): Planning {
  return {
    opts,
    plans: [],
    problems: [],
    choicesOf: new Map(),
    owners: new Map(),
    listed: new Set(),
    queue: [],
    facts: new TreeFacts(opts, planRepository(opts)),
    allowed: opts.allowed ?? (() => true),
    skip: opts.skip ?? new Set<string>(),
    fills: new Set(),
  };
}

/**
 * Builds the composition of `overrides` (on `configName`, in `set`) and returns the overrides it
 * was built with. A group default that is `???` must be chosen on the command line (Hydra's "You
 * must specify 'KEY'"), in the primary (`task: ???`) or in an option (`layers@layers.l1: ???`):
 * the composition is built again with KEY set to the group's first option (see mandatoryOption).
 *
 * @example
 * ```ts ignore
 * const tried = addPlan(planning, ["+experiment=fast"]); // ["task=a", "+experiment=fast"]
 * ```
 */
export function addPlan(
  p: Planning,
  overrides: string[],
  configName?: string,
  set?: TogetherSet,
): string[] {
  const { opts, plans, problems, facts } = p;
  let tried = overrides;
  // the `???` key filled last, and the options it may take instead: when the option filled does
  // not compose (an entry of it names a config that is not there), its error stays reported and
  // the next option stands in, so the tree's other problems are still found (checker v64)
  let last: { key: string; fill: string; others: string[] } | undefined;
  for (;;) {
    const before = problems.length;
    const count = plans.length;
    buildPlan(p, tried, configName, set);
    // a primary's own, its `???` choices filled: it stands in for the primary's own
    if (overrides.length === 0 && tried.length > 0 && plans.length > count) {
      plans[count].mandatoryFilled = true;
    }
    const m = /You must specify '([^']+)'/.exec(problems[before]?.message ?? "");
    if (!m && plans.length === count && last !== undefined && last.others.length > 0) {
      const { key, fill } = last;
      const next = choiceOverride(key, last.others.shift()!);
      p.fills.delete(fill);
      p.fills.add(next);
      last.fill = next;
      tried = tried.map((t) => t === fill ? next : t);
      continue;
    }
    if (!m || tried.length >= overrides.length + 16) return tried;
    const key = m[1];
    if (tried.some((t) => overrideKeyOf(t) === key)) return tried;
    const g = groupOf(key);
    const options = foldSubdirectories(opts.groups, new Set([g])).get(g) ?? [];
    const allowed = (o: string) =>
      !p.skip.has(`${g}/${o}`) && p.allowed(configName ?? opts.configName, g, o, key);
    const included = (o: string) => facts.tree().included.has(`${g}/${o}`);
    const loads = (o: string) => facts.reads(`${g}/${o}`);
    const pick = mandatoryOption(options, allowed, included, loads);
    if (pick === undefined) return tried;
    problems.length = before;
    const fill = choiceOverride(key, pick);
    p.fills.add(fill);
    // (two more at most: a tree whose options all fail is not composed once per option here)
    const others = options.filter((o) => o !== pick && allowed(o) && loads(o) && !included(o));
    last = { key, fill, others: others.slice(0, 2) };
    // before the fills found so far: Hydra names the unchosen groups from the defaults list's
    // end, and the label reads in the list's order (checker x38)
    tried = [...overrides, fill, ...tried.slice(overrides.length)];
  }
}

/**
 * Marks the plans from index `from` on as composing option `o` of `g` alone, when other options
 * extend it (Plan.extended).
 *
 * @example
 * ```ts ignore
 * const count = planning.plans.length;
 * addPlan(planning, ["exp=ppo"]);
 * markExtended(planning, count, "exp", "ppo");
 * ```
 */
export function markExtended(p: Planning, from: number, g: string, o: string): void {
  if (!p.facts.extended(g, o)) return;
  for (let i = from; i < p.plans.length; i++) p.plans[i].extended = true;
}
