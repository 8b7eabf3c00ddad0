/**
 * OmegaConf's functions on a config that the {@link Config} view has no
 * method for: `OmegaConf.is_missing`, `OmegaConf.missing_keys` and
 * `OmegaConf.update` with its `merge` and `force_add` options. Keys are the
 * view's dotted paths (`"d.x"`, `"l[1]"`).
 *
 * @module
 */

import { type CreateInput, createValue } from "../create.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import {
  clone,
  fullKey,
  isInterpolation as holdsInterpolation,
  type Key,
  type Node,
} from "../node.ts";
import { missingKeys as treeMissingKeys, walk } from "../ops/read.ts";
import { splitKey, update as treeUpdate } from "../ops/select.ts";
import { asIndex, childOf } from "../ops/walk.ts";
import { dereferenceAt } from "../resolve/resolve.ts";
import type { Config, ConfigData } from "./config.ts";
import { isConfig, nodeOf } from "./view.ts";
import { badArgument, checkConfig, checkKnownOptions } from "./args.ts";

/** The view's path `path` as keys from the root of its tree. */
function keysOf(config: Config, path: string | Key): Key[] {
  const at = nodeOf(config).path;
  if (typeof path !== "string") return [...at, path];
  return path === "" ? [...at] : [...at, ...splitKey(path)];
}

/**
 * The full key errors name for `keys` of `root` (`l[1]`, `d.q`): a key of a
 * list is an index; keys past the tree are a dict's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { fullKeyIn } from "./ops_api.ts";
 * assert.equal(fullKeyIn(loadYaml("l: [1]"), ["l", 1, "x"]), "l[1].x");
 * ```
 */
export function fullKeyIn(root: Node, keys: readonly Key[]): string {
  const indexes: boolean[] = [];
  let node: Node | undefined = root;
  for (const key of keys) {
    indexes.push(node?.kind === "list");
    node = node && node.kind !== "value" ? childOf(node, key)?.node : undefined;
  }
  return fullKey(keys, indexes);
}

/**
 * Whether the value at `path` is `???` itself (`OmegaConf.is_missing(cfg, key)`,
 * with the view's dotted path: `isMissing(cfg, "d.x")` is
 * `OmegaConf.is_missing(cfg.d, "x")`). An interpolation to a `???` is not
 * missing, nor is an absent key.
 *
 * @throws {StrataError} `index` for a list index out of range, as OmegaConf's ConfigIndexError.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, isMissing } from "../../mod.ts";
 * const cfg = createConfig({ data: "???", train: "${data}", l: [1, "???"] });
 * assert.equal(isMissing(cfg, "data"), true);
 * assert.equal(isMissing(cfg, "train"), false);
 * assert.equal(isMissing(cfg, "l[1]"), true);
 * assert.equal(isMissing(cfg, "nope"), false);
 * ```
 */
export function isMissing(config: Config, path: string | Key): boolean {
  checkConfig("isMissing", config);
  const { root } = nodeOf(config);
  const keys = keysOf(config, path);
  const parent = parentOf(root, keys)?.node;
  if (parent === undefined || parent.kind === "value") return false;
  const last = keys.at(-1)!;
  if (parent.kind === "list") {
    const i = asIndex(last);
    if (i !== undefined && (i >= parent.items.length || i < -parent.items.length)) {
      const key = fullKeyIn(root, keys);
      throw new StrataError(ErrorCode.Index, "list index out of range", {
        fullKey: key,
        origin: parent.origin,
        objectType: "list",
      });
    }
  }
  const child = childOf(parent, last)?.node;
  return child !== undefined && child.kind === "value" && child.type === "missing";
}

/**
 * Whether the value at `path` is an interpolation as written
 * (`OmegaConf.is_interpolation(cfg, key)`, with the view's dotted path:
 * `isInterpolation(cfg, "d.x")` is `OmegaConf.is_interpolation(cfg.d, "x")`,
 * read through a node interpolation on the way as `cfg.d` is). A string
 * holding `${` is one (a node or string interpolation, a resolver call; an
 * escaped `\${` too, as OmegaConf parses it); a container, `???` or an absent
 * key is not.
 *
 * @throws {StrataError} `index` for a list index out of range, `key-validation`
 *   for a list key that is not an index, `attribute` for an absent key in
 *   struct mode, as OmegaConf's ConfigIndexError, KeyValidationError and
 *   ConfigAttributeError.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, isInterpolation } from "../../mod.ts";
 * const cfg = createConfig({ db: { host: "h" }, url: "x://${db.host}", replica: "${db}", n: 1 });
 * assert.equal(isInterpolation(cfg, "url"), true);
 * assert.equal(isInterpolation(cfg, "replica"), true);
 * assert.equal(isInterpolation(cfg, "n"), false);
 * assert.equal(isInterpolation(cfg, "nope"), false);
 * ```
 */
