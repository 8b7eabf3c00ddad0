/**
 * strata: Hydra + OmegaConf configs, composed in-process without Python.
 *
 * Compose a config directory with overrides, read it through a {@link Config}
 * view with plain dotted keys, resolve it with Hydra's resolvers, validate it
 * into a typed object with any Standard Schema (zod, valibot, arktype), expand
 * sweeps into jobs. Errors are {@link StrataError}s that name the key and the
 * file:line:col (or the override) they come from.
 *
 * More entry points: `override.ts` (the override parser), `ops.ts`
 * (OmegaConf's operations on the node tree), `engine.ts` (the node tree, merge,
 * resolution, the defaults tree and sweep plans).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, type Config } from "./mod.ts";
 *
 * const c = compose({
 *   configDir: "examples/llm-finetune/conf",
 *   configName: "config",
 *   overrides: ["model=mistral_7b", "optimizer.lr=3e-5"],
 * });
 * const cfg = c.resolve();
 * assert.equal(cfg.get("optimizer.lr"), 3e-5);
 * assert.equal(cfg.get("run_name"), "mistral-7b-alpaca");
 * assert.deepEqual(cfg.get<Config>("model").keys().slice(0, 2), ["name", "pretrained"]);
 * ```
 *
 * @module
 */

// the full YAML reader, installed at once (the CLI loads it only when a file needs it)
import "./core/yaml/full_install.ts";

// Composing, creating and loading configs.
export { compose, type Composition, expandSweep, type Sweep } from "./core/config/compose_api.ts";
export { createConfig, loadConfig, merge, resolve } from "./core/config/api.ts";
export type { ResolveOptions } from "./core/config/resolver_api.ts";
export type { ComposeOptions } from "./core/compose/compose.ts";
export type { VersionBase } from "./core/compose/version_base.ts";
export type { ResultDefault } from "./core/compose/defaults_tree_node.ts";
export type { DirnameConfig, SweepJob, SweepOptions } from "./core/sweep/types.ts";

// The config view.
export type {
  Config,
  ConfigData,
  ConfigInput,
  ConfigSelectOptions,
  ConfigValue,
  PlainValue,
} from "./core/config/view.ts";
export { isConfig } from "./core/config/view.ts";
export { type ConfigFlag, openDict, ownFlag, readWrite } from "./core/config/flags_api.ts";
export {
  isInterpolation,
  isMissing,
  missingKeys,
  update,
  type UpdateOptions,
} from "./core/config/ops_api.ts";
export { PyFloat } from "./core/create.ts";
export type { CreateData, CreateInput, CreateScalar } from "./core/create.ts";
export { FloatKey } from "./core/node.ts";
export type { Key, NodeOrigin, Origin, PackedOrigin } from "./core/node.ts";

// Writing and converting configs.
export { toJson, toObject, toYaml } from "./core/config/api.ts";
export type { ToObjectOptions } from "./core/config/plain.ts";
export type { ToYamlOptions } from "./core/yaml/emit.ts";
export type { ConfigYamlOptions } from "./core/config/api.ts";
export type {
  InferOutput,
  StandardIssue,
  StandardResult,
  StandardSchema,
  StandardSchemaProps,
} from "./core/config/standard_schema.ts";

// Resolvers.
export {
  registerResolver,
  type Resolver,
  type ResolverArgument,
  type ResolverInfo,
} from "./core/config/resolver_api.ts";
export { unregisterResolver } from "./core/resolve/resolvers.ts";
export type { RegisterOptions } from "./core/resolve/resolvers.ts";

// Errors.
export { ErrorCode, formatOrigin, isStrataError, renderError, StrataError } from "./core/errors.ts";
export type { ErrorInit, Related, RelatedInit } from "./core/errors.ts";

// Validating a conf/ tree (what `strata validate` and the pre-commit hook run).
export { validate, type ValidateOptions } from "./core/config/validate_api.ts";
export type { ValidateResult } from "./core/validate/validate.ts";
export type { Problem, ProblemRelated, Severity } from "./core/validate/problems.ts";

// What a config may read (oc.env), and the limits on hostile input (README: Security).
export { readEnv, setEnvPolicy } from "./core/env.ts";
export type { EnvPolicy, EnvRead } from "./core/env.ts";
export { LIMITS } from "./core/limits.ts";
