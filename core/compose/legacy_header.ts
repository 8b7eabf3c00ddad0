/**
 * `# @package _group_` and `_name_` headers, written for Hydra 1.0/1.1. strata
 * composes as Hydra's version_base 1.3 ({@link ../hydra/conf.ts}; 1.2 reads them
 * alike), where both
 * are literal keys; Hydra apps that pass no version_base (1.1 semantics) read
 * `_group_` as the group's package and `_name_` as the config's name. Composing
 * as 1.3, strata says where such a header is, what it composes to and what to
 * write instead, or to compose as 1.1 (`version_base` in `.strata.yaml`,
 * ./version_base.ts).
 *
 * @module
 */

import { formatOrigin, formatWarning, type RelatedInit, StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";
import type { LocatedWarning } from "./defaults_tree_node.ts";
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
  const { groupPackage, name } = groupOf(configPath, groupPath);
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
  return `'# @package ${header}': strata composes as Hydra's version_base 1.2 and later do, ` +
    `where ${words} ` +
    `${used.length > 1 ? "are literal keys" : "is a literal key"}; Hydra apps that omit ` +
    `version_base (1.1's rules; version_base=None is 1.3's) read ${
      used.length > 1 ? "them" : "it"
    } as ${meaning}, ` +
    `'${legacy === "" ? "_global_" : legacy}': ${fix}, or set version_base: "1.1" in ` +
    ".strata.yaml to compose as such an app does";
}

/**
 * The group package and name of a config: the group it was chosen in, when
 * known (`experiment=sub/x`: group `experiment`, name `sub/x`); else the
 * directory of its path.
 */
function groupOf(configPath: string, groupPath?: string): { groupPackage: string; name: string } {
  const slash = groupPath === undefined ? configPath.lastIndexOf("/") : groupPath.length;
  const group = configPath.slice(0, Math.max(slash, 0));
  return { groupPackage: group.replaceAll("/", "."), name: configPath.slice(slash + 1) };
}

/**
 * A header's literal `_group_` package ({@link LocatedWarning.literalPackage}),
 * or undefined when it has none or the config is in no group.
 */
export function literalPackageOf(
  header: string,
  configPath: string,
  groupPath?: string,
): LocatedWarning["literalPackage"] {
  const { groupPackage } = groupOf(configPath, groupPath);
  if (!header.includes("_group_") || groupPackage === "") return undefined;
  return { group: groupPackage, package: header };
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
): LocatedWarning | undefined {
  if (header === null) return undefined;
  const message = legacyHeaderWarning(header, configPath);
  const place = message === undefined ? undefined : legacyHeaderPlace(head);
  if (message === undefined || place === undefined) return undefined;
  const literalPackage = literalPackageOf(header, configPath);
  return { message, origin: { file, ...place }, ...(literalPackage ? { literalPackage } : {}) };
}

/** A key an error message names: OmegaConf's and Hydra's wordings of a key not found. */
const NAMED_KEY = /(?:Interpolation key|Key|package) '([^']+)'/;

/**
 * The related line for an error that names a key under a group whose option
 * a `# @package _group_` header put at the literal package `_group_` (as
 * version_base 1.3 reads it): located at that header, which is why the key is
 * not there. Undefined when the message names no such key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { legacyPackageNote } from "./legacy_header.ts";
 * const warnings = [{
 *   message: "'# @package _group_': ...",
 *   origin: { file: "conf/algorithm/pets.yaml", line: 1, col: 12 },
 *   literalPackage: { group: "algorithm", package: "_group_" },
 * }];
 * const note = legacyPackageNote("Interpolation key 'algorithm.name' not found", warnings);
 * assert.match(note!.message, /^'algorithm' is a config group; this header put its option at package '_group_'/);
 * assert.equal(legacyPackageNote("Key 'seed' is not in struct", warnings), undefined);
 * ```
 */
