/**
 * What a config is to a library user: the {@link Config} interface (a
 * DictConfig-like view with plain dotted keys) and the types of what goes in
 * and comes out of it. ./view.ts implements it.
 *
 * @module
 */

import type { CreateData, CreateInput } from "../create.ts";
import type { Key } from "../node.ts";
import type { ToObjectOptions } from "./plain.ts";
import type { InferOutput, StandardSchema } from "./standard_schema.ts";

/**
 * A value read from a config: a leaf as a JS value, a dict or list as a
 * {@link Config}; a resolver's plain object or array (not a config, as
 * OmegaConf keeps a resolver's dict) as plain data.
 */
export type ConfigValue =
  | Config
  | string
  | number
  | bigint
  | boolean
  | null
  | PlainValue;

/** A resolver's plain dict or list as read from a config (`cfg.get("a")` with `a: ${r:}`). */
export type PlainValue = { [key: string]: unknown } | unknown[] | Map<Key, unknown>;

/** What a config can be made from, or a value set to: plain data, or another {@link Config}. */
export type ConfigInput = CreateInput | Config;

/**
 * `T` checked as a {@link ConfigInput}: a {@link Config}, or data whose members
 * are plain data (`CreateData`: an object typed by an interface, a readonly
 * array) or Configs (each held as a copy of its node, as OmegaConf copies a
 * node put into a new container). The library's functions take `T & ConfigData<T>`.
 *
 * @example
 * ```ts
 * import { createConfig } from "../../mod.ts";
 * interface Opt { lr: number; betas: readonly number[] }
 * const opt: Opt = { lr: 1e-3, betas: [0.9, 0.999] };
 * createConfig({ optimizer: opt }).get("optimizer.lr"); // 0.001
 * ```
 */
export type ConfigData<T> = CreateData<T, Config>;

/** Options of {@link Config.select}. */
export interface ConfigSelectOptions<T> {
  /** Returned when the key is absent or holds `???`. */
  default?: T;
  /**
   * `select` only: a `???` at the key (or on the way) is a `missing-value`
   * error, even with a default (`OmegaConf.select(throw_on_missing=True)`).
   */
  throwOnMissing?: boolean;
}

/**
 * A view of a DictConfig or ListConfig. Paths are dotted keys as in
 * `OmegaConf.select`: `"optimizer.lr"`, `"model.layers[0]"`, `""` for the view itself.
 * A key that is not a string (`1`, `true`, `null`, a `FloatKey`) is one key
 * of this dict or list, as `cfg[1]` is in OmegaConf: a YAML `{1: a}` holds the int
 * key 1, which `get(1)` reads and `get("1")` does not (a str key `"1"` is another key).
 *
 * A view is a path into its config, not a handle on a node: `g = cfg.get("g")`
 * read after `cfg.set("g", {...})` reads the new `g`, and writes there. (An
 * OmegaConf node taken before `cfg.g = ...` is detached and keeps the old
 * value.) Keep the node's values with `toObject()`, or copy it: `createConfig(view)`.
 */
