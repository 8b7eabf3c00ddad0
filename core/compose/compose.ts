/**
 * Composition, as Hydra 1.3 does it: the search path (Hydra's own configs
 * first), the defaults tree of `hydra/config` and the primary config, the
 * configs placed at their packages and merged by the WASM engine in one call,
 * the command-line value overrides in struct mode, and the `hydra` node.
 * The merge is ./compose_merge.ts's; refusing a sweep ./sweep_error.ts's.
 *
 * @module
 */

import { throughInterpolationNote } from "./override_through.ts";
import { setAbsentKeyHint } from "../resolve/absent_key_hint.ts";
import { unchosenGroupHint } from "./unchosen_group_hint.ts";
import { suggest } from "../suggest.ts";
import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import { canonicalKey, clone, dict, type DictNode, type Node, type Origin } from "../node.ts";
import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { buildTree } from "./defaults_tree.ts";
import type { LocatedWarning, ResultDefault, TreeNode } from "./defaults_tree_node.ts";
import { treeToList } from "./defaults_tree_flatten.ts";
import { afterHydraSchema, fillHydraNode, leafBeforeIn } from "./hydra_node.ts";
import { hydraSchemaError } from "../hydra/schema.ts";
import { headerlessHydraOptions } from "./hydra_headerless.ts";
import { typedPlugins, typeHydraNode } from "../hydra/typed.ts";
import { resolveAt, type ResolveOptions } from "../resolve/resolve.ts";
import { hydraResolvers, resolveComposition } from "./resolvers.ts";
import type { ResolverFn } from "../resolve/resolvers.ts";
import { OverrideState } from "./overrides_state.ts";
import { Repository } from "./repository.ts";
import { buildSearchPath, mainSources, searchPathOrigin } from "./search_path.ts";
import { packageHint, unreadPackages } from "./package_hint.ts";
import { applyValueOverride } from "./value_overrides.ts";
import { mergeDefaults } from "./compose_merge.ts";
import { withSelfOrderNote } from "./self_order.ts";
import { validateSweeps } from "./sweep_error.ts";
import { withLegacyPackageNote } from "./legacy_header.ts";
import { legacyBase, type VersionBase } from "./version_base.ts";

export { mergeDefaults, placeAt } from "./compose_merge.ts";
export { sweepError, validateSweeps } from "./sweep_error.ts";
import { clockNow } from "../strftime.ts";

/** Input of {@link compose}. */
export interface ComposeOptions {
  /** The primary config directory. */
  configDir: string;
  /** The primary config's name (without `.yaml`); null composes only overrides and defaults. */
  configName: string | null;
  /**
   * Where `configName` was set, when not on the command line (`.strata.yaml`'s
   * `config_name`): a primary config that is not found is reported there.
   */
  configNameAt?: Origin;
  /** Command-line overrides, as typed. */
  overrides?: string[];
  /**
   * Hydra's `version_base` to compose as (default `1.3`). An app whose
   * `@hydra.main` passes none gets `1.1`: a `# @package _group_` header is
   * then the group's package, and `hydra.job.chdir: null` changes directory.
   */
  versionBase?: VersionBase;
  /** More config directories, searched after `configDir` (like `hydra.searchpath`). */
  searchPath?: string[];
  /** `hydra.job.name` when the config does not set it (default `app`). */
  jobName?: string;
  /** Multirun composition: `???` group defaults are skipped and sweeps allowed. */
  multirun?: boolean;
  /**
   * What a sweep override's error says to do, for a command with no `--multirun` (the CLI's
   * compose, explain, hash, diff), instead of Hydra's "add --multirun to your command line".
   */
  sweepHint?: string;
  /** The overrides were typed in a shell (the CLI): see {@link sweepError}'s `fromShell`. */
  fromShell?: boolean;
  /**
   * Keep the parsed files in the process-wide cache for later compositions
   * (default true). A process that composes once (the CLI's `compose`) passes
   * false: each file's tree then becomes part of the result instead of being
   * encoded for the cache and copied by the merge.
   */
  reuseFiles?: boolean;
  /**
   * Leave what the configs wrote into the typed `hydra` node unchecked (validate
   * reports each misfit itself); by default the first fails the composition.
   */
  uncheckedHydra?: boolean;
  /**
   * Collects the error of each default whose config is not there (Hydra's
   * "Could not find") and goes on without that default, instead of failing at
   * the first: validate reports every one in one run. The defaults tree is then
   * not Hydra's, so a caller that gets any must not use it as a composition.
   */
  missingConfigs?: StrataError[];
  /**
   * Files that do not load, read as holding nothing (validate, which reports each on its own,
   * builds the defaults trees that include one all the same). The tree is then not Hydra's, so a
   * caller must not use it as a composition once `unloadable.read` has any.
   */
  unloadable?: {
    /** The files, as absolute paths. */
    files: ReadonlySet<string>;
    /** The files of `files` a load read as empty. */
    read: Set<string>;
  };
}

