/**
 * OmegaConf's operations on a config tree, in place: `cfg[a][b]` (getItem),
 * `get`, `in`, `select`, `update`, `parent[k] = v` (setValue), `del`, `pop`,
 * `append`, `insert`, `merge_with`, `missing_keys`, `is_missing`, `is_interpolation`,
 * and the struct/readonly flags, with OmegaConf's errors. They work on the
 * node tree of `engine.ts`; the `Config` view of `mod.ts` is the
 * friendlier face of the same operations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, missingKeys, select, setStruct, update } from "./ops.ts";
 * import { int } from "./engine.ts";
 *
 * const cfg = loadYaml("optimizer: {lr: 1e-3}\nmodel: ???");
 * update(cfg, "optimizer.epochs", int(3));
 * assert.deepEqual(select(cfg, "optimizer.epochs"), int(3));
 * assert.deepEqual(missingKeys(cfg), ["model"]);
 * setStruct(cfg, [], true);
 * assert.throws(() => update(cfg, "typo", int(1)), /not in struct/);
 * ```
 *
 * @module
 */

export {
  type Access,
  append,
  contains,
  deleteKey,
  getItem,
  getMethod,
  insert,
  isInterpolationAt,
  isMissing,
  isReadonly,
  isStruct,
  keysAt,
  lengthAt,
  mergeInto,
  missingKeys,
  type Path,
  pop,
  select,
  type SelectOptions,
  type SetOptions,
  setReadonly,
  setStruct,
  setValue,
  splitKey,
  update,
  type UpdateOptions,
} from "./core/ops/mod.ts";
// the full YAML reader, installed at once (the CLI loads it only when a file needs it)
import "./core/yaml/full_install.ts";
export { type LoadOptions, loadYaml, loadYamlFile } from "./core/yaml/load.ts";
export * from "./core/node.ts";