export interface Config extends Iterable<[Key, ConfigValue]> {
  /** `"dict"` or `"list"`. */
  readonly kind: "dict" | "list";
  /** The number of keys (or items). */
  readonly length: number;
  /**
   * Struct mode (inherited from the parent when not set here): adding a key
   * is an error. Reading gives the flag in force; setting `null` clears this
   * node's own flag so it inherits again (`OmegaConf.set_struct(cfg, None)`).
   * {@link ownFlag} reads the node's own flag; {@link openDict} lifts it for a
   * callback and puts the own flag back.
   */
  get struct(): boolean;
  // @ignore on the setters: deno doc's lint asks a setter for a return type,
  // which TypeScript refuses; the getter documents both.
  /**
   * Sets this node's struct flag; `null` inherits the parent's again.
   * @ignore
   */
  set struct(value: boolean | null);
  /**
   * Readonly (inherited from the parent when not set here): every change is
   * an error. Setting `null` inherits again (`OmegaConf.set_readonly(cfg, None)`);
   * {@link readWrite} lifts it for a callback.
   */
  get readonly(): boolean;
  /**
   * Sets this node's readonly flag; `null` inherits the parent's again.
   * @ignore
   */
  set readonly(value: boolean | null);
  /**
   * The resolved value at `path` (`cfg["a"]["b"]` in OmegaConf). Name the
   * type you expect (`cfg.get<number>("optimizer.lr")`, `cfg.get<Config>("model")`):
   * it is not checked; use {@link Config.toObject} with a schema for checked types.
   *
   * @throws {StrataError} `key` (absent, with did-you-mean), `missing-value`
   *   (`???`), `index`, and interpolation errors.
   */
  get<T extends ConfigValue = ConfigValue>(path: string | Key): T;
  /**
   * The resolved value at `path`, or `options.default` when it is absent or
   * `???` (`OmegaConf.select`): an interpolation that fails to resolve throws.
   * A relative path is OmegaConf.select's: `.x` is `x` here, `..x` the parent's `x`.
   *
   * @throws {StrataError} interpolation errors; `key` for a relative path above the root.
   */
  select<T extends ConfigValue = ConfigValue>(
    path: string | Key,
    options?: ConfigSelectOptions<T>,
  ): T | undefined;
  /**
   * Sets the value at `path` (`OmegaConf.update(cfg, path, value, merge=False)`):
   * missing dicts on the way are created.
   *
   * @throws {StrataError} `key`/`attribute` (struct mode), `readonly`, `index`.
   */
  set<T>(path: string, value: T & ConfigData<T>): void;
  /**
   * Removes the key or list item at `path` (`del cfg[key]`): later items
   * of a list move up.
   *
   * @throws {StrataError} `readonly`, `type` (a dict in struct mode),
   *   `key`/`index` (absent).
   */
  delete(path: string | Key): void;
  /**
   * Removes the key or list item at `path` and returns its resolved value
   * (`DictConfig.pop` / `ListConfig.pop`), or `options.default` when the key
   * is absent or `???`.
   *
   * @throws {StrataError} `readonly`, `type` (a dict in struct mode),
   *   `key`/`index` (absent, no default), `missing-value`, interpolation errors.
   */
  pop<T extends ConfigValue = ConfigValue>(
    path: string | Key,
    options?: ConfigSelectOptions<T>,
  ): T;
  /**
   * Appends a value to this list (`ListConfig.append`).
   *
   * @throws {StrataError} `readonly`, `type` (not a list).
   */
  append<T>(value: T & ConfigData<T>): void;
  /**
   * Inserts a value into this list before `index` (`ListConfig.insert`): 0
   * to the length, or negative from the end as in Python.
   *
   * @throws {StrataError} `readonly`, `type` (not a list), `index`.
   */
  insert<T>(index: number, value: T & ConfigData<T>): void;
  /**
   * Whether `path` exists and is not `???` (OmegaConf's `key in cfg`): an
   * interpolation counts even when it fails to resolve.
   */
  has(path: string | Key): boolean;
  /**
   * The keys in order, as written (`DictConfig.keys()`): a YAML `{1: a}`
   * gives the int key `1`, which `get(1)` reads back; a list's indexes are
   * numbers. Iterating the view gives the same keys with their values.
   */
  keys(): Key[];
  /** The origin of the value at `path`: `file:line:col`, or `override #N 'text'`. */
  origin(path?: string | Key): string | undefined;
  /**
   * The resolved config as plain data (`OmegaConf.to_object`). Ints and floats
   * are numbers (ints beyond ±2^53 are bigints); `exactFloats` keeps a float
   * with an integral value (`1.0`) a `PyFloat`, as `createConfig` reads it.
   *
   * @throws {StrataError} `missing-value` at a `???`, interpolation errors.
   */
  toObject<T = unknown>(options?: ToObjectOptions): T;
  /**
   * The resolved config validated by a Standard Schema (zod, valibot,
   * arktype...): the schema's output, typed.
   *
   * @throws {StrataError} `validation` at the failing value's origin
   *   (file:line:col), other issues as related positions; `usage` for an
   *   async schema (use {@link Config.toObjectAsync}) or an object that is
   *   no Standard Schema.
   */
  toObject<S extends StandardSchema>(schema: S): InferOutput<S>;
  /**
   * What `JSON.stringify(cfg)` writes: the resolved config as {@link Config.toObject}
   * gives it, a dict with non-string keys as an object (`{"1.5": ...}`),
   * an int beyond 2^53 as its exact digits, `.inf`, `-.inf` and `.nan` as the
   * strings `"inf"`, `"-inf"` and `"nan"`, as `toJson` writes them
   * (JSON has no such numbers: JSON.stringify would write null). A float
   * that is whole is a JS number there (`1.0` is `1`); toJson keeps `1.0`.
   * (`console.log(cfg)` shows the config as written, interpolations unresolved.)
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig } from "../../mod.ts";
   * const cfg = createConfig("a: .inf\nb: .nan\nc: ${a}");
   * assert.equal(JSON.stringify(cfg), '{"a":"inf","b":"nan","c":"inf"}');
   * ```
   *
   * @throws {StrataError} as {@link Config.toObject}.
   */
  toJSON(): unknown;
  /**
   * What `String(cfg)` and `${cfg}` give: the config as written (interpolations unresolved), as
   * Python's `str(cfg)` prints a DictConfig or ListConfig (checker v36: it was `[object Object]`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createConfig } from "../../mod.ts";
   * const cfg = createConfig("model:\n  lr: 0.1\n  name: ${x}\nx: a\n");
   * assert.equal(`${cfg.get("model")}`, "{'lr': 0.1, 'name': '${x}'}");
   * ```
   */
  toString(): string;
  /**
   * {@link Config.toObject} with a schema that may validate asynchronously.
   *
   * @throws {StrataError} `validation` (the Promise rejects with it).
   */
  toObjectAsync<S extends StandardSchema>(schema: S): Promise<InferOutput<S>>;
}
