/**
 * The defaults tree: starting from Hydra's `hydra/config` and the primary
 * config, every config's defaults list is expanded (group choices, nested
 * defaults, `_self_`, options lists, interpolated choices, overrides and
 * deletions). Its shapes are in defaults_tree_node.ts, its errors in
 * defaults_tree_errors.ts, the rules of one list in defaults_list_rules.ts,
 * and defaults_tree_flatten.ts turns it into the ordered configs to merge.
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { suggest } from "../suggest.ts";
import type { Origin } from "../node.ts";
import { instantiate } from "./defaults_parse.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";
import type { OverrideState } from "./overrides_state.ts";
import { leavesTree, outsideTree, type Repository } from "./repository.ts";
import { legacyHeaderWarning, literalPackageOf } from "./legacy_header.ts";
import { DirSource } from "./source.ts";
import {
  deprecatedHeaderWarning,
  legacyBase,
  legacyPackageHeader,
  type VersionBase,
} from "./version_base.ts";
import { choiceKeysRead, resolveChoiceInterpolation } from "./choice_interpolation.ts";
import { EMPTY_PRIMARY, isTree, type LocatedWarning, type TreeNode } from "./defaults_tree_node.ts";
import { chainOf } from "./defaults_chain.ts";
import {
  atPackage,
  configNotFound,
  deletionOfNoGroup,
  fail,
  mustSpecify,
  notRecursive,
} from "./defaults_tree_errors.ts";
import { updateOverrides, validateSelf } from "./defaults_list_rules.ts";

/** What building the tree needs. */
export interface TreeContext {
  repo: Repository;
  state: OverrideState;
  skipMissing: boolean;
  warnings: LocatedWarning[];
  /** Where the primary config's name was set (`.strata.yaml`'s `config_name`), to say so when it is not found. */
  primaryNameAt?: Origin;
  /** Hydra's version_base to read package headers as (default 1.3). */
  versionBase?: VersionBase;
  /** Collects each missing config's error and drops its default (ComposeOptions.missingConfigs). */
  missingConfigs?: StrataError[];
}