/** {@link ComposeOptions} and what a command of the CLI adds: the project's resolvers. */
export interface ProjectComposeOptions extends ComposeOptions {
  /**
   * The app's resolvers (`--resolvers`): `~key` reads the value before it
   * deletes it, as Hydra does, in a process where the app has registered them.
   */
  resolvers?: Record<string, ResolverFn>;
  /**
   * Resolvers declared opaque (`.strata.yaml`): a `~key` whose value calls one
   * deletes it unread (the app would read a value: it is there).
   */
  opaqueResolvers?: readonly string[];
}

/** The composed config and how it was made. */
export interface Composition {
  /** The config, without the `hydra` key. */
  config: DictNode;
  /** The `hydra` node (empty if `~hydra` removed it). */
  hydra: DictNode;
  /** `hydra.runtime.choices` without Hydra's own `hydra/*` groups. */
  choices: Record<string, string | null>;
  /** The configs merged, in order, with their packages. */
  defaults: ResultDefault[];
  /** The defaults tree. */
  tree: TreeNode;
  /** Warnings Hydra would emit (e.g. a defaults list missing `_self_`). */
  warnings: string[];
  /** The same warnings, each with the place it is about when it has one. */
  warningsAt: LocatedWarning[];
  /**
   * Whether a config merged before set the str entry `key` of the `hydra`
   * node's mapping at `parent`, where `node` was merged (a container merged
   * onto one is refused; core/hydra/misfit.ts `LeafBefore`): for a check of
   * that node made apart, as validate's with `uncheckedHydra`.
   */
  hydraLeafBefore?: (parent: string, key: string, node: Node) => boolean;
  /**
   * The `hydra.mode` the configs set, before any `hydra.mode=...` override
   * (null when unset or not a plain value): the mode a Hydra app given this
   * composition's overrides without `hydra.mode` reads back and runs in.
   */
  configMode: string | null;
  /** The config resolved with Hydra's `hydra:` and `now:` resolvers ({@link resolveComposition}). */
  resolve(options?: ResolveOptions): DictNode;
}

/**
 * What the jobs of one merged tree compute once for its `hydra` node
 * (core/compose/batch.ts): given to {@link finishComposition} only for jobs
 * whose overrides cannot change that node, which is then the same for all.
 */
export interface SharedHydra {
  /** The `hydra` node checked against HydraConf and typed, before its runtime fields. */
  typed?: DictNode;
  /** The warnings of Hydra's options without a `# @package` header. */
  headerless?: LocatedWarning[];
}

/** The result of {@link defaultsTree}: the defaults of a composition, nothing merged. */
export interface DefaultsInfo {
  /** The defaults tree (what `--info defaults-tree` prints). */
  tree: TreeNode;
  /** The configs to merge, in order. */
  defaults: ResultDefault[];
  /** The chosen option of every group, Hydra's own `hydra/*` groups included. */
  choices: Map<string, string | null>;
  /** Warnings Hydra would print. */
  warnings: string[];
  /** The same warnings, each with the place it is about when it has one. */
  warningsAt: LocatedWarning[];
  /** The overrides that set config values, applied after merging. */
  configOverrides: Override[];
  /**
   * The configs found on the search path (for compose).
   *
   * @ignore
   */
  repo: Repository;
  /** Every command-line override, parsed. */
  overrides: Override[];
}

