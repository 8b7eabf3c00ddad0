/**
 * What planning the compositions of `strata validate` reads from config files without building
 * a defaults tree: an option swapped in for another that cannot change which configs are chosen,
 * the primary config's own choices and the configs a defaults list names (when its tree does not
 * build), and the repository options are read from.
 *
 * @module
 */

import { resolve } from "../path.ts";
import { searchPathRepository } from "../compose/compose.ts";
import { isStrataError } from "../errors.ts";
import { readHeader, Repository } from "../compose/repository.ts";
import { instantiate } from "../compose/defaults_parse.ts";
import type { GroupDefault } from "../compose/element.ts";
import { mainSources } from "../compose/search_path.ts";
import type { Plan, PlanOptions } from "./plans.ts";
import { groupOf, overrideKeyOf } from "./plan_groups.ts";
import { choiceOverride } from "../override/format.ts";

/**
 * The plan of `owner` with group `g`'s option `from` replaced by `to` (at
 * the choice `key`: `g`, or `g@package`), without building a defaults tree,
 * when that cannot change which configs are chosen: `to` has no defaults
 * list and no choice of the owner is interpolated. Undefined when a
 * defaults tree is needed. `chosenElsewhere`: whether the owner chooses
 * `from` at another key too (its file stays read).
 *
 * @example
 * ```ts ignore
 * const swapped = swapOption(repo, owner, "db", "db", "mysql", "pg", ["db=pg"]);
 * ```
 */
export function swapOption(
  repo: Repository,
  owner: Plan,
  key: string,
  g: string,
  from: unknown,
  to: string,
  overrides: string[],
  unloadable?: ReadonlySet<string>,
  chosenElsewhere = true,
): Plan | undefined {
  if (typeof from !== "string" || owner.interpolatedChoices) return undefined;
  // Read, not parsed: a file without the word `defaults` has no defaults list.
  const read = (path: string) => repo.sources.find((s) => s.isConfig(path))?.read(path);
  try {
    const old = read(`${g}/${from}`);
    const now = read(`${g}/${to}`);
    if (!old || !now || now.text.includes("defaults") || old.text.includes("defaults")) {
      return undefined;
    }
    // one that does not load was read as empty by the owner's tree: its swap is built anew, so
    // that composing it does not read the file again (./composition_check.ts)
    if (unloadable?.has(resolve(old.file))) return undefined;
    // The package comes from the header: a different one moves the option elsewhere. A
    // byte-order mark hides the header from Hydra (the repository reads it so, and warns):
    // built anew (checker x26: a swap kept the header the mark hides, and passed the commit)
    if (old.bom === true || now.bom === true) return undefined;
    if (readHeader(old.text).package !== readHeader(now.text).package) return undefined;
    const files = new Set(owner.files);
    // An option chosen at a package of its own (`db@src`) may be chosen at another one too:
    // kept when the owner chooses it at another key (or the caller cannot tell)
    if (key === g || !chosenElsewhere) files.delete(resolve(old.file));
    files.add(resolve(now.file));
    return {
      overrides,
      ...(owner.configName !== undefined ? { configName: owner.configName } : {}),
      files,
      groups: owner.groups,
      interpolatedChoices: false,
      swap: { owner, group: g, key, from, to },
    };
  } catch {
    return undefined; // a file that does not load: the defaults tree reports it
  }
}

/**
 * The groups the primary config's own defaults list chooses, and their
 * options, read without building the defaults tree (which failed). Groups
 * the user's or `base`'s overrides already choose are left out.
 *
 * @example
 * ```ts ignore
 * for (const { group, key, choice } of primaryChoices(opts, [])) console.log(group, key, choice);
 * ```
 */
export function primaryChoices(
  opts: PlanOptions,
  base: string[],
): { group: string; key: string; choice: string }[] {
  const given = [...(opts.overrides ?? []), ...base];
  try {
    const repo = searchPathRepository(
      { configDir: opts.configDir, configName: opts.configName, searchPath: opts.searchPath },
      [],
    );
    const out: { group: string; key: string; choice: string }[] = [];
    const name = opts.configName ?? "";
    for (const d of (opts.configName === null ? undefined : repo.load(name))?.defaults ?? []) {
      if (d.kind !== "group" || d.override || typeof d.value !== "string") continue;
      // `db@src: mysql` is swapped by `db@src=pg` (`db=pg` names no entry of the list), but
      // `model/peft@model.peft: lora` by `model/peft=none`: Hydra's override key of the entry
      const el = instantiate(d) as GroupDefault;
      el.updateParent(name.slice(0, Math.max(0, name.lastIndexOf("/"))), "");
      const key = el.overrideKey();
      const group = groupOf(key);
      if (given.some((t) => overrideKeyOf(t) === key)) continue;
      out.push({ group, key, choice: d.value });
    }
    return out;
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return []; // a primary config that does not load: reported already
  }
}

