/**
 * The library's front door: compose, create, load, merge, resolve and write
 * configs as {@link Config} views. Each function is a thin layer over the
 * node-level functions of core/, taking and returning views.
 *
 * @module
 */

import { compose as composeTree, type ComposeOptions } from "../compose/compose.ts";
import type { ResultDefault } from "../compose/defaults_tree_node.ts";
import { create, type CreateInput } from "../create.ts";
import { toJson as treeToJson } from "../container.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { merge as mergeTrees } from "../merge.ts";
import { clone, type Node } from "../node.ts";
import { setReadonly, setStruct } from "../ops/flags.ts";
import { OwnRoot } from "../resolve/resolver_call.ts";
import { resolveAt } from "../resolve/resolve.ts";
import {
  type RegisterOptions,
  registerResolver as registerTreeResolver,
  scopedResolvers,
  scopeResolvers,
} from "../resolve/resolvers.ts";
import { hydraResolvers, hydraScope } from "../compose/resolvers.ts";
import { expandSweep as expandTreeSweep } from "../sweep/expand.ts";
import type { SweepJob, SweepOptions } from "../sweep/types.ts";
import { toYaml as treeToYaml, type ToYamlOptions } from "../yaml/emit.ts";
import { loadYamlFile } from "../yaml/load.ts";
import {
  validate as validateTree,
  type ValidateOptions as TreeValidateOptions,
  type ValidateResult,
} from "../validate/validate.ts";
import type { ToObjectOptions } from "./plain.ts";
import type { InferOutput, StandardSchema } from "./standard_schema.ts";
import { type Config, type ConfigInput, isConfig, nodeOf, viewOf } from "./view.ts";
import { badArgument, checkConfig, checkOptions, COMPOSE_FIELDS } from "./args.ts";

/** What a resolver learns about its call besides its arguments. */
export interface ResolverInfo {
  /** The arguments' source texts. */
  argTexts: string[];
  /** The full key of the value holding the interpolation. */
  fullKey: string;
  /** Emits a warning (to {@link ResolveOptions.onWarning}). */
  warn(message: string): void;
}

/**
 * A resolver for `${name:arg,...}`: plain JS arguments in (ints and floats as
 * numbers, dicts as objects, lists as arrays; a config node passed as
 * `${src.in}` comes resolved where it sits), a plain value or a {@link Config}
 * out. A returned `Config` reads itself (`${...}` in it name its own keys, as
 * in a DictConfig made by `OmegaConf.create`). As in OmegaConf 2.2, a plain
 * object or array returned is a value: its strings are not interpolations
 * (`{ s: "${x}" }` stays `${x}`).
 */
export type Resolver = (args: unknown[], info: ResolverInfo) => unknown;

/** Options of {@link resolve} and {@link Composition.resolve}. */
export interface ResolveOptions {
  /** Resolvers for this call only; they take precedence over registered ones. */
  resolvers?: Record<string, Resolver>;
  /** Receives warnings (`oc.deprecated`, ...); default `console.warn`. */
  onWarning?: (message: string) => void;
}

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
   * `${now:%Y-%m-%d}` and registered resolvers work.
   *
   * @throws {StrataError} interpolation errors, located.
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
}

function treeOf(input: ConfigInput): Node {
  return isConfig(input) ? nodeOf(input).node : create(input as CreateInput);
}

function treeResolvers(resolvers: Record<string, Resolver> = {}) {
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, fn]) => [name, unwrapping(fn)]),
  );
}

/** A resolver whose {@link Config} results reach the engine as trees. */
function unwrapping(fn: Resolver): Resolver {
  return (args, info) => {
    const out = fn(args, info);
    if (!isConfig(out)) return out;
    // a Config reads itself (or the config it is part of), not the config being resolved
    const { root, path } = nodeOf(out);
    return new OwnRoot(root, path);
  };
}

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
      // the app's config is the struct config, resolved
      const out = c.resolve({ ...opts, resolvers: { ...hydra, ...treeResolvers(opts.resolvers) } });
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
  return expandTreeSweep({ ...options, configName: options.configName ?? null });
}

/**
 * A config from plain data or YAML text (`OmegaConf.create`). Integral
 * numbers become ints, other numbers floats; wrap a number in `PyFloat` for
 * a float such as `1.0`. `"???"` is a missing value.
 *
 * @throws {StrataError} YAML errors, `grammar` (a malformed `${...}`), `key-validation`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, PyFloat, toYaml } from "../../mod.ts";
 * const cfg = createConfig({ lr: 3e-4, epochs: 3, scale: new PyFloat(1), tag: "${epochs}" });
 * assert.equal(cfg.get("tag"), 3);
 * assert.equal(toYaml(cfg), "lr: 0.0003\nepochs: 3\nscale: 1.0\ntag: ${epochs}\n");
 * assert.equal(createConfig("a: [1, 2]").get("a[1]"), 2);
 * ```
 */
