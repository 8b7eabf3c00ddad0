/**
 * What planning the compositions of `strata validate` asks of the config tree itself, whatever
 * was composed so far: which options are parts other configs include, which sub-directories are
 * groups of their own, what an option's defaults list overrides. Each answer reads files only,
 * once, when first asked.
 *
 * @module
 */

import type { Problem } from "./problems.ts";
import { resolve } from "../path.ts";
import { canonicalKey } from "../node.ts";
import { DirSource } from "../compose/source.ts";
import type { Repository } from "../compose/repository.ts";
import type { Plan, PlanOptions } from "./plan_types.ts";
import { namedInTree, readsAsOwnPrimary } from "./plan_reads.ts";
import { readFileText } from "../file_overlay.ts";

/**
 * The config tree's facts planning reads, computed lazily.
 *
 * @example
 * ```ts ignore
 * const facts = new TreeFacts(opts, planRepository(opts));
 * facts.partOnly("model", "_base"); // true: a base the group's options include
 * ```
 */
export class TreeFacts {
  #inTree: ReturnType<typeof namedInTree> | undefined;
  #keyed = new Map<string, boolean>();
  #unloadableTexts: Map<string, string[]> | undefined;

  /** Facts of the tree `repo` reads, for the validation `opts` describe. */
  constructor(readonly opts: PlanOptions, readonly repo: Repository) {}

