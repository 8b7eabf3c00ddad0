/**
 * strata: Hydra + OmegaConf configs, composed without Python.
 *
 * @example
 * ```ts ignore
 * import { compose, toYaml } from "./mod.ts";
 * const { config } = compose({ configDir: "conf", configName: "config", overrides: ["db=mysql"] });
 * console.log(toYaml(config));
 * ```
 *
 * @module
 */

export * from "./core/node.ts";
export * from "./core/errors.ts";
export { create, PyFloat } from "./core/create.ts";
export type { CreateInput } from "./core/create.ts";
export { loadYaml, loadYamlFile } from "./core/yaml/load.ts";
export type { LoadOptions } from "./core/yaml/load.ts";
export { toYaml } from "./core/yaml/emit.ts";
export type { ToYamlOptions } from "./core/yaml/emit.ts";
export { toContainer, toJson } from "./core/container.ts";
export type { Plain } from "./core/container.ts";
export { merge, mergeWith, sealForMerge, unsealForMerge } from "./core/merge.ts";
export type { MergeOptions } from "./core/merge.ts";
export { compose, defaultsTree } from "./core/compose/compose.ts";
export type { ComposeOptions, Composition, DefaultsInfo } from "./core/compose/compose.ts";
export type { ResultDefault, TreeNode } from "./core/compose/defaults_tree.ts";
export { hydraResolvers, resolveComposition, strftime } from "./core/compose/resolvers.ts";
export { parseOverride, parseOverrides } from "./core/override/parse.ts";
export { readEnv, setEnvPolicy } from "./core/env.ts";
export type { EnvPolicy, EnvRead } from "./core/env.ts";
export { LIMITS } from "./core/limits.ts";
export { elementToString, expandRange, sweepStrings } from "./core/override/format.ts";
export type * from "./core/override/types.ts";
export { expandSweep, planSweep, SweepExpansion } from "./core/sweep/expand.ts";
export type { PlanOptions } from "./core/sweep/expand.ts";
export { SweepPlan } from "./core/sweep/plan.ts";
export { parseLinkSpec } from "./core/sweep/link.ts";
export type { DirnameConfig, SweepJob, SweepOptions } from "./core/sweep/types.ts";
export {
  registerResolver,
  resolveAt,
  resolveTree,
  resolveTree as resolve,
  unregisterResolver,
  validateInterpolations,
} from "./core/resolve/mod.ts";
export type { ResolveOptions, ResolverContext, ResolverFn } from "./core/resolve/mod.ts";
export {
  append,
  contains,
  deleteKey,
  getItem,
  getMethod,
  isInterpolationAt,
  isMissing,
  isReadonly,
  isStruct,
  keysAt,
  lengthAt,
  mergeInto,
  missingKeys,
  pop,
  select,
  setReadonly,
  setStruct,
  setValue,
  splitKey,
  update,
} from "./core/ops/mod.ts";
export type { Access, Path, SelectOptions, SetOptions, UpdateOptions } from "./core/ops/mod.ts";
