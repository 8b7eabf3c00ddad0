/**
 * The shapes of a multirun expansion: options in, jobs out.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import type { VersionBase } from "../compose/version_base.ts";
import type { ResolverFn } from "../resolve/mod.ts";

/** One job of a sweep, as the launcher receives it. */
export interface SweepJob {
  /** 0-based job number (`hydra.job.num`), also the SLURM array / Indexed Job index. */
  index: number;
  /** The job's task overrides, exactly as Hydra writes them (`db=mysql`, `+x=a\ b`). */
  overrides: string[];
  /** `hydra.job.override_dirname` of the job. */
  overrideDirname: string;
}

/** `hydra.job.config.override_dirname`: how the override_dirname is written. */
export interface DirnameConfig {
  /** Between key and value; replaces every `=` of the joined overrides. Default `=`. */
  kvSep: string;
  /** Between overrides. Default `,`. */
  itemSep: string;
  /** `key_or_group`s left out (`db`, `seed`); compared without `+`/`~` prefixes. */
  excludeKeys: string[];
}

/** Input of `expandSweep`. */
export interface SweepOptions {
  /** The config directory. */
  configDir: string;
  /** The primary config's name (without `.yaml`); null composes without one. */
  configName: string | null;
  /** Where `configName` was set when not on the command line (`.strata.yaml`): see ComposeOptions. */
  configNameAt?: Origin;
  /** More config directories, searched after `configDir` (like `hydra.searchpath`). */
  searchPath?: string[];
  /** Hydra's `version_base` to compose as: see ComposeOptions. */
  versionBase?: VersionBase;
  /** Command-line overrides, as typed (sweeps included). */
  overrides?: string[];
  /**
   * Linked (zipped) sweeps: each inner list names override keys whose sweeps
   * advance together instead of forming a product (`[["model", "optimizer"]]`).
   * Keys are written as on the command line, with or without `+`/`++`/`~`.
   */
  link?: string[][];
  /**
   * Compose every job's config before yielding it, as Hydra's BasicSweeper
   * does before launching a batch (default true). Turn off for huge sweeps
   * whose jobs only need their override strings.
   */
  validate?: boolean;
}

/** {@link SweepOptions} with the project's resolvers: the CLI's sweep (`--resolvers`). */
export interface ProjectSweepOptions extends SweepOptions {
  /**
   * The project's resolvers (`.strata.yaml`'s module, `--resolvers`), besides Hydra's: what
   * `hydra.sweep.dir`, the sweeper's params and each job's override_dirname settings may call.
   */
  resolvers?: Record<string, ResolverFn>;
  /** Resolvers `.strata.yaml` declares opaque (see ProjectComposeOptions.opaqueResolvers). */
  opaqueResolvers?: readonly string[];
  /**
   * Called with each warning of a job's composition (a `# @package _globl_` header of an option
   * only some jobs choose) that the sweep has not said yet, as the job is validated; unset, such
   * warnings are added to the expansion's `warnings` as they come.
   */
  onJobWarning?: (line: string) => void;
}

/**
 * The default {@link DirnameConfig}: Hydra's `hydra/job` defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type DirnameConfig } from "../../engine.ts";
 * import { DEFAULT_DIRNAME } from "./types.ts";
 * const dirname: DirnameConfig = { ...DEFAULT_DIRNAME, excludeKeys: ["seed"] };
 * assert.equal(dirname.itemSep, ",");
 * ```
 */
export const DEFAULT_DIRNAME: DirnameConfig = Object.freeze({
  kvSep: "=",
  itemSep: ",",
  excludeKeys: [] as string[],
}) as DirnameConfig;
