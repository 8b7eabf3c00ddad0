/**
 * Hydra's `version_base`: the compatibility level an app passes to
 * `@hydra.main` (an app that passes none gets 1.1). strata composes as 1.3
 * unless told otherwise (`.strata.yaml`'s `version_base`, the library's
 * `versionBase`). Below 1.2, as Hydra 1.3's own code does
 * (`InputDefault.set_package_header`, `run_job`): a `# @package _group_`
 * header is no header (the option goes to its group's package), `_group_` and
 * `_name_` in a header are the group's package and the config's name, each
 * such header is warned of with Hydra's deprecation text, and a
 * `hydra.job.chdir` left null changes directory.
 *
 * @module
 */

/** A version base strata composes as: `1.1` (an app passing none), `1.2` or `1.3`. */
export type VersionBase = "1.1" | "1.2" | "1.3";

/**
 * The version bases strata composes as.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VERSION_BASES } from "./version_base.ts";
 * assert.deepEqual(VERSION_BASES, ["1.1", "1.2", "1.3"]);
 * ```
 */
export const VERSION_BASES: readonly VersionBase[] = ["1.1", "1.2", "1.3"];

/**
 * Whether `base` reads headers and `hydra.job.chdir` as Hydra 1.1 did (below 1.2).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyBase } from "./version_base.ts";
 * assert.equal(legacyBase("1.1"), true);
 * assert.equal(legacyBase("1.2"), false);
 * assert.equal(legacyBase(undefined), false);
 * ```
 */
export function legacyBase(base: VersionBase | string | undefined): boolean {
  return base === "1.1";
}

/**
 * The package header a config's `# @package` line sets under version_base 1.1
 * (before {@link ./element.ts}'s `setPackageHeader` makes it absolute): null
 * for exactly `_group_` (no header: the group's package), else `_group_` and
 * `_name_` replaced by the group's package and the config's name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyPackageHeader } from "./version_base.ts";
 * assert.equal(legacyPackageHeader("_group_", "algorithm", "pets"), null);
 * assert.equal(legacyPackageHeader("_group_._name_", "db", "mysql"), "db.mysql");
 * assert.equal(legacyPackageHeader("foo", "db", "mysql"), "foo");
 * ```
 */
export function legacyPackageHeader(
  header: string,
  groupPackage: string,
  name: string,
): string | null {
  if (header === "_group_") return null;
  return header.replaceAll("_group_", groupPackage).replaceAll("_name_", name);
}

/**
 * Hydra's deprecation warning for a header with `_group_` or `_name_` under
 * version_base 1.1, or undefined for another header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deprecatedHeaderWarning } from "./version_base.ts";
 * assert.equal(
 *   deprecatedHeaderWarning("_group_", "algorithm/pets"),
 *   "In 'algorithm/pets': Usage of deprecated keyword in package header '# @package _group_'. " +
 *     "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header for more information",
 * );
 * assert.equal(deprecatedHeaderWarning("db", "db/mysql"), undefined);
 * ```
 */
export function deprecatedHeaderWarning(header: string, configPath: string): string | undefined {
  if (!header.includes("_group_") && !header.includes("_name_")) return undefined;
  return `In '${configPath}': Usage of deprecated keyword in package header '# @package ${header}'. ` +
    "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header for more information";
}

/**
 * A `version_base` setting's value as a {@link VersionBase}: `1.1` (YAML reads
 * it as a float), `"1.1"`, ...; null is Python's `version_base=None`, which
 * Hydra reads as the running Hydra's own version: 1.3. Undefined for anything
 * else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readVersionBase } from "./version_base.ts";
 * assert.equal(readVersionBase(1.1), "1.1");
 * assert.equal(readVersionBase("1.3"), "1.3");
 * assert.equal(readVersionBase(null), "1.3");
 * assert.equal(readVersionBase("1.0"), undefined);
 * ```
 */
export function readVersionBase(value: unknown): VersionBase | undefined {
  if (value === null) return "1.3";
  const text = typeof value === "number" ? String(value) : value;
  return VERSION_BASES.find((b) => b === text);
}
