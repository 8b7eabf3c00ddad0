/**
 * The directories `.strata.yaml` names (`config_dir`, `search_path`),
 * checked where a command uses them: one that is not there is the settings
 * file's mistake, reported at its place there.
 *
 * @module
 */

import { basename, dirname, join, relative, resolve } from "../path.ts";
import { suggest } from "../suggest.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { osErrorMessage } from "../os_error.ts";
import type { Settings } from "./settings.ts";
import type { Origin } from "../node.ts";

/**
 * Checks that the config directory the settings name (`config_dir`) is a
 * directory: a wrong one is the settings file's mistake, located at its
 * value, as the file's other mistakes are (not Hydra's bare "Primary config
 * directory not found", which names no place to fix).
 *
 * @throws {StrataError} `value`, at `config_dir`'s value, when it is not a directory.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSettings } from "./settings.ts";
 * import { checkConfigDir } from "./settings_dirs.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "config_dir: nope\n");
 * assert.throws(() => checkConfigDir(readSettings(dir + "/.strata.yaml")), {
 *   origin: { file: dir + "/.strata.yaml", line: 1, col: 13 },
 * });
 * Deno.mkdirSync(dir + "/nope");
 * checkConfigDir(readSettings(dir + "/.strata.yaml"));
 * ```
 */
export function checkConfigDir(settings: Settings): void {
  const dir = settings.configDir;
  if (dir === undefined) return;
  let why: string;
  try {
    if (Deno.statSync(dir).isDirectory) return;
    why = osErrorMessage(new Deno.errors.NotADirectory(), dir);
  } catch (e) {
    why = osErrorMessage(e, dir);
  }
  throw new StrataError(ErrorCode.Value, `Primary config directory not found: ${why}`, {
    origin: settings.configDirAt ?? { file: settings.file },
    fullKey: "config_dir",
    suggestions: nearDirs(dir, settings.file),
  });
}

/**
 * The search path a command uses: the command line's `--search-path`
 * entries, then `.strata.yaml`'s `search_path` (those the command line does
 * not already name: a manifest's job is given both and reads the file again).
 * The order is Hydra's for `--config-dir` (searched before) and the config's
 * `hydra.searchpath` (after): the command line's configs win. A settings
 * entry that names no directory is the settings file's mistake, reported at
 * its place there.
 *
 * @throws {StrataError} `value`, at the entry in `.strata.yaml`, for a
 *   directory that is not there.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSettings } from "./settings.ts";
 * import { searchPathOf } from "./settings_dirs.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/plugin");
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "search_path: [plugin, nope]\n");
 * const settings = readSettings(dir + "/.strata.yaml");
 * assert.throws(() => searchPathOf(settings, []), {
 *   origin: { file: dir + "/.strata.yaml", line: 1, col: 23 },
 * });
 * Deno.mkdirSync(dir + "/nope");
 * assert.deepEqual(searchPathOf(settings, ["extra", dir + "/nope"]), ["extra", dir + "/nope", dir + "/plugin"]);
 * ```
 */
export function searchPathOf(settings: Settings, cli: string[]): string[] {
  const out = [...cli];
  const named = new Set(cli.map((p) => resolve(p.startsWith("file://") ? p.slice(7) : p)));
  (settings.searchPath ?? []).forEach((entry, i) => {
    if (entry.includes("://")) {
      if (!cli.includes(entry)) out.push(entry);
      return;
    }
    const missing = searchPathDirError(
      entry,
      settings.searchPathAt?.[i] ?? { file: settings.file },
    );
    if (missing) throw missing;
    if (!named.has(resolve(entry))) out.push(entry);
  });
  return out;
}

/**
 * The error of a `search_path` entry of `.strata.yaml` (a directory path)
 * that is no directory, at `origin`; undefined when it is one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchPathDirError } from "./settings_dirs.ts";
 * assert.match(searchPathDirError("/nope/x", { file: ".strata.yaml" })!.message, /^Search path directory not found: /);
 * assert.equal(searchPathDirError(Deno.cwd(), { file: ".strata.yaml" }), undefined);
 * ```
 */
export function searchPathDirError(entry: string, origin: Origin): StrataError | undefined {
  let why: string | undefined;
  try {
    if (!Deno.statSync(entry).isDirectory) {
      why = osErrorMessage(new Deno.errors.NotADirectory(), entry);
    }
  } catch (e) {
    why = osErrorMessage(e, entry);
  }
  return why === undefined ? undefined : new StrataError(
    ErrorCode.Value,
    `Search path directory not found: ${why}`,
    { origin, fullKey: "search_path", suggestions: nearDirs(entry, origin.file) },
  );
}

/**
 * The directories beside a path that is not there whose names are near its last one
 * (`ml/cnf` → `ml/conf`), as the settings file would write them (checker w62 #5).
 */
function nearDirs(path: string, settingsFile?: string): string[] {
  const parent = dirname(path);
  try {
    const dirs = [...Deno.readDirSync(parent)].filter((e) => e.isDirectory).map((e) => e.name);
    // (relative to the settings file, as its paths are written)
    const base = settingsFile === undefined ? undefined : dirname(resolve(settingsFile));
    const shown = (name: string) => {
      const at = join(parent, name);
      const rel = base === undefined ? at : relative(base, resolve(at));
      return rel.startsWith("..") ? at : rel;
    };
    return suggest(basename(path), dirs).map(shown);
  } catch {
    return [];
  }
}