function parseAll(texts: string[]): Override[] {
  return texts.map((t, i) => parseOverride(t, i));
}

/**
 * The defaults tree and list of a composition (what `--info defaults-tree` shows),
 * with the command-line group overrides applied.
 *
 * @throws {StrataError} `missing-config`, `composition`, `value`, `override-parse`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultsTree } from "../../engine.ts";
 * const info = defaultsTree({ configDir: "examples/llm-finetune/conf", configName: "config", overrides: ["model=gpt2"] });
 * assert.deepEqual(info.defaults.filter((d) => !d.configPath.startsWith("hydra")).map((d) => d.configPath), [
 *   "model/gpt2",
 *   "dataset/alpaca",
 *   "optimizer/adamw",
 *   "scheduler/cosine",
 *   "training/default",
 *   "config",
 * ]);
 * ```
 */
export function defaultsTree(options: ComposeOptions): DefaultsInfo {
  const overrides = parseAll(options.overrides ?? []);
  return defaultsTreeIn(searchPathRepository(options, overrides), overrides, options);
}

/**
 * The repository of a composition: the config dir, `searchPath` and the
 * primary config's (or the command line's) `hydra.searchpath`.
 *
 * @throws {StrataError} `composition` for a primary config that is not a
 *   mapping or a bad `hydra.searchpath`; YAML errors of the primary config.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchPathRepository } from "./compose.ts";
 * const repo = searchPathRepository({ configDir: "examples/llm-finetune/conf", configName: "config" }, []);
 * assert.ok(repo.groupExists("optimizer"));
 * ```
 */
export function searchPathRepository(options: ComposeOptions, overrides: Override[]): Repository {
  const repo = new Repository(
    mainSources(options.configDir, options.searchPath ?? []),
    options.reuseFiles ?? true,
    options.unloadable,
  );
  if (legacyBase(options.versionBase)) repo.readYmlAsIs();
  buildSearchPath(repo, options.configName, overrides, options.searchPath ?? []);
  return repo;
}

/** `e` with `warnings` said before it (its own after them), when it is a StrataError. */
function withWarnings(e: unknown, warnings: LocatedWarning[]): unknown {
  if (!isStrataError(e) || warnings.length === 0) return e;
  const said = [...warnings, ...e.warnings];
  return new StrataError(e.code, e.message, { ...e, warnings: said });
}

/**
 * {@link defaultsTree} on a repository that is already built (a batch of
 * compositions shares one, so each file is read and parsed once).
 *
 * @throws {StrataError} `missing-config`, `composition`, `value`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { defaultsTreeIn, searchPathRepository } from "./compose.ts";
 * const options = { configDir: "examples/llm-finetune/conf", configName: "config" };
 * const overrides = [parseOverride("optimizer=sgd", 0)];
 * const info = defaultsTreeIn(searchPathRepository(options, overrides), overrides, options);
 * assert.equal(info.choices.get("optimizer"), "sgd");
 * ```
 */
export function defaultsTreeIn(
  repo: Repository,
  overrides: Override[],
  options: ComposeOptions,
): DefaultsInfo {
  if (!options.multirun) validateSweeps(overrides, options.sweepHint, options.fromShell);
  const state = new OverrideState((g) => repo.groupExists(g), overrides);
  const warnings: LocatedWarning[] = [];
  // a search path entry that does not exist is skipped, with Hydra's warning; a Python package
  // strata cannot read says so, and what it can read, unless a --search-path directory holds it
  const unread = unreadPackages(repo.sources);
  for (const s of repo.sources) {
    if (!s.available() && (s.scheme !== "pkg" || unread.includes(s))) {
      warnings.push({
        message: `provider=${s.provider}, path=${s.path} is not available.` +
          (s.scheme === "pkg" ? ` ${packageHint(s.path)}` : ""),
        origin: searchPathOrigin(s),
      });
    }
  }
  let tree: TreeNode, defaults: ResultDefault[];
  try {
    tree = buildTree(
      {
        repo,
        state,
        skipMissing: options.multirun ?? false,
        warnings,
        primaryNameAt: options.configNameAt,
        versionBase: options.versionBase,
        missingConfigs: options.missingConfigs,
      },
      options.configName,
    );
    defaults = treeToList(tree);
    state.ensureOverridesUsed();
    state.ensureDeletionsUsed();
  } catch (e) {
    // what Hydra warned of before it failed (a search path entry that is not there, which may be
    // why `config=x` is "You must specify 'config'") comes before the error, as there
    throw withWarnings(e, warnings);
  }
  return {
    tree,
    defaults,
    choices: state.knownChoices,
    warnings: warnings.map((w) => w.message),
    // (Hydra's missing-`_self_` of the primary says what the order changes, under Hydra's text)
    warningsAt: warnings.map((w) =>
      w.primarySelf ? withSelfOrderNote(w, defaults, (p) => repo.load(p)?.config) : w
    ),
    configOverrides: state.configOverrides,
    repo,
    overrides,
  };
}

