/**
 * The directories `strata validate` is given are there: the config directory (a file given in
 * its place, or one not found, is bad usage with the `-d` meant) and the search path's.
 *
 * @module
 */

import { dirname, join, relative, resolve } from "../path.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { findSettings, readSettings } from "./settings.ts";

/**
 * The config directory given is one: a file (`-d conf/config.yaml`) or a directory not there is
 * bad usage, said with the `-d` (and `-n`) meant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkConfigDir } from "./config_dir_check.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "a: 1\n");
 * checkConfigDir(dir, []);
 * assert.throws(() => checkConfigDir(dir + "/config.yaml", []), /did you mean -d .* -n config\?/);
 * ```
 */
export function checkConfigDir(configDir: string, files: readonly string[]): void {
  let kind: "dir" | "file" | undefined;
  try {
    kind = Deno.statSync(configDir).isDirectory ? "dir" : "file";
  } catch { /* reported below */ }
  if (kind === "file") {
    // `-d conf/config.yaml`: the primary config given where its directory goes
    const yaml = /^(.*?)([^/]+)\.ya?ml$/.exec(configDir);
    const meant = yaml
      ? `: did you mean -d ${yaml[1].replace(/\/$/, "") || "."} -n ${yaml[2]}?`
      : "";
    throw new StrataError(
      ErrorCode.Usage,
      `config directory '${configDir}' is a file, not a directory${meant}`,
    );
  }
  if (kind === undefined) {
    throw new StrataError(
      ErrorCode.Usage,
      `config directory '${configDir}' not found${nestedProjectHint(files)}`,
    );
  }
}

/**
 * A search path directory that is not there is bad usage: compose warns of it
 * as Hydra does, but a check that read none of its configs would pass them all
 * (a pre-commit hook with a typo in its `--search-path`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSearchDirs } from "./config_dir_check.ts";
 * checkSearchDirs(["pkg://configs", Deno.cwd()]);
 * assert.throws(() => checkSearchDirs(["/no/such/dir"]), /search path directory/);
 * ```
 */