  /** What the tree's defaults lists name, read once, when first asked. */
  tree(): ReturnType<typeof namedInTree> {
    const opts = this.opts;
    return this.#inTree ??= namedInTree(this.repo, [
      ...[...opts.groups].flatMap(([g, options]) => options.map((o) => `${g}/${o}`)),
      ...(opts.topLevel ?? []),
      ...(opts.configName === null ? [] : [opts.configName]),
    ]);
  }

  /**
   * Whether a config reads (one that does not is read as empty: a `???` filled with it would
   * leave the primary's own values unchecked while it is broken, checker w41).
   */
  reads(path: string): boolean {
    try {
      const file = this.repo.load(path)?.file;
      return file === undefined || !this.opts.unloadable?.has(resolve(file));
    } catch {
      return false;
    }
  }

  /**
   * Whether option `o` of `g` is a part other configs include and not a choice of its own: one
   * another group's config includes (audiocraft's `augmentations/default`, which reads what the
   * solver including it sets) is checked where it is included. One that only its own group's
   * options include is an option that others extend (sheeprl's `exp/ppo`, which
   * `exp/ppo_recurrent` includes, run as `exp=ppo`): composed alone too. A base named `_...`
   * (`model/_base`, with the `???` its extensions fill) or one in a sub-directory of the group
   * that a config elsewhere includes (its relative entries read from the group's directory,
   * chosen alone) or one holding a `???` its extensions fill is a part.
   */
  partOnly(g: string, o: string): boolean {
    const by = this.tree().includedBy.get(`${g}/${o}`);
    if (by === undefined) return false;
    const base = o.split("/").at(-1)!;
    if (base.startsWith("_") || this.#holdsMandatory(`${g}/${o}`)) return true;
    const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf("/")));
    if (!o.includes("/")) return [...by].some((c) => dirOf(c) !== g);
    // in a sub-directory, a part unless only the configs beside it include it and it has no
    // relative entry (read from the group's directory when it is chosen alone, from its own
    // when included): an experiment another beside it extends (`exp/g/child` over `exp/g/base`)
    // is run alone too (checker w66)
    const dir = dirOf(`${g}/${o}`);
    return [...by].some((c) => dirOf(c) !== dir) || this.#hasRelativeEntries(`${g}/${o}`);
  }

  /** Whether a config's defaults list has an entry other than `_self_` not starting with `/`. */
  #hasRelativeEntries(configPath: string): boolean {
    let defaults;
    try {
      defaults = this.repo.defaultsOf(configPath) ?? [];
    } catch {
      return true; // (one that does not load is reported where it is read)
    }
    return defaults.some((d) =>
      d.kind === "config"
        ? d.path !== "_self_" && !d.path.startsWith("/")
        : !d.group.startsWith("/")
    );
  }

  /** Whether option `o` of `g` is one other options extend, composed alone too. */
  extended(g: string, o: string): boolean {
    return this.tree().includedBy.has(`${g}/${o}`) && !this.partOnly(g, o);
  }

  /** A base with holes its extensions fill (sheeprl's `exp/default`, `env/default`: `???`). */
  #holdsMandatory(configPath: string): boolean {
    const source = this.repo.sources.find((s) => s.isConfig(configPath));
    if (!(source instanceof DirSource)) return false;
    try {
      return readFileText(source.pathOf(configPath)).includes("???");
    } catch {
      return false;
    }
  }

  /**
   * Whether `o`, in a sub-directory of `g` (`legacy/task/a`), is an option of a group a defaults
   * list chooses there (`legacy/task`), not one of `g`'s.
   */
  chosenSubgroup(g: string, o: string): boolean {
    const parts = o.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (this.tree().groups.has([g, ...parts.slice(0, i + 1)].join("/"))) return true;
      if (this.#keyedSubgroup([g, ...parts.slice(0, i)].join("/"), parts[i])) return true;
    }
    return false;
  }

  /**
   * A sub-directory named as a key of its directory's own options (MatterGen's
   * model/mattergen.yaml holds `property_embeddings: {}`, filled from model/property_embeddings/
   * with `+.../property_embeddings@...property_embeddings.x=x`) is a group for that key: its
   * configs are no options of the directory's group (checker x24: 16 false errors).
   */
  #keyedSubgroup(dir: string, name: string): boolean {
    const id = `${dir}\0${name}`;
    let found = this.#keyed.get(id);
    if (found === undefined) {
      found = (this.opts.groups.get(dir) ?? []).some((own) => {
        try {
          const c = this.repo.load(`${dir}/${own}`)?.config;
          return c?.kind === "dict" && c.entries.has(canonicalKey(name));
        } catch {
          return false; // a file that does not load is reported on its own
        }
      });
      this.#keyed.set(id, found);
    }
    return found;
  }

  /** The groups option `o` of `g`'s defaults list overrides (`override /db: a`). */
  overriddenBy(g: string, o: string): Set<string> {
    let defaults;
    try {
      defaults = this.repo.load(`${g}/${o}`)?.defaults ?? [];
    } catch {
      return new Set(); // a file that does not load is reported on its own
    }
    return new Set(
      defaults.flatMap((r) => r.kind === "group" && r.override ? [r.group.replace(/^\//, "")] : []),
    );
  }

  /**
   * `/hydra/callbacks: [my_callback]` in the primary beside Hydra's own `callbacks: null`: a
   * swap `hydra/callbacks=x` makes the key twice ("appears more than once"), as in Hydra, in a
   * composition no user makes: the owner composes the group's options through its list
   * (checker v43).
   */
  listedTwice(p: Problem, owner: Plan, g: string): boolean {
    if (!p.message.startsWith(`${g} appears more than once in the final defaults list`)) {
      return false;
    }
    return (this.opts.groups.get(g) ?? []).some((o) => {
      const source = this.repo.sources.find((s) => s.isConfig(`${g}/${o}`));
      return source instanceof DirSource && owner.files.has(resolve(source.pathOf(`${g}/${o}`)));
    });
  }

  /**
   * Whether `o`, an option of `g` in a sub-directory (`data/default`), is an option of that
   * sub-directory's own group instead: a defaults list names it so (nn/default.yaml's
   * `data: default`, whether a `~nn/data` deleted the entry or not), or a config that does not
   * load sits above it and may (Hydra lists only `nn/*.yaml` as nn's options: `nn=data/default`
   * is no composition a user makes).
   */
  subgroupOption(g: string, o: string): boolean {
    const parts = o.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (this.#unloadableNames([g, ...parts.slice(0, i)].join("/"), parts[i])) return true;
    }
    // a sibling of the option is chosen as the sub-directory's own group's (umi's
    // legacy/main.yaml: `task: b`, legacy/task/a is `legacy/task=a`, not `+legacy=task/a`)
    return this.chosenSubgroup(g, o);
  }

  /**
   * Whether a config of `dir` that does not load names `name` (a word of its text): a broken
   * `model/b.yaml` that never says `sub` does not make `model/sub` a group (checker v29). Its
   * defaults list, unread, may choose the sub-directories beside it as groups of their own.
   */
  #unloadableNames(dir: string, name: string): boolean {
    return this.#unloadable().get(dir)?.some((t) => namesWord(t, name)) ?? false;
  }

  /** The directories holding a config that does not load, with its text. */
  #unloadable(): Map<string, string[]> {
    if (this.#unloadableTexts !== undefined) return this.#unloadableTexts;
    const texts = new Map<string, string[]>();
    if (this.opts.unloadable?.size) {
      for (const [g, options] of this.opts.groups) {
        for (const o of options) {
          const source = this.repo.sources.find((s) => s.isConfig(`${g}/${o}`));
          const file = source instanceof DirSource ? resolve(source.pathOf(`${g}/${o}`)) : "";
          if (!this.opts.unloadable.has(file)) continue;
          const dir = `${g}/${o}`.replace(/\/[^/]*$/, "");
          let text = "";
          try {
            text = readFileText(file);
          } catch { /* unreadable: it names nothing */ }
          texts.set(dir, [...texts.get(dir) ?? [], text]);
        }
      }
    }
    return this.#unloadableTexts = texts;
  }

  /**
   * A directory whose every config's `# @package` header puts it outside its group's package
   * (`data/biomass_data/*.yaml`: `# @package biomass_data`) is no folder of that group's options.
   */
  placedElsewhere(dir: string): boolean {
    const group = dir.slice(0, dir.lastIndexOf("/")).replaceAll("/", ".");
    const options = this.opts.groups.get(dir) ?? [];
    return options.length > 0 && options.every((o) => {
      const header = this.repo.packageHeaderOf(`${dir}/${o}`);
      return header !== null && !header.includes("_group_") && header !== group &&
        !header.startsWith(group + ".");
    });
  }

  /**
   * Whether `configPath` is a primary of its own directory (`data_conf/config.yaml`, whose list
   * overrides `hydra/job_logging`): `+data_conf=config` is no run of it.
   */
  ownDirPrimary(configPath: string): boolean {
    const source = this.repo.sources.find((s) => s.isConfig(configPath));
    if (!(source instanceof DirSource)) return false;
    const dir = configPath.slice(0, configPath.lastIndexOf("/"));
    try {
      const text = readFileText(source.pathOf(configPath));
      const hydra = `${dir}/hydra`;
      const sub = [...this.opts.groups.keys()].some((k) =>
        k === hydra || k.startsWith(`${hydra}/`)
      );
      return readsAsOwnPrimary(text, sub);
    } catch {
      return false;
    }
  }

  /** Whether config `name` lies below a group some defaults list chooses. */
  underChosenGroup(name: string): boolean {
    for (let at = name.lastIndexOf("/"); at > 0; at = name.lastIndexOf("/", at - 1)) {
      if (this.tree().groups.has(name.slice(0, at))) return true;
    }
    return false;
  }

  /** The file option `o` of `g` is read from, resolved; "" when not from a directory. */
  fileOf(g: string, o: string): string {
    const source = this.repo.sources.find((s) => s.isConfig(`${g}/${o}`));
    return source instanceof DirSource ? resolve(source.pathOf(`${g}/${o}`)) : "";
  }
}

/**
 * Whether `text` holds `name` as a word of its own (not inside a longer name).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { namesWord } from "./plan_facts.ts";
 * assert.equal(namesWord("defaults:\n  - sub: a\n", "sub"), true);
 * assert.equal(namesWord("subway: 1\n", "sub"), false);
 * ```
 */
export function namesWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? " ", after = text[at + name.length] ?? " ";
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
  }
  return false;
}
