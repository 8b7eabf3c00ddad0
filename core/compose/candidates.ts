/**
 * What can complete an override being typed: group names (`model=`), a
 * group's options (`model=gpt2`), config keys (`optimizer.lr=`) read from the
 * composed config, and a key's current value. Shell completion asks for these
 * on every TAB, so nothing here may throw: a conf tree that does not compose
 * still completes its groups, told apart by what its defaults lists still say.
 *
 * @module
 */

import type { VersionBase } from "./version_base.ts";
import {
  canonicalKey,
  dict,
  type Key,
  keyText,
  type Node,
  originOf,
  type ValueNode,
} from "../node.ts";
import { splitKey } from "../ops/select.ts";
import { nodeAt } from "../ops/walk.ts";
import { leafText } from "../output/flat.ts";
import { isOverrideKeySegment } from "../override/format.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { type Composition, defaultsTree, searchPathRepository } from "./compose.ts";
import { instantiate } from "./defaults_parse.ts";
import { Repository } from "./repository.ts";
import { composeStandingIn } from "./stand_ins.ts";
import { mainSources } from "./search_path.ts";

/** A completion: the whole word and a short description. */
export interface Candidate {
  value: string;
  description: string;
}

/** Where to read groups and keys from. */
export interface CandidateSource {
  configDir: string;
  /** The primary config; null for none (`--no-config-name`). */
  configName: string | null;
  searchPath?: string[];
  /** Overrides already on the command line (group choices change the keys). */
  overrides?: string[];
  /** The version_base (`--version-base`, `.strata.yaml`): 1.1 puts `_group_` headers at the group. */
  versionBase?: VersionBase;
}

/** strata's schema directory (core/validate/tree.ts): no defaults list names it, so no group. */
const SCHEMA_DIR = "_schema";

/**
 * The groups under `group`, nested ones too. Hydra's own (`hydra/launcher`,
 * ...) only under `hydra`: at the top they are one `hydra/`, as Hydra offers them.
 */
function allGroups(repo: Repository, group = "", out: string[] = []): string[] {
  for (const sub of repo.groupOptions(group, "group")) {
    const path = group === "" ? sub : `${group}/${sub}`;
    if ((group === "" && path === "hydra") || path === SCHEMA_DIR) continue;
    out.push(path);
    allGroups(repo, path, out);
  }
  return out;
}

/**
 * The groups of one level, as Hydra's completion lists them: those directly under the group
 * `body` is typed in (up to its last `/`), each by its override keys that fit (`key=`), and,
 * when it has groups of its own below that fit, as `group/` (Hydra's bare `group` when it has
 * both), whose groups are listed once that is typed. A sub-directory is never listed beside
 * its parent: its options are the parent's too (`experiment=sub/x`, {@link optionsOf}).
 */
function groupsAtLevel(
  repo: Repository,
  body: string,
  keysOf: (group: string) => string[],
): { key: string; sub: boolean }[] {
  const slash = body.lastIndexOf("/");
  const parent = slash < 0 ? "" : body.slice(0, slash);
  const out: { key: string; sub: boolean }[] = [];
  for (const name of repo.groupOptions(parent, "group")) {
    const group = parent === "" ? name : `${parent}/${name}`;
    if ((parent === "" && group === "hydra") || group === SCHEMA_DIR) continue;
    for (const key of keysOf(group)) out.push({ key, sub: false });
    if (allGroups(repo, group).some((g) => keysOf(g).length > 0)) {
      out.push({ key: group, sub: true });
    }
  }
  return out;
}

/** The whole config as `strata explain` and `-p` read it: the job's keys and the `hydra` node. */
function withHydra(c: Composition | undefined): Node | undefined {
  if (c === undefined) return undefined;
  const out = dict([...c.config.entries.values()].map((e): [Key, Node] => [e.key, e.node]));
  if (c.hydra.entries.size > 0) {
    out.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  }
  return out;
}

/** The overrides of the line that parse (an unfinished one is left out). */
function parsedOverrides(texts: string[]): Override[] {
  const out: Override[] = [];
  texts.forEach((t, i) => {
    try {
      out.push(parseOverride(t, i));
    } catch {
      // an override still being typed
    }
  });
  return out;
}

/**
 * The repository a composition reads: the config dir, `--search-path` and the
 * primary config's `hydra.searchpath`; without the latter when the primary
 * cannot be read (a YAML error), so its groups still complete.
 */
