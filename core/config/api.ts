/**
 * The library's front door for configs: create, load, merge, resolve and
 * write them as {@link Config} views. Each function is a thin layer over the
 * node-level functions of core/, taking and returning views. Composing is in
 * ./compose_api.ts, resolvers in ./resolver_api.ts, validating in
 * ./validate_api.ts.
 *
 * @module
 */

import { create, type CreateInput } from "../create.ts";
import { toJson as treeToJson } from "../container.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { merge as mergeTrees } from "../merge.ts";
import { clone, type Node } from "../node.ts";
import { setReadonly, setStruct } from "../ops/flags.ts";
import { walk } from "../ops/read.ts";
import { mergeAt } from "../ops/write.ts";
import { resolveAt } from "../resolve/resolve.ts";
import { validateInterpolations, validateResolved } from "../resolve/validate.ts";
import { scopedResolvers, scopeResolvers } from "../resolve/resolvers.ts";
import { copyResolverCache } from "../resolve/caches.ts";
import { toYaml as treeToYaml, type ToYamlOptions } from "../yaml/emit.ts";
import { loadYamlFile } from "../yaml/load.ts";
import type { ToObjectOptions } from "./plain.ts";
import type { InferOutput, StandardSchema } from "./standard_schema.ts";
import {
  type Config,
  type ConfigData,
  type ConfigInput,
  isConfig,
  nodeOf,
  viewOf,
} from "./view.ts";
import { badArgument, checkConfig, checkKnownOptions } from "./args.ts";
import { fullKeyIn } from "./ops_api.ts";
import type { Composition } from "./compose_api.ts";
import { type ResolveOptions, treeResolvers } from "./resolver_api.ts";
import { osReason } from "../os_error.ts";
import { resolvedCopy } from "./resolve_copy.ts";

/**
 * A merge input as a tree. Plain data comes from code, as a value `set`
 * does: it has no origin (`<create>` names a config createConfig made), so
 * an error in it (a limit, an unsupported value) is located nowhere rather
 * than at a fake place.
 */