function expand(
  ctx: TreeContext,
  root: TreeNode,
  isRoot: boolean,
  interpolated: boolean,
): TreeNode {
  const { repo, state } = ctx;
  const parent = root.node;
  if (parent === null) return expandVirtual(ctx, root);
  if (leavesTree(parent.configPath())) {
    const origin = (parent as { overriddenBy?: Origin }).overriddenBy ?? parent.origin;
    throw outsideTree(parent.configPath(), { origin, related: chainOf(root, origin) });
  }
  if (isRoot) {
    parent.updateParent("", "");
    if (!repo.configExists(parent.configPath())) configNotFound(repo, root, ctx.primaryNameAt);
  }
  if (!parent.isMissing()) {
    let header;
    try {
      header = repo.load(parent.configPath());
    } catch (e) {
      throw atPackage(e, parent, repo, root, legacyBase(ctx.versionBase));
    }
    const oldBase = legacyBase(ctx.versionBase);
    // version_base 1.1: `_group_` is the group's package, `_name_` the config's name
    if (header?.packageHeader != null && oldBase) {
      const given = header.packageHeader;
      const name = parent.name() ?? "";
      parent.setPackageHeader(legacyPackageHeader(given, parent.defaultPackage(), name));
    } else if (header) parent.setPackageHeader(header.packageHeader);
    // read once per composition: a config included twice is warned about once
    let legacy = header?.legacyHeader;
    if (legacy && oldBase) {
      const message = deprecatedHeaderWarning(header!.packageHeader!, parent.configPath());
      legacy = message === undefined ? undefined : { message, origin: legacy.origin };
    } else if (legacy && parent.package !== null) {
      // the entry's own package (`- datasets@trainer.data: atom`) wins over any header, under
      // every version_base (Hydra's get_package): the header's words change nothing there
      legacy = undefined;
    } else if (legacy && header?.packageHeader && parent instanceof GroupDefault) {
      // an option in a sub-directory (`experiment=sub/x`) has its group's package, not its dir's
      const message = legacyHeaderWarning(
        header.packageHeader,
        parent.configPath(),
        parent.groupPath(),
      );
      const literalPackage = literalPackageOf(
        header.packageHeader,
        parent.configPath(),
        parent.groupPath(),
      );
      if (message !== undefined) legacy = { ...legacy, message, literalPackage };
    }
    // Hydra reads a deleted config's header too (and warns of a legacy one); strata's own word
    // on a misspelt header is about what is composed: not for a config `~group` takes out
    // (version_base 1.2+: strata's own word that `_group_` is a literal key there is about
    // what is composed too; Hydra says nothing then: checker x41)
    const deleted = state.isDeleted(parent);
    if (deleted && !oldBase) legacy = undefined;
    for (const warning of [legacy, ...(deleted ? [] : header?.headerWords ?? [])]) {
      if (warning) warnOnce(ctx.warnings, warning);
    }
  }
  if (state.isDeleted(parent)) {
    state.delete(parent);
    return root;
  }
  state.setKnownChoice(parent);
  if (parent.name() === null) return root;
  if (parent.isMissing()) {
    if (ctx.skipMissing) return root;
    if (parent instanceof GroupDefault) {
      mustSpecify(repo, parent, root, state.configOverrides, state.pendingFileOverrides());
    }
    fail(ErrorCode.Value, `Missing ConfigDefault is not supported : ${parent.configPath()}`, root);
  }
  const path = parent.configPath();
  notRecursive(root, path);
  const loaded = repo.load(path);
  if (loaded && repo.isYmlFile(path)) {
    // Hydra 1.3 reads it below version_base 1.2, with this warning (once a process), placed at
    // the entry that names the file: that is what to change, and validate FILES reports it there
    warnOnce(ctx.warnings, {
      message: "Support for .yml files is deprecated. Use .yaml extension for Hydra config files",
      origin: namedAt(parent) ?? { file: loaded.file },
    });
  }
  if (!loaded) {
    if (parent.optional) {
      parent.deleted = true;
      optionalMiss(repo, parent, ctx.warnings);
      return root;
    }
    const notes = deletionOfNoGroup(state.configOverrides, parent);
    try {
      configNotFound(repo, root, undefined, notes);
    } catch (e) {
      // validate collects every missing config of a composition (ComposeOptions.missingConfigs)
      if (!ctx.missingConfigs || !isStrataError(e)) throw e;
      ctx.missingConfigs.push(e);
    }
    parent.deleted = true;
    return root;
  }
  const defaults = loaded.defaults.map((raw) => {
    const d = instantiate(raw);
    // Hydra 1.1's `optional: true` beside a group: taken, with Hydra's deprecation warning,
    // below version_base 1.2; an item with too many keys from 1.2 on
    const old = raw.kind === "group" ? raw.legacyOptional : undefined;
    if (raw.package?.includes("_name_") && legacyBase(ctx.versionBase)) {
      // version_base 1.1: `_name_` in the entry's package (`- db@foo._name_: mysql`) is the
      // option chosen (Hydra's _get_final_package); from 1.2 on a key like any other
      d.nameInPackage = true;
      const message = `In ${parent.configPath()}: Defaults List contains deprecated keyword ` +
        "_name_, see https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header";
      warnOnce(ctx.warnings, {
        message,
        origin: raw.kind === "group" ? raw.keyOrigin : raw.origin,
      });
    }
    if (old !== undefined) {
      if (!legacyBase(ctx.versionBase)) throw old.error;
      if (old.optional) d.optional = true;
      warnOnce(ctx.warnings, {
        message: old.warning,
        origin: raw.kind === "group" ? raw.keyOrigin : undefined,
      });
    }
    return d;
  });
  let selfAdded = false;
  if (defaults.length > 0 || (isRoot && state.appendGroupDefaults.length > 0)) {
    const content = loaded.config.kind === "dict" && [...loaded.config.entries.values()].some(
      (e) => !(e.node.kind === "value" && e.node.type === "missing"),
    );
    selfAdded = validateSelf(parent, defaults, content, ctx.warnings);
  }
  if (isRoot) {
    for (const d of state.appendGroupDefaults) {
      // version_base 1.1: `+db@foo._name_=mysql` lands at foo.mysql, as the same entry written in
      // a defaults list does (Hydra's _get_final_package; checker w26)
      if (d.package?.includes("_name_") && legacyBase(ctx.versionBase)) d.nameInPackage = true;
    }
    defaults.push(...state.appendGroupDefaults);
  }
  updateOverrides(
    defaults,
    state,
    parent,
    interpolated,
    legacyBase(ctx.versionBase) ? ctx.warnings : undefined,
  );

  const children: (TreeNode | InputDefault)[] = [];
  const addChild = (node: InputDefault) => {
    const sub: TreeNode = { node, parent: root };
    expand(ctx, sub, false, interpolated);
    children.push(sub.children === undefined ? node : sub);
  };
  for (const d of [...defaults].reverse()) {
    if (d.isSelf()) {
      d.updateParent(parent.parentBaseDir ?? "", parent.packageOrHeader() ?? "");
      children.push(d);
      continue;
    }
    if (d instanceof GroupDefault && d.override) continue;
    d.updateParent(parent.groupPath(), parent.finalPackage());
    if (d instanceof GroupDefault && state.isOverridden(d)) {
      const by = state.overrideDefaultOption(d);
      if (by && by !== d.origin) (d as { overriddenBy?: Origin }).overriddenBy = by;
    }
    if (d instanceof GroupDefault && d.isOptions()) {
      const items = d.value as string[];
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        if (item.includes("${")) {
          throw new StrataError(
            ErrorCode.Composition,
            `In '${path}': Defaults List interpolation is not supported in options list items`,
            { origin: d.origin, related: chainOf(root) },
          );
        }
        const node = new ConfigDefault(`${d.group}/${item}`, d.package, d.optional);
        // (written as the item alone: what a did-you-mean for it says)
        (node as { listItem?: boolean }).listItem = true;
        // the entry stays where the file wrote it (`callbacks=[x]` replaces its options, it
        // appends nothing); the override that chose them is its overrider, as for one option
        const by = (d as { overriddenBy?: Origin }).overriddenBy;
        // each item where it is written (an override's list replaced the file's: the entry's)
        node.origin = (by === undefined ? d.itemOrigins?.[i] : undefined) ?? d.origin ?? by;
        const byItem = (d as { overridingItems?: (Origin | undefined)[] }).overridingItems?.[i];
        if (by && d.origin) (node as { overriddenBy?: Origin }).overriddenBy = byItem ?? by;
        node.updateParent(parent.groupPath(), parent.finalPackage());
        addChild(node);
      }
      continue;
    }
    if (d.isInterpolation()) {
      children.push(d);
      continue;
    }
    addChild(d);
  }

  // Interpolated choices are resolved last, from the choices known by now
  // (the map is built only when a child needs it: it copies every choice).
  let known: ReturnType<typeof interpolationMap> | undefined;
  children.forEach((c, i) => {
    if (isTree(c) || !c.isInterpolation()) return;
    known ??= interpolationMap(state, defaults, selfAdded);
    const written = c instanceof GroupDefault ? c.name() : (c as ConfigDefault).path;
    try {
      resolveChoiceInterpolation(
        c,
        known,
        legacyBase(ctx.versionBase)
          ? { warn: (message, origin) => ctx.warnings.push({ message, origin }) }
          : undefined,
      );
    } catch (e) {
      // with the entries that led here (a config included three times: which one, checker v39)
      throw atPackage(e, parent, repo, root, legacyBase(ctx.versionBase));
    }
    // `model/algo: ${scenario}`: the override that chose `scenario` chose this one too, credited
    // by explain and diff (checker w28); errors stay at the entry, where the choice is written
    const by = choiceReadBy(state, written);
    if (by !== undefined) {
      (c as { chosenThrough?: Origin }).chosenThrough = by;
      (c as { writtenAs?: string }).writtenAs = written ?? "";
    }
    const sub: TreeNode = { node: c, parent: root };
    c.updateParent(parent.groupPath(), parent.finalPackage());
    const missingBefore = ctx.missingConfigs?.length ?? 0;
    expand(ctx, sub, false, true);
    // A choice built from choices (`${generator}_${projector}`) once a config was missing: Hydra
    // stops at that one, and this would say it again (`size/biggan_identty` for `identty`).
    if (missingBefore > 0) ctx.missingConfigs!.length = missingBefore;
    if (sub.children !== undefined) children[i] = sub;
  });
  if (children.length > 0) root.children = children.reverse();
  return root;
}

