/**
 * `.strata.yaml`'s `validate.exclude`: files under the config directory that are not Hydra
 * options (read by the app with `OmegaConf.load`, as audiocraft's `teams/*.yaml`), which
 * `strata validate` then neither checks nor composes as options:
 *
 * ```yaml
 * validate:
 *   exclude: [teams/**, dset/music_info_config.yaml]   # relative to the config directory
 * ```
 *
 * `*` and `?` stay in one path segment, `**` spans any number of them, and a pattern that names
 * a directory names everything under it.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type Node, type Origin, originOf } from "../node.ts";
import type { Problem } from "./problems.ts";
import { resolve } from "../path.ts";

/** One `validate.exclude` glob. */
export interface ExcludeGlob {
  /** As written (`teams/**`), relative to the config directory. */
  glob: string;
  /** Where it is written. */
  at?: Origin;
}

/**
 * Reads `validate.exclude` (its value node): a glob or a list of them.
 *
 * @throws {StrataError} `value`, located, for an item that is not a string.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { readExclude } from "./exclude.ts";
 * const [g] = readExclude(loadYaml("[teams/**]\n", { file: "s.yaml" }), "s.yaml");
 * assert.deepEqual([g.glob, g.at?.line, g.at?.col], ["teams/**", 1, 2]);
 * ```
 */
export function readExclude(node: Node, file: string): ExcludeGlob[] {
  const items = node.kind === "list" ? node.items : [node];
  return items.map((item) => {
    if (item.kind !== "value" || item.type !== "str" || item.value === "") {
      throw new StrataError(
        ErrorCode.Value,
        "validate.exclude must be a list of globs of paths under the config directory",
        { origin: originOf(item.origin) ?? { file, line: 1, col: 1 }, fullKey: "validate.exclude" },
      );
    }
    const at = originOf(item.origin);
    return { glob: item.value as string, ...(at ? { at } : {}) };
  });
}

/** A glob as a regular expression over a relative path, matching the path or a directory of it. */
function globRegExp(glob: string): RegExp {
  let out = "";
  const g = glob.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*" && g[i + 1] === "*") {
      // `**/` is any number of directories (none too); a final `**` anything
      const slash = g[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}(?:/.*)?$`);
}

/**
 * Which of `paths` (relative to the config directory, with `/`) the globs exclude, and a located
 * warning for each glob that matches none (a typo excludes nothing, silently otherwise).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { excludedPaths } from "./exclude.ts";
 * const globs = [{ glob: "teams/**" }, { glob: "dset/info.yaml" }, { glob: "tems/*" }];
 * const { excluded, problems } = excludedPaths(globs, ["teams/a.yaml", "dset/info.yaml", "db/x.yaml"]);
 * assert.deepEqual([...excluded], ["teams/a.yaml", "dset/info.yaml"]);
 * assert.match(problems[0].message, /'tems\/\*' matches no file/);
 * ```
 */
export function excludedPaths(
  globs: readonly ExcludeGlob[],
  paths: readonly string[],
): { excluded: Set<string>; problems: Problem[] } {
  const excluded = new Set<string>();
  const problems: Problem[] = [];
  for (const { glob, at } of globs) {
    const re = globRegExp(glob);
    const hits = paths.filter((p) => re.test(p));
    for (const p of hits) excluded.add(p);
    if (hits.length > 0) continue;
    problems.push({
      severity: "warning",
      code: "exclude",
      message: `validate.exclude: '${glob}' matches no file under the config directory or ` +
        "its search path",
      ...(at ? { origin: at } : {}),
      fullKey: "validate.exclude",
    });
  }
  return { excluded, problems };
}

/**
 * The files `validate.exclude` names (absolute paths), its globs read from the config directory
 * and from each search path directory, and a warning for each glob naming none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { excludeFiles } from "./exclude.ts";
 * const files = [{ file: "/c/data/raw.yaml" }, { file: "/c/model/a.yaml" }];
 * const got = excludeFiles({ configDir: "/c", exclude: [{ glob: "data/*", at: {} }] }, files, []);
 * assert.deepEqual([...got.files], ["/c/data/raw.yaml"]);
 * ```
 */
export function excludeFiles(
  opts: { configDir: string; exclude?: readonly ExcludeGlob[] },
  files: readonly { file: string }[],
  searchDirs: readonly string[],
): { files: Set<string>; problems: Problem[] } {
  if (!opts.exclude?.length) return { files: new Set(), problems: [] };
  // relative to the config directory, or to the search path directory a file is in (Mava's
  // groups all live in its hydra.searchpath directory: checker x32)
  const roots = [opts.configDir, ...searchDirs].map((d) => resolve(d).replace(/[\\/]*$/, "/"));
  const rel = new Map<string, string>();
  for (const f of files) {
    const abs = resolve(f.file);
    const root = roots.find((r) => abs.startsWith(r));
    if (root !== undefined) rel.set(abs.slice(root.length).replaceAll("\\", "/"), abs);
  }
  const { excluded, problems } = excludedPaths(opts.exclude, [...rel.keys()]);
  return { files: new Set([...excluded].map((p) => rel.get(p)!)), problems };
}