function repository(src: CandidateSource): Repository | undefined {
  const options = {
    configDir: src.configDir,
    configName: src.configName,
    searchPath: src.searchPath,
  };
  for (const overrides of [parsedOverrides(src.overrides ?? []), []]) {
    try {
      return searchPathRepository(options, overrides);
    } catch {
      // the primary config, or a hydra.searchpath override, does not read
    }
  }
  try {
    return new Repository(mainSources(src.configDir, src.searchPath ?? []));
  } catch {
    return undefined;
  }
}

/** The groups a defaults list names, by override key (`db`, `augment@data.transforms`), with their choice when known. */
type NamedGroups = Map<string, string | null | undefined>;

/**
 * The groups the defaults lists name when the config does not compose: its
 * defaults tree's when that still builds (the failure came later, in a merge
 * or a value), else the primary config's own entries and hydra/config's (an
 * option missing further down); undefined when not even the primary reads.
 */
function namedGroups(src: CandidateSource, repo: Repository): NamedGroups | undefined {
  const base = {
    configDir: src.configDir,
    configName: src.configName,
    searchPath: src.searchPath,
    versionBase: src.versionBase,
  };
  for (const overrides of [src.overrides ?? [], []]) {
    try {
      return new Map(defaultsTree({ ...base, overrides }).choices);
    } catch {
      // as in composed(): try without the line's overrides, then the primary alone
    }
  }
  try {
    const primary = src.configName === null ? undefined : repo.load(src.configName);
    if (primary === undefined) return undefined;
    const groups: NamedGroups = new Map();
    // Hydra's own groups are named by hydra/config's defaults list, under `hydra`
    const lists = [[primary, ""], [repo.load("hydra/config"), "hydra"]] as const;
    for (const [config, base] of lists) {
      for (const raw of config?.defaults ?? []) {
        if (raw.kind !== "group") continue;
        const d = instantiate(raw);
        d.updateParent(base, base);
        groups.set(d.overrideKey(), undefined);
      }
    }
    return groups;
  } catch {
    return undefined;
  }
}

/** The group of an override key: `augment@data.transforms` is group `augment`'s. */
function groupOfKey(key: string): string {
  return key.split("@")[0];
}

/**
 * The options of `group` as `group=` completes them. A sub-directory the defaults lists name
 * as a group (`agent/network`) holds another group's options; any other holds options of this
 * one (`env=atari/pong`, which Hydra composes; its own completion offers none): offered when
 * no option of the group's own starts with `value` (none at all, or `value` goes down a
 * directory) or the group's choice is one of them; else each such directory is (`atari/`).
 */
function optionsOf(
  repo: Repository,
  group: string,
  named: NamedGroups | undefined,
  value: string,
  choice: string | null | undefined,
): string[] {
  const own = repo.groupOptions(group);
  const isNamed = (dir: string) =>
    named !== undefined &&
    [...named.keys()].some((k) => groupOfKey(k) === dir || groupOfKey(k).startsWith(dir + "/"));
  const nested = (dir: string, prefix: string): string[] =>
    repo.groupOptions(dir, "group").flatMap((sub) =>
      isNamed(`${dir}/${sub}`) ? [] : [
        ...repo.groupOptions(`${dir}/${sub}`).map((o) => `${prefix}${sub}/${o}`),
        ...nested(`${dir}/${sub}`, `${prefix}${sub}/`),
      ]
    );
  const all = [...own, ...nested(group, "")];
  if (!own.some((o) => o.startsWith(value)) || choice?.includes("/")) return all;
  // with options of its own, a sub-directory's are offered as the directory (`musicgen/`, a
  // prefix to go on with, as shells offer directories): every solver of a tree whose solvers
  // all sit in sub-directories is reached, without listing them all beside the group's own
  const dirs = all.filter((o) => o.includes("/") && o.startsWith(value))
    .map((o) => o.slice(0, o.indexOf("/") + 1));
  return [...own, ...new Set(dirs)];
}

function composed(src: CandidateSource): Composition | undefined {
  const base = {
    configDir: src.configDir,
    configName: src.configName,
    searchPath: src.searchPath,
    versionBase: src.versionBase,
  };
  for (const given of [src.overrides ?? [], []]) {
    try {
      // a `???` group the line does not choose yet (`algorithm: ???`): its first option stands
      // in, so the other keys complete before every such group is chosen (checker w38)
      const { composition, standIns } = composeStandingIn({ ...base, overrides: given });
      if (standIns.length > 0) {
        STAND_INS.set(composition, standIns.map((s) => `${s.group}/${s.option}`));
      }
      return composition;
    } catch {
      // an unfinished or wrong override earlier on the line: tried without
    }
  }
  return undefined;
}