export function legacyPackageNote(
  message: string,
  warnings: readonly LocatedWarning[],
): RelatedInit | undefined {
  const key = NAMED_KEY.exec(message)?.[1];
  if (key === undefined) return undefined;
  const first = key.split(/[.[]/, 1)[0];
  // the group the key is under, the deepest (`agent.ppo.training` for the key
  // agent.ppo.training.lr, not agent.ppo.obs_configs: checker v68), else one of its first key's
  const under = (g: string) => key === g || key.startsWith(g + ".") || key.startsWith(g + "[");
  const candidates = warnings.filter((w) => w.literalPackage !== undefined && w.origin);
  const deepest = candidates.filter((w) => under(w.literalPackage!.group))
    .sort((a, b) => b.literalPackage!.group.length - a.literalPackage!.group.length)[0];
  const w = deepest ??
    candidates.find((w) => w.literalPackage!.group.split(".", 1)[0] === first);
  if (w === undefined) return undefined;
  const { group, package: literal } = w.literalPackage!;
  return {
    message: `'${group}' is a config group; this header put its option at package ` +
      `'${literal}' (a literal key in Hydra's version_base 1.2 and later; an app that passes no ` +
      `version_base reads it as the group's package: set version_base: "1.1" in .strata.yaml, ` +
      (literal === "_group_" ? "or drop the header)" : "or write the package out)"),
    origin: w.origin!,
  };
}

/**
 * An error met after composing (resolving `hydra.run.dir` or `hydra.sweep.dir`)
 * with the composition's warnings, said before it (the header or the missing
 * `_self_` they name may be the cause), and {@link legacyPackageNote}'s line.
 * Anything else than a {@link StrataError} is returned as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { afterComposing } from "./legacy_header.ts";
 * import { StrataError } from "../errors.ts";
 * const e = afterComposing(new StrataError("key", "bad"), [{ message: "careful" }]);
 * assert.deepEqual((e as StrataError).warnings, [{ message: "careful" }]);
 * ```
 */
export function afterComposing(e: unknown, warnings: readonly LocatedWarning[]): unknown {
  if (!(e instanceof StrataError)) return e;
  return new StrataError(e.code, e.message, {
    ...e,
    related: withLegacyPackageNote(e.message, e.related, warnings),
    warnings: warnings.map(({ message, origin }) => origin ? { message, origin } : { message }),
  });
}

/** `related` and, when the message calls for it, {@link legacyPackageNote}'s line (once). */
export function withLegacyPackageNote(
  message: string,
  related: readonly RelatedInit[],
  warnings: readonly LocatedWarning[],
): RelatedInit[] {
  const note = legacyPackageNote(message, warnings);
  const said = note && related.some((r) => r.message === note.message);
  return note && !said ? [...related, note] : [...related];
}

/** How strata's warning on a `_group_`/`_name_` header read as a literal key begins. */
const LITERAL_HEADER =
  /^('# @package [^']*'): strata composes as Hydra's version_base 1\.2 and later/;

/**
 * A composition's warnings as lines to print: strata's warning on a `# @package _group_` header
 * read as a literal key is said in full once, then short at each other file (a Hydra 1.0 tree has
 * one per group: mtrl printed eight ~400-character lines).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { warningLines } from "./legacy_header.ts";
 * const long = "'# @package _group_': strata composes as Hydra's version_base 1.2 and later do, ...";
 * const lines = warningLines([
 *   { message: long, origin: { file: "conf/a/x.yaml", line: 1, col: 12 } },
 *   { message: long, origin: { file: "conf/b/y.yaml", line: 1, col: 12 } },
 * ]);
 * assert.equal(lines[1], "conf/b/y.yaml:1:12: warning: '# @package _group_': a literal key here " +
 *   "too (drop the header, or version_base: \"1.1\": see conf/a/x.yaml:1:12)");
 * ```
 */
export function warningLines(
  warnings: readonly { message: string; origin?: Origin }[],
): string[] {
  let first: Origin | undefined;
  return warnings.map((w) => {
    const header = LITERAL_HEADER.exec(w.message)?.[1];
    if (header === undefined || w.origin === undefined) return formatWarning(w.message, w.origin);
    if (first === undefined) {
      first = w.origin;
      return formatWarning(w.message, w.origin);
    }
    return formatWarning(
      `${header}: a literal key here too (drop the header, or version_base: "1.1": see ${
        formatOrigin(first)
      })`,
      w.origin,
    );
  });
}
