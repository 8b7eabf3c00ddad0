/**
 * The project settings a command uses: the command line first, then
 * `.strata.yaml` (core/validate/settings.ts), then the defaults.
 *
 * @module
 */

import { Option } from "npm:@commander-js/extra-typings@15.1.0";
import type { Origin } from "../core/node.ts";
import type { VersionBase } from "../core/compose/version_base.ts";
import { dirname, isAbsolute, join, relative, resolve } from "../core/path.ts";
import { writeErr } from "./output.ts";
import { noteOpaqueResolvers } from "./failure.ts";
import { ErrorCode, isStrataError, StrataError } from "../core/errors.ts";
import type { ResolverFn } from "../core/resolve/mod.ts";
import {
  loadResolverModule,
  type Settings,
  settingsFor,
  skippedSettings,
} from "../core/validate/settings.ts";
import { computedOpaque, movedSettingsError } from "../core/validate/settings_keys.ts";
import { checkConfigDir, searchPathOf } from "../core/validate/settings_dirs.ts";
import { statOrUndefined as statOf } from "../core/fs_stat.ts";

/**
 * The config dir, config name and resolvers a command uses: the command
 * line first, then `.strata.yaml` (found from the config dir, or from the
 * working directory when none is given), then the defaults.
 *
 * @example
 * ```ts ignore
 * const { configDir, settings } = await projectSettings(cmd, opts, []);
 * ```
 */
export async function projectSettings(
  cmd: { getOptionValueSource(key: string): string | undefined },
  opts: {
    configDir: string;
    configName: string | false;
    searchPath?: string[];
    versionBase?: VersionBase;
  },
  resolverFiles: string[],
  unknownSettings?: StrataError[],
): Promise<
  {
    configDir: string;
    configName: string | null;
    configNameAt?: Origin;
    /** `--search-path`'s directories, then `.strata.yaml`'s `search_path`. */
    searchPath: string[];
    /** `.strata.yaml`'s `version_base` (unset: 1.3). */
    versionBase?: VersionBase;
    settings: Settings;
    resolvers: Record<string, ResolverFn>;
  }
> {
  const { configDir, configName, configNameAt, searchPath, settings } = projectDirs(
    cmd,
    opts,
    unknownSettings,
  );
  const above = settingsFromAbove(settings.file);
  if (above) writeErr(above);
  const skipped = settings.file === undefined
    ? skippedSettings(cmd.getOptionValueSource("configDir") === "cli" ? opts.configDir : ".")
    : undefined;
  if (skipped) {
    writeErr(
      `note: ${relative(Deno.cwd(), skipped)} is not read: its directory is writable by anyone, ` +
        "and strata reads no settings file others may have written (chmod o-w the directory)\n",
    );
  }
  const replaced = cmd.getOptionValueSource("configDir") === "cli" && settings.configDir &&
    resolve(settings.configDir) !== resolve(configDir);
  const missing = configName !== null && statOf(configDir)?.isDirectory &&
    !statOf(join(configDir, `${configName}.yaml`))?.isFile;
  if (replaced && missing) {
    // a Hydra user's --config-dir adds a directory to the app's config_path (.strata.yaml's
    // config_dir here); strata's -d/--config-dir replaces it, and the primary is not there
    const app = relative(Deno.cwd(), settings.configDir!) || ".";
    // -d at the project whose .strata.yaml names its config dir below: that dir was meant
    const below = !relative(resolve(configDir), resolve(settings.configDir!)).startsWith("..");
    writeErr(
      below
        ? `note: .strata.yaml sets config_dir ${app}: give -d ${app}, or leave -d out\n`
        : `note: --config-dir ${configDir} replaces .strata.yaml's config_dir ${app} as the ` +
          `primary config directory; Hydra's --config-dir adds one to the app's: -cp ${app} ` +
          `--config-dir ${configDir}\n`,
    );
  }
  let resolvers: Record<string, ResolverFn> = {};
  if (settings.resolverModule) {
    // (named from here, as the other settings errors are: checker w62 #5)
    const at = settings.resolverModuleAt && fromCwd(settings.resolverModuleAt);
    resolvers = await loadResolverModule(settings.resolverModule, at);
  }
  for (const f of resolverFiles) resolvers = { ...resolvers, ...(await loadResolverModule(f)) };
  // an opaque resolver strata computes anyway: said at its line, as the declaration changes
  // nothing (checker v30)
  for (const { name, at, by } of computedOpaque(settings, resolvers)) {
    const where = at.file === undefined
      ? ""
      : `${relative(Deno.cwd(), at.file)}:${at.line}:${at.col}: `;
    writeErr(
      `${where}warning: resolvers.opaque names '${name}', which strata computes (${by}): its ` +
        "values are resolved, not kept as written; drop it from opaque\n",
    );
  }
  // --version-base over .strata.yaml's (one tree, entry points that pass different ones)
  const versionBase = opts.versionBase ?? settings.versionBase;
  return { configDir, configName, configNameAt, searchPath, versionBase, settings, resolvers };
}

