/**
 * OmegaConf's operations on a config tree (get, set, del, pop, in, select,
 * update, missing_keys, flags, merge_with), in place, with struct/readonly
 * inheritance and OmegaConf's error types.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, loadYaml } from "../../engine.ts";
 * import { select, setValue } from "./mod.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * setValue(cfg, ["a"], "b", int(2));
 * assert.deepEqual(select(cfg, "a.b"), int(2));
 * ```
 *
 * @module
 */

export {
  type Access,
  contains,
  getItem,
  getMethod,
  isInterpolationAt,
  isMissing,
  keysAt,
  lengthAt,
  missingKeys,
  walk,
} from "./read.ts";
export { append, deleteKey, insert, mergeInto, pop, type SetOptions, setValue } from "./write.ts";
export { select, type SelectOptions, splitKey, update, type UpdateOptions } from "./select.ts";
export { isReadonly, isStruct, setReadonly, setStruct } from "./flags.ts";
export type { Frame, Path } from "./walk.ts";