/**
 * The primary's options lists (`- callbacks: [rich, summry]`) that name an option `exists` says is
 * not there, with the options that are: the override that composes the primary without them
 * (`callbacks=[rich]`), so its other groups are still tried in it (checker v37).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listRepairs } from "./plan_reads.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/train.yaml", "defaults:\n  - cb: [a, bb]\n  - _self_\n");
 * const opts = { configDir: dir, configName: "train", searchPath: [], groups: new Map() };
 * assert.deepEqual(listRepairs(opts, [], (_g, o) => o === "a"), ["cb=[a]"]);
 * ```
 */
export function listRepairs(
  opts: PlanOptions,
  base: string[],
  exists: (group: string, option: string) => boolean,
): string[] {
  const given = [...(opts.overrides ?? []), ...base];
  try {
    const repo = searchPathRepository(
      { configDir: opts.configDir, configName: opts.configName, searchPath: opts.searchPath },
      [],
    );
    const out: string[] = [];
    const name = opts.configName ?? "";
    for (const d of (opts.configName === null ? undefined : repo.load(name))?.defaults ?? []) {
      if (d.kind !== "group" || d.override || !Array.isArray(d.value)) continue;
      const el = instantiate(d) as GroupDefault;
      el.updateParent(name.slice(0, Math.max(0, name.lastIndexOf("/"))), "");
      const key = el.overrideKey();
      const group = groupOf(key);
      if (given.some((t) => overrideKeyOf(t) === key)) continue;
      const present = d.value.filter((o) => exists(group, o));
      if (present.length === d.value.length) continue;
      const items = present.map((o) => choiceOverride("", o).slice(1));
      out.push(`${key}=[${items.join(",")}]`);
    }
    return out;
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return []; // a primary config that does not load: reported already
  }
}

/**
 * The configs a defaults list names as configs (`- shared`, `- /base_eval`), read without building
 * the defaults tree: when the tree of `name` does not build, they are still its, not primaries of
 * their own.
 *
 * @example
 * ```ts ignore
 * const claimed = new Set(namedConfigs(planRepository(opts), "eval")); // ["base_eval"]
 * ```
 */
export function namedConfigs(repo: Repository, name: string): string[] {
  try {
    const dir = name.slice(0, Math.max(0, name.lastIndexOf("/")));
    return (repo.load(name)?.defaults ?? []).flatMap((d) => {
      if (d.kind !== "config" || d.path === "_self_") return [];
      const el = instantiate(d);
      el.updateParent(dir, "");
      return [el.configPath()];
    });
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return []; // a config that does not load: reported already
  }
}

/**
 * The repository options are read from: the search path with the primary's `hydra.searchpath`.
 *
 * @example
 * ```ts ignore
 * const repo = planRepository({ configDir: "conf", configName: "config", searchPath: [], groups });
 * ```
 */
export function planRepository(opts: PlanOptions): Repository {
  try {
    return searchPathRepository(
      {
        configDir: opts.configDir,
        configName: opts.configName,
        searchPath: opts.searchPath,
        // a primary that does not load (one too big: parsing it takes minutes) holds no search path
        ...(opts.unloadable ? { unloadable: { files: opts.unloadable, read: new Set() } } : {}),
      },
      [],
    );
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return new Repository(mainSources(opts.configDir, opts.searchPath));
  }
}

/**
 * `a/b/../c` → `a/c`, as the realpath Hydra opens a joined config path by names it; without a
 * `.yaml` (`- /datamodule/_features.yaml` includes the option `datamodule/_features`, as Hydra
 * reads the name: checker w57).
 */
function normalizeConfigPath(path: string): string {
  if (path.endsWith(".yaml")) path = path.slice(0, -".yaml".length);
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "" && part !== ".") out.push(part);
  }
  return out.join("/");
}

/** What the defaults lists of a tree name, read from the files themselves: see {@link namedInTree}. */
export interface NamedInTree {
  /** The configs some defaults list includes as configs (`- /augmentations/default`, `- ../base`). */
  included: Set<string>;
  /** For each of {@link NamedInTree.included}, the configs whose defaults lists include it. */
  includedBy: Map<string, Set<string>>;
  /** Those and the options some defaults list chooses (`- /augmentations: default`). */
  named: Set<string>;
  /** The groups some defaults list chooses an option of (`augmentations`; `nn/data` for nn/x.yaml's `data: y`). */
  groups: Set<string>;
}