/**
 * Composes a config like Hydra's `compose(config_name, overrides, return_hydra_config=True)`.
 *
 * @throws {StrataError} `missing-config` (unknown file or option, listing the
 *   available ones), `composition`, `value`, `override-parse`, YAML errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, viewOf } from "../../engine.ts";
 * const c = compose({ configDir: "examples/llm-finetune/conf", configName: "config", overrides: ["optimizer=sgd"] });
 * assert.equal(c.choices.optimizer, "sgd");
 * assert.equal(viewOf(c.config).get("optimizer.name"), "sgd");
 * assert.equal(viewOf(c.resolve()).get("run_name"), "llama3-8b-alpaca");
 * ```
 */
export function compose(options: ProjectComposeOptions): Composition {
  // the defaults info is this call's alone: its unshared files may be given to the merge
  return composeDefaults(defaultsTree(options), options, true);
}

/**
 * The second half of {@link compose}: merges the configs of a defaults list
 * that is already built (validation swaps one option of a list it built once).
 * With `once`, the caller uses `info` for this composition only, so the
 * trees of big files its repository parsed for itself alone
 * (`LoadedConfig.unshared`) become part of the result instead of being copied.
 *
 * @throws {StrataError} `composition`, `value`, YAML errors.
 * @example
 * ```ts ignore
 * import { composeDefaults, defaultsTree } from "./compose.ts";
 * const options = { configDir: "conf", configName: "config" };
 * composeDefaults(defaultsTree(options), options).config;
 * ```
 */
export function composeDefaults(
  info: DefaultsInfo,
  options: ProjectComposeOptions,
  once = false,
): Composition {
  try {
    return finishComposition(mergeDefaults(info, once), info, options);
  } catch (e) {
    // Hydra warned while it built the defaults list (a missing `_self_`), before a merge failed
    throw withWarnings(e, info.warningsAt);
  }
}

/** `hydra.mode` of a merged tree, when it is a plain string. */
function modeIn(root: DictNode): string | null {
  const hydra = root.entries.get(canonicalKey("hydra"))?.node;
  const mode = hydra?.kind === "dict" ? hydra.entries.get(canonicalKey("mode"))?.node : undefined;
  return mode?.kind === "value" && typeof mode.value === "string" ? mode.value : null;
}

/**
 * The last steps of a composition on a merged tree that it owns (it is
 * changed in place): the command-line value overrides, then the `hydra` node
 * split off and filled (`hydra.runtime.cwd` is `cwd`).
 *
 * @throws {StrataError} `composition` (what HydraConf refuses in the `hydra` node), `value` (a value override that does not apply).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultsTree, finishComposition, mergeDefaults } from "./compose.ts";
 * const options = { configDir: "examples/llm-finetune/conf", configName: "config", overrides: ["seed=3"] };
 * const info = defaultsTree(options);
 * const seed = finishComposition(mergeDefaults(info), info, options).config.entries.get("seed");
 * assert.deepEqual(seed?.node.kind === "value" && seed.node.value, 3);
 * ```
 */
