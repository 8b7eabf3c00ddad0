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
import { deletedKeyHint } from "./deleted_key_hint.ts";
import { suggest } from "../suggest.ts";
import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import { canonicalKey, clone, dict, type DictNode } from "../node.ts";
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
import { OverrideState } from "./overrides_state.ts";
import { Repository } from "./repository.ts";
import { buildSearchPath, mainSources, searchPathOrigin } from "./search_path.ts";
import { packageHint, unreadPackages } from "./package_hint.ts";
import { applyValueOverride } from "./value_overrides.ts";
import { mergeDefaults } from "./compose_merge.ts";
import { withSelfOrderNote } from "./self_order.ts";
import { validateSweeps } from "./sweep_error.ts";
import { withLegacyPackageNote } from "./legacy_header.ts";
import { legacyBase } from "./version_base.ts";

export { mergeDefaults, placeAt } from "./compose_merge.ts";
export { sweepError, validateSweeps } from "./sweep_error.ts";
import { clockNow } from "../strftime.ts";
import { groupTypoWarning, nearGroupPaths } from "./group_typo.ts";

export type {
  ComposeOptions,
  Composition,
  DefaultsInfo,
  ProjectComposeOptions,
  SharedHydra,
} from "./compose_types.ts";
import type {
  ComposeOptions,
  Composition,
  DefaultsInfo,
  ProjectComposeOptions,
  SharedHydra,
} from "./compose_types.ts";

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
    state.ensureOverridesUsed(() => treeGroupNames(repo));
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
  // `${action_optimizer}` where that is a group none chose, or `${a.b}` after `~a`: said beside
  // "not found"
  setAbsentKeyHint(
    root,
    deletedKeyHint(info.overrides, unchosenGroupHint(info.repo, info.choices, root)),
  );
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

/** The groups of the search path, three levels down (for a did-you-mean). */
function treeGroupNames(repo: Repository): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const g of repo.groupOptions(dir, "group")) {
      const path = dir === "" ? g : `${dir}/${g}`;
      if (path === "hydra" || path.startsWith("hydra/")) continue;
      out.push(path);
      if (depth < 3) walk(path, depth + 1);
    }
  };
  walk("", 1);
  return out;
}
