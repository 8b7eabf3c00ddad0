/**
 * A tree with no primary config and several top-level ones (lightning-hydra-
 * template's `train.yaml` and `eval.yaml`): each is validated as `-n NAME`
 * validates it, its groups' options swapped in, so a broken option is found
 * (composed only as the primaries' own choices, `model/b.yaml` was checked as
 * YAML only). An option is tried with each primary that chooses its group,
 * and its errors are reported only when it composes with none of them: the
 * options of one workspace are no errors of another (diffusion_policy's
 * `train_lowdim` tasks beside `train_image`).
 *
 * @module
 */

import { planCompositions } from "./plans.ts";
import type { Plan, PlanOptions } from "./plan_types.ts";
import type { Problem } from "./problems.ts";
import { type DefaultsInfo, defaultsTree } from "../compose/compose.ts";
import type { VersionBase } from "../compose/version_base.ts";
import { choiceOverride } from "../override/format.ts";
import { choiceFile } from "./choice_file.ts";

/** What {@link planCompositions} gives. */
type Planned = ReturnType<typeof planCompositions>;

/**
 * The plans of each of `names` as the primary, one after the other, each
 * plan naming its primary (`--config-name=NAME` in its label); a plan two
 * primaries share (`-n eval` composed beside `-n train`) once.
 *
 * @example
 * ```ts ignore
 * const { plans } = planEachPrimary(planOptions, ["eval", "train"]);
 * ```
 */
