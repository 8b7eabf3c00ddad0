/**
 * What a composition takes and gives: the options of {@link compose}, the composed config with
 * how it was made, and the defaults of a composition before any merge.
 *
 * @module
 */

import type { StrataError } from "../errors.ts";
import type { DictNode, Node, Origin } from "../node.ts";
import type { Override } from "../override/types.ts";
import type { LocatedWarning, ResultDefault, TreeNode } from "./defaults_tree_node.ts";
import type { ResolveOptions } from "../resolve/resolve.ts";
import type { ResolverFn } from "../resolve/resolvers.ts";
import type { Repository } from "./repository.ts";
import type { VersionBase } from "./version_base.ts";

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