export function checkSearchDirs(dirs: readonly string[]): void {
  for (const dir of dirs) {
    if (dir.includes("://") && !dir.startsWith("file://")) continue;
    let isDir = false;
    try {
      isDir = Deno.statSync(dir.replace(/^file:\/\//, "")).isDirectory;
    } catch { /* said below */ }
    if (!isDir) {
      throw new StrataError(
        ErrorCode.Usage,
        `search path directory '${dir}' not found (--search-path): validate would check none ` +
          "of its configs",
      );
    }
  }
}

/**
 * Where the files a hook passed have their own project (a monorepo's
 * `apps/tab/.strata.yaml` beside `apps/tab/conf`), which a run from the
 * repository's root does not read: the `-d` to give.
 */
function nestedProjectHint(files: readonly string[]): string {
  const found = new Map<string, string | undefined>();
  for (const f of files) {
    let settings;
    try {
      const file = findSettings(dirname(resolve(f)));
      settings = file === undefined ? undefined : readSettings(file);
    } catch {
      continue; // a settings file that does not read: not a hint to give
    }
    if (settings?.file === undefined || found.has(settings.file)) continue;
    // one that names no config_dir: the tree the file is in, the directory below the settings'
    // that holds configs at its top (`configs/` of configs/data/a.yaml), if any (`-d .` would
    // validate nothing: checker v27)
    const dir = settings.configDir ?? treeAbove(dirname(settings.file), resolve(f));
    found.set(settings.file, dir === undefined ? undefined : relative(Deno.cwd(), dir) || ".");
  }
  if (found.size === 0) return treesHere(files);
  const [file, dir] = [...found][0];
  const shown = relative(Deno.cwd(), file);
  if (dirname(file) === resolve(Deno.cwd())) {
    // the settings here are read: they name no config_dir, and there is no conf/
    return ` (${shown} names no config_dir` +
      (dir === undefined ? ")" : `: give -d ${dir}, or set config_dir: ${dir} there)`);
  }
  const files_ = [...found.keys()].map((f) => relative(Deno.cwd(), f));
  return ` (no .strata.yaml here, ${Deno.cwd()}, or above it names one; the files given are ` +
    `in the project of ${files_.join(", ")}, which a run from here does not read` +
    (dir === undefined ? ")" : `: give -d ${dir}; in .pre-commit-config.yaml, args: [-d, ${dir}])`);
}

/**
 * With no `.strata.yaml` anywhere: the directory below here the files given are in, when it holds
 * configs at its top, else the directories here that do (`configs/`), as the `-d` to give (checker
 * w25: a first hook without `args: [-d, ...]` said only "config directory 'conf' not found").
 */
function treesHere(files: readonly string[]): string {
  const here = resolve(Deno.cwd());
  const given = files.map((f) => treeAbove(here, resolve(f))).filter((d) => d !== undefined);
  let dirs = [...new Set(given)];
  if (dirs.length === 0 && files.length === 0) {
    // a project below with settings of its own (a monorepo's `ml/.strata.yaml`): run there
    const project = settingsBelow(here);
    if (project !== undefined) {
      const [file, dir] = project.map((p) => relative(here, p));
      return ` (no .strata.yaml here, ${here}, or above it; ${file} names config_dir ` +
        `${relative(dirname(project[0]), project[1]) || "."}: run strata in ${dirname(file)}, ` +
        `or give -d ${dir} (in .pre-commit-config.yaml, args: [-d, ${dir}]))`;
    }
    // a directory holding Hydra's default primary, `config.yaml`, over any holding YAML
    // (`docs/`; checker w62: `-d ml` made every config of ml/conf a primary)
    const subdirs = subdirectories;
    const near = [...subdirs(here), ...subdirs(here).flatMap(subdirs)];
    dirs = near.filter((d) => isFile(join(d, "config.yaml")));
    if (dirs.length === 0) {
      dirs = subdirs(here).filter((d) => treeAbove(here, join(d, "x")) !== undefined);
    }
  }
  if (dirs.length === 0) return "";
  const shown = dirs.slice(0, 3).map((d) => relative(here, d));
  const what = files.length > 0 ? "the files given are in" : "YAML configs are in";
  return ` (${what} ${shown.map((d) => `${d}/`).join(", ")}: give -d ${shown[0]} (in ` +
    `.pre-commit-config.yaml, args: [-d, ${shown[0]}]), or config_dir: ${shown[0]} in a ` +
    ".strata.yaml)";
}

/** The directories in `base` that are not hidden, sorted (none when it cannot be read). */
function subdirectories(base: string): string[] {
  try {
    return [...Deno.readDirSync(base)].filter((e) => e.isDirectory && !e.name.startsWith("."))
      .map((e) => join(base, e.name)).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * The first `.strata.yaml` one or two directories below `base` that names a config_dir there,
 * and that directory (absolute); undefined when none does (or one does not read).
 */
function settingsBelow(base: string): [string, string] | undefined {
  const below = subdirectories;
  for (const dir of [...below(base), ...below(base).flatMap(below)]) {
    const file = join(dir, ".strata.yaml");
    if (!isFile(file)) continue;
    try {
      const configDir = readSettings(file).configDir;
      if (configDir !== undefined) return [file, resolve(configDir)];
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * The directory just below `base` on the way to `file` when it holds a `.yaml` at its top (a
 * `.strata.yaml` is no config).
 */
function treeAbove(base: string, file: string): string | undefined {
  const rel = relative(base, file);
  const first = rel.split("/")[0];
  if (rel.startsWith("..") || !rel.includes("/")) return undefined;
  try {
    const top = [...Deno.readDirSync(join(base, first))];
    return top.some((e) => e.isFile && e.name.endsWith(".yaml") && e.name !== ".strata.yaml")
      ? join(base, first)
      : undefined;
  } catch {
    return undefined;
  }
}