/**
 * The config dir, config name and search path a command uses, and the
 * settings they came from: the command line first, then `.strata.yaml`
 * (found from the config dir, or from the working directory when none is
 * given), then the defaults. The search path is `--search-path`'s
 * directories, then `.strata.yaml`'s `search_path` (relative to where the
 * user is, as the config dir).
 * `configNameAt` is where `.strata.yaml` set the name, when it did (compose's
 * option: a primary config that is not there is reported at that line).
 * For what loads no resolvers (completions). With `unknownSettings`, unknown
 * keys of `.strata.yaml` are errors pushed there, not thrown (validate).
 *
 * @example
 * ```ts ignore
 * const { configDir, configName } = projectDirs(cmd, opts);
 * ```
 */
export function projectDirs(
  cmd: { getOptionValueSource(key: string): string | undefined },
  opts: { configDir: string; configName: string | false; searchPath?: string[] },
  unknownSettings?: StrataError[],
): {
  configDir: string;
  configName: string | null;
  configNameAt?: Origin;
  searchPath: string[];
  settings: Settings;
} {
  const dirGiven = cmd.getOptionValueSource("configDir") === "cli";
  // an empty one (`-d "$CONF"` with CONF unset) would be the whole working directory
  if (dirGiven && opts.configDir === "") {
    throw new StrataError(
      ErrorCode.Usage,
      "--config-dir is empty: give a directory (. for this one)",
    );
  }
  const unknown: StrataError[] = [];
  let settings;
  try {
    settings = hereRelative(() =>
      settingsFor(dirGiven ? opts.configDir : ".", unknownSettings && unknown)
    );
  } finally {
    // unknown settings collected (validate reports them with the tree, or with the settings'
    // other errors): named from here too
    for (const e of unknown) unknownSettings!.push(movedSettingsError(e, fromCwd));
  }
  // an error that calls one of them where strata must compute the value says so (./failure.ts)
  noteOpaqueResolvers(settings.opaqueResolvers);
  // Paths in reports stay relative to where the user is.
  const fromSettings = settings.configDir && (relative(Deno.cwd(), settings.configDir) || ".");
  // a config_dir that is wrong is reported at its place in .strata.yaml
  if (!dirGiven) hereRelative(() => checkConfigDir(settings));
  const configDir = dirGiven ? opts.configDir : fromSettings || opts.configDir;
  const fromFile = cmd.getOptionValueSource("configName") !== "cli" &&
    settings.configName !== undefined;
  // --no-config-name (false), or `config_name: null` in .strata.yaml: no primary config
  const configName = fromFile
    ? settings.configName!
    : opts.configName === false
    ? null
    : opts.configName;
  const configNameAt = fromFile ? settings.configNameAt : undefined;
  const cli = opts.searchPath ?? [];
  const here = (p: string) => p.includes("://") ? p : relative(Deno.cwd(), p) || ".";
  const searchPath = hereRelative(() => searchPathOf(settings, cli))
    .map((p, i) => i < cli.length ? p : here(p));
  return { configDir, configName, configNameAt, searchPath, settings };
}

/**
 * `--resolvers FILE.ts` (repeatable): a TypeScript module of resolvers, added
 * to `.strata.yaml`'s. A fresh Option per call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { resolversOption } from "./settings.ts";
 * const cmd = new Command().addOption(resolversOption());
 * cmd.parse(["--resolvers", "a.ts", "--resolvers", "b.ts"], { from: "user" });
 * assert.deepEqual(cmd.opts().resolvers, ["a.ts", "b.ts"]);
 * ```
 */
export const resolversOption = () =>
  new Option("--resolvers <file>", "a TypeScript module of resolvers (export default {name: fn})")
    .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);

/**
 * Runs `read`; a settings file's error (found by walking up, so an absolute path) names it
 * relative to where the user is, as validate's report does (checker v29: compose printed
 * `/tmp/x/.strata.yaml:3:3`, validate `.strata.yaml:3:3`).
 */
function hereRelative<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!isStrataError(e)) throw e;
    throw movedSettingsError(e, fromCwd);
  }
}

/** An absolute origin's file as named from the working directory (below it). */
function fromCwd(o: Origin): Origin {
  if (o.file === undefined || !isAbsolute(o.file)) return o;
  const rel = relative(Deno.cwd(), o.file);
  return rel.startsWith("..") ? o : { ...o, file: rel };
}

/**
 * A note when the settings in use were found above the working directory with no git repository
 * on the way to bound the search (a stray `.strata.yaml` in a parent directory would otherwise
 * change what a command does without a word: checker v43); none when the file is in a repository
 * (the one here, or one above it) or in the working directory.
 */
function settingsFromAbove(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const cwd = Deno.cwd();
  const dir = dirname(resolve(file));
  if (dir === cwd || !cwd.startsWith(dir.endsWith("/") ? dir : dir + "/")) return undefined;
  // a repository between here and the file bounds the search; one at or above the file holds it:
  // the project's own settings, in a sub-directory of its repository (checker w62 #2)
  for (let d = cwd;; d = dirname(d)) {
    if (statOf(join(d, ".git")) !== undefined) return undefined;
    if (dirname(d) === d) break;
  }
  return `note: settings from ${relative(cwd, file)}, found above the working directory (no ` +
    "git repository bounds the search for .strata.yaml)";
}