/** The override (last in the text) that chose a choice an interpolated entry reads, if any. */
function choiceReadBy(state: OverrideState, written: string | null): Origin | undefined {
  let by: Origin | undefined;
  for (const key of choiceKeysRead(written ?? "")) {
    const origin = state.meta.get(key)?.origin;
    if (origin !== undefined) by = origin;
  }
  return by;
}

function interpolationMap(state: OverrideState, defaults: InputDefault[], selfAdded: boolean) {
  const choices = new Map(state.knownChoices);
  const legacy: unknown[] = [];
  for (const d of defaults) {
    if (selfAdded && d.isSelf()) continue;
    if (d instanceof ConfigDefault) legacy.push(d.configPath());
    else legacy.push({ [d.overrideKey()]: d.value });
  }
  return { choices, legacy };
}

function expandVirtual(ctx: TreeContext, root: TreeNode): TreeNode {
  const children: (TreeNode | InputDefault)[] = [];
  for (const d of [...(root.children as InputDefault[])].reverse()) {
    const sub: TreeNode = { node: d, parent: root };
    d.updateParent("", "");
    expand(ctx, sub, d.primary, false);
    children.push(sub.children === undefined ? d : sub);
  }
  if (children.length > 0) root.children = children.reverse();
  return root;
}

/**
 * Builds the defaults tree of a composition.
 *
 * @example
 * ```ts ignore
 * const tree = buildTree(ctx, "config");
 * ```
 */
