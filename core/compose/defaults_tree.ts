/**
 * The defaults tree: starting from Hydra's `hydra/config` and the primary
 * config, every config's defaults list is expanded (group choices, nested
 * defaults, `_self_`, options lists, interpolated choices, overrides and
 * deletions), then flattened into the ordered list of configs to merge.
 *
 * @module
 */

import { clip, ErrorCode, type Related, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import { suggest } from "../suggest.ts";
import { instantiate } from "./defaults_parse.ts";
import { ConfigDefault, GroupDefault, type InputDefault } from "./element.ts";
import type { OverrideState } from "./overrides_state.ts";
import { leavesTree, outsideTree, type Repository } from "./repository.ts";
import { DirSource } from "./source.ts";
import { pluginHint } from "./plugins.ts";
import { resolveChoiceInterpolation } from "./choice_interpolation.ts";

/** A node of the defaults tree: an element and, when it has a defaults list, its children. */
export interface TreeNode {
  /**
   * The defaults-list element; null for the virtual root above `hydra/config`
   * and the primary config.
   *
   * @ignore
   */
  node: InputDefault | null;
  /**
   * The elements of its defaults list, in order.
   *
   * @ignore
   */
  children?: (TreeNode | InputDefault)[];
  /** The node whose defaults list holds this one. */
  parent?: TreeNode;
}

/** One config to merge, in order. */
export interface ResultDefault {
  /** The config's path in the search path, without `.yaml` (`model/gpt2`). */
  configPath: string;
  /** The config path of the config whose defaults list included it. */
  parent?: string;
  /** Where its content goes ("" is the root). */
  package: string;
  /** Whether this entry is a `_self_` (the including config's own content). */
  isSelf: boolean;
  /** Whether this is the primary config. */
  primary: boolean;
  /** The group override key that chose this config (`model`, `db@backup`). */
  overrideKey?: string;
  /** Where the entry was written. */
  origin?: Origin;
  /** The override that chose this option instead of the entry's (a config's `override /db: pg`, or the command line). */
  overriddenBy?: Origin;
}

/** The primary config name Hydra uses when there is none. */
const EMPTY_PRIMARY = "_dummy_empty_config_";

function isTree(x: TreeNode | InputDefault): x is TreeNode {
  return !(x instanceof ConfigDefault) && !(x instanceof GroupDefault);
}

/** The chain of defaults entries that led to `tree`, innermost first. */
function chainOf(tree: TreeNode | undefined): Related[] {
  const out: Related[] = [];
  for (let t = tree; t; t = t.parent) {
    const p = t.parent?.node;
    if (t.node?.origin) {
      out.push({
        message: p ? `included by '${p.configPath()}'` : `'${t.node.configPath()}'`,
        origin: t.node.origin,
      });
    }
  }
  return out;
}

function fail(
  code: typeof ErrorCode[keyof typeof ErrorCode],
  msg: string,
  tree?: TreeNode,
  extra = {},
): never {
  const related = chainOf(tree);
  const origin = (tree?.node as { overriddenBy?: Origin } | null)?.overriddenBy ??
    tree?.node?.origin;
  throw new StrataError(code, msg, { origin, related, ...extra });
}

/** Hydra's "Could not find / Could not load / Cannot find primary config" error. */
function configNotFound(repo: Repository, tree: TreeNode): never {
  const el = tree.node!;
  let options: string[] = [];
  let msg: string;
  if (el.primary) {
    msg =
      `Cannot find primary config '${el.configPath()}'. Check that it's in your config search path.\n`;
    msg += "\n" + repo.describe();
    fail(ErrorCode.MissingConfig, msg, tree, primaryHints(repo, el.configPath()));
  } else {
    if (el instanceof GroupDefault) {
      const group = el.groupPath();
      options = repo.groupOptions(group);
      msg = `Could not find '${clip(el.configPath())}'\n`;
      if (options.length > 0) {
        msg += `\nAvailable options in '${group}':\n` + options.map((o) => `\t${o}`).join("\n");
      }
    } else msg = `Could not load '${clip(el.configPath())}'.\n`;
    const parent = tree.parent?.node;
    // When an override chose the option, the message leads with the override and
    // the containing config appears in the related chain instead.
    const byOverride =
      ((el as { overriddenBy?: Origin }).overriddenBy ?? el.origin)?.override !== undefined;
    if (!byOverride) msg = `In '${parent ? parent.configPath() : "<root>"}': ${msg}`;
  }
  msg += "\n" + repo.describe();
  const plugin = el instanceof GroupDefault
    ? pluginHint(el.groupPath(), el.name() ?? "")
    : undefined;
  if (plugin) msg += "\n" + plugin;
  fail(ErrorCode.MissingConfig, msg, tree, {
    suggestions: options.length ? suggest(el.name() ?? "", options) : [],
  });
}

/**
 * Did-you-mean for a primary config that is not there (`-n trian`), else the
 * configs beside where it was looked for (a tree of `train.yaml` and
 * `eval.yaml`, no `config.yaml`), in place of a chain that only repeats it.
 */
function primaryHints(
  repo: Repository,
  path: string,
): { suggestions: string[]; related: { message: string; origin: Origin }[] } {
  const cut = path.lastIndexOf("/");
  const dir = cut < 0 ? "" : path.slice(0, cut);
  let options: string[] = [];
  try {
    // Hydra's stand-in for "no primary config" is no one's choice.
    options = repo.groupOptions(dir).filter((o) => o !== "_dummy_empty_config_");
  } catch { /* a path outside the tree has no neighbours to offer */ }
  const full = (o: string) => (dir === "" ? o : `${dir}/${o}`);
  const suggestions = suggest(path.slice(cut + 1), options).map(full);
  if (suggestions.length > 0 || options.length === 0) return { suggestions, related: [] };
  const listed = options.slice(0, 10).map(full).join(", ") + (options.length > 10 ? ", ..." : "");
  return {
    suggestions,
    related: [{
      message: `primary configs there: ${listed} (choose one with --config-name/-n)`,
      origin: {},
    }],
  };
}

function validateSelf(
  containing: InputDefault,
  defaults: InputDefault[],
  hasContent: boolean,
  warnings: LocatedWarning[],
): boolean {
  let hasSelf = false;
  let hasNonOverride = false;
  for (const d of defaults) {
    if (!(d instanceof GroupDefault && d.override)) hasNonOverride = true;
    if (d.isSelf()) {
      if (hasSelf) {
        throw new StrataError(
          ErrorCode.Composition,
          `Duplicate _self_ defined in ${containing.configPath()}`,
          { origin: d.origin },
        );
      }
      hasSelf = true;
    }
  }
  if ((!hasSelf && hasNonOverride) || defaults.length === 0) {
    if (containing.primary && hasContent && hasNonOverride) {
      warnings.push({
        message:
          `In '${containing.configPath()}': Defaults list is missing \`_self_\`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information`,
        // the list, at its first entry (the `defaults` key itself keeps no place)
        origin: defaults[0]?.origin ?? containing.origin,
      });
    }
    defaults.push(new ConfigDefault("_self_"));
  }
  return !hasSelf;
}

function updateOverrides(
  defaults: InputDefault[],
  state: OverrideState,
  parent: InputDefault,
  interpolated: boolean,
): void {
  let seenOverride = false;
  let last: GroupDefault | undefined;
  for (const d of defaults) {
    if (d.isSelf()) continue;
    d.updateParent(parent.groupPath(), parent.finalPackage());
    // Hydra 1.3 (version_base >= 1.2) has no legacy `hydra/x: y` overrides: they are plain choices.
    const legacyHydra = false;
    const isOverride = d instanceof GroupDefault && d.override;
    const isAppend = d instanceof GroupDefault && d.externalAppend;
    if (seenOverride && !(isOverride || isAppend || legacyHydra)) {
      throw new StrataError(
        ErrorCode.Composition,
        `In ${parent.configPath()}: Override '${last!.overrideKey()} : ${
          last!.name()
        }' is defined before '${d.overrideKey()}: ${d.name()}'.\nOverrides must be at the end of the defaults list`,
        { origin: d.origin },
      );
    }
    if (d instanceof GroupDefault) {
      if (legacyHydra) d.override = true;
      if (d.override) {
        if (!legacyHydra) seenOverride = true;
        last = d;
        if (interpolated) {
          throw new StrataError(
            ErrorCode.Composition,
            `${parent.configPath()}: Default List Overrides are not allowed in the subtree\nof an in interpolated config group (override ${d.overrideKey()}=${d.name()}).\n`,
            { origin: d.origin },
          );
        }
        state.addOverride(parent.configPath(), d);
      }
    }
  }
}

/**
 * A config that includes itself through its defaults would expand forever
 * (Hydra dies with a RecursionError, hydra#1828): name the cycle instead.
 */
function notRecursive(root: TreeNode, path: string): void {
  const cycle = [path];
  for (let t = root.parent; t; t = t.parent) {
    const p = t.node?.configPath();
    if (p === undefined) continue;
    cycle.push(p);
    if (p === path) {
      fail(
        ErrorCode.Composition,
        `Recursive defaults list: '${path}' includes itself (${cycle.reverse().join(" -> ")})`,
        root,
      );
    }
  }
}

/**
 * A warning Hydra would print while composing, with the place it is about
 * when there is one (what `strata validate` reports it at).
 *
 * @example
 * ```ts
 * import type { LocatedWarning } from "./defaults_tree.ts";
 * const w: LocatedWarning = { message: "careful", origin: { file: "conf/config.yaml", line: 2, col: 5 } };
 * ```
 */
export interface LocatedWarning {
  /** Hydra's text. */
  message: string;
  /** Where it points. */
  origin?: Origin;
}

/** What building the tree needs. */
export interface TreeContext {
  repo: Repository;
  state: OverrideState;
  skipMissing: boolean;
  warnings: LocatedWarning[];
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
    throw outsideTree(parent.configPath(), { origin, related: chainOf(root) });
  }
  if (isRoot) {
    parent.updateParent("", "");
    if (!repo.configExists(parent.configPath())) configNotFound(repo, root);
  }
  if (!parent.isMissing()) {
    const header = repo.load(parent.configPath());
    if (header) parent.setPackageHeader(header.packageHeader);
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
      const key = parent.overrideKey();
      const opts = repo.groupOptions(parent.groupPath()).map((o) => `\t${o}`).join("\n");
      fail(
        ErrorCode.Composition,
        `You must specify '${key}', e.g, ${key}=<OPTION>\nAvailable options:\n${opts}`,
        root,
      );
    }
    fail(ErrorCode.Value, `Missing ConfigDefault is not supported : ${parent.configPath()}`, root);
  }
  const path = parent.configPath();
  notRecursive(root, path);
  const loaded = repo.load(path);
  if (!loaded) {
    if (parent.optional) {
      parent.deleted = true;
      return root;
    }
    configNotFound(repo, root);
  }
  const defaults = loaded.defaults.map(instantiate);
  let selfAdded = false;
  if (defaults.length > 0 || (isRoot && state.appendGroupDefaults.length > 0)) {
    const content = loaded.config.kind === "dict" && [...loaded.config.entries.values()].some(
      (e) => !(e.node.kind === "value" && e.node.type === "missing"),
    );
    selfAdded = validateSelf(parent, defaults, content, ctx.warnings);
  }
  if (isRoot) defaults.push(...state.appendGroupDefaults);
  updateOverrides(defaults, state, parent, interpolated);

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
      for (const item of [...(d.value as string[])].reverse()) {
        if (item.includes("${")) {
          throw new StrataError(
            ErrorCode.Composition,
            `In '${path}': Defaults List interpolation is not supported in options list items`,
            { origin: d.origin, related: chainOf(root) },
          );
        }
        const node = new ConfigDefault(`${d.group}/${item}`, d.package, d.optional);
        node.origin = (d as { overriddenBy?: Origin }).overriddenBy ?? d.origin;
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
    resolveChoiceInterpolation(c, known);
    const sub: TreeNode = { node: c, parent: root };
    c.updateParent(parent.groupPath(), parent.finalPackage());
    expand(ctx, sub, false, true);
    if (sub.children !== undefined) children[i] = sub;
  });
  if (children.length > 0) root.children = children.reverse();
  return root;
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
    primary.origin = { file: main.pathOf(configName) };
  }
  const root: TreeNode = { node: null, children: [new ConfigDefault("hydra/config"), primary] };
  return expand(ctx, root, true, false);
}

