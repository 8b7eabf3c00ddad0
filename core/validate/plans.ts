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

import { suggest } from "../suggest.ts";
import { isNoMatch } from "./scope_hint.ts";
import { togetherJobs, togetherPlans, type TogetherSet } from "./together.ts";
import type { Problem } from "./problems.ts";
import { resolve } from "../path.ts";
import { canonicalKey } from "../node.ts";
import { DirSource } from "../compose/source.ts";
import { otherPrimaries } from "./plan_primaries.ts";
import {
  foldSubdirectories,
  groupOf,
  isHydraGroup,
  mandatoryOption,
  overrideKeyOf,
  writableKey,
} from "./plan_groups.ts";
import {
  listRepairs,
  namedConfigs,
  namedInTree,
  planRepository,
  primaryChoices,
  readsAsOwnPrimary,
  swapOption,
} from "./plan_reads.ts";

export type { Plan, PlanOptions } from "./plan_types.ts";
import type { Plan, PlanOptions } from "./plan_types.ts";
import { buildPlan, type PlanBuild, planLabel } from "./plan_build.ts";
export { planLabel };
import { choiceOverride } from "../override/format.ts";
import { readFileText } from "../file_overlay.ts";

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
  const plans: Plan[] = [];
  const problems: Problem[] = [];
  const allowed = opts.allowed ?? (() => true);
  const choicesOf = new Map<Plan, Map<string, unknown>>();
  const owners: PlanBuild["owners"] = new Map();
  // groups the validated primary chooses by an options list (no key in its choices)
  const listed = new Set<string>();
  const queue: string[] = [];

  const state: PlanBuild = { opts, plans, problems, choicesOf, owners, listed, queue };
  const build = (overrides: string[], configName?: string, set?: TogetherSet) =>
    buildPlan(state, overrides, configName, set);

  const skip = opts.skip ?? new Set<string>();
  const repo = planRepository(opts);
  // whether a config reads (one that does not is read as empty: a `???` filled with it would
  // leave the primary's own values unchecked while it is broken, checker w41)
  const reads = (path: string): boolean => {
    try {
      const file = repo.load(path)?.file;
      return file === undefined || !opts.unloadable?.has(resolve(file));
    } catch {
      return false;
    }
  };
  // What the tree's defaults lists name, read once, when first asked.
  let inTree: ReturnType<typeof namedInTree> | undefined;
  const tree = () =>
    inTree ??= namedInTree(repo, [
      ...[...opts.groups].flatMap(([g, options]) => options.map((o) => `${g}/${o}`)),
      ...(opts.topLevel ?? []),
      ...(opts.configName === null ? [] : [opts.configName]),
    ]);
  // Whether option `o` of `g` is a part other configs include and not a choice of its own: one
  // another group's config includes (audiocraft's `augmentations/default`, which reads what the
  // solver including it sets) is checked where it is included. One that only its own group's
  // options include is an option that others extend (sheeprl's `exp/ppo`, which
  // `exp/ppo_recurrent` includes, run as `exp=ppo`): composed alone too. A base named `_...`
  // (`model/_base`, with the `???` its extensions fill) or one in a sub-directory of the group
  // (its relative entries read from the group's directory, chosen alone) or one holding a `???`
  // its extensions fill is a part.
  const partOnly = (g: string, o: string): boolean => {
    const by = tree().includedBy.get(`${g}/${o}`);
    if (by === undefined) return false;
    const base = o.split("/").at(-1)!;
    if (o.includes("/") || base.startsWith("_") || holdsMandatory(`${g}/${o}`)) return true;
    return [...by].some((c) => c.slice(0, Math.max(0, c.lastIndexOf("/"))) !== g);
  };
  // the plans from `from` on compose option `o` of `g` alone, one that other options extend
  const markExtended = (from: number, g: string, o: string) => {
    if (!tree().includedBy.has(`${g}/${o}`) || partOnly(g, o)) return;
    for (let i = from; i < plans.length; i++) plans[i].extended = true;
  };
  // a base with holes its extensions fill (sheeprl's `exp/default`, `env/default`: `???`)
  const holdsMandatory = (configPath: string): boolean => {
    const source = repo.sources.find((s) => s.isConfig(configPath));
    if (!(source instanceof DirSource)) return false;
    try {
      return readFileText(source.pathOf(configPath)).includes("???");
    } catch {
      return false;
    }
  };
  // Whether `o`, in a sub-directory of `g` (`legacy/task/a`), is an option of a group a defaults
  // list chooses there (`legacy/task`), not one of `g`'s.
  const chosenSubgroup = (g: string, o: string): boolean => {
    const parts = o.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (tree().groups.has([g, ...parts.slice(0, i + 1)].join("/"))) return true;
      if (keyedSubgroup([g, ...parts.slice(0, i)].join("/"), parts[i])) return true;
    }
    return false;
  };
  // A sub-directory named as a key of its directory's own options (MatterGen's model/mattergen.yaml
  // holds `property_embeddings: {}`, filled from model/property_embeddings/ with
  // `+.../property_embeddings@...property_embeddings.x=x`) is a group for that key: its configs
  // are no options of the directory's group (checker x24: 16 false errors).
  const keyed = new Map<string, boolean>();
  const keyedSubgroup = (dir: string, name: string): boolean => {
    const id = `${dir}\0${name}`;
    let found = keyed.get(id);
    if (found === undefined) {
      found = (opts.groups.get(dir) ?? []).some((own) => {
        try {
          const c = repo.load(`${dir}/${own}`)?.config;
          return c?.kind === "dict" && c.entries.has(canonicalKey(name));
        } catch {
          return false; // a file that does not load is reported on its own
        }
      });
      keyed.set(id, found);
    }
    return found;
  };
  // A group default that is `???` must be chosen on the command line (Hydra's "You must specify
  // 'KEY'"), in the primary (`task: ???`) or in an option (`layers@layers.l1: ???`): the
  // composition is built again with KEY set to the group's first option (see mandatoryOption).
  // the choices `add` gave for `???` defaults: an option that overrides that group itself (an
  // experiment's `override /model: c`) is composed without them, which would beat its own
  // choice as a command-line choice does (checker w38); `add` gives one again if still needed
  const fills = new Set<string>();
  const add = (overrides: string[], configName?: string, set?: TogetherSet): string[] => {
    let tried = overrides;
    for (;;) {
      const before = problems.length;
      const count = plans.length;
      build(tried, configName, set);
      // a primary's own, its `???` choices filled: it stands in for the primary's own
      if (overrides.length === 0 && tried.length > 0 && plans.length > count) {
        plans[count].mandatoryFilled = true;
      }
      const m = /You must specify '([^']+)'/.exec(problems[before]?.message ?? "");
      if (!m || tried.length >= overrides.length + 16) return tried;
      const key = m[1];
      if (tried.some((t) => overrideKeyOf(t) === key)) return tried;
      const g = groupOf(key);
      const pick = mandatoryOption(
        foldSubdirectories(opts.groups, new Set([g])).get(g) ?? [],
        (o) => !skip.has(`${g}/${o}`) && allowed(configName ?? opts.configName, g, o, key),
        (o) => tree().included.has(`${g}/${o}`),
        (o) => reads(`${g}/${o}`),
      );
      if (pick === undefined) return tried;
      problems.length = before;
      const fill = choiceOverride(key, pick);
      fills.add(fill);
      // before the fills found so far: Hydra names the unchosen groups from the defaults list's
      // end, and the label reads in the list's order (checker x38)
      tried = [...overrides, fill, ...tried.slice(overrides.length)];
    }
  };

  // A primary config that does not load (reported on its own) fails every composition but those
  // of the other primary configs.
  const loads = opts.configName === null || !opts.skip?.has(opts.configName);
  let base: string[] = loads ? add([]) : [];
  // the primary's own composition, `???` choices filled (`exp=a2c` for sheeprl's `exp: ???`)
  const primaryOwn = plans.length > 0 ? plans[0] : undefined;
  // The primary composition failed: its defaults list's own groups are still tried with each
  // other option in place of the default (the break may be in the default option alone).
  // A group with a swap that composes is done; the others are tried again, by the drain below,
  // from the first composition that builds (db=pg fails beside the broken server=apache).
  // The group's options in its sub-directories (`experiment=hg38/x`, hyena-dna's experiments
  // beside the default `experiment/base`) are tried there too, once: the drain below skips them.
  const triedEarly = new Set<string>();
  // The sets of validate.together are runs users make: with the primary's own composition failed,
  // they are composed first (LayoutFlow's `experiment: ${model}_${dataset}` builds only with both
  // given, checker z14), and what they choose, through an interpolated default too, is not tried
  // alone below, without the partners it reads.
  let togetherEarly: Set<string> | undefined;
  if (plans.length === 0 && loads && (opts.together ?? []).length > 0) {
    togetherEarly = togetherPlans(opts.together!, opts.groups, {
      base,
      primary: new Map(),
      add: (overrides, set) => add(overrides, undefined, set),
      problems,
    });
    for (const p of plans) {
      for (const [k, choice] of choicesOf.get(p) ?? []) {
        if (typeof choice === "string") togetherEarly.add(`${groupOf(k)}/${choice}`);
      }
    }
    if (plans.length === 0) togetherEarly = undefined;
  }
  // A primary whose options list names a missing option (`callbacks: [rich, summry]`, rich.yaml
  // deleted): composed without it (`callbacks=[rich]`), its other groups tried there, as for a
  // missing single choice, not moved to another primary that does not run them (checker v37)
  if (plans.length === 0 && loads) {
    const own = (g: string) => [
      ...(opts.groups.get(g) ?? []),
      ...(foldSubdirectories(opts.groups, new Set([g])).get(g) ?? []),
    ];
    const repairs = listRepairs(opts, base, (g, o) => own(g).includes(o));
    if (repairs.length > 0) add([...base, ...repairs]);
  }
  if (plans.length === 0 && loads) {
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
        .filter((o) => !own.includes(o) && !chosenSubgroup(group, o));
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
          !allowed(opts.configName, group, o, key) || partOnly(group, o)
        ) {
          continue;
        }
        if (!own.includes(o)) triedEarly.add(choiceOverride(key, o));
        const count = plans.length;
        add([...base, choiceOverride(key, o)]);
        markExtended(count, group, o);
      }
      if (plans.length > before) done.push({ key, choice });
    }
    for (const { key, choice } of done) owners.set(key, { overrides: base, choice });
    const again = queue.filter((k) => !done.some((d) => d.key === k));
    queue.splice(0, queue.length, ...again);
  }
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
  // the groups an option's defaults list overrides (`override /db: a`)
  const overriddenBy = (g: string, o: string): Set<string> => {
    let defaults;
    try {
      defaults = repo.load(`${g}/${o}`)?.defaults ?? [];
    } catch {
      return new Set(); // a file that does not load is reported on its own
    }
    return new Set(
      defaults.flatMap((r) => r.kind === "group" && r.override ? [r.group.replace(/^\//, "")] : []),
    );
  };
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
    const overridden = overriddenBy(g, o);
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
          (primaryOwn && !fills.has(x)) || !overriddenBy(g, o).has(overrideKeyOf(x))
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
          (recursesThrough(problems[before], g, o, k) || listedTwice(problems[before], owner, g))
        ) {
          problems.length = before;
        }
      }
      markExtended(count, g, o);
      if (plans.length > count) byOverrides.set(planKey(plans.at(-1)!), plans.at(-1)!);
    }
  };
  // `/hydra/callbacks: [my_callback]` in the primary beside Hydra's own `callbacks: null`: a
  // swap `hydra/callbacks=x` makes the key twice ("appears more than once"), as in Hydra, in a
  // composition no user makes: the owner composes the group's options through its list
  // (checker v43)
  const listedTwice = (p: Problem, owner: Plan, g: string): boolean => {
    if (!p.message.startsWith(`${g} appears more than once in the final defaults list`)) {
      return false;
    }
    return (opts.groups.get(g) ?? []).some((o) => {
      const source = repo.sources.find((s) => s.isConfig(`${g}/${o}`));
      return source instanceof DirSource && owner.files.has(resolve(source.pathOf(`${g}/${o}`)));
    });
  };
  const drain = () => {
    while (queue.length > 0) {
      const k = queue.shift()!;
      tryOptions(k, opts.groups.get(groupOf(k)) ?? []);
    }
  };
  drain();
  // The directories holding a config that does not load, with its text: its defaults list,
  // unread, may choose the sub-directories beside it as groups of their own, if it names them.
  const unloadableTexts = new Map<string, string[]>();
  if (opts.unloadable?.size) {
    for (const [g, options] of opts.groups) {
      for (const o of options) {
        const source = repo.sources.find((s) => s.isConfig(`${g}/${o}`));
        const file = source instanceof DirSource ? resolve(source.pathOf(`${g}/${o}`)) : "";
        if (!opts.unloadable.has(file)) continue;
        const dir = `${g}/${o}`.replace(/\/[^/]*$/, "");
        let text = "";
        try {
          text = readFileText(file);
        } catch { /* unreadable: it names nothing */ }
        unloadableTexts.set(dir, [...unloadableTexts.get(dir) ?? [], text]);
      }
    }
  }
  // whether a config of `dir` that does not load names `name` (a word of its text): a broken
  // `model/b.yaml` that never says `sub` does not make `model/sub` a group (checker v29)
  const unloadableNames = (dir: string, name: string): boolean =>
    unloadableTexts.get(dir)?.some((t) => namesWord(t, name)) ?? false;
  // Whether `o`, an option of `g` in a sub-directory (`data/default`), is an option of that
  // sub-directory's own group instead: a defaults list names it so (nn/default.yaml's
  // `data: default`, whether a `~nn/data` deleted the entry or not), or a config that does not
  // load sits above it and may (Hydra lists only `nn/*.yaml` as nn's options: `nn=data/default`
  // is no composition a user makes).
  const subgroupOption = (g: string, o: string): boolean => {
    const parts = o.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (unloadableNames([g, ...parts.slice(0, i)].join("/"), parts[i])) return true;
    }
    // a sibling of the option is chosen as the sub-directory's own group's (umi's
    // legacy/main.yaml: `task: b`, legacy/task/a is `legacy/task=a`, not `+legacy=task/a`)
    return chosenSubgroup(g, o);
  };
  // A sub-directory of a group that no composition chooses as a group of its own
  // (`experiment/sub/x.yaml`) holds options of the group, `experiment=sub/x` (Hydra composes
  // that; `+experiment/sub=x` would add a second experiment to the default one).
  // a directory whose every config's `# @package` header puts it outside its group's package
  // (`data/biomass_data/*.yaml`: `# @package biomass_data`) is no folder of that group's options
  const placedElsewhere = (dir: string): boolean => {
    const group = dir.slice(0, dir.lastIndexOf("/")).replaceAll("/", ".");
    const options = opts.groups.get(dir) ?? [];
    return options.length > 0 && options.every((o) => {
      const header = repo.packageHeaderOf(`${dir}/${o}`);
      return header !== null && !header.includes("_group_") && header !== group &&
        !header.startsWith(group + ".");
    });
  };
  const folded = foldSubdirectories(
    opts.groups,
    new Set([...owners.keys()].map(groupOf)),
    placedElsewhere,
  );
  for (const [g, options] of folded) {
    const own = new Set(opts.groups.get(g) ?? []);
    const nested = options.filter((o) => !own.has(o) && !subgroupOption(g, o));
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
    const overridden = overriddenBy(g, o);
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
      placedElsewhere,
    ).get(g);
    if (options === undefined) continue; // a sub-directory of a group chosen since: its options
    // A group chosen since (`model`, by `+experiment=base`): its own options were tried there, its
    // nested ones (`model=big/c`) are tried there too.
    const keys = [...owners.keys()].filter((k) => groupOf(k) === g);
    const own = new Set(opts.groups.get(g) ?? []);
    if (keys.length === 0) owners.set(g, { overrides: [], choice: undefined });
    for (const o of options) {
      if (!own.has(o) && subgroupOption(g, o)) continue;
      // `- server/apache` (or `/db_schema/base@_here_`) includes an option without choosing the
      // group: it is checked where it is included, not on its own.
      const source = repo.sources.find((s) => s.isConfig(`${g}/${o}`));
      const file = source instanceof DirSource ? resolve(source.pathOf(`${g}/${o}`)) : "";
      // Whether a defaults list names it is also read from the files, not only from the
      // compositions that built: one skipped for a broken file must not leave its parts to be
      // tried alone (`+augmentations=default` without the solver that sets what it reads).
      // (an experiment others extend, `exp/ppo` beside `exp/ppo_recurrent`, is run alone too)
      const extended = tree().includedBy.has(`${g}/${o}`) && !partOnly(g, o);
      const included = !extended && (plans.some((p) => p.files.has(file)) ||
            claimed.has(`${g}/${o}`) || tree().named.has(`${g}/${o}`)) ||
        `${g}/${o}` === opts.configName;
      if (included || skip.has(`${g}/${o}`) || together.has(`${g}/${o}`)) continue;
      // a primary of its own directory (`data_conf/config.yaml`, whose list overrides
      // `hydra/job_logging`): `+data_conf=config` is no run of it; its hydra: node's warning
      // says to validate that directory
      if (ownDirPrimary(source, `${g}/${o}`)) continue;
      const count = plans.length;
      if (holdsPrimary(g)) add([], `${g}/${o}`);
      else if (keys.length > 0 && !own.has(o)) { for (const k of keys) tryOptions(k, [o]); }
      else if (allowed(opts.configName, g, o)) append(g, o);
      markExtended(count, g, o);
    }
    drain();
  }
  function ownDirPrimary(source: unknown, configPath: string): boolean {
    if (!(source instanceof DirSource)) return false;
    const dir = configPath.slice(0, configPath.lastIndexOf("/"));
    try {
      const text = readFileText(source.pathOf(configPath));
      const hydra = `${dir}/hydra`;
      const sub = [...opts.groups.keys()].some((k) => k === hydra || k.startsWith(`${hydra}/`));
      return readsAsOwnPrimary(text, sub);
    } catch {
      return false;
    }
  }
  const underChosenGroup = (name: string) => {
    for (let at = name.lastIndexOf("/"); at > 0; at = name.lastIndexOf("/", at - 1)) {
      if (tree().groups.has(name.slice(0, at))) return true;
    }
    return false;
  };
  // The other primaries: the top-level configs no composition includes, and in a tree with no
  // primary the configs two or more directories down (./plan_primaries.ts)
  otherPrimaries(
    opts,
    // an option of a group some defaults list chooses (emb/enc/e2 beside emb/a.yaml's `enc: e1`)
    // or below one (env/sub/big beside main.yaml's `env: a`: `env=sub/big`), even when the
    // composition that would try it fails (rl4co's missing colorlog plugin)
    primaryPlanning((name) =>
      tree().named.has(name) || tree().included.has(name) || underChosenGroup(name)
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

/**
 * The plans but the swaps of a group whose choice the primary interpolates from another's
 * (`optional hpo: ${model}`) to an option another plan already reaches that way
 * (`model=randomforest` chooses `hpo=randomforest`): `hpo=randomforest` beside the default
 * `model=mlp` is no composition the tree makes, and it fails on what only its model has
 * (checker x40). An option no other plan reaches (`hpo=orphan`) is still tried alone.
 */
function withoutFollowedSwaps(
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

/** Whether `text` holds `name` as a word of its own (not inside a longer name). */
function namesWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? " ", after = text[at + name.length] ?? " ";
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
  }
  return false;
}

/**
 * Whether `p` is a recursive defaults list made by swapping option `o` of `g` into the slot at
 * key `k`, a slot at a package of its own (`module@_global_`: DYffusion's `/module@_here_: base`
 * written inside module/*.yaml, which no user chooses) whose cycle stays in the group and passes
 * through `o`. A slot users choose at (`model`) keeps its recursion: `model=c`, with c's own
 * `/model@_here_: a` redirected too, is Hydra's RecursionError on their command line.
 */
function recursesThrough(p: Problem, g: string, o: string, k: string): boolean {
  if (!k.includes("@")) return false;
  const cycle = /^Recursive defaults list: '[^']+' includes itself \(([^)]*)\)/.exec(p.message);
  if (cycle === null) return false;
  const paths = cycle[1].split(" -> ").map((c) => c.replace(/\.yaml$/, ""));
  return paths.includes(`${g}/${o.replace(/\.yaml$/, "")}`) &&
    paths.every((c) => c.startsWith(`${g}/`));
}
