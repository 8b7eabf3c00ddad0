/**
 * The primaries validate composes beside the validated one: another top-level
 * config no composition includes (`conf/eval.yaml`, run with `-cn eval`), and,
 * in a tree with no primary config, a config two or more directories down that
 * no defaults list names (sam2's `configs/sam2.1/x`, named by path).
 *
 * @module
 */

import type { Repository } from "../compose/repository.ts";
import { DirSource } from "../compose/source.ts";
import { resolve } from "../path.ts";
import { hasDefaultsList, namedConfigs } from "./plan_reads.ts";
import type { Plan, PlanOptions } from "./plans.ts";

/** What {@link otherPrimaries} works with: the planning's state. */
export interface PrimaryPlanning {
  repo: Repository;
  /** The plans so far (a file one of them reads is not composed alone). */
  plans: Plan[];
  /** What a primary whose defaults tree does not build names: not composed alone either. */
  claimed: Set<string>;
  /** Config paths not to select (files known not to load, excluded). */
  skip: ReadonlySet<string>;
  /** Whether a defaults list names or includes a config (it is no deep primary then). */
  named: (name: string) => boolean;
  /** Composes `overrides` with `configName` as the primary. */
  add: (overrides: string[], configName?: string) => void;
}

/**
 * Composes the other primaries as primaries of their own, through `at.add`; with `topLevelOnly`,
 * only the top-level configs it accepts (the deep ones wait until every group has been tried).
 *
 * @example
 * ```ts ignore
 * otherPrimaries(opts, { repo, plans, claimed, skip, named, add });
 * ```
 */
export function otherPrimaries(
  opts: PlanOptions,
  at: PrimaryPlanning,
  topLevelOnly?: (name: string) => boolean,
): void {
  const { repo, plans, claimed, add } = at;
  const fileOf = (name: string) => {
    const source = repo.sources.find((s) => s.isConfig(name));
    return source instanceof DirSource ? resolve(source.pathOf(name)) : "";
  };
  const read = (name: string) => plans.some((p) => p.files.has(fileOf(name)));
  // Those with a defaults list first: one may include another (`eval` includes `base_eval`),
  // which is then checked where it is included, not as a primary of its own.
  const top = (opts.topLevel ?? []).filter((n) => n !== opts.configName && !at.skip.has(n))
    .map((name) => {
      const text = repo.sources.find((s) => s.isConfig(name))?.read(name)?.text ?? "";
      return { name, hasDefaults: text.includes("defaults"), ownList: hasDefaultsList(text) };
    });
  top.sort((a, b) => Number(b.hasDefaults) - Number(a.hasDefaults));
  // composed as a primary already (not only read by another)
  const composed = (name: string) =>
    plans.some((p) => p.configName === name && p.overrides.length === 0);
  for (const { name, ownList } of top) {
    // one another includes is a part of it, unless runs name it too: it has a defaults list of
    // its own (dpr-scale's `nq`, which `nq_eval` includes), as with no primary config
    const alone = topLevelOnly === undefined && ownList && !composed(name);
    const part = read(name) && !alone;
    if (part || claimed.has(name) || (topLevelOnly && !topLevelOnly(name))) continue;
    const count = plans.length;
    add([], name);
    if (plans.length === count) { for (const n of namedConfigs(repo, name)) claimed.add(n); }
  }
  if (topLevelOnly) return;
  // a deep config validate itself added to a primary as an option (`+configs=train/t`) was read
  // there only: in a tree that names its primaries by path (deepAlone: sam2's training config) its
  // users compose it alone, so it still is; elsewhere it is an option (a nested experiment)
  const readAsPart = (name: string) =>
    opts.deepAlone
      ? plans.some((p) => p.files.has(fileOf(name)) && !p.overrides.some((o) => adds(o, name)))
      : read(name);
  for (const name of opts.deepPrimaries ?? []) {
    if (!readAsPart(name) && !at.skip.has(name) && !at.named(name)) add([], name);
  }
}

/** Whether the override `+group=option` (or `+group@pkg=option`) adds the config `name`. */
function adds(override: string, name: string): boolean {
  const m = /^\+{1,2}([^=@~+]+)(?:@[^=]*)?=(.+)$/.exec(override);
  return m !== null && `${m[1]}/${m[2]}` === name;
}
