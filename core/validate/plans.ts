/**
 * Which compositions validation checks: the primary config, and every option
 * of every config group selected in place of its default (the rest at
 * defaults), so an option that broke is found even if nobody selects it
 * today. A group chosen only inside another option (`db/engine`, chosen by
 * `db/mysql.yaml`) is tried with that option selected; a group no defaults
 * list names (experiments) is added as `+group=option`. Options in a group's
 * sub-directories are the group's (`experiment=owt/x`) when a defaults list
 * gives the group a slot, even one with no options of its own; else they are
 * appended at the top group (`+experiment=owt/x`). A config another one
 * includes as a config (`- ../default`: a base) is checked where it is
 * included, not chosen on its own.
 *
 * @module
 */

import { isNoMatch } from "./scope_hint.ts";
import { togetherJobs, togetherPlans, type TogetherSet } from "./together.ts";
import type { Problem } from "./problems.ts";
import { otherPrimaries } from "./plan_primaries.ts";
import { addPlan, markExtended as markPlansExtended, newPlanning } from "./plan_planning.ts";
import { planFailedPrimary } from "./plan_failed_primary.ts";
import { recursesThrough, withoutFollowedSwaps } from "./plan_filters.ts";
import {
  foldSubdirectories,
  groupOf,
  isHydraGroup,
  overrideKeyOf,
  writableKey,
} from "./plan_groups.ts";
import { namedConfigs, namedInTree, primaryChoices, swapOption } from "./plan_reads.ts";

export type { Plan, PlanOptions } from "./plan_types.ts";
import type { Plan, PlanOptions } from "./plan_types.ts";
import { planLabel } from "./plan_build.ts";
export { planLabel };
import { choiceOverride } from "../override/format.ts";

/** Hydra's groups whose `basic` option types the node its options make (BasicSweeperConf...). */
const TYPED_PLUGIN_GROUPS = ["hydra/sweeper", "hydra/launcher"];

/** A plan's identity among the plans: its primary config and overrides. */
function planKey(p: { overrides: string[]; configName?: string }): string {
  return [p.configName ?? "", ...p.overrides].join("\0");
}

/**
 * The compositions to check; defaults lists that do not build are problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planCompositions } from "./plans.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.mkdirSync(dir + "/experiment");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - db: mysql\n");
 * for (const f of ["db/mysql", "db/pg", "experiment/fast"]) Deno.writeTextFileSync(`${dir}/${f}.yaml`, "a: 1\n");
 * const groups = new Map([["db", ["mysql", "pg"]], ["experiment", ["fast"]]]);
 * const { plans } = planCompositions({ configDir: dir, configName: "config", searchPath: [], groups });
 * assert.deepEqual(plans.map((p) => p.overrides.join(" ")), ["", "db=pg", "+experiment=fast"]);
 * ```
 */