export function finishComposition(
  root: DictNode,
  info: DefaultsInfo,
  options: ProjectComposeOptions,
  cwd: string = Deno.cwd(),
  shared?: SharedHydra,
): Composition {
  // `hydra.sweeper` is a BasicSweeperConf when `hydra/sweeper` is `basic` (and the launcher's)
  const plugins = typedPlugins(info.defaults);
  // read before the first `hydra.mode=...` override changes it
  let configMode: [string | null] | undefined;
  for (const o of info.configOverrides) {
    if (o.key === "hydra.mode") configMode ??= [modeIn(root)];
    if (o.key.split(".").length > LIMITS.nesting) {
      throw new StrataError(
        ErrorCode.Limit,
        `the key of the override nests deeper than ${LIMITS.nesting} levels`,
        { origin: { override: o.index ?? 0, text: o.text }, fullKey: o.key },
      );
    }
    const typo = groupTypoWarning(o, info.repo);
    if (typo) info.warningsAt.push(typo);
    // (read before: a failed update may leave the interpolation dereferenced in place)
    const through = o.key.includes(".") ? throughInterpolationNote(root, o) : undefined;
    try {
      applyValueOverride(root, o, plugins, {
        resolvers: options.resolvers,
        opaque: options.opaqueResolvers,
      });
    } catch (e) {
      // `algorithm.lr=1` where a `# @package _group_` header put algorithm's option elsewhere
      if (!(e instanceof StrataError)) throw e;
      // `nn/datta/dataset=x`: a misspelt group, read as a key no config holds (Hydra's words);
      // the groups this composition chose are what it likely meant
      // `expriment=routing/am` for the group experiment, whose options are _global_ (no key
      // `experiment` to suggest): the top-level groups too
      // (one this composition did not choose is appended, `+adapter=default`, as the message
      // above words it: `adapter=1` would be another error; checker x24)
      // a group chosen under a package only (`policy/pe@policy.temporal`) is compared by its
      // group and suggested as the key an override names (checker v42)
      const chosen = new Map<string, string>();
      for (const k of info.choices.keys()) {
        const group = k.split("@")[0];
        if (!chosen.has(group) || k === group) chosen.set(group, k);
      }
      // (`~models`, a key to delete: a group's choice key is no key of the config, and deleting
      // it would drop a defaults entry: checker v44)
      const groups = o.package !== null
        ? nearGroupPaths(o.key, info.repo)
        : o.type !== "delete" && !o.key.includes(".") && !e.suggestions?.length
        ? suggest(o.key, [
          ...new Set([
            ...chosen.keys(),
            ...info.repo.groupOptions("", "group").filter((g) => g !== "hydra"),
          ]),
        ]).map((g) => {
          const key = chosen.get(g);
          if (key !== undefined) return key;
          const first = info.repo.groupOptions(g, "config")[0];
          return first === undefined ? g : `+${g}=${first}`;
        })
        : [];
      throw new StrataError(e.code, e.message, {
        ...e,
        related: [
          ...withLegacyPackageNote(e.message, e.related, info.warningsAt),
          ...(through ?? []),
        ],
        ...(groups.length > 0 ? { suggestions: groups } : {}),
      });
    }
  }
  const mode = configMode ? configMode[0] : modeIn(root);

  const hydraEntry = root.entries.get(canonicalKey("hydra"));
  // (not kept in `info`, which validation composes again with other options)
  const headerless = shared?.headerless ??
    headerlessHydraOptions(info.defaults, (p) => info.repo.load(p)?.file);
  if (shared) shared.headerless = headerless;
  const leafBefore = leafBeforeIn(info.defaults, (p) => info.repo.load(p));
  let hydra: DictNode;
  if (shared?.typed && hydraEntry?.node.kind === "dict") hydra = clone(shared.typed);
  else {
    if (hydraEntry?.node.kind === "dict" && !options.uncheckedHydra) {
      // HydraConf is a structured config: Hydra's merge refuses an unknown key or a misfit value
      const after = afterHydraSchema(info.defaults, (p) => info.repo.load(p)?.file);
      const e = hydraSchemaError(hydraEntry.node, (file) => after.get(file), plugins, leafBefore);
      if (e) throw e;
    }
    // typed as HydraConf types it: `env_set: {X: 1}` holds '1', as in Hydra's hydra.yaml
    hydra = hydraEntry?.node.kind === "dict" ? typeHydraNode(hydraEntry.node, plugins) : dict();
    if (shared && hydraEntry?.node.kind === "dict") {
      shared.typed = hydra;
      hydra = clone(hydra);
    }
  }
  root.entries.delete(canonicalKey("hydra"));
  if (hydraEntry) {
    fillHydraNode(hydra, {
      overrides: info.overrides,
      choices: info.choices,
      sources: info.repo.sources,
      configName: options.configName,
      jobName: options.jobName ?? "app",
      versionBase: options.versionBase,
      cwd,
      // Hydra reads override_dirname's settings from the whole config: `${...}` there resolves
      resolve: (path) => {
        const whole = dict();
        for (const [k, e] of root.entries) whole.entries.set(k, e);
        whole.entries.set(canonicalKey("hydra"), { key: "hydra", node: hydra });
        // (the app's resolvers too, as the app registers them before Hydra reads these)
        const resolvers = { ...options.resolvers, ...hydraResolvers(hydra, clockNow(), root) };
        return resolveAt(whole, path, { resolvers });
      },
    });
  }
  const choices: Record<string, string | null> = {};
  for (const [k, v] of info.choices) if (!k.startsWith("hydra/")) choices[k] = v;
  // `${action_optimizer}` where that is a group none chose: said beside "not found"
  setAbsentKeyHint(root, unchosenGroupHint(info.repo, info.choices, root));
  return {
    config: root,
    hydra,
    choices,
    defaults: info.defaults,
    tree: info.tree,
    warnings: info.warnings,
    hydraLeafBefore: leafBefore,
    warningsAt: headerless.length > 0 ? [...info.warningsAt, ...headerless] : info.warningsAt,
    configMode: mode,
    resolve(opts?: ResolveOptions) {
      return resolveComposition(this, opts);
    },
  };
}

