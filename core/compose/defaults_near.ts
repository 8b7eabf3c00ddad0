/**
 * Did-you-mean for a defaults entry whose config is not there: the options,
 * groups, nested options and config paths nearest what the entry writes, as
 * it writes them (so a suggestion can be written back).
 *
 * @module
 */

import { suggest } from "../suggest.ts";
import { GroupDefault, type InputDefault } from "./element.ts";
import type { Repository } from "./repository.ts";

/**
 * Did-you-mean for a config that is not there: the group's options nearest
 * its name; for a group that is not there either (`server/sit`), the nearest
 * groups beside it (`server/site`); for a config entry (`- defualt`), the
 * configs beside it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nearConfigs } from "./defaults_near.ts";
 * import { ConfigDefault } from "./element.ts";
 * import { Repository } from "./repository.ts";
 * import { DirSource } from "./source.ts";
 * const repo = new Repository([new DirSource("examples/llm-finetune/conf")]);
 * const el = new ConfigDefault("/optimiser/adamw");
 * el.updateParent("", "");
 * assert.deepEqual(nearConfigs(repo, el, []), ["/optimizer/adamw"]);
 * ```
 */
export function nearConfigs(repo: Repository, el: InputDefault, options: string[]): string[] {
  // the sub-directories of `hydra` are Hydra's own groups (hydra/env, hydra/help): no option of
  // `hydra` a user means (`hydra: default` is a file the app ships, or lacks)
  // a config named by its path (`- /base/simbase@_here_`): a near name with the directories the
  // entry writes, so it can be written back (checker w42)
  const entryPath = el instanceof GroupDefault || (el as { listItem?: boolean }).listItem
    ? ""
    : (el as { path?: string }).path ?? "";
  const asWritten = (name: string) => entryPath.slice(0, entryPath.lastIndexOf("/") + 1) + name;
  const nestedOf = (group: string) =>
    group === "hydra" ? [] : nearNestedOptions(repo, group, el.name() ?? "");
  if (options.length > 0) {
    // `model=symnc.yaml` (rl4co writes its defaults so); `hyena-150b` cut short of
    // `hyena-150b-tokens` (safari's README)
    const name = (el.name() ?? "").replace(/\.yaml$/, "");
    let near = suggest(name, options);
    // renamed with a suffix (`adam` now `adam_v2`): beside the near spellings (checker v57)
    const renamed = name.length < 3
      ? []
      : options.filter((o) =>
        o.startsWith(name) && /^[-_.]/.test(o.slice(name.length)) && !near.includes(o)
      );
    near = [...near, ...renamed].slice(0, 3);
    if (near.length === 0 && name.length >= 3) {
      near = options.filter((o) => o.startsWith(name)).slice(0, 3);
    }
    if (!(el instanceof GroupDefault)) return near.map(asWritten);
    return near.length > 0 ? near : nestedOf(el.groupPath());
  }
  const path = el instanceof GroupDefault ? el.groupPath() : el.configPath();
  const slash = path.lastIndexOf("/");
  const dir = slash === -1 ? "" : path.slice(0, slash);
  // `- /experiments/dataset_catalg.yaml`: named with its extension, listed without
  const base = path.slice(slash + 1).replace(/\.yaml$/, "");
  if (el instanceof GroupDefault) {
    // a group whose options all lie in sub-directories; or none, its directory empty: its name
    // is no typo, and another group's (`model/encoder` for `model/decoder`) no mend (checker v52)
    if (repo.groupExists(el.groupPath())) return nestedOf(el.groupPath());
    // spelt as the entry writes its group (`../optim` in actor/dp_actor.yaml, not the path
    // `actor/../optim` Hydra's message names), so it can be written back as suggested
    const written = el.group.slice(0, el.group.lastIndexOf("/") + 1);
    const groups = repo.groupOptions(dir, "group");
    const near = suggest(base, groups);
    // none spelt near: a group beside it that holds the option (`adapt` renamed `adapter`);
    // not Hydra's, and not by an option name every group may hold (`default`: in
    // lightning-hydra-template's callbacks, logger, trainer..., none of them meant)
    const name = (el.name() ?? "").replace(/\.yaml$/, "");
    const holding = near.length > 0 || name === "" || COMMON_OPTION_NAMES.includes(name)
      ? near
      : groups.filter((g) =>
        !(dir === "" && g === "hydra") &&
        repo.groupOptions(dir === "" ? g : `${dir}/${g}`).includes(name)
      ).slice(0, 3);
    return holding.map((g) => written + g);
  }
  // a directory on the way misspelt (`params/scenario/figure_eight` for `params/scenarios/`):
  // the config path with it mended, as the entry writes it (checker v47)
  const near = repo.groupExists(dir) || dir === ""
    ? suggest(base, repo.groupOptions(dir)).map(asWritten)
    : nearPath(repo, dir, base).map((p) => {
      const kept = entryPath.replace(/^\//, "").split("/").length;
      return (entryPath.startsWith("/") ? "/" : "") + p.split("/").slice(-kept).join("/");
    });
  // none spelt near: a group beside it holding that option (`- 250M-opt` where the items of
  // `- model:` lost their indent; checker x43), not by a name every group may hold
  const holding = near.length > 0 || COMMON_OPTION_NAMES.includes(base) ||
      !(dir === "" || repo.groupExists(dir))
    ? []
    : repo.groupOptions(dir, "group").filter((g) =>
      !(dir === "" && g === "hydra") &&
      repo.groupOptions(dir === "" ? g : `${dir}/${g}`).includes(base)
    ).slice(0, 3).map((g) => asWritten(`${g}/${base}`));
  // `- _self` (or `- self_`) is the keyword `_self_` misspelt, wherever the list is
  return suggest(base, ["_self_"]).length > 0 ? ["_self_", ...near] : [...near, ...holding];
}

/**
 * The config paths near `dir/base` whose directories are there: each missing directory on the way
 * replaced by the one spelt nearest beside it (only when one is), then `base` among its configs.
 */
function nearPath(repo: Repository, dir: string, base: string): string[] {
  let at = "";
  for (const seg of dir.split("/")) {
    const next = at === "" ? seg : `${at}/${seg}`;
    if (repo.groupExists(next)) {
      at = next;
      continue;
    }
    const near = suggest(seg, repo.groupOptions(at, "group"));
    if (near.length !== 1) return [];
    at = at === "" ? near[0] : `${at}/${near[0]}`;
  }
  const options = repo.groupOptions(at);
  const names = options.includes(base) ? [base] : suggest(base, options);
  return names.map((n) => `${at}/${n}`);
}

/** Option names many groups hold alike: no sign of which group a missing one meant. */
const COMMON_OPTION_NAMES = ["default", "defaults", "base", "none", "null", "basic", "local"];

/** How many nested options {@link nearNestedOptions} looks at (an error's hint, not a scan). */
const NESTED_OPTIONS = 5000;

/**
 * The configs in the sub-directories of `dir` (the tree's top for ""), as
 * paths from `dir`, at most {@link NESTED_OPTIONS}; at the top, Hydra's own
 * `hydra/` groups are left out (none of them is a primary config).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configsBelow } from "./defaults_near.ts";
 * import { Repository } from "./repository.ts";
 * import { DirSource } from "./source.ts";
 * const repo = new Repository([new DirSource("examples/llm-finetune/conf")]);
 * assert.ok(configsBelow(repo, "").includes("optimizer/adamw"));
 * ```
 */
export function configsBelow(repo: Repository, dir: string): string[] {
  const out: string[] = [];
  const at = (sub: string) => (dir === "" ? sub : sub === "" ? dir : `${dir}/${sub}`);
  const visit = (sub: string) => {
    for (const g of repo.groupOptions(at(sub), "group")) {
      if (out.length >= NESTED_OPTIONS) return;
      const path = sub === "" ? g : `${sub}/${g}`;
      if (dir === "" && path === "hydra") continue;
      for (const o of repo.groupOptions(at(path))) out.push(`${path}/${o}`);
      visit(path);
    }
  };
  visit("");
  return out;
}

/**
 * Did-you-mean among the options in a group's sub-directories (`lra/s4-lra-listops` for
 * `experiment=s4-lra-listops`), which Hydra's "Available options" leaves out: those with
 * the name's last part as theirs, else the nearest by path, else by last part.
 */
function nearNestedOptions(repo: Repository, group: string, name: string): string[] {
  const nested = configsBelow(repo, group);
  const baseOf = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  const base = baseOf(name);
  const same = nested.filter((p) => baseOf(p) === base && p !== name);
  if (same.length > 0) return same.slice(0, 3);
  // the name of a sub-directory of options (`leduc_holdem` for `leduc_holdem/default`): its
  // options, a `default` first (checker v48)
  const inside = nested.filter((p) =>
    p.startsWith(name + "/") && !p.slice(name.length + 1).includes("/")
  )
    .sort((a, b) => Number(baseOf(b) === "default") - Number(baseOf(a) === "default"));
  if (inside.length > 0) return inside.slice(0, 3);
  const near = suggest(name, nested);
  if (near.length > 0) return near;
  const byBase = new Set(suggest(base, nested.map(baseOf)));
  return nested.filter((p) => byBase.has(baseOf(p))).slice(0, 3);
}
