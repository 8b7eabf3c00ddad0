/**
 * Composing from a config directory, as Hydra's `compose` does, and
 * expanding a multirun into its jobs.
 *
 * @module
 */

import { compose as composeTree, type ComposeOptions } from "../compose/compose.ts";
import type { ResultDefault } from "../compose/defaults_tree_node.ts";
import { setStruct } from "../ops/flags.ts";
import { scopeResolvers } from "../resolve/resolvers.ts";
import { hydraResolvers, hydraScope } from "../compose/resolvers.ts";
import { expandSweep as expandTreeSweep } from "../sweep/expand.ts";
import { noJobsWarning } from "../sweep/entries.ts";
import type { SweepJob, SweepOptions } from "../sweep/types.ts";
import { type Config, viewOf } from "./view.ts";
import {
  badArgument,
  checkKnownOptions,
  checkOptions,
  checkVersionBase,
  COMPOSE_FIELDS,
} from "./args.ts";
import { type ResolveOptions, treeResolvers } from "./resolver_api.ts";
import { resolvedCopy } from "./resolve_copy.ts";

/**
 * A composed config, as Hydra's `compose(config_name, overrides)` makes it:
 * in struct mode, so setting or reading a key the configs do not have is an error.
 */
export interface Composition {
  /**
   * The config, interpolations unresolved, without the `hydra` key; struct.
   * Its reads resolve `${hydra:...}` and `${now:...}`, as a Hydra job's config does.
   */
  config: Config;
  /** The `hydra` node, with `hydra.runtime` and `hydra.job` filled in; struct, not readonly. */
  hydra: Config;
  /** The chosen option of every config group (`hydra.runtime.choices`, without `hydra/*`). */
  choices: Record<string, string | null>;
  /** The configs merged, in order, with their packages. */
  defaults: ResultDefault[];
  /** Warnings Hydra would print (e.g. a defaults list without `_self_`). */
  warnings: string[];
  /**
   * The config resolved as Hydra's app sees it (struct): `${hydra:job.name}`,
   * `${now:%Y-%m-%d}` and registered resolvers work. As `OmegaConf.resolve`
   * (and `resolve(composition.config)`) leaves it: a `???` stays `???`, and so
   * does a value whose interpolation reaches one; a resolver's plain object or
   * array that would be a node of it is an `unsupported-value` error.
   *
   * @throws {StrataError} interpolation errors, located; `unsupported-value`.
   */
  resolve(options?: ResolveOptions): Config;
}

/** An expanded sweep: iterate it for the jobs, or address job `i` directly. */
export interface Sweep extends Iterable<SweepJob> {
  /** The number of jobs. */
  readonly count: number;
  /** `hydra.sweeper.max_batch_size`, or null for one batch of all jobs. */
  readonly maxBatchSize: number | null;
  /** The number of batches a launcher gets. */
  readonly batchCount: number;
  /** The batch job `index` is launched in. */
  batchOf(index: number): number;
  /** Job `index` (the SLURM array or Kubernetes completion index). */
  jobAt(index: number): SweepJob;
  /** Jobs `start` to `end - 1`, in order, one at a time. */
  jobs(start?: number, end?: number): Generator<SweepJob>;
  /**
   * What the user should know about how the sweep was expanded, as `strata sweep` prints it: a
   * sweeper plugin's params expanded as a grid (Optuna would run `n_trials`), Hydra's warnings
   * with their file:line:col (checker v36: the type lacked it).
   */
  readonly warnings: readonly string[];
}

/** Every option of {@link compose}, its type's keys (a new one must be added here). */
const COMPOSE_OPTIONS: Record<keyof ComposeOptions, true> = {
  configDir: true,
  configName: true,
  configNameAt: true,
  overrides: true,
  versionBase: true,
  searchPath: true,
  jobName: true,
  multirun: true,
  sweepHint: true,
  fromShell: true,
  reuseFiles: true,
  uncheckedHydra: true,
  missingConfigs: true,
  unloadable: true,
};

/**
 * `link` as {@link SweepOptions} types it, a list of lists of override keys: a string or a flat
 * list (`"a,b"`, `["a", "b"]`) is refused, named, where it failed inside (checker y2 #1).
 */
function checkLink(link: unknown): void {
  if (link === undefined) return;
  const lists = 'an array of arrays of override keys ([["model", "optimizer"]])';
  if (!Array.isArray(link)) throw badArgument("expandSweep", "link", lists, link);
  link.forEach((keys: unknown, i) => {
    if (!Array.isArray(keys)) {
      throw badArgument(
        "expandSweep",
        `link[${i}]`,
        'an array of override keys (["model", "optimizer"])',
        keys,
      );
    }
    const bad = keys.findIndex((k) => typeof k !== "string");
    if (bad !== -1) throw badArgument("expandSweep", `link[${i}][${bad}]`, "a string", keys[bad]);
  });
}