/** The options (`group/option`) {@link composed} filled a composition's `???` groups with. */
const STAND_INS = new WeakMap<Composition, string[]>();

/**
 * Whether `node` is written in an option that only stands in for a `???` group: its value is
 * no current value of the line (the user has not chosen that option; checker x38).
 */
function fromStandIn(c: Composition | undefined, node: Node | undefined): boolean {
  const file = originOf(node?.origin)?.file;
  const standIns = c && STAND_INS.get(c);
  return file !== undefined && standIns !== undefined &&
    standIns.some((o) => file.endsWith(`/${o}.yaml`) || file.endsWith(`/${o}.yml`));
}

/**
 * The completions of `word` (an override being typed). As Hydra takes them:
 * `+` adds what is not there (a group the defaults list does not name, a new
 * key under an existing node), `++` sets a key whether or not it is there
 * (never a group: Hydra does not force-add groups), no prefix changes a key
 * or a group the defaults list names.
 *
 * @example
 * ```ts ignore
 * import { overrideCandidates } from "./candidates.ts";
 * overrideCandidates({ configDir: "conf", configName: "config" }, "model=").map((c) => c.value);
 * // ["model=gpt2", "model=llama3_8b", ...]
 * ```
 */
export function overrideCandidates(src: CandidateSource, word: string): Candidate[] {
  const repo = repository(src);
  if (repo === undefined) return [];
  const sign = /^(\+\+|\+|~)?/.exec(word)![0];
  const body = word.slice(sign.length);
  const eq = body.indexOf("=");
  let c: Composition | undefined | null = null;
  const composition = () => c === null ? c = composed(src) : c;
  const config = () => withHydra(composition());
  // the groups the defaults list names (`experiment: null` too), by override key; when the
  // config does not compose, as far as its defaults lists still say, and when not even its
  // primary reads, undefined: every group is offered
  let named: NamedGroups | undefined | null = null;
  const namedNow = () => named === null ? named = namedGroups(src, repo) : named;
  let chosen: NamedGroups | undefined | null = null;
  const chosenNow = () => {
    if (chosen === null) {
      const choices = composition()?.choices;
      chosen = choices && new Map(Object.entries(choices));
    }
    return chosen;
  };
  // a composition's choices leave Hydra's own groups out; its defaults tree names them
  const namedFor = (group: string): NamedGroups | undefined =>
    (group.startsWith("hydra/") ? undefined : chosenNow()) ?? namedNow();
  // whether the sign fits an override key: Hydra's `+` adds a group at a key the defaults list
  // does not name, no prefix (or `~`) changes an entry it names, under the key Hydra gives it
  // (`augment@data.transforms` for `- augment@data.transforms: basic`)
  const fits = (key: string, as = sign): boolean => {
    if (as === "++") return false;
    const names = namedFor(groupOfKey(key));
    if (names === undefined) return true;
    return as === "+" ? !names.has(key) : names.has(key);
  };
  const keysOf = (group: string, as = sign): string[] => {
    const names = namedFor(group);
    if (as === "+" || names === undefined) return [group].filter((k) => fits(k, as));
    return [...names.keys()].filter((k) => groupOfKey(k) === group && fits(k, as)).sort();
  };
  if (eq >= 0) {
    const overrideKey = body.slice(0, eq);
    const group = groupOfKey(overrideKey);
    if (repo.groupExists(group)) {
      if (!fits(overrideKey)) return [];
      const value = body.slice(eq + 1);
      const choice = namedFor(group)?.get(overrideKey);
      return optionsOf(repo, group, namedFor(group), value, choice).map((o) => ({
        value: `${sign}${overrideKey}=${o}`,
        description: o.endsWith("/") ? `options of ${group} in ${o}` : `option of ${group}`,
      }));
    }
    // `+key=` on a key that is there is Hydra's "An item is already at"
    const node = sign === "+" ? undefined : nodeAt(config(), splitKey(overrideKey));
    const current = node?.kind === "value" && !fromStandIn(composition(), node)
      ? overrideValue(node)
      : undefined;
    return current === undefined
      ? []
      : [{ value: `${sign}${overrideKey}=${current}`, description: "current value" }];
  }
  // Hydra's groups once `hydra/` is typed; before, `hydra/` alone (when one of them fits)
  const inHydra = body.startsWith("hydra/");
  const hydraFits = !inHydra && "hydra/".startsWith(body) &&
    allGroups(repo, "hydra").some((g) => keysOf(g).length > 0);
  const out = groupsAtLevel(repo, body, keysOf).map(({ key, sub }) => ({
    value: `${sign}${key}${sub ? "/" : "="}`,
    description: sub ? "config groups" : "config group",
  }));
  if (hydraFits) out.push({ value: `${sign}hydra/`, description: "Hydra's config groups" });
  if (word === "") {
    // nothing typed yet: the groups only `+` adds too (Hydra's tutorial app, which names none,
    // offers nothing else), as `+` offers them
    // (when the defaults lists cannot be read, every group is offered bare already)
    const added = (g: string) => namedFor(g) === undefined ? [] : keysOf(g, "+");
    for (const { key, sub } of groupsAtLevel(repo, "", added)) {
      out.push({
        value: `+${key}${sub ? "/" : "="}`,
        description: sub ? "config groups" : "config group",
      });
    }
  }
  // under `+`, only the nodes a new key can be added to
  const kids = children(config(), body, sign, sign === "~" ? "" : "=", isOverrideKeySegment);
  out.push(...(sign === "+" ? kids.filter((k) => k.value.endsWith(".")) : kids));
  return out.filter((c) => c.value.startsWith(word));
}