/**
 * The configs the defaults lists of every config of the tree name, read from each file without
 * building a defaults tree: whether a config is some other config's part must not depend on which
 * compositions built (a broken file elsewhere must not turn an included config into one tried on
 * its own). A relative entry is joined to every directory its config may be read from (its own,
 * as a config default; its group's, as an option in a sub-directory), so both readings count.
 * Overrides (`override /dset: x`) name a choice another list made: left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { namedInTree } from "./plan_reads.ts";
 * import { Repository } from "../compose/repository.ts";
 * import { mainSources } from "../compose/search_path.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/solver/comp", { recursive: true });
 * Deno.writeTextFileSync(dir + "/solver/default.yaml", "a: 1\n");
 * Deno.writeTextFileSync(dir + "/solver/comp/base.yaml", "defaults:\n  - ../default\n  - /aug: x\n");
 * const repo = new Repository(mainSources(dir, []));
 * const { included, named } = namedInTree(repo, ["solver/comp/base", "solver/default"]);
 * assert.ok(included.has("solver/default"));
 * assert.ok(!included.has("aug/x") && named.has("aug/x"));
 * ```
 */
export function namedInTree(repo: Repository, configs: Iterable<string>): NamedInTree {
  const included = new Set<string>();
  const includedBy = new Map<string, Set<string>>();
  const named = new Set<string>();
  const groups = new Set<string>();
  for (const name of configs) {
    let defaults;
    try {
      defaults = repo.defaultsOf(name) ?? [];
    } catch (e) {
      if (!isStrataError(e)) throw e;
      continue; // a config that does not load: reported already
    }
    const dirs: string[] = [];
    for (let at = name.lastIndexOf("/"); at > 0; at = name.lastIndexOf("/", at - 1)) {
      dirs.push(name.slice(0, at));
    }
    if (dirs.length === 0) dirs.push("");
    for (const d of defaults) {
      if (d.kind === "config" && d.path === "_self_") continue;
      // an entry that overrides a group's choice or leaves it empty (`experiment: null`) names
      // no option, but the group is one
      const names = d.kind === "config" || !(d.override || d.value === null);
      for (const dir of dirs) {
        try {
          const el = instantiate(d);
          el.updateParent(dir, "");
          if (d.kind === "group") groups.add(el.groupPath());
          if (!names) continue;
          const paths = d.kind === "group" && Array.isArray(d.value)
            ? d.value.map((v) => `${el.groupPath()}/${v}`)
            : [el.configPath()];
          for (const p of paths.map(normalizeConfigPath)) {
            named.add(p);
            if (d.kind === "config") {
              included.add(p);
              const by = includedBy.get(p);
              if (by === undefined) includedBy.set(p, new Set([name]));
              else by.add(name);
            }
          }
        } catch (e) {
          if (!isStrataError(e)) throw e;
        }
      }
    }
  }
  return { included, includedBy, named, groups };
}

/**
 * Whether a config's text has a top-level `defaults:` list: a top-level config with one is a
 * primary runs name, even when another includes it (see ./plan_primaries.ts, validate.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasDefaultsList } from "./plan_reads.ts";
 * assert.ok(hasDefaultsList("defaults:\n  - db: a\n"));
 * assert.ok(!hasDefaultsList("model:\n  defaults: 1\n"));
 * ```
 */
export function hasDefaultsList(text: string): boolean {
  return /^defaults\s*:/m.test(text);
}

/**
 * Whether a group's option reads as a primary config of its own directory: its defaults list
 * overrides Hydra's groups relatively (`- override hydra/job_logging: disabled`), which in an
 * option names its own group's sub-group (`data_conf/hydra/job_logging`), so that only an app
 * run with `config_path` at that directory composes it (a nested `data_conf/config.yaml`).
 * `hydraSubgroup` says whether the group has a `hydra` sub-directory, where the entry would be
 * the group's own.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readsAsOwnPrimary } from "./plan_reads.ts";
 * assert.ok(readsAsOwnPrimary("defaults:\n  - _self_\n  - override hydra/job_logging: disabled\n", false));
 * assert.ok(!readsAsOwnPrimary("defaults:\n  - override /hydra/job_logging: disabled\n", false));
 * assert.ok(!readsAsOwnPrimary("defaults:\n  - override hydra/job_logging: x\n", true));
 * ```
 */
export function readsAsOwnPrimary(text: string, hydraSubgroup: boolean): boolean {
  return !hydraSubgroup && hasDefaultsList(text) &&
    /^\s*-\s*override\s+hydra\/[\w/.-]+\s*:/m.test(text);
}
