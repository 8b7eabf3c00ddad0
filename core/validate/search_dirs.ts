/**
 * The directories a composition searches besides the config directory
 * (`--search-path` and the primary config's `hydra.searchpath`): validation
 * walks them as it walks the config directory, so their options are parsed
 * and composed too.
 *
 * @module
 */

import { join, resolve } from "../path.ts";
import { MAX_CONFIG_BYTES } from "./files.ts";
import { searchPathRepository } from "../compose/compose.ts";
import { DirSource } from "../compose/source.ts";
import { isStrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { type ConfTree, walkConfTree } from "./tree.ts";
import { isFile } from "../fs_stat.ts";

/** Input of {@link searchPathDirs}. */
export interface SearchDirsOptions {
  configDir: string;
  configName: string | null;
  searchPath?: string[];
  overrides?: string[];
}

/**
 * The `file://` directories of the search path other than the config
 * directory, in search order, as the user named them. Empty when the
 * primary config does not load (that is reported elsewhere).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import "../yaml/full_install.ts";
 * import { searchPathDirs } from "./search_dirs.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/conf");
 * Deno.mkdirSync(dir + "/shared");
 * Deno.writeTextFileSync(dir + "/conf/config.yaml", `hydra:\n  searchpath: [file://${dir}/shared]\n`);
 * assert.deepEqual(searchPathDirs({ configDir: dir + "/conf", configName: "config" }), [dir + "/shared"]);
 * ```
 */
export function searchPathDirs(opts: SearchDirsOptions): string[] {
  // no config name: each top-level config is a primary, and its hydra.searchpath is searched
  // when it runs (checker v38: a shared directory two primaries name was never walked)
  // (so too when the default `config` is not there: validate then composes the top-level ones)
  const there = opts.configName !== null && isFile(join(
    opts.configDir,
    opts.configName.endsWith(".yaml") ? opts.configName : `${opts.configName}.yaml`,
  ));
  const named = there ? sourcesOf(opts, opts.configName) : [];
  const names = named.length > 0 ? [] : topLevelConfigs(opts.configDir);
  const sources = named.length > 0
    ? named
    : names.length === 0
    ? sourcesOf(opts, null)
    : names.flatMap((name) => sourcesOf(opts, name));
  const main = realPathOf(opts.configDir);
  const seen = new Set([main]);
  const out: string[] = [];
  for (const s of sources) {
    if (!(s instanceof DirSource) || !s.available()) continue;
    const real = realPathOf(s.dir);
    // A directory holding the config directory is walked without it (addSearchDirs' `roots`)
    // when it is a config tree (eztorch's `pkg://eztorch.configs` above `configs/run/...`, whose
    // groups the primaries choose, checker w31), but not a project's root (`file://.`), which
    // would be walked with everything else in it: its own options are left to compose.
    const holds = main.startsWith(real.replace(/[\\/]*$/, "/"));
    if (seen.has(real) || (holds && isProjectRoot(real))) continue;
    seen.add(real);
    out.push(s.dir);
  }
  return out;
}

/** Whether `dir` is a project's root (the working directory, a repository's, a package's). */
function isProjectRoot(dir: string): boolean {
  if (dir === realPathOf(Deno.cwd())) return true;
  return PROJECT_MARKERS.some((m) => {
    try {
      Deno.statSync(join(dir, m));
      return true;
    } catch {
      return false;
    }
  });
}

const PROJECT_MARKERS = [
  ".git",
  "pyproject.toml",
  "setup.py",
  "setup.cfg",
  "package.json",
  "deno.json",
  "requirements.txt",
];

/** The search path's sources with `configName` the primary (none when it does not load). */
function sourcesOf(opts: SearchDirsOptions, configName: string | null) {
  try {
    const overrides = (opts.overrides ?? []).map((t, i) => parseOverride(t, i));
    return searchPathRepository(
      {
        configDir: opts.configDir,
        configName,
        searchPath: opts.searchPath,
        // a primary validate refuses for its size is not parsed for its hydra.searchpath
        unloadable: { files: oversizedPrimary(opts.configDir, configName), read: new Set() },
      },
      overrides,
    ).sources;
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return [];
  }
}

/** The config directory's top-level configs (`train`, `eval`), by name. */
function topLevelConfigs(configDir: string): string[] {
  try {
    return [...Deno.readDirSync(configDir)]
      .filter((e) => e.isFile && e.name.endsWith(".yaml"))
      .map((e) => e.name.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A directory's real path (symlinks followed), or its absolute path when it cannot be read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realPathOf } from "./search_dirs.ts";
 * assert.equal(realPathOf("/no/such/dir"), "/no/such/dir");
 * ```
 */
export function realPathOf(dir: string): string {
  try {
    return Deno.realPathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/**
 * `tree` with the trees of the search path's directories added: their files
 * (those a directory searched earlier does not shadow), their groups'
 * options and their problems. `tree` itself is left as it is: it stays the
 * validated directory's own (which configs are its primaries). `roots`: the
 * real paths of directories walked on their own (the config directory, the
 * search path's), not again as part of one holding them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { walkConfTree } from "./tree.ts";
 * import { addSearchDirs } from "./search_dirs.ts";
 * const dir = Deno.makeTempDirSync();
 * for (const d of ["/conf/db", "/shared/db"]) Deno.mkdirSync(dir + d, { recursive: true });
 * Deno.writeTextFileSync(dir + "/conf/db/a.yaml", "p: 1\n");
 * Deno.writeTextFileSync(dir + "/shared/db/a.yaml", "p: 2\n");
 * Deno.writeTextFileSync(dir + "/shared/db/b.yaml", "p: 3\n");
 * const tree = addSearchDirs(walkConfTree(dir + "/conf"), [dir + "/shared"]);
 * assert.deepEqual(tree.files.map((f) => f.file), [dir + "/conf/db/a.yaml", dir + "/shared/db/b.yaml"]);
 * assert.deepEqual(tree.groups.get("db"), ["a", "b"]);
 * const own = walkConfTree(dir + "/conf");
 * addSearchDirs(own, [dir + "/shared"]);
 * assert.deepEqual(own.groups.get("db"), ["a"], "the validated directory's own tree is left as it is");
 * ```
 */
export function addSearchDirs(
  own: ConfTree,
  dirs: string[],
  roots: readonly string[] = [],
): ConfTree {
  const tree = { files: [...own.files], groups: new Map(own.groups), problems: [...own.problems] };
  const paths = new Set(tree.files.map((f) => f.configPath));
  for (const dir of dirs) {
    // (a directory holding the config directory, or another search path root, is walked without
    // it: those are walked on their own)
    const more = walkConfTree(dir, roots);
    tree.problems.push(...more.problems);
    for (const f of more.files) {
      if (paths.has(f.configPath)) continue;
      paths.add(f.configPath);
      tree.files.push(f);
    }
    for (const [g, options] of more.groups) {
      tree.groups.set(g, [...new Set([...(tree.groups.get(g) ?? []), ...options])].sort());
    }
  }
  return tree;
}

/**
 * The primary config's file when it is over MAX_CONFIG_BYTES (which validate
 * refuses without reading it): reading its `hydra.searchpath` would parse it
 * all, minutes for a file of tens of MB.
 */
function oversizedPrimary(configDir: string, configName: string | null): Set<string> {
  if (configName === null) return new Set();
  const file = resolve(join(configDir, `${configName}.yaml`));
  try {
    return Deno.statSync(file).size > MAX_CONFIG_BYTES ? new Set([file]) : new Set();
  } catch {
    return new Set();
  }
}