function resultOf(tree: TreeNode | undefined, node: InputDefault): ResultDefault | undefined {
  if (node.name() === null) return undefined;
  let res: ResultDefault;
  if (node.isSelf()) {
    const owner = tree!.node!;
    res = {
      configPath: owner.configPath(),
      isSelf: true,
      parent: tree!.parent?.node?.configPath(),
      package: owner.finalPackage(),
      primary: owner.primary,
      origin: owner.origin,
    };
  } else {
    res = {
      configPath: node.configPath(),
      isSelf: false,
      parent: tree?.node?.configPath(),
      package: node.finalPackage(),
      primary: node.primary,
      origin: node.origin,
    };
    if (node instanceof GroupDefault) res.overrideKey = node.overrideKey();
    const by = (node as { overriddenBy?: Origin }).overriddenBy;
    if (by) res.overriddenBy = by;
  }
  return res.configPath === EMPTY_PRIMARY ? undefined : res;
}

/**
 * Flattens the tree into the configs to merge, in order, and checks that no
 * group appears twice.
 *
 * @example
 * ```ts ignore
 * treeToList(buildTree(ctx, "config")).map((r) => r.configPath);
 * ```
 */
export function treeToList(tree: TreeNode): ResultDefault[] {
  const out: ResultDefault[] = [];
  const visit = (parent: TreeNode | undefined, node: InputDefault | null) => {
    if (node === null || node.deleted || node.isMissing()) return;
    const r = resultOf(parent, node);
    if (r) out.push(r);
  };
  const walk = (t: TreeNode) => {
    if (!t.children || t.children.length === 0) visit(t.parent, t.node);
    else for (const c of t.children) isTree(c) ? walk(c) : visit(t, c);
  };
  walk(tree);
  const keys = new Set<string>();
  for (const r of out) {
    if (r.isSelf || r.overrideKey === undefined) continue;
    if (keys.has(r.overrideKey)) {
      throw new StrataError(
        ErrorCode.Composition,
        `${r.overrideKey} appears more than once in the final defaults list`,
        { origin: r.origin },
      );
    }
    keys.add(r.overrideKey);
  }
  return out;
}