/**
 * `+experiment=x` where the tree has a group `experiments` and none named
 * `experiment`: Hydra adds the key `experiment: x` (a config override), so
 * the run silently gets none of the group's options. Said as a warning at
 * the override, with the group it likely meant.
 */
function groupTypoWarning(o: Override, repo: Repository): LocatedWarning | undefined {
  // a string, as an option's name is (`+experiment=base`, not `+epochs=3`)
  const v = o.value?.kind === "element" ? o.value.node : undefined;
  if (o.type !== "add" || o.key.includes(".") || v?.kind !== "value" || v.type !== "str") {
    return undefined;
  }
  // `+grp@pkg=x`: Hydra adds no key but fails ("looks like a config group override"), and that
  // error names the groups meant (checker v42)
  if (o.package !== null) return undefined;
  const near = nearGroupPaths(o.key, repo);
  if (near.length === 0) return undefined;
  const groups = near.map((g) => `'${g}'`).join(", ");
  return {
    message: `'${o.key}' is no config group: ${o.text} adds the key ${o.key}, as Hydra does. ` +
      `Did you mean the group ${groups}?`,
    origin: { override: o.index ?? 0, text: o.text },
  };
}

/** The groups a path that names none likely meant (`policy/position_encodin`); none if it is one. */
function nearGroupPaths(key: string, repo: Repository): string[] {
  if (repo.groupExists(key)) return [];
  // the first directory of the path that is not there is the typo (`experiment/base` for
  // `experiments/base`): its near siblings, with the rest of the path, where that is a group
  const segs = key.split("/");
  let parent = "";
  let near: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const path = parent === "" ? segs[i] : `${parent}/${segs[i]}`;
    if (i < segs.length - 1 && repo.groupExists(path)) {
      parent = path;
      continue;
    }
    near = suggest(segs[i], repo.groupOptions(parent, "group"))
      .filter((g) => g !== "hydra")
      .map((g) => [...(parent === "" ? [] : [parent]), g, ...segs.slice(i + 1)].join("/"))
      .filter((g) => i === segs.length - 1 || repo.groupExists(g));
    break;
  }
  return near;
}