export function createConfig(input?: ConfigInput): Config {
  if (isConfig(input)) return viewOf(inScopeOf([input], clone(nodeOf(input).node)));
  return viewOf(create((input ?? {}) as CreateInput));
}

/** `tree` with the resolvers of the first of `inputs` that has any (a composed config's `hydra:`). */
function inScopeOf(inputs: readonly ConfigInput[], tree: Node): Node {
  for (const input of inputs) {
    const own = isConfig(input) ? scopedResolvers(nodeOf(input).root) : undefined;
    if (own) {
      scopeResolvers(tree, own);
      break;
    }
  }
  return tree;
}

/**
 * Reads a YAML config file (the OmegaConf dialect); every value remembers its
 * file, line and column.
 *
 * @throws {StrataError} YAML errors at their position; `input` when the file
 *   cannot be read (it does not exist, is a directory, or may not be read).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadConfig } from "../../mod.ts";
 * const cfg = await loadConfig("examples/llm-finetune/conf/optimizer/adamw.yaml");
 * assert.equal(cfg.get("name"), "adamw");
 * assert.match(cfg.origin("name")!, /adamw\.yaml:\d+:\d+$/);
 * ```
 */
export async function loadConfig(path: string): Promise<Config> {
  if (typeof path !== "string") throw badArgument("loadConfig", "path", "a string", path);
  try {
    return viewOf(await loadYamlFile(path));
  } catch (e) {
    // OmegaConf.load raises FileNotFoundError; here it is a StrataError naming the file
    const unreadable = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory ||
      e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable;
    if (!unreadable) throw e;
    const why = e instanceof Deno.errors.NotFound
      ? "no such file"
      : e instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : (e as Error).message;
    throw new StrataError(ErrorCode.Input, `cannot read config file '${path}': ${why}`, {
      fullKey: "",
      origin: { file: path },
    });
  }
}

/**
 * Merges configs (or plain data) left to right into a new config
 * (`OmegaConf.merge`); the inputs are not changed.
 *
 * @throws {StrataError} `key` (struct mode rejects a new key), `type`, `readonly`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, merge } from "../../mod.ts";
 * const base = createConfig({ optimizer: { lr: 1e-3, betas: [0.9, 0.999] } });
 * const cfg = merge(base, { optimizer: { lr: 3e-4 } });
 * assert.deepEqual(cfg.toObject(), { optimizer: { lr: 3e-4, betas: [0.9, 0.999] } });
 * assert.equal(base.get("optimizer.lr"), 1e-3);
 * ```
 */
export function merge(...configs: ConfigInput[]): Config {
  return viewOf(inScopeOf(configs, mergeTrees(...configs.map(treeOf))));
}

/**
 * A resolved copy of a config (every `${...}` replaced by its value), or of a
 * composition with Hydra's `hydra:` and `now:` resolvers.
 *
 * @throws {StrataError} `interpolation-key`, `interpolation-resolution`,
 *   `unsupported-interpolation`, ... located at the interpolation;
 *   `unsupported-value` where a resolver's plain object or array would be a
 *   node of the copy, as `OmegaConf.resolve` refuses it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, resolve } from "../../mod.ts";
 * const cfg = createConfig({ model: "gpt2", out: "runs/${model}" });
 * assert.deepEqual(resolve(cfg).toObject(), { model: "gpt2", out: "runs/gpt2" });
 * ```
 */
export function resolve(config: Config | Composition, options?: ResolveOptions): Config {
  if (!isConfig(config)) {
    if (typeof (config as Partial<Composition> | null)?.resolve !== "function") {
      throw badArgument("resolve", "config", "a Config or a Composition", config);
    }
    return config.resolve(options);
  }
  const { root, path } = nodeOf(config);
  // OmegaConf.resolve: a resolver's plain dict or list cannot be a node of the result
  const out = resolveAt(root, path, {
    ...options,
    resolvers: treeResolvers(options?.resolvers),
    refusePlainResults: true,
  });
  // the copy keeps the flags the view has, inherited ones too (OmegaConf.resolve keeps them in place)
  if (config.struct && out.flags?.struct === undefined) setStruct(out, [], true);
  if (config.readonly && out.flags?.readonly === undefined) setReadonly(out, [], true);
  return viewOf(out);
}

