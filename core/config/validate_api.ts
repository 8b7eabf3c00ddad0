/**
 * Validating a conf/ tree from the library, as `strata validate` does.
 *
 * @module
 */

import {
  validate as validateTree,
  type ValidateOptions as TreeValidateOptions,
  type ValidateResult,
} from "../validate/validate.ts";
import { checkKnownOptions, checkOptions, checkVersionBase } from "./args.ts";
import type { VersionBase } from "../compose/version_base.ts";
import { type Resolver, treeResolvers } from "./resolver_api.ts";

/** Input of {@link validate}. */
export interface ValidateOptions {
  /** The primary config directory. */
  configDir: string;
  /**
   * The primary config's name; null for none (Hydra's `compose(config_name=None)`). Left out, as
   * `strata validate` without `-n`: `config`, or, where the directory has no `config.yaml`, its
   * top-level configs, each validated as a primary (checker v40).
   */
  configName?: string | null;
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
  /** Hydra's `version_base` to compose as (default `1.3`; `1.1` for an app that passes none). */
  versionBase?: VersionBase;
}

// The fields are validate.ts's, spelled out because its resolver type is not
// the library's: this fails to type-check when the two lists part. `configNameAt`,
// `configNameIsDefault`, `optionScopes`, `exclude`, `absent` and `staged` are the CLI's (where .strata.yaml,
// which the library does not read, set the name; whether -n was given; .strata.yaml's
// validate.options and validate.exclude; --staged's untracked files and the index's texts).
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Mutual<A, B> extends true ? Mutual<keyof A, keyof B> : false;
const _sameFields: Same<
  Omit<ValidateOptions, "resolvers" | "configName">,
  Omit<
    TreeValidateOptions,
    | "resolvers"
    | "configName"
    | "configNameAt"
    | "configNameIsDefault"
    | "optionScopes"
    | "exclude"
    | "together"
    | "absent"
    | "staged"
  >
> = true;

/** Every option of {@link validate}, its type's keys (a new one must be added here). */
const VALIDATE_OPTIONS: Record<keyof ValidateOptions, true> = {
  configDir: true,
  configName: true,
  searchPath: true,
  overrides: true,
  files: true,
  resolvers: true,
  opaque: true,
  versionBase: true,
};

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
      strings: ["configDir"],
      // null: no primary config (`@hydra.main` without config_name), as compose takes it
      nullable: ["configName"],
      stringLists: ["searchPath", "overrides", "files", "opaque"],
    });
    checkVersionBase("validate", options.versionBase);
    checkKnownOptions("validate", options, VALIDATE_OPTIONS);
  } catch (e) {
    return Promise.reject(e);
  }
  // left out: `config`, falling back to the top-level configs as the CLI's default name does
  const named = options.configName !== undefined;
  return validateTree({
    ...options,
    configName: named ? options.configName! : "config",
    configNameIsDefault: !named,
    resolvers: treeResolvers(options.resolvers),
  });
}