export function planCompositions(opts: PlanOptions): {
  plans: Plan[];
  problems: Problem[];
  /** A group's choice key whose options were tried in `host`, not in the primary composition. */
  hosts: { key: string; host: string }[];
} {
  const planning = newPlanning(opts);
  const { plans, problems, choicesOf, owners, queue, facts, allowed, skip, fills } = planning;
  const repo = facts.repo;
  const tree = () => facts.tree();
  const partOnly = (g: string, o: string) => facts.partOnly(g, o);
  const add = (overrides: string[], configName?: string, set?: TogetherSet) =>
    addPlan(planning, overrides, configName, set);
  const markExtended = (from: number, g: string, o: string) =>
    markPlansExtended(planning, from, g, o);

  // A primary config that does not load (reported on its own) fails every composition but those
  // of the other primary configs.
  const loads = opts.configName === null || !opts.skip?.has(opts.configName);
  let base: string[] = loads ? add([]) : [];
  // the primary's own composition, `???` choices filled (`exp=a2c` for sheeprl's `exp: ???`)
  const primaryOwn = plans.length > 0 ? plans[0] : undefined;
  // The primary composition failed: its defaults list's own groups are still tried with each
  // other option in place of the default (./plan_failed_primary.ts).
  const { triedEarly, togetherEarly } = plans.length === 0 && loads
    ? planFailedPrimary(planning, base)
    : { triedEarly: new Set<string>(), togetherEarly: undefined };
  // Every composition but those of another primary config includes the primary config: if none
  // composes, they would repeat its failure. The other primaries are composed all the same.
  const composed = plans.length > 0;
  // Groups no defaults list names are added to the first composition that builds.
  if (composed) base = plans[0].overrides;
  // The options `validate.together` chooses are checked with their partners, not alone (nor
  // alone on another primary, when the one named does not compose: `-n nope`).
  const together = togetherEarly ?? (composed
    ? togetherPlans(opts.together ?? [], opts.groups, {
      base,
      primary: choicesOf.get(plans[0])!,
      add: (overrides, set) => add(overrides, undefined, set),
      problems,
      ofSeveral: opts.givenToEach,
    })
    : togetherJobs(opts.together ?? [], opts.groups).chosen);
  // What a primary whose defaults tree does not build names: not composed as a primary alone.
  const claimed = new Set(
    composed || opts.configName === null ? [] : namedConfigs(repo, opts.configName),
  );
  const byOverrides = new Map(plans.map((p) => [planKey(p), p]));
  // Each option of the group chosen at `k` in place of its owner's choice.
  // An option that overrides a group with an option not there (a renamed `override /model: old`)
  // fails, as Hydra does; its other errors are found in the same run with that group's choice of
  // the composition it was added to given on the command line, which beats the option's override
  // (`+experiment=e model=a`), not only in a second CI round once the name is mended (checker v37)
  const pastMissing = (
    g: string,
    o: string,
    failed: readonly Problem[],
    tried: string[],
    from: Plan | undefined,
    configName?: string,
  ) => {
    const chosen = from === undefined ? undefined : choicesOf.get(from);
    if (chosen === undefined) return;
    const overridden = facts.overriddenBy(g, o);
    // (not a missing sweeper or launcher plugin: the stand-in, Hydra's `basic`, types the node
    // as its own, and each key of the plugin's would be an error no run meets; checkers v49, v51)
    const keys = new Set(failed.flatMap((p) => {
      const path = /Could not (?:find|load) '([^']+)\/[^'/]+'/.exec(p.message)?.[1];
      return path !== undefined && overridden.has(path) && !TYPED_PLUGIN_GROUPS.includes(path)
        ? [path]
        : [];
    }));
    const given = [...keys].flatMap((k) => {
      const choice = chosen.get(k);
      return typeof choice === "string" ? [choiceOverride(k, choice)] : [];
    });
    if (given.length === 0 || given.length < keys.size) return;
    const at = problems.length;
    add([...tried, ...given], configName);
    // its own defaults tree failing again says nothing new: the first failure is reported
    problems.length = at;
  };
  const tryOptions = (k: string, options: string[]) => {
    if (!writableKey(k)) return;
    const g = groupOf(k);
    const { overrides, choice, configName } = owners.get(k)!;
    const owner = byOverrides.get(planKey({ overrides, configName }));
    for (const o of options) {
      if (o === choice || skip.has(`${g}/${o}`) || together.has(`${g}/${o}`)) continue;
      if (!allowed(configName ?? opts.configName, g, o, k)) continue;
      // A base another config includes (`- ../default`, `- musicgen/default`) is checked where
      // it is included: chosen alone, its relative entries would be read from the group's
      // directory, not from its own, which it was not written for.
      if (partOnly(g, o)) continue;
      // (the owner a swap of a primary that did not compose: an option overriding the swapped
      // group is run without the swap, which would hide its own choice, as `unmasked` says)
      const kept = overrides.length > 0
        ? overrides.filter((x) =>
          (primaryOwn && !fills.has(x)) || !facts.overriddenBy(g, o).has(overrideKeyOf(x))
        )
        : overrides;
      const next = [...kept.filter((x) => !x.startsWith(`${k}=`)), choiceOverride(k, o)];
      const count = plans.length;
      // whether the owner reads `choice`'s file through another key too (`prompt` beside
      // `prompt@alt_prompt`): a swap at one key still reads it (checker v29)
      const elsewhere = owner === undefined || !choicesOf.has(owner) ||
        [...choicesOf.get(owner)!].some(([k2, c2]) =>
          k2 !== k && groupOf(k2) === g && [c2].flat().includes(choice)
        );
      const swapped = owner &&
        swapOption(repo, owner, k, g, choice, o, next, opts.unloadable, elsewhere);
      if (swapped) plans.push(swapped);
      else {
        const before = problems.length;
        add(next, configName);
        if (plans.length === count && problems.length > before) {
          pastMissing(g, o, problems.slice(before), next, owner, configName);
        }
        // The owner composed: a recursion at a slot of its own package is the swap's, in a
        // composition no user makes (recursesThrough; checker w24)
        if (
          owner && problems.length === before + 1 &&
          (recursesThrough(problems[before], g, o, k) ||
            facts.listedTwice(problems[before], owner, g))
        ) {
          problems.length = before;
        }
      }
      markExtended(count, g, o);
      if (plans.length > count) byOverrides.set(planKey(plans.at(-1)!), plans.at(-1)!);
    }
  };
  const drain = () => {
    while (queue.length > 0) {
      const k = queue.shift()!;
      tryOptions(k, opts.groups.get(groupOf(k)) ?? []);
    }
  };
  drain();
  // A sub-directory of a group that no composition chooses as a group of its own
  // (`experiment/sub/x.yaml`) holds options of the group, `experiment=sub/x` (Hydra composes
  // that; `+experiment/sub=x` would add a second experiment to the default one).
  const folded = foldSubdirectories(
    opts.groups,
    new Set([...owners.keys()].map(groupOf)),
    (dir) => facts.placedElsewhere(dir),
  );
  for (const [g, options] of folded) {
    const own = new Set(opts.groups.get(g) ?? []);
    const nested = options.filter((o) => !own.has(o) && !facts.subgroupOption(g, o));
    for (const k of [...owners.keys()].filter((k) => groupOf(k) === g)) {
      tryOptions(k, nested.filter((o) => !triedEarly.has(choiceOverride(k, o))));
    }
    drain();
  }
  // A primary config inside a group directory (`-n model/base`) is that group's option: its
  // siblings are tried in its place, as the primary (Hydra composes `-cn model/gpt2`), not added
  // to it (`+model=gpt2` would merge two primaries at one package).
  // So are the configs in the other sub-directories of the group it folds into (sam2's
  // `-n configs/sam2.1/x`: `configs/sam2.1_training/y` is run with `-cn` too, not `+configs=`).
  const slash = opts.configName?.lastIndexOf("/") ?? -1;
  const primaryGroup = slash === -1 ? undefined : opts.configName!.slice(0, slash);
  const holdsPrimary = (g: string) =>
    primaryGroup !== undefined && (g === primaryGroup || primaryGroup.startsWith(g + "/"));
  // The other primaries no defaults list names (`eval.yaml` beside `config.yaml`) are composed
  // before the groups no composition has chosen yet are added: a group one of them chooses
  // (`metric`) is tried there (`-cn eval metric=f1`), as the app runs it, not appended to this
  // primary (`+metric=f1`, which reads keys only eval has).
  const primaryPlanning = (named: (name: string) => boolean) => ({
    repo,
    plans,
    claimed,
    skip,
    named,
    add,
  });
  otherPrimaries(
    opts,
    primaryPlanning(() => true),
    (name) => !tree().named.has(name) && !tree().included.has(name),
  );
  drain();
  // An option no defaults list chooses (an experiment) is appended to the first composition. One
  // whose defaults list does not build there (`override /metric: f1`, a group only eval chooses)
  // is tried on each other primary before that failure is reported: it is eval's experiment.
  // The primary did not compose as written and `base` swaps one of its choices (`db=b` for a
  // missing `db/a`): an option that overrides that group itself (an experiment's `override /db:
  // a`) is composed without the swap, which would hide its own choice (checker w30: its error
  // showed only once the primary was mended, a second CI round).
  const unmasked = (g: string, o: string): string[] => {
    if (base.length === 0) return base;
    const overridden = facts.overriddenBy(g, o);
    const own = base === primaryOwn?.overrides;
    return base.filter((t) => !overridden.has(overrideKeyOf(t)) || (own && !fills.has(t)));
  };
  const append = (g: string, o: string) => {
    const before = problems.length;
    const count = plans.length;
    add([...unmasked(g, o), `+${choiceOverride(g, o)}`]);
    if (plans.length > count || problems.length === before) return;
    const failed = problems.splice(before);
    // an option in a sub-directory (`experiment/gen1/base`) whose relative defaults (`- default`)
    // are only found from its own directory: the sub-directory is the group it is run as
    // (`+experiment/gen1=base`, RVT's README), where Hydra reads `default` as
    // `experiment/gen1/default`, not `experiment/default`
    const slash = o.lastIndexOf("/");
    if (slash > 0) {
      const at = problems.length;
      add([...base, `+${choiceOverride(`${g}/${o.slice(0, slash)}`, o.slice(slash + 1))}`]);
      if (plans.length > count) return;
      problems.length = at;
    }
    const others = new Set(
      plans.flatMap((p) =>
        p.configName !== undefined && p.overrides.length === 0 ? [p.configName] : []
      ),
    );
    // failing everywhere: where the first primary's list lacks the groups it overrides (Hydra's
    // "No match in the defaults list") and another's has them, that one's failure is the
    // option's own (eval's experiment with a misspelt `override /b: zz`; checker w47)
    const errors = failed.filter((p) => p.severity === "error");
    let meant: Problem[] | undefined;
    for (const name of others) {
      const at = problems.length;
      const n = plans.length;
      add([`+${choiceOverride(g, o)}`], name);
      if (plans.length > n) return;
      const theirs = problems.splice(at);
      if (
        meant === undefined && errors.length > 0 && errors.every(isNoMatch) &&
        theirs.some((p) => p.severity === "error") && !theirs.some(isNoMatch)
      ) {
        meant = theirs;
      }
    }
    if (meant !== undefined) return void problems.push(...meant);
    problems.push(...failed);
    pastMissing(g, o, failed, [...base, `+${choiceOverride(g, o)}`], plans[0]);
  };
  const owned = new Set([...owners.keys()].map(groupOf));
  // The groups a primary's own defaults list chooses (`trainer: dev` in train.yaml) when none of
  // that primary's compositions built (its error is reported, often an override the user
  // misspelt): their options are that primary's, not experiments; appended to another primary
  // they read keys only theirs has, a false error on each valid option.
  const failedChoices = new Set<string>();
  for (const name of [...(opts.topLevel ?? []), ...(opts.configName ? [opts.configName] : [])]) {
    const built = plans.some((p) =>
      (p.configName ?? opts.configName) === name && !p.overrides.some((o) => o.startsWith("+"))
    );
    if (!built) { for (const g of namedInTree(repo, [name]).groups) failedChoices.add(g); }
  }
  for (const g of folded.keys()) {
    if (owned.has(g) || isHydraGroup(g) || (!composed && !holdsPrimary(g))) continue;
    if (failedChoices.has(g)) continue;
    // folded again: a composition added here (`+experiment=base`) may have chosen a sub-directory
    const options = foldSubdirectories(
      opts.groups,
      new Set([...owners.keys()].map(groupOf)),
      (dir) => facts.placedElsewhere(dir),
    ).get(g);
    if (options === undefined) continue; // a sub-directory of a group chosen since: its options
    // A group chosen since (`model`, by `+experiment=base`): its own options were tried there, its
    // nested ones (`model=big/c`) are tried there too.
    const keys = [...owners.keys()].filter((k) => groupOf(k) === g);
    const own = new Set(opts.groups.get(g) ?? []);
    if (keys.length === 0) owners.set(g, { overrides: [], choice: undefined });
    for (const o of options) {
      if (!own.has(o) && facts.subgroupOption(g, o)) continue;
      // `- server/apache` (or `/db_schema/base@_here_`) includes an option without choosing the
      // group: it is checked where it is included, not on its own.
      const file = facts.fileOf(g, o);
      // Whether a defaults list names it is also read from the files, not only from the
      // compositions that built: one skipped for a broken file must not leave its parts to be
      // tried alone (`+augmentations=default` without the solver that sets what it reads).
      // (an experiment others extend, `exp/ppo` beside `exp/ppo_recurrent`, is run alone too)
      const extended = facts.extended(g, o);
      const included = !extended && (plans.some((p) => p.files.has(file)) ||
            claimed.has(`${g}/${o}`) || tree().named.has(`${g}/${o}`)) ||
        `${g}/${o}` === opts.configName;
      if (included || skip.has(`${g}/${o}`) || together.has(`${g}/${o}`)) continue;
      // a primary of its own directory (`data_conf/config.yaml`, whose list overrides
      // `hydra/job_logging`): `+data_conf=config` is no run of it; its hydra: node's warning
      // says to validate that directory
      if (facts.ownDirPrimary(`${g}/${o}`)) continue;
      const count = plans.length;
      if (holdsPrimary(g)) add([], `${g}/${o}`);
      else if (keys.length > 0 && !own.has(o)) { for (const k of keys) tryOptions(k, [o]); }
      else if (allowed(opts.configName, g, o)) append(g, o);
      markExtended(count, g, o);
    }
    drain();
  }
  // The other primaries: the top-level configs no composition includes, and in a tree with no
  // primary the configs two or more directories down (./plan_primaries.ts)
  otherPrimaries(
    opts,
    // an option of a group some defaults list chooses (emb/enc/e2 beside emb/a.yaml's `enc: e1`)
    // or below one (env/sub/big beside main.yaml's `env: a`: `env=sub/big`), even when the
    // composition that would try it fails (rl4co's missing colorlog plugin)
    primaryPlanning((name) =>
      tree().named.has(name) || tree().included.has(name) || facts.underChosenGroup(name)
    ),
  );
  // A primary in a sub-directory the settings name (validate.options) is one, whatever reads it
  for (const name of opts.declaredPrimaries ?? []) {
    if (name === opts.configName || skip.has(name)) continue;
    if (!plans.some((p) => p.configName === name && p.overrides.length === 0)) add([], name);
  }
  // A top-level primary the settings scope options for is tried with each option they take.
  for (const p of plans.filter((p) => p.configName !== undefined && p.overrides.length === 0)) {
    const name = p.configName!;
    for (const g of opts.scopedGroups?.(name) ?? []) {
      for (const [k, choice] of choicesOf.get(p) ?? []) {
        if (groupOf(k) !== g) continue;
        for (const o of opts.groups.get(g) ?? []) {
          if (o !== choice && !skip.has(`${g}/${o}`) && allowed(name, g, o, k)) {
            add([choiceOverride(k, o)], name);
          }
        }
      }
    }
  }
  // the groups whose options were tried inside a composition other than the primary's own
  // (`conditioner` inside `solver=jasco/chords`, the first that chooses it): reports say so
  const own = (o: { overrides: string[]; configName?: string }) =>
    o.configName === undefined && (o.overrides.length === 0 ||
      (primaryOwn !== undefined && planKey(o) === planKey(primaryOwn)));
  const hosts = [...owners].flatMap(([key, o]) =>
    own(o) ? [] : [{ key, host: planLabel({ overrides: o.overrides, configName: o.configName }) }]
  );
  return {
    plans: withoutFollowedSwaps(plans, choicesOf, primaryChoices(opts, [])),
    problems,
    hosts,
  };
}