/**
 * The config as YAML, as `OmegaConf.to_yaml` writes it (interpolations as written).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, toYaml } from "../../mod.ts";
 * assert.equal(toYaml(createConfig({ b: 1, a: [true, null] })), "b: 1\na:\n- true\n- null\n");
 * ```
 */
export function toYaml(config: Config, options?: ToYamlOptions): string {
  checkConfig("toYaml", config);
  return treeToYaml(nodeOf(config).node, options ?? {});
}

/**
 * The config as JSON text, keeping floats floats (`1.0`), as Python's
 * `json.dumps(OmegaConf.to_container(cfg))` writes it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, toJson } from "../../mod.ts";
 * assert.equal(toJson(createConfig("lr: 1e-5\nw: 1.0")), '{"lr": 1e-05, "w": 1.0}');
 * ```
 */
export function toJson(config: Config, indent?: number): string {
  checkConfig("toJson", config);
  return treeToJson(nodeOf(config).node, indent);
}

/**
 * {@link Config.toObject} as a function: the resolved config as plain data,
 * or validated by a Standard Schema.
 *
 * @throws {StrataError} `missing-value`, `validation`, interpolation errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, toObject } from "../../mod.ts";
 * assert.deepEqual(toObject(createConfig({ a: "${b}", b: 2 })), { a: 2, b: 2 });
 * ```
 */
export function toObject<T = unknown>(config: Config, options?: ToObjectOptions): T;
/** {@link toObject} validated by a Standard Schema (zod, valibot, arktype, ...). */
export function toObject<S extends StandardSchema>(config: Config, schema: S): InferOutput<S>;
export function toObject(config: Config, arg?: ToObjectOptions | StandardSchema): unknown {
  checkConfig("toObject", config);
  return config.toObject(arg as ToObjectOptions);
}

/**
 * Registers a resolver for `${name:...}` in every later resolution.
 *
 * @throws {StrataError} `value` when the name is empty or taken (unless `replace`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, registerResolver, resolve, unregisterResolver } from "../../mod.ts";
 * registerResolver("example.mul", (args) => (args as number[]).reduce((a, b) => a * b, 1));
 * assert.equal(resolve(createConfig({ x: "${example.mul:2,3,7}" })).get("x"), 42);
 * unregisterResolver("example.mul");
 * ```
 */
export function registerResolver(
  name: string,
  resolver: Resolver,
  options?: RegisterOptions,
): void {
  if (typeof name !== "string") throw badArgument("registerResolver", "name", "a string", name);
  if (typeof resolver !== "function") {
    throw badArgument("registerResolver", "resolver", "a function", resolver);
  }
  registerTreeResolver(name, unwrapping(resolver), options ?? {});
}

/** Input of {@link validate}. */
export interface ValidateOptions {
  /** The primary config directory. */
  configDir: string;
  /** The primary config's name. */
  configName: string;
  /** More config directories, searched after `configDir`. */
  searchPath?: string[];
  /** Overrides applied to every composition (values they set are checked, the override as origin). */
  overrides?: string[];
  /** Check only these files and the compositions they take part in (paths as given). */
  files?: string[];
  /** Resolvers written in TypeScript, as {@link registerResolver} takes them. */
  resolvers?: Record<string, Resolver>;
  /** Resolvers declared opaque (results unchecked). */
  opaque?: string[];
}

// The fields are validate.ts's, spelled out because its resolver type is not
// the library's: this fails to type-check when the two lists part.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false;
const _sameFields: Same<
  Omit<ValidateOptions, "resolvers">,
  Omit<TreeValidateOptions, "resolvers">
> = true;

/**
 * Validates a conf/ tree as `strata validate` does: every YAML file, every
 * composition (each group option in place of its default), interpolations,
 * `???` values and `_schema/` schemas.
 *
 * @throws {StrataError} `usage` when the config directory does not exist.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, validate } from "../../mod.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "pair: ${pair:}\nfirst: ${pair.a}\n");
 * const r = await validate({
 *   configDir: dir,
 *   configName: "config",
 *   resolvers: { pair: () => createConfig({ a: 1, b: 2 }) },
 * });
 * assert.deepEqual(r.problems, []);
 * ```
 */
export function validate(options: ValidateOptions): Promise<ValidateResult> {
  try {
    checkOptions("validate", options, {
      strings: ["configDir", "configName"],
      stringLists: ["searchPath", "overrides", "files", "opaque"],
    });
  } catch (e) {
    return Promise.reject(e);
  }
  return validateTree({ ...options, resolvers: treeResolvers(options.resolvers) });
}