/** Every option of {@link expandSweep}. */
const SWEEP_OPTIONS: Record<keyof SweepOptions, true> = {
  configDir: true,
  configName: true,
  configNameAt: true,
  searchPath: true,
  versionBase: true,
  overrides: true,
  link: true,
  validate: true,
};

/**
 * Composes a config from a config directory, like Hydra's
 * `compose(config_name, overrides, return_hydra_config=True)`: the config is
 * in struct mode, as Hydra sets it, so a typo in a key is an error.
 *
 * @throws {StrataError} `missing-config` (an unknown file or group option, with
 *   the available ones), `composition`, `override-parse`, YAML errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../../mod.ts";
 * const c = compose({
 *   configDir: "examples/llm-finetune/conf",
 *   configName: "config",
 *   overrides: ["model=gpt2", "optimizer.lr=1e-4"],
 * });
 * assert.equal(c.choices.model, "gpt2");
 * assert.equal(c.config.get("optimizer.lr"), 1e-4);
 * assert.equal(c.config.origin("optimizer.lr"), "override #2 'optimizer.lr=1e-4'");
 * assert.equal(c.resolve().get("run_name"), "gpt2-alpaca");
 * assert.equal(c.config.get("run_name"), "gpt2-alpaca"); // reads resolve too, `${hydra:...}` included
 * assert.throws(() => c.config.set("optimizer.lrr", 1e-3), /not in struct/);
 * ```
 */
export function compose(options: ComposeOptions): Composition {
  checkOptions("compose", options, COMPOSE_FIELDS);
  checkKnownOptions("compose", options, COMPOSE_OPTIONS);
  checkVersionBase("compose", options.versionBase);
  // a JavaScript caller may leave configName out: Hydra's compose(config_name=None)
  const c = composeTree({ ...options, configName: options.configName ?? null });
  // Hydra's _load_configuration_impl: OmegaConf.set_struct(cfg, True) on the
  // root, which the hydra node inherits (the CLI checks its overrides itself).
  setStruct(c.config, [], true);
  setStruct(c.hydra, [], true);
  // Inside a Hydra job `${hydra:...}` and `${now:...}` resolve wherever the
  // config is read; here the composition's own trees know them (one clock).
  const hydra = hydraResolvers(c.hydra, undefined, c.config);
  // Hydra's hydra node has the whole config as its parent: its reads see the
  // job's keys (`hydra.run.dir: outputs/${run_name}`); the job's see no `hydra`.
  const around = hydraScope(c.hydra, c.config);
  scopeResolvers(c.config, hydra);
  scopeResolvers(around, hydra);
  return {
    config: viewOf(c.config),
    hydra: viewOf(around, ["hydra"]),
    choices: c.choices,
    defaults: c.defaults,
    warnings: c.warnings,
    resolve: (opts = {}) => {
      // the app's config is the struct config, resolved as OmegaConf.resolve
      // resolves Hydra's DictConfig (and as resolve(composition.config) does):
      // a `???` stays `???`, so does a value reaching one, and a resolver's
      // plain dict or list cannot be a node of it, UnsupportedValueType
      const out = resolvedCopy(c.config, [], {
        ...opts,
        resolvers: { ...hydra, ...treeResolvers(opts.resolvers) },
        refusePlainResults: true,
      });
      setStruct(out, [], true);
      return viewOf(out);
    },
  };
}

/**
 * Expands a multirun (`lr=1e-3,1e-4 model=glob(*)`) into its jobs, like
 * `python app.py -m ...` with Hydra's BasicSweeper; every job's config is
 * composed before it is returned unless `validate: false`.
 *
 * @throws {StrataError} `override-parse`, `composition`, `missing-config`, `sweep`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandSweep } from "../../mod.ts";
 * const sweep = expandSweep({
 *   configDir: "examples/llm-finetune/conf",
 *   configName: "config",
 *   overrides: ["model=gpt2,mistral_7b", "optimizer.lr=1e-4,3e-4"],
 * });
 * assert.equal(sweep.count, 4);
 * assert.deepEqual(sweep.jobAt(3).overrides, ["model=mistral_7b", "optimizer.lr=0.0003"]);
 * ```
 */
export function expandSweep(options: SweepOptions): Sweep {
  checkOptions("expandSweep", options, COMPOSE_FIELDS);
  checkKnownOptions("expandSweep", options, SWEEP_OPTIONS);
  checkLink(options.link);
  const sweep = expandTreeSweep({ ...options, configName: options.configName ?? null });
  // a sweep of no jobs says why, as `strata sweep` prints it (checker v40)
  sweep.warnings.push(...sweep.empty.map(noJobsWarning));
  return sweep;
}
