/**
 * Under the front door: the node tree (typed leaves, dicts and lists with
 * origins and flags), YAML in and out, deep merge and interpolation run by
 * the WASM engine, Hydra's composition with its defaults tree, and sweep
 * plans. Everything `ops.ts` and `override.ts` export is here too, so code
 * that works on trees needs one import. {@link viewOf} and {@link nodeOf}
 * cross between a tree and the {@link Config} view of `mod.ts`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, defaultsTree, resolveComposition, toYaml, viewOf } from "./engine.ts";
 *
 * const options = { configDir: "examples/llm-finetune/conf", configName: "config" };
 * const paths = defaultsTree(options).defaults.map((d) => d.configPath);
 * assert.deepEqual(paths.slice(-3), ["scheduler/cosine", "training/default", "config"]);
 * const resolved = resolveComposition(compose(options));
 * assert.match(toYaml(resolved), /^run_name: llama3-8b-alpaca$/m);
 * assert.equal(viewOf(resolved).get("seed"), 1234);
 * ```
 *
 * @module
 */

// the full YAML reader, installed at once (the CLI loads it only when a file needs it)
import "./core/yaml/full_install.ts";
export * from "./ops.ts";
export * from "./override.ts";
export * from "./core/errors.ts";
export {
  create,
  type CreateData,
  type CreateInput,
  type CreateScalar,
  PyFloat,
} from "./core/create.ts";
export { toYaml, type ToYamlOptions, toYamlRuns } from "./core/yaml/emit.ts";
export { type Plain, toContainer, toJson, toJsonRuns } from "./core/container.ts";
export { merge, type MergeOptions, mergeWith, sealForMerge, unsealForMerge } from "./core/merge.ts";
export {
  compose,
  type ComposeOptions,
  type Composition,
  type DefaultsInfo,
  defaultsTree,
  type ProjectComposeOptions,
} from "./core/compose/compose.ts";
export type { LocatedWarning, ResultDefault, TreeNode } from "./core/compose/defaults_tree_node.ts";
export type { VersionBase } from "./core/compose/version_base.ts";
export { hydraResolvers, resolveComposition, strftime } from "./core/compose/resolvers.ts";
export { expandRange } from "./core/override/format.ts";
export { canonicalJson, configHash, SHORT_HASH_LENGTH } from "./core/hash.ts";
export { composedConfigHash } from "./core/run/config_hash.ts";
export {
  type ChainStep,
  type ConfigLayer,
  explain,
  type Explanation,
  type Layer,
  type OverrideLayer,
  type Swept,
  type SweptParam,
  type ThroughStep,
} from "./core/provenance/explain.ts";
export { type Change, diffConfigs } from "./core/provenance/diff.ts";
export {
  type JobPlan,
  type MultirunPlan,
  planMultirun,
  type PlannedJob,
  planRun,
  type RunOptions,
  type RunPlan,
} from "./core/run/plan.ts";
export { type Unresolved } from "./core/run/lenient.ts";
export { writeJobDir } from "./core/run/write.ts";
export { KEPT_CONFIG_FILE, type ResolvedConfigFile } from "./core/run/config_file.ts";
export { configIdentity, type ConfigIdentityInput, JobIds } from "./core/sweep/job_id.ts";
export { buildManifest, type ManifestFormat, type ManifestRequest } from "./core/manifest/build.ts";
export { type ClusterLimits, readClusterLimits } from "./core/manifest/slurm_cluster.ts";
export type { JobSource, Manifest, ManifestFile, Resources } from "./core/manifest/types.ts";
export { jsonlChunks } from "./core/manifest/jsonl.ts";
export { expandSweep, type PlanOptions, planSweep, SweepExpansion } from "./core/sweep/expand.ts";
export { BatchComposer, type BatchStats } from "./core/compose/batch.ts";
export { parseLinkSpec } from "./core/sweep/link.ts";
export type {
  DirnameConfig,
  ProjectSweepOptions,
  SweepJob,
  SweepOptions,
} from "./core/sweep/types.ts";
export {
  type RegisterOptions,
  registerResolver,
  resolveAt,
  type ResolveOptions,
  type ResolverContext,
  type ResolverFn,
  resolveTree,
  resolveTree as resolve,
  scopedResolvers,
  scopeResolvers,
  type TreePlace,
  unregisterResolver,
  validateInterpolations,
} from "./core/resolve/mod.ts";
export type { EntriesOptions } from "./core/resolve/resolve.ts";
export { SweepPlan } from "./core/sweep/plan.ts";
export type { SweepEntry } from "./core/sweep/plan.ts";
export type { EmptySweep, GroupOptions } from "./core/sweep/entries.ts";
export {
  type Config,
  type ConfigData,
  type ConfigInput,
  type ConfigSelectOptions,
  type ConfigValue,
  isConfig,
  nodeOf,
  type PlainValue,
  viewOf,
} from "./core/config/view.ts";
export type { ToObjectOptions } from "./core/config/plain.ts";
export type {
  InferOutput,
  StandardIssue,
  StandardResult,
  StandardSchema,
  StandardSchemaProps,
} from "./core/config/standard_schema.ts";
