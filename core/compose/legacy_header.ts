/**
 * `# @package _group_` and `_name_` headers, written for Hydra 1.0/1.1. strata
 * composes as Hydra's version_base 1.3 ({@link ../hydra/conf.ts}), where both
 * are literal keys; Hydra apps that pass no version_base (1.1 semantics) read
 * `_group_` as the group's package and `_name_` as the config's name. strata
 * does not implement version_base 1.1: it says where such a header is, what it
 * composes to and what to write instead.
 *
 * @module
 */

import type { Origin } from "../node.ts";
import { packagePlace } from "./header_words.ts";

const LEGACY = ["_group_", "_name_"];

/**
 * The warning about a header using `_group_` or `_name_`, or undefined when it
 * uses neither. `configPath` is the config's path (`db/mysql`): its group path
 * (`groupPath` when the defaults list chose it in a group, else its directory)
 * is the group's package, the rest the config's name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyHeaderWarning } from "./legacy_header.ts";
 * assert.match(legacyHeaderWarning("_group_", "db/mysql")!, /group's package, 'db': drop the header/);
 * assert.equal(legacyHeaderWarning("_global_", "db/mysql"), undefined);
 * assert.match(legacyHeaderWarning("_group_", "exp/sub/x", "exp")!, /package, 'exp'/);
 * ```
 */
export function legacyHeaderWarning(
  header: string,
  configPath: string,
  groupPath?: string,
): string | undefined {
  const used = LEGACY.filter((k) => header.includes(k));
  if (used.length === 0) return undefined;
  // the group the config was chosen in, when known (`experiment=sub/x`: group `experiment`,
  // name `sub/x`); else the directory of its path
  const slash = groupPath === undefined ? configPath.lastIndexOf("/") : groupPath.length;
  const group = configPath.slice(0, Math.max(slash, 0));
  const groupPackage = group.replaceAll("/", ".");
  const name = configPath.slice(slash + 1);
  // Hydra's set_package_header with version_base < 1.2: a bare `_group_` is no header at all,
  // otherwise `_group_` is the group's package and `_name_` the config's name, read as absolute
  let legacy = groupPackage;
  if (header !== "_group_") {
    const full = header === "_global_" || header.startsWith("_global_.")
      ? header
      : `_global_.${header}`;
    const read = full.replaceAll("_group_", groupPackage).replaceAll("_name_", name);
    legacy = read.slice(read.lastIndexOf("_global_") + "_global_".length + 1);
  }
  const words = used.map((k) => `'${k}'`).join(" and ");
  const meaning = used.map((k) => k === "_group_" ? "the group's package" : "the config's name")
    .join(" and ");
  const fix = legacy === groupPackage
    ? "drop the header to get that (a group's package is the default)"
    : `write '# @package ${legacy === "" ? "_global_" : legacy}' to get that`;
  return `'# @package ${header}': strata composes as Hydra's version_base 1.3, where ${words} ` +
    `${used.length > 1 ? "are literal keys" : "is a literal key"}; Hydra apps that pass no ` +
    `version_base read ${used.length > 1 ? "them" : "it"} as ${meaning}, ` +
    `'${legacy === "" ? "_global_" : legacy}': ${fix}`;
}

/**
 * Where the first `_group_` or `_name_` of a config's `# @package` header is
 * (1-based line and column), read as Hydra reads the header: `head` is what it
 * reads of the file ({@link ./repository.ts}'s `headerText`), blank lines are
 * skipped, the first line that is not `# @...` ends it, the last `@package` counts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyHeaderPlace } from "./legacy_header.ts";
 * assert.deepEqual(legacyHeaderPlace("\n# @package _group_\na: 1\n"), { line: 2, col: 12 });
 * assert.equal(legacyHeaderPlace("# @package db\n"), undefined);
 * ```
 */
export function legacyHeaderPlace(head: string): { line: number; col: number } | undefined {
  const place = packagePlace(head);
  if (place === undefined) return undefined;
  const at = Math.min(...LEGACY.map((k) => place.value.indexOf(k)).filter((n) => n >= 0));
  return Number.isFinite(at) ? { line: place.line, col: place.col + at } : undefined;
}

/** The located warning for a loaded config's legacy header, or undefined (`head` as above). */
export function legacyHeader(
  head: string,
  header: string | null,
  configPath: string,
  file: string,
): { message: string; origin: Origin } | undefined {
  if (header === null) return undefined;
  const message = legacyHeaderWarning(header, configPath);
  const place = message === undefined ? undefined : legacyHeaderPlace(head);
  return message === undefined || place === undefined
    ? undefined
    : { message, origin: { file, ...place } };
}