export function planEachPrimary(opts: PlanOptions, names: string[]): Planned {
  const out: Planned = { plans: [], problems: [], hosts: [] };
  const own: Plan[] = [];
  const others: Plan[] = [];
  for (const name of names) {
    const r = planCompositions({
      ...opts,
      configName: name,
      configNameAt: undefined,
      givenToEach: true,
    });
    // a run's own plans (the primary's, its swaps, whose owner is one of them) are named in
    // place, and win over the same composition another run made as one of its "other primaries"
    for (const p of r.plans) {
      if (p.configName === undefined) {
        p.configName = name;
        own.push(p);
      } else others.push(p);
    }
    // a failed primary's own problems (no label in a run of its own) name it among the others,
    // and so do those of its own other compositions (`experiment@_global_=b` is tune's: a label
    // without it cannot be run again where there is no config.yaml, checker w34)
    const named = (label: string | undefined) =>
      label === undefined || label === ""
        ? `--config-name=${name}`
        : label.startsWith("--config-name=")
        ? label
        : `--config-name=${name} ${label}`;
    out.problems.push(
      ...r.problems.map((p) =>
        // a `validate.together` set that does not parse is the settings' mistake, no composition's
        // (checker v54 #2)
        p.fullKey === "validate.together" && p.composition === undefined ? p : {
          ...p,
          composition: named(p.composition),
          ...(p.compositions ? { compositions: p.compositions.map(named) } : {}),
        }
      ),
    );
    // another of the primaries lending its choice of a group is no pick of validate's to note
    out.hosts.push(...r.hosts.filter((h) => !names.some((n) => h.host === `--config-name=${n}`)));
  }
  const seen = new Set<string>();
  for (const p of [...own, ...others]) {
    const key = `${p.configName}\u0000${p.overrides.join("\u0000")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.plans.push(p);
  }
  return out;
}

/**
 * The plans of several primaries that a run over some files (`relevant`)
 * needs beside its own to judge an option as a whole tree's run does: the
 * other primaries' own compositions, and their plans trying an option a
 * relevant plan tries (see {@link problemsOfSomewhere}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { partnerPlans } from "./plan_inferred.ts";
 * const plan = (configName: string, overrides: string[]) => ({ configName, overrides, files: new Set<string>(), groups: new Set<string>(), interpolatedChoices: false });
 * const a = plan("train_a", []), aSmall = plan("train_a", ["w=small"]);
 * const b = plan("train_b", []), bSmall = plan("train_b", ["w=small"]), bBig = plan("train_b", ["w=big"]);
 * assert.deepEqual(partnerPlans([a, aSmall, b, bSmall, bBig], [a, aSmall]), [b, bSmall]);
 * ```
 */
export function partnerPlans(plans: readonly Plan[], relevant: readonly Plan[]): Plan[] {
  const mine = new Set(relevant);
  const options = new Set(relevant.flatMap((p) => (p.overrides.length > 0 ? [optionOf(p)] : [])));
  return plans.filter((p) =>
    !mine.has(p) && (p.overrides.length === 0 || options.has(optionOf(p)))
  );
}

/**
 * The option a plan tries: the option file its swap, else its last override,
 * brings (`emb/enc/e2`), so one file tried under two primaries in two
 * spellings (a swap `emb/enc=e2` in the primary that chooses the group,
 * `+emb=enc/e2` in one that does not) is one option; else its overrides.
 */
function optionOf(plan: Plan): string {
  if (plan.swap) return choiceFile(plan.swap.key, plan.swap.to) ?? plan.swap.key;
  const last = plan.overrides.at(-1);
  const eq = last?.indexOf("=") ?? -1;
  const file = last !== undefined && eq > 0
    ? choiceFile(last.slice(0, eq), last.slice(eq + 1))
    : undefined;
  return file ?? plan.overrides.join(" ");
}

/**
 * The problems to report of the compositions of several primaries
 * (`checked`, in plan order): an option's (a plan that tries one) only when
 * no primary composed it without an error, swapped in or as its own choice
 * (`choicesOf`: a plan's group choices, when known). `spared` collects the
 * options whose errors are left out so: an option of a group the plan's primary
 * chooses that fails there and composes with another primary, which validate
 * notes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { problemsOfSomewhere } from "./plan_inferred.ts";
 * const err = { severity: "error" as const, code: "x", message: "bad" };
 * const plan = (configName: string, overrides: string[]) => ({ configName, overrides, files: new Set<string>(), groups: new Set<string>(), interpolatedChoices: false });
 * const lowdim = plan("lowdim", []);
 * const kept = problemsOfSomewhere([
 *   { plan: plan("train", ["task=low"]), problems: [err] },
 *   { plan: lowdim, problems: [] },
 *   { plan: plan("train", ["model=b"]), problems: [err] },
 * ], (p) => p === lowdim ? new Map([["task", "low"]]) : undefined);
 * assert.equal(kept.length, 1);
 * ```
 */
export function problemsOfSomewhere(
  checked: { plan: Plan; problems: Problem[] }[],
  choicesOf: (plan: Plan) => Iterable<[string, string | null]> | undefined,
  spared: Spared[] = [],
): Problem[] {
  // an option some primary chooses (its group swapped in place) fails there for what it says;
  // where it is added to a primary that never chooses its group (`+g=y`) it says more, and
  // nobody runs that
  const added = (plan: Plan) => !plan.swap && (plan.overrides.at(-1) ?? "").startsWith("+");
  const chosen = new Set(
    checked.flatMap(({ plan }) =>
      plan.overrides.length > 0 && !added(plan) ? [optionOf(plan)] : []
    ),
  );
  // each option that composed without an error, and the primaries it composed with: added to
  // one that never chooses its group, an option some primary chooses composes in no run
  const fine = new Map<string, Set<string>>();
  // and what each of those compositions said (its warnings): a warning an option's other
  // compositions have too is the option's own (RVT's `partition_size: ???`, in every run of
  // it); one a composition of it lacks is filled there (hsd3's agent options, whose `???` the
  // primaries choosing them fill)
  const said = new Map<string, Set<string>[]>();
  const where = (p: Problem) =>
    `${p.message}\u0000${p.origin?.file}:${p.origin?.line}:${p.origin?.col}`;
  const composed = (option: string, primary: string, problems: Problem[]) => {
    fine.set(option, (fine.get(option) ?? new Set()).add(primary));
    said.set(option, [...said.get(option) ?? [], new Set(problems.map(where))]);
  };
  for (const { plan, problems } of checked) {
    if (problems.some((p) => p.severity === "error")) continue;
    const primary = plan.configName ?? "";
    const option = optionOf(plan);
    if (!(added(plan) && chosen.has(option))) composed(option, primary, problems);
    for (const [k, v] of choicesOf(plan) ?? []) {
      const file = choiceFile(k, v);
      if (file !== undefined && file !== option) composed(file, primary, problems);
    }
  }
  const everywhere = (option: string, p: Problem) =>
    (said.get(option) ?? []).every((s) => s.has(where(p)));
  // what each primary's own composition reported: an option's plan that says no more than that
  // does not fail for the option
  const own = new Map<string, Set<string>>();
  for (const { plan, problems } of checked) {
    if (plan.overrides.length === 0) own.set(plan.configName ?? "", new Set(problems.map(where)));
  }
  // a primary whose own composition needs a choice validate fills (RVT's `dataset: ???`: every
  // run gives one) has that composition stand in for it: what it says stands (the `???` the app
  // would stop at), and is the base the others are read against
  const standIns = new Set<Plan>();
  for (const { plan, problems } of checked) {
    const primary = plan.configName ?? "";
    if (own.has(primary) || !plan.mandatoryFilled) continue;
    own.set(primary, new Set(problems.map(where)));
    standIns.add(plan);
  }
  const byOption = new Map<string, Spared>();
  const out = checked.flatMap(({ plan, problems }) => {
    // a run of validate.together is one the user said they make: what it says stands (its last
    // override names no option whose failure another primary could spare: LayoutFlow's
    // `model=A dataset=P` fails with test for model's `${trainer...}`, checker z14)
    if (plan.overrides.length === 0 || plan.together !== undefined || standIns.has(plan)) {
      return problems;
    }
    const option = optionOf(plan);
    if (!fine.has(option) && !(added(plan) && chosen.has(option))) return problems;
    const base = own.get(plan.configName ?? "");
    const fails = problems.some((p) => p.severity === "error" && !base?.has(where(p)));
    // (an option appended to every primary, no primary choosing its group: noted too, not left
    // out in silence, checker w36)
    const appended = added(plan) && !chosen.has(option);
    if ((!added(plan) || appended) && fails) {
      const label = plan.swap
        ? choiceOverride(plan.swap.key, plan.swap.to)
        : plan.overrides.at(-1)!;
      const entry = byOption.get(option) ??
        {
          option: label,
          failsWith: [],
          composesWith: [...fine.get(option) ?? []],
          ...(appended ? { appended: true } : {}),
        };
      byOption.set(option, entry);
      const primary = plan.configName ?? "";
      if (!entry.failsWith.includes(primary)) entry.failsWith.push(primary);
    }
    // what the primary's own composition says too is said by this one as well: counted with it;
    // and a warning of a composition that fails for nothing is the option's where every
    // composition of it says it
    return problems.filter((p) =>
      base?.has(where(p)) || (!fails && p.severity !== "error" && everywhere(option, p))
    );
  });
  spared.push(...byOption.values());
  return out;
}

/**
 * An option whose errors with some primaries are left out, as it composes with others
 * (cramming's `impl=deepspeed`: fails with `cfg_eval`, composes with `cfg_pretrain`).
 */
export interface Spared {
  /** The option as an override names it (`impl=deepspeed`). */
  option: string;
  /** The primaries it fails with (each chooses its group). */
  failsWith: string[];
  /** The primaries it composes with. */
  composesWith: string[];
  /** No primary chooses its group: it is appended to each (`+exp=x`). */
  appended?: boolean;
}

/**
 * A plan's group choices, as (key, option) pairs, and the items of its options lists (`p: [x,
 * y]`: `p`, `x` and `p`, `y`): known when its swaps were composed (`infos`), else from its
 * defaults tree built again; undefined when that fails (its error is reported with the plan).
 *
 * @example
 * ```ts ignore
 * planChoices(plan, { configDir: "conf", configName: null }, infos)?.find(([k]) => k === "task");
 * ```
 */
export function planChoices(
  plan: Plan,
  opts: {
    configDir: string;
    configName: string | null;
    versionBase?: VersionBase;
    searchPath?: string[];
    overrides?: string[];
  },
  infos: Map<Plan, DefaultsInfo>,
): [string, string | null][] | undefined {
  let info = infos.get(plan);
  try {
    info ??= defaultsTree({
      configDir: opts.configDir,
      configName: plan.configName ?? opts.configName,
      versionBase: opts.versionBase,
      searchPath: opts.searchPath ?? [],
      overrides: [...(opts.overrides ?? []), ...plan.overrides],
    });
  } catch {
    return undefined;
  }
  // an options list's items (`p: [x, y]`) choose no key of their own: their files are the choice;
  // a base a sibling option includes (gafl's model/gafl.yaml: `- default`) is no choice: it is
  // part of that option, and composing there says nothing of `model=default` run alone
  const dirOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf("/")));
  const listed = info.defaults.flatMap((d) => {
    const slash = d.configPath.lastIndexOf("/");
    const sibling = d.parent !== undefined && dirOf(d.parent) === dirOf(d.configPath);
    return d.isSelf || d.primary || d.overrideKey !== undefined || slash === -1 || sibling
      ? []
      : [[d.configPath.slice(0, slash), d.configPath.slice(slash + 1)] as [string, string]];
  });
  return [...info.choices, ...listed];
}