/**
 * The children of the node a dotted `body` is being typed under: containers end in `.`, leaves in `leafEnd`.
 * A key no dotted path names is left out (lerobot's `observation.state` would read as
 * `observation` → `state`): for an override (`keyNamed`) Hydra's grammar has no other
 * spelling, only the parent replaced whole; `explain`'s `p[observation.state]` is no
 * continuation of the `p.` a shell completes from.
 */
function children(
  config: Node | undefined,
  body: string,
  sign: string,
  leafEnd: string,
  keyNamed: (key: string) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  const dot = body.lastIndexOf(".");
  const parent = dot < 0 ? [] : splitKey(body.slice(0, dot));
  const node = nodeAt(config, parent);
  if (!node || node.kind === "value") return out;
  const prefix = dot < 0 ? "" : body.slice(0, dot + 1);
  const kids = node.kind === "dict"
    ? [...node.entries.values()].map((e) => [keyText(e.key), e.node] as const)
      .filter(([k]) => keyNamed(k))
    : node.items.map((n, i) => [String(i), n] as const);
  for (const [k, child] of kids) {
    const container = child.kind !== "value";
    // a dict none of whose keys a path names (`input_shapes`) is no way further: set it whole
    // (`+` keeps the `.`: a new key can still be added under it)
    const whole = sign !== "+" && child.kind === "dict" && child.entries.size > 0 &&
      ![...child.entries.values()].some((e) => keyNamed(keyText(e.key)));
    out.push({
      value: `${sign}${prefix}${k}${container && !whole ? "." : leafEnd}`,
      description: whole
        ? "config node (keys holding a dot)"
        : container
        ? "config node"
        : yamlText(child),
    });
  }
  return out;
}

/**
 * The completions of `word` as a config key (`strata explain KEY`): the
 * composed config's keys, containers ending in `.`, leaves bare (no `=`, no groups).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyCandidates } from "./candidates.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "optimizer:\n  lr: 0.1\n  betas: [0.9, 0.99]\n");
 * assert.deepEqual(keyCandidates({ configDir: dir, configName: "config" }, "optimizer.").map((c) => c.value),
 *   ["optimizer.lr", "optimizer.betas."]);
 * ```
 */
export function keyCandidates(src: CandidateSource, word: string): Candidate[] {
  const dotted = (key: string) => !/[.[\]]/.test(key);
  return children(withHydra(composed(src)), word, "", "", dotted).filter((c) =>
    c.value.startsWith(word)
  );
}

/**
 * A leaf's value as an override writes it, for the shell to insert as it is: `null` (Python's
 * `None` would be the string "None"), `true`/`false`, numbers and words as they are; undefined for a value a
 * shell would expand or split (`${model.lr}`, `a b`, quotes): bash completes it with "bad
 * substitution", zsh inserts it for the shell to break at Enter.
 */
function overrideValue(node: ValueNode): string | undefined {
  const text = yamlText(node);
  return /^[\w.+\-/@%]+$/.test(text) ? text : undefined;
}

/**
 * A leaf as the YAML and an override write it: `null`, `true`/`false` (not Python's `None`,
 * `False`: checker x39), the rest as Python prints it (`1e-05`, `0.001`).
 */
function yamlText(node: Node): string {
  if (node.kind === "value" && node.type === "null") return "null";
  if (node.kind === "value" && node.type === "bool") return node.value ? "true" : "false";
  return leafText(node);
}
