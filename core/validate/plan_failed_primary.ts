/**
 * When the primary composition of `strata validate` does not build: its defaults list's own
 * groups are still tried with each other option in place of the default (the break may be in the
 * default option alone). A group with a swap that composes is done; the others are tried again,
 * by the queue, from the first composition that builds (db=pg fails beside the broken
 * server=apache).
 *
 * @module
 */

import { suggest } from "../suggest.ts";
import { togetherPlans } from "./together.ts";
import { foldSubdirectories, groupOf, writableKey } from "./plan_groups.ts";
import { listRepairs, primaryChoices } from "./plan_reads.ts";
import { addPlan, markExtended, type Planning } from "./plan_planning.ts";
import { choiceOverride } from "../override/format.ts";

/**
 * Plans the compositions that stand in for a primary that did not build, from `base` (its
 * overrides). Returns the swaps tried here in the groups' sub-directories (`experiment=hg38/x`,
 * tried once: the queue skips them) and, when `validate.together` sets composed, the options they
 * chose.
 *
 * @example
 * ```ts ignore
 * if (planning.plans.length === 0) planFailedPrimary(planning, base);
 * ```
 */
export function planFailedPrimary(
  p: Planning,
  base: string[],
): { triedEarly: Set<string>; togetherEarly?: Set<string> } {
  const { opts, plans, problems, choicesOf } = p;
  const triedEarly = new Set<string>();
  // The sets of validate.together are runs users make: with the primary's own composition failed,
  // they are composed first (LayoutFlow's `experiment: ${model}_${dataset}` builds only with both
  // given, checker z14), and what they choose, through an interpolated default too, is not tried
  // alone below, without the partners it reads.
  let togetherEarly: Set<string> | undefined;
  if ((opts.together ?? []).length > 0) {
    togetherEarly = togetherPlans(opts.together!, opts.groups, {
      base,
      primary: new Map(),
      add: (overrides, set) => addPlan(p, overrides, undefined, set),
      problems,
    });
    for (const plan of plans) {
      for (const [k, choice] of choicesOf.get(plan) ?? []) {
        if (typeof choice === "string") togetherEarly.add(`${groupOf(k)}/${choice}`);
      }
    }
    if (plans.length === 0) togetherEarly = undefined;
  }
  // A primary whose options list names a missing option (`callbacks: [rich, summry]`, rich.yaml
  // deleted): composed without it (`callbacks=[rich]`), its other groups tried there, as for a
  // missing single choice, not moved to another primary that does not run them (checker v37)
  if (plans.length === 0) {
    const own = (g: string) => [
      ...(opts.groups.get(g) ?? []),
      ...(foldSubdirectories(opts.groups, new Set([g])).get(g) ?? []),
    ];
    const repairs = listRepairs(opts, base, (g, o) => own(g).includes(o));
    if (repairs.length > 0) addPlan(p, [...base, ...repairs]);
  }
  if (plans.length === 0) swapPrimaryChoices(p, base, triedEarly);
  return { triedEarly, togetherEarly };
}

/** Each of the failed primary's choices swapped for the group's other options. */
function swapPrimaryChoices(p: Planning, base: string[], triedEarly: Set<string>): void {
  const { opts, plans, problems, owners, queue, facts } = p;
  const done: { key: string; choice: string }[] = [];
  // A key the defaults list chooses twice (`db: a` and `db: b`, Hydra's "Multiple values for
  // db"): any option swapped in there is chosen twice ("db appears more than once in the final
  // defaults list"), the same mistake again; Hydra and compose report the first alone.
  const twice = problems.map((p) => /^Multiple values for (\S+)\. /.exec(p.message)?.[1]);
  for (const { group, key, choice } of primaryChoices(opts, base)) {
    if (twice.includes(key) || !writableKey(key)) continue;
    const before = plans.length;
    const own = opts.groups.get(group) ?? [];
    // (a group whose options all lie in sub-directories, `env/kuhn/default.yaml`, is tried
    // there too: checker v48)
    const nested = (foldSubdirectories(opts.groups, new Set([group])).get(group) ?? [])
      .filter((o) => !own.includes(o) && !facts.chosenSubgroup(group, o));
    if (own.length === 0 && nested.length === 0) continue;
    // a choice of no option (`model: unett`): its did-you-mean first, so that the groups tried
    // below in the first composition that builds meet the option meant (checker w45)
    const options = [...own, ...nested];
    const meant = options.includes(choice) ? [] : suggest(choice, options);
    for (const o of [...meant, ...options.filter((x) => !meant.includes(x))]) {
      // a base the group's other options include (`model/_base`) is no option a run chooses:
      // the other groups would be tried in a composition no user makes (as tryOptions skips it)
      if (
        o === choice || opts.skip?.has(`${group}/${o}`) ||
        !p.allowed(opts.configName, group, o, key) || facts.partOnly(group, o)
      ) {
        continue;
      }
      if (!own.includes(o)) triedEarly.add(choiceOverride(key, o));
      const count = plans.length;
      addPlan(p, [...base, choiceOverride(key, o)]);
      markExtended(p, count, group, o);
    }
    if (plans.length > before) done.push({ key, choice });
  }
  for (const { key, choice } of done) owners.set(key, { overrides: base, choice });
  const again = queue.filter((k) => !done.some((d) => d.key === k));
  queue.splice(0, queue.length, ...again);
}