function treeOf(input: ConfigInput): Node {
  return isConfig(input) ? nodeOf(input).node : create(input as CreateInput, null);
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
export function createConfig<T>(input?: T & ConfigData<T>): Config {
  if (isConfig(input)) {
    const { node, root, path } = nodeOf(input);
    const tree = clone(node);
    // OmegaConf.create(cfg) keeps a root config's use_cache values (a node's: a new root, none)
    if (path.length === 0) copyResolverCache(root, tree);
    return viewOf(inScopeOf([input], tree));
  }
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
 * @throws {StrataError} YAML errors at their position; `grammar` for a
 *   `${...}` OmegaConf cannot parse, as `OmegaConf.load` raises it; `input`
 *   when the file cannot be read (it does not exist, is a directory, or may
 *   not be read).
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
  let tree: Node;
  try {
    tree = await loadYamlFile(path);
  } catch (e) {
    // OmegaConf.load raises FileNotFoundError; here it is a StrataError naming the file
    const unreadable = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory ||
      e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable;
    if (!unreadable) throw e;
    const why = e instanceof Deno.errors.NotFound
      ? "no such file"
      : e instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : osReason(e);
    throw new StrataError(ErrorCode.Input, `cannot read config file '${path}': ${why}`, {
      fullKey: "",
      origin: { file: path },
    });
  }
  // OmegaConf.load creates the config, which checks every ${...}'s grammar
  validateInterpolations(tree);
  return viewOf(tree);
}

/**
 * Merges configs (or plain data) left to right into a new config
 * (`OmegaConf.merge`); the inputs are not changed.
 *
 * @throws {StrataError} `key` (struct mode rejects a new key), `type`, `readonly`;
 *   `value` for a null, a number, boolean or string input (YAML text is not
 *   read here: `createConfig` it first), as OmegaConf.merge's ValueError.
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
export function merge<const T extends readonly unknown[]>(
  ...configs: { [I in keyof T]: T[I] & ConfigData<T[I]> }
): Config {
  const inputs = configs as readonly unknown[] as readonly ConfigInput[];
  inputs.forEach(checkMergeInput);
  const first = inputs[0];
  if (isConfig(first) && nodeOf(first).path.length > 0) return mergeInParent(first, inputs);
  const tree = mergeTrees(...inputs.map(treeOf));
  // OmegaConf.merge deep-copies its first config, with the use_cache values of its root
  if (isConfig(first)) copyResolverCache(nodeOf(first).root, tree);
  return viewOf(inScopeOf(inputs, tree));
}

/** OmegaConf.merge's ValueError for an input that is no config (a YAML text is one here). */
const INVALID_INPUT =
  "Invalid input. Supports one of [dict,list,DictConfig,ListConfig,dataclass,dataclass instance,attr class,attr class instance]";

/**
 * OmegaConf.merge's refusals: a null after the first config is "Cannot merge
 * with a None config" (an undefined "... an undefined config"), a null or
 * undefined first or a scalar anywhere "Invalid input". A
 * string is a scalar there too: OmegaConf.merge reads no YAML text (only
 * OmegaConf.create does), so `merge(cfg, "b: 2")` is refused, not parsed.
 */
function checkMergeInput(input: unknown, i: number): void {
  const scalar = ["number", "boolean", "bigint", "string"].includes(typeof input);
  if (input !== null && input !== undefined && !scalar) return;
  // (undefined is JavaScript's None here: `merge(cfg, maybe)` with no `maybe` is refused alike)
  const message = input === null && i > 0
    ? "Cannot merge with a None config"
    : input === undefined && i > 0
    ? "Cannot merge with an undefined config"
    : INVALID_INPUT;
  throw new StrataError(ErrorCode.Value, message, { fullKey: "" });
}

/**
 * {@link merge} whose first config is a node of a bigger one (`cfg.model`):
 * OmegaConf.merge copies it with its parent, so the result still reads that
 * config's keys (`${run_dir}`), inherits its struct flag and names full keys
 * from its root (`model.new`). Here the copy is of the whole tree, the others
 * merged into its node with that node's readonly flag lifted (OmegaConf.merge's
 * `flag_override`); the result is a view of that node.
 */
function mergeInParent(first: Config, inputs: readonly ConfigInput[]): Config {
  const { root, path } = nodeOf(first);
  const tree = clone(root);
  copyResolverCache(root, tree);
  const own = walk(tree, path).at(-1)!.node;
  const readonly = own.flags?.readonly;
  own.flags = { ...own.flags, readonly: false };
  for (const other of inputs.slice(1)) mergeAt(walk(tree, path), treeOf(other), false);
  const merged = walk(tree, path).at(-1)!.node;
  merged.flags = { ...merged.flags };
  if (readonly === undefined) delete merged.flags.readonly;
  else merged.flags.readonly = readonly;
  return viewOf(inScopeOf(inputs, tree), path);
}

/**
 * A resolved copy of a config (every `${...}` replaced by its value), as
 * `OmegaConf.resolve` leaves the config: a `???` stays `???`, and so does a
 * value whose interpolation reaches one (`i: ${m}` with `m: ???`). A
 * composition is resolved with Hydra's `hydra:` and `now:` resolvers.
 *
 * @throws {StrataError} `interpolation-key`, `interpolation-resolution`,
 *   `unsupported-interpolation`, ... located at the interpolation;
 *   `unsupported-value` where a resolver's plain object or array would be a
 *   node of the copy, as `OmegaConf.resolve` refuses it; `readonly` for a
 *   read-only config holding an interpolation, which `OmegaConf.resolve`
 *   cannot set (`Cannot set value of read-only config node`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, resolve, toYaml } from "../../mod.ts";
 * const cfg = createConfig({ model: "gpt2", out: "runs/${model}" });
 * assert.deepEqual(resolve(cfg).toObject(), { model: "gpt2", out: "runs/gpt2" });
 * const todo = createConfig({ data: "???", train: "${data}/train" });
 * assert.equal(toYaml(resolve(todo)), "data: ???\ntrain: ???\n");
 * ```
 */
export function resolve(config: Config | Composition, options?: ResolveOptions): Config {
  // a misspelt option is refused, not ignored (checker w38)
  if (options !== undefined) checkKnownOptions("resolve", options, RESOLVE_OPTIONS);
  if (!isConfig(config)) {
    if (typeof (config as Partial<Composition> | null)?.resolve !== "function") {
      throw badArgument("resolve", "config", "a Config or a Composition", config);
    }
    return config.resolve(options);
  }
  const { root, path } = nodeOf(config);
  // OmegaConf.resolve: a resolver's plain dict or list cannot be a node of the result
  const out = resolvedCopy(root, path, {
    ...options,
    resolvers: treeResolvers(options?.resolvers),
    refusePlainResults: true,
  });
  // OmegaConf.resolve parses each value it sets: `\${x` resolved to `${x` is a GrammarParseError
  validateResolved(out, path.length > 0 ? fullKeyIn(root, path) : "");
  // the copy keeps the flags the view has, inherited ones too (OmegaConf.resolve keeps them in place)
  if (config.struct && out.flags?.struct === undefined) setStruct(out, [], true);
  if (config.readonly && out.flags?.readonly === undefined) setReadonly(out, [], true);
  return viewOf(out);
}

/** The options {@link resolve} knows: a misspelt one is refused. */
const RESOLVE_OPTIONS: Record<keyof ResolveOptions, true> = { resolvers: true, onWarning: true };

/** The options {@link toYaml} knows. */
const YAML_OPTIONS: Record<keyof ConfigYamlOptions, true> = { resolve: true, sortKeys: true };

/** Options of {@link toYaml}: `OmegaConf.to_yaml`'s. */
export interface ConfigYamlOptions extends ToYamlOptions {
  /**
   * Resolve every interpolation first (`resolve=True`): a `???` stays `???`,
   * a resolver's plain dict or list is written as it is.
   */
  resolve?: boolean;
}

/**
 * The config as YAML, as `OmegaConf.to_yaml` writes it (interpolations as
 * written, or resolved with `resolve: true`).
 *
 * @throws {StrataError} with `resolve`, interpolation errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, toYaml } from "../../mod.ts";
 * assert.equal(toYaml(createConfig({ b: 1, a: [true, null] })), "b: 1\na:\n- true\n- null\n");
 * const cfg = createConfig({ lr: 0.1, copy: "${lr}", todo: "???" });
 * assert.equal(toYaml(cfg, { resolve: true }), "lr: 0.1\ncopy: 0.1\ntodo: ???\n");
 * ```
 */
export function toYaml(config: Config, options: ConfigYamlOptions = {}): string {
  checkConfig("toYaml", config);
  // `sort_keys` (OmegaConf's spelling) is refused with did-you-mean, not ignored (checker w38)
  checkKnownOptions("toYaml", options, YAML_OPTIONS);
  const { node, root, path } = nodeOf(config);
  const { resolve, ...yaml } = options;
  if (!resolve) return treeToYaml(node, yaml);
  return treeToYaml(resolveAt(root, path, { resolvers: treeResolvers() }), yaml);
}

/**
 * The config as JSON text, keeping floats floats (`1.0`), as Python's
 * `json.dumps(OmegaConf.to_container(cfg))` writes it, except that it is
 * always valid JSON: NaN and the infinities, which `json.dumps` writes as
 * `NaN` and `Infinity`, are the strings `"nan"`, `"inf"` and `"-inf"`; text
 * is UTF-8 as with `ensure_ascii=False` (`é`, not `\u00e9`); and a `!!binary`
 * value, which `json.dumps` refuses, is its Python repr (`"b'hello'"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, toJson } from "../../mod.ts";
 * assert.equal(toJson(createConfig("lr: 1e-5\nw: 1.0")), '{"lr": 1e-05, "w": 1.0}');
 * assert.equal(toJson(createConfig("a: .nan")), '{"a": "nan"}');
 * ```
 */
export function toJson(config: Config, indent?: number): string {
  checkConfig("toJson", config);
  // `toJson(cfg, { resolve: true })` would be read as an indent (checker w38)
  if (indent !== undefined && typeof indent !== "number") {
    const e = badArgument("toJson", "indent", "a number", indent);
    throw new StrataError(e.code, `${e.message} (to resolve first: toJson(resolve(cfg)))`, e);
  }
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