export function buildTree(ctx: TreeContext, configName: string | null): TreeNode {
  const primary = new ConfigDefault(configName ?? EMPTY_PRIMARY);
  primary.primary = true;
  const main = ctx.repo.sources.find((s) => s.provider === "main");
  if (configName !== null && main instanceof DirSource) {
    // a primary that is not there is said at the directory searched, not at a file that is not
    primary.origin = { file: main.isConfig(configName) ? main.pathOf(configName) : main.dir };
  }
  const root: TreeNode = { node: null, children: [new ConfigDefault("hydra/config"), primary] };
  return expand(ctx, root, true, false);
}

/**
 * Adds `warning` unless one with its words from its file is there: a config
 * read twice in one composition (included twice, or again for another
 * package) is warned about once.
 */
function warnOnce(warnings: LocatedWarning[], warning: LocatedWarning): void {
  const file = warning.origin?.file;
  if (!warnings.some((w) => w.message === warning.message && w.origin?.file === file)) {
    warnings.push(warning);
  }
}

/**
 * An override choosing an option an `optional` entry's group lacks (`experiment=burgers_gradnorm`
 * for `optional experiment: null`): the entry is skipped, as Hydra skips it, but said, with
 * did-you-mean, since a typo there drops the option silently (checkers v55, x48). An entry whose
 * own default is not there (`optional local: default`, a file each machine may add) says nothing.
 */
function optionalMiss(repo: Repository, d: InputDefault, warnings: LocatedWarning[]): void {
  const by = (d as { overriddenBy?: Origin }).overriddenBy;
  if (!(d instanceof GroupDefault) || by === undefined) return;
  const name = d.name();
  if (name === null) return;
  const group = d.groupPath();
  let options: string[] = [];
  try {
    options = repo.groupOptions(group);
  } catch { /* no such group: nothing to offer */ }
  if (options.length === 0) return;
  const near = suggest(name, options);
  warnings.push({
    message: `'${group}' has no option '${name}': its optional entry is skipped, as Hydra ` +
      `skips it${near.length > 0 ? `. Did you mean ${near.map((o) => `'${o}'`).join(", ")}?` : ""}`,
    origin: by,
  });
}

/** Where an entry's option was named: the override that chose it, else the entry, if written. */
function namedAt(d: InputDefault): Origin | undefined {
  const at = (d as { overriddenBy?: Origin }).overriddenBy ?? d.origin;
  return at?.file !== undefined || at?.override !== undefined ? at : undefined;
}