export function isInterpolation(config: Config, path: string | Key): boolean {
  checkConfig("isInterpolation", config);
  const { root } = nodeOf(config);
  const keys = keysOf(config, path);
  const parent = parentOf(root, keys);
  if (parent === undefined || parent.node.kind === "value") return false;
  const child = childOf(parent.node, keys.at(-1)!);
  if (child) return holdsInterpolation(child.node);
  // OmegaConf's errors for a list key and a struct's absent key: the walk's own
  if (parent.node.kind === "list") walk(root, keys);
  else if (parent.struct === true) walk(root, keys, "attr");
  return false;
}

/**
 * The full keys of every `???` in the config (`OmegaConf.missing_keys`): a
 * set, in sorted order; full keys from the root for a view of a node
 * (`missingKeys(cfg.get("d"))` gives `d.x`). As in OmegaConf, the other
 * values are read, so an interpolation that reaches a `???` throws.
 *
 * @throws {StrataError} `interpolation-to-missing` and other interpolation errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, missingKeys } from "../../mod.ts";
 * const cfg = createConfig({ data: "???", l: [1, "???", { x: "???" }], d: { y: 1 } });
 * assert.deepEqual(missingKeys(cfg), new Set(["data", "l[1]", "l[2].x"]));
 * ```
 */
export function missingKeys(config: Config): Set<string> {
  checkConfig("missingKeys", config);
  const { root, path } = nodeOf(config);
  return new Set(treeMissingKeys(root, path));
}

/** Options of {@link update}: `OmegaConf.update`'s. */
export interface UpdateOptions {
  /** Merge a dict or list into the container at the key (default true), else replace it. */
  merge?: boolean;
  /** Add the key, and the keys merged, even in struct mode (default false). */
  forceAdd?: boolean;
}

/**
 * Sets the value at `path` (`OmegaConf.update(cfg, key, value, merge=True,
 * force_add=False)`): missing dicts on the way are created; a dict or list
 * value is merged into the container already there unless `merge: false`
 * (then it is {@link Config.set}); `forceAdd` adds new keys in struct mode.
 *
 * @throws {StrataError} `key`/`attribute` (struct mode), `readonly`, `index`,
 *   `grammar` (a malformed `${...}` in the value).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createConfig, update } from "../../mod.ts";
 * const cfg = createConfig({ optimizer: { lr: 0.1, betas: [0.9, 0.99] } });
 * update(cfg, "optimizer", { lr: 0.2 });
 * assert.deepEqual(cfg.toObject(), { optimizer: { lr: 0.2, betas: [0.9, 0.99] } });
 * cfg.struct = true;
 * update(cfg, "scheduler.name", "cosine", { forceAdd: true });
 * assert.equal(cfg.get("scheduler.name"), "cosine");
 * ```
 */
export function update<T>(
  config: Config,
  path: string,
  value: T & ConfigData<T>,
  options: UpdateOptions = {},
): void {
  checkConfig("update", config);
  if (typeof path !== "string") throw badArgument("update", "path", "a string", path);
  // `force_add` (OmegaConf's spelling) is refused with did-you-mean, not ignored (checker w38)
  checkKnownOptions("update", options, { merge: true, forceAdd: true });
  const { root } = nodeOf(config);
  // `update(cfg, "", v)` sets the key '', as OmegaConf.update does
  const keys = path === "" ? [...nodeOf(config).path, ""] : keysOf(config, path);
  const node = isConfig(value)
    ? clone(nodeOf(value).node)
    : createValue(value as CreateInput, fullKeyIn(root, keys));
  treeUpdate(root, keys, node, {
    merge: options.merge ?? true,
    forceAdd: options.forceAdd ?? false,
  });
}

/**
 * The node holding the last of `keys` as OmegaConf's `cfg.a.b` reads it for
 * `is_missing(cfg.a.b, key)` / `is_interpolation(...)` (with its struct flag):
 * through a node interpolation (`a: ${b}` reads the node b); undefined for
 * no key (the view itself) or a path that cannot be reached, where both are
 * False.
 */
function parentOf(root: Node, keys: Key[]): { node: Node; struct?: boolean } | undefined {
  if (keys.length === 0) return undefined;
  let chain;
  try {
    chain = walk(root, keys.slice(0, -1));
  } catch (e) {
    if (e instanceof StrataError && e.code === ErrorCode.Key) return undefined;
    throw e;
  }
  const parent = chain.at(-1)!;
  if (!holdsInterpolation(parent.node)) return parent;
  return { ...parent, node: dereferenceAt(root, keys.slice(0, -1), { shallow: true }).node };
}
