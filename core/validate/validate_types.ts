/**
 * The input and the result of `validate` (./validate.ts).
 *
 * @module
 */

import type { VersionBase } from "../compose/version_base.ts";
import type { Origin } from "../node.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import type { ExcludeGlob } from "./exclude.ts";
import type { OptionScope } from "./option_scope.ts";
import type { Problem } from "./problems.ts";
import type { TogetherSet } from "./together.ts";

/** Input of `validate` (./validate.ts). */
export interface ValidateOptions {
  /** The primary config directory. */
  configDir: string;
  /** The primary config; null for none (`@hydra.main` without config_name): options are tried alone. */
  configName: string | null;
  /** Where `configName` was set when not on the command line (`.strata.yaml`): see ComposeOptions. */
  configNameAt?: Origin;
  /** Hydra's `version_base` to compose as: see ComposeOptions. */
  versionBase?: VersionBase;
  /**
   * Whether `configName` is only the default (`config`), named by neither the user nor the
   * settings: a tree without it (every run names its primary, `--config-name`) is checked through
   * its top-level configs as the primaries, as Hydra given no config name composes an empty
   * primary and does not fail. A primary that was named and is missing stays an error.
   */
  configNameIsDefault?: boolean;
  /** More config directories, searched after `configDir`. */
  searchPath?: string[];
  /** Overrides applied to every composition (values they set are checked, the override as origin). */
  overrides?: string[];
  /** Check only these files and the compositions they take part in (paths as given). */
  files?: string[];
  /**
   * Files (absolute paths) read as absent, with why: `--staged`'s untracked ones, which the
   * commit does not hold, and the ones it deletes (named so where they are missed).
   */
  absent?: ReadonlyMap<string, string>;
  /**
   * Files (absolute paths) read as these bytes, not the disk's: `--staged`'s files with changes
   * not staged, read as the index holds them (what the commit holds).
   */
  staged?: ReadonlyMap<string, Uint8Array>;
  /** Resolvers written in TypeScript. */
  resolvers?: Record<string, ResolverFn>;
  /** Resolvers declared opaque (results unchecked). */
  opaque?: string[];
  /** `.strata.yaml`'s `validate.options`: which options of a group are tried with a primary. */
  optionScopes?: OptionScope[];
  /** `.strata.yaml`'s `validate.exclude`: files under the config directory left alone. */
  exclude?: ExcludeGlob[];
  /** `.strata.yaml`'s `validate.together`: override sets composed together, their options not alone. */
  together?: TogetherSet[];
}

/** What `validate` (./validate.ts) found. */
export interface ValidateResult {
  /** Every problem, once per location. */
  problems: Problem[];
  /** Files checked: the YAML configs on their own, and the schema files given (a staged schema). */
  files: number;
  /** Compositions checked. */
  compositions: number;
  /** The `files` given that name nothing checked (outside the config directory...), with why. */
  unchecked?: { path: string; reason: string }[];
  /**
   * The top-level configs composed as the primaries, when the default primary config is not
   * there and was not named ({@link ValidateOptions.configNameIsDefault}).
   */
  primaries?: string[];
  /**
   * Set when the tree is groups alone (no primary, no top-level config) and no config name was
   * given: validated as with no primary config (`--no-config-name`), each option as `+group=x`.
   */
  noConfigName?: boolean;
  /**
   * The config files checked that take part in no composition (an option no primary chooses and
   * none is tried with): checked as YAML only. Paths as the report shows files.
   */
  yamlOnly?: string[];
  /**
   * The groups (choice keys) whose options were tried in another composition than the primary's
   * (`conditioner` in `solver=jasco/chords`, the first that chooses it), where a problem showed.
   */
  hosts?: { key: string; host: string }[];
  /**
   * With several inferred primaries: the options that fail with primaries choosing their group
   * and compose with another (`impl=deepspeed`, fine for `cfg_pretrain`, not `cfg_eval`): their
   * errors are left out, as another workspace's options are no errors of this one.
   */
  partial?: { option: string; failsWith: string[]; composesWith: string[]; appended?: boolean }[];
  /**
   * Each file that does not load and how many compositions include it: those were built up to
   * their defaults lists (their problems reported) and not merged, so their values were not
   * checked. Paths as the report shows files.
   */
  unmerged?: { file: string; compositions: number }[];
  /**
   * The other top-level primaries the overrides given do not fit (`--override optimizer.lr=3e-4`
   * on `accelerate_ddp`, which has no `optimizer`), each with the first override that failed it:
   * they were checked without the overrides given, which are the validated primary's.
   */
  unfitOverrides?: { config: string; override: string }[];
}
