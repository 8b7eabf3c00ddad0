/**
 * Project settings: one `.strata.yaml`, found by walking up from the config
 * directory, that `validate`, `compose` and the pre-commit hook all read.
 *
 * ```yaml
 * config_dir: conf            # relative to this file (default: the -d option, or conf)
 * config_name: config
 * version_base: "1.1"        # Hydra's, as @hydra.main passes it (none passed: 1.1; default 1.3)
 * search_path: [../colorlog]  # more config dirs, searched after --search-path's (a plugin's YAML)
 * resolvers:
 *   opaque: [eq, if, resolve_default]   # registered by Python code: results unchecked
 *   module: tools/resolvers.ts          # TypeScript resolvers (export default {name: fn})
 * validate:
 *   options:                            # per primary: globs of a group's options to try with it
 *     train_image: {task: ["*_image*"]}
 *   exclude: [teams/**]                 # files that are not Hydra options: not checked
 *   overrides: [+task=Task000]          # every composition's: keys the app sets after composing
 * ```
 *
 * @module
 */

import { dirname, isAbsolute, join, relative, resolve } from "../path.ts";
import { toFileUrl } from "./paths.ts";
import { moduleFailure } from "./module_error.ts";
import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { type Entry, type Node, type Origin, originOf } from "../node.ts";
import { checkKeys, withOtherSettingsErrors } from "./settings_keys.ts";
import { searchPathDirError } from "./settings_dirs.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { cachingResolver } from "../resolve/resolvers.ts";
import type { Resolver } from "../config/resolver_api.ts";
import { loadYaml } from "../yaml/load.ts";
import { readConfigPath } from "../yaml/text.ts";
import { type OptionScope, readOptionScopes } from "./option_scope.ts";
import { type ExcludeGlob, readExclude } from "./exclude.ts";
import { parseErrorAt, readTogether, type TogetherSet, wordsAt } from "./together_read.ts";
import { readVersionBase, VERSION_BASES, type VersionBase } from "../compose/version_base.ts";
import { existsAt as exists } from "../fs_stat.ts";

/**
 * The settings file's name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SETTINGS_FILE } from "./settings.ts";
 * assert.equal(SETTINGS_FILE, ".strata.yaml");
 * ```
 */
export const SETTINGS_FILE = ".strata.yaml";

/** What `.strata.yaml` holds, paths made absolute. */
export interface Settings {
  /** The settings file, or undefined when none was found. */
  file?: string;
  configDir?: string;
  /** Where the settings set {@link Settings.configDir} (`config_dir`'s value). */
  configDirAt?: Origin;
  /** `config_name`: null is no primary config (`@hydra.main` without config_name). */
  configName?: string | null;
  /** Where the settings set {@link Settings.configName} (`config_name`'s value). */
  configNameAt?: Origin;
  /** Resolvers whose results are not checked: {@link HYDRA_OPAQUE_RESOLVERS}, then the file's. */
  opaqueResolvers: string[];
  /** Where the file declares each of its opaque resolvers. */
  opaqueAt?: Map<string, Origin>;
  /** A TypeScript module of resolvers. */
  resolverModule?: string;
  /** Where the settings name {@link Settings.resolverModule} (`resolvers.module`'s value). */
  resolverModuleAt?: Origin;
  /** `validate.options`: which options of a group validate tries with a primary config. */
  optionScopes?: OptionScope[];
  /** `validate.exclude`: globs of files under the config directory validate leaves alone. */
  exclude?: ExcludeGlob[];
  /** `validate.together`: override sets whose options are checked together, not alone. */
  together?: TogetherSet[];
  /**
   * `validate.overrides`: overrides every composition validate makes gets, after the command
   * line's `--override`s (a key the app sets after composing: nnDetection's `+task=x`).
   */
  validateOverrides?: string[];
  /** Where each of {@link Settings.validateOverrides} is written (its item's place). */
  validateOverridesAt?: (Origin | undefined)[];
  /**
   * Each of {@link Settings.validateOverrides}' place in the list as written (0-based): an item
   * that does not parse is left out of them, and the others keep their numbers.
   */
  validateOverridesIndex?: number[];
  /** `version_base`: Hydra's compatibility level to compose as (unset: 1.3). */
  versionBase?: VersionBase;
  /**
   * `search_path`: more config directories (absolute; a `pkg://` entry as
   * written), searched after the command line's `--search-path`.
   */
  searchPath?: string[];
  /** Where the settings name each {@link Settings.searchPath} entry. */
  searchPathAt?: Origin[];
}

/**
 * Resolvers Hydra registers whose value only the Python app can know, so
 * strata treats them as opaque without being told: `python_version` (Hydra
 * 1.3's `${python_version:minor}`, the version of the Python that runs the
 * app; strata runs none). A resolvers module that defines one still wins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HYDRA_OPAQUE_RESOLVERS } from "./settings.ts";
 * assert.deepEqual(HYDRA_OPAQUE_RESOLVERS, ["python_version"]);
 * ```
 */
export const HYDRA_OPAQUE_RESOLVERS: readonly string[] = ["python_version"];

const KEYS = ["config_dir", "config_name", "resolvers", "search_path", "validate", "version_base"];
const RESOLVER_KEYS = ["opaque", "module"];
const VALIDATE_KEYS = ["options", "exclude", "together", "overrides"];

/**
 * The nearest `.strata.yaml` at or above `start`, or undefined.
 *
 * A settings file can name a resolvers module, which strata runs: so the walk
 * stays within the project. It stops at the root of the git repository that
 * holds `start` (a directory with `.git`), and never reads from, nor climbs
 * past, a directory anyone may write to (`/tmp`): a file planted there would
 * run for everyone below it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findSettings } from "./settings.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/repo/.git", { recursive: true });
 * Deno.mkdirSync(dir + "/repo/conf");
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "config_name: app\n");
 * assert.equal(findSettings(dir + "/repo/conf"), undefined, "not above the repository's root");
 * Deno.writeTextFileSync(dir + "/repo/.strata.yaml", "config_name: app\n");
 * assert.equal(findSettings(dir + "/repo/conf"), dir + "/repo/.strata.yaml");
 * ```
 */
export function findSettings(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (writableByAnyone(dir)) return undefined;
    const candidate = join(dir, SETTINGS_FILE);
    try {
      if (Deno.statSync(candidate).isFile) return checkedSettingsFile(candidate);
    } catch (e) {
      if (isStrataError(e)) throw e;
      /* not here: look further up */
    }
    if (exists(join(dir, ".git"))) return undefined; // the repository's root
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The `.strata.yaml` the search of {@link findSettings} from `start` passed over because its
 * directory is writable by anyone (`/tmp/proj`), when it found none: a user's own settings
 * ignored without a word read as a tree without them (checker v73 #1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { skippedSettings } from "./settings.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "config_name: app\n");
 * Deno.chmodSync(dir, 0o777);
 * assert.equal(skippedSettings(dir), dir + "/.strata.yaml");
 * Deno.chmodSync(dir, 0o755);
 * assert.equal(skippedSettings(dir), undefined);
 * ```
 */
export function skippedSettings(start: string): string | undefined {
  for (let dir = resolve(start);; dir = dirname(dir)) {
    const candidate = join(dir, SETTINGS_FILE);
    if (writableByAnyone(dir)) return exists(candidate) ? candidate : undefined;
    if (exists(candidate) || exists(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

/**
 * A settings file anyone could have written (it, or the directory a symlink to it points into,
 * has the world-write bit) is refused, not read: it can name code to run.
 */
function checkedSettingsFile(file: string): string {
  const real = Deno.realPathSync(file);
  let mode: number | null = null;
  try {
    mode = Deno.statSync(real).mode;
  } catch { /* read as it is */ }
  if ((mode !== null && (mode & 0o002) !== 0) || writableByAnyone(dirname(real))) {
    throw new StrataError(
      ErrorCode.Input,
      `writable by anyone${real === file ? "" : ` (it is ${real})`}: strata does not ` +
        "read a settings file others may have written, since it can name code to run " +
        "(chmod o-w it, or keep it out of a world-writable directory)",
      { origin: { file } },
    );
  }
  return file;
}

/** Whether others may write in `dir` (the world-write bit; no such bit on Windows). */
function writableByAnyone(dir: string): boolean {
  try {
    const mode = Deno.statSync(dir).mode;
    return mode !== null && (mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

function bad(message: string, node: Node | undefined, file: string, key?: string): StrataError {
  return new StrataError(ErrorCode.Value, message, {
    origin: node?.origin ?? { file, line: 1, col: 1 },
    fullKey: key,
  });
}

function strOf(node: Node, file: string, key: string, what = "a string"): string {
  if (node.kind !== "value" || node.type !== "str") {
    throw bad(`${key} must be ${what}`, node, file, key);
  }
  return node.value as string;
}

/**
 * Reads a settings file (relative paths in it are relative to the file).
 *
 * @throws {StrataError} `value` for unknown keys (with did-you-mean) or wrong types, located;
 *   with `unknown`, the unknown keys' errors (one a mapping) are pushed there instead and the
 *   settings read without them (validate reports them with the tree's problems).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSettings } from "./settings.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "resolvers:\n  opaque: [eq, if]\n");
 * assert.deepEqual(readSettings(dir + "/.strata.yaml").opaqueResolvers, ["python_version", "eq", "if"]);
 * ```
 */
export function readSettings(file: string, unknown?: StrataError[]): Settings {
  // read as config files are: a regular file, bounded, UTF-8 or an error (not U+FFFD)
  const text = readConfigPath(file);
  const root = loadYaml(text, { file });
  const out: Settings = { file, opaqueResolvers: [...HYDRA_OPAQUE_RESOLVERS] };
  if (root.kind !== "dict") throw bad("settings must be a mapping", root, file);
  checkKeys(root, KEYS, file, "", text, unknown);
  // with `unknown` (validate), a wrong setting is collected and the others still read, so one
  // run reports them all (checker w35, w37); the first is thrown with the rest attached
  const errors: StrataError[] = [];
  const attempt = (read: () => void) => {
    if (unknown === undefined) return read();
    try {
      read();
    } catch (e) {
      if (!isStrataError(e) || e.code !== ErrorCode.Value) throw e;
      errors.push(e);
    }
  };
  const here = dirname(file);
  const abs = (p: string) => isAbsolute(p) ? p : join(here, p);
  const readEntry = (e: Entry) => {
    if (e.key === "config_dir") {
      out.configDir = abs(strOf(e.node, file, "config_dir"));
      if (e.node.origin) out.configDirAt = originOf(e.node.origin);
    }
    if (e.key === "config_name") {
      const none = e.node.kind === "value" && e.node.value === null;
      out.configName = none
        ? null
        : strOf(e.node, file, "config_name", "a string or null (no primary config)");
      if (e.node.origin) out.configNameAt = originOf(e.node.origin);
    }
    if (e.key === "version_base") {
      // `1.1` is a float to YAML, `"1.1"` a string: either names the base
      const given = e.node.kind === "value" ? e.node.value : undefined;
      out.versionBase = readVersionBase(given);
      if (out.versionBase === undefined) {
        throw bad(
          `version_base must be one of ${VERSION_BASES.map((b) => `"${b}"`).join(", ")} ` +
            "or null (as @hydra.main's version_base; None is null, the running Hydra's 1.3; " +
            "an app that passes none composes as 1.1)",
          e.node,
          file,
          "version_base",
        );
      }
    }
    if (e.key === "search_path") {
      if (e.node.kind !== "list") {
        throw bad("search_path must be a list of directories", e.node, file, "search_path");
      }
      out.searchPath = [];
      out.searchPathAt = [];
      for (const item of e.node.items) {
        const entry = strOf(item, file, "search_path", "a list of directories");
        // `file://dir` is a directory as Hydra's entries write it; `pkg://` stays as written
        const path = entry.startsWith("file://") ? entry.slice(7) : entry;
        out.searchPath.push(path.includes("://") ? path : abs(path));
        const at = originOf(item.origin ?? e.node.origin) ?? { file };
        out.searchPathAt.push(at);
        // (validate: a directory that is not there is said beside the other wrong settings,
        // not only once they are mended; checker w45)
        const missing = unknown === undefined || path.includes("://")
          ? undefined
          : searchPathDirError(abs(path), at);
        if (missing) errors.push(missing);
      }
    }
    if (e.key === "validate") {
      if (e.node.kind !== "dict") throw bad("validate must be a mapping", e.node, file, "validate");
      checkKeys(e.node, VALIDATE_KEYS, file, "validate.", text, unknown);
      for (const v of e.node.entries.values()) {
        attempt(() => {
          if (v.key === "options") out.optionScopes = readOptionScopes(v.node, file, text);
          if (v.key === "exclude") out.exclude = readExclude(v.node, file);
          if (v.key === "together") out.together = readTogether(v.node, file, text);
          if (v.key === "overrides") {
            // with `unknown` (validate), an item that does not parse is reported as an unknown
            // setting is, and the tree validated without it: the settings found against the tree
            // (options, together) are not hidden behind it (checker w39)
            const written = v.node.kind === "list" ? v.node.items : [v.node];
            const index = written.flatMap((item, i) =>
              unknown === undefined || parsesAsOverride(item, file, unknown, text) ? [i] : []
            );
            const items = index.map((i) => written[i]);
            out.validateOverrides = readValidateOverrides(items, file, text);
            out.validateOverridesAt = items.map((item) => originOf(item.origin));
            out.validateOverridesIndex = index;
          }
        });
      }
    }
    if (e.key !== "resolvers") return;
    if (e.node.kind !== "dict") throw bad("resolvers must be a mapping", e.node, file, "resolvers");
    checkKeys(e.node, RESOLVER_KEYS, file, "resolvers.", text, unknown);
    for (const r of e.node.entries.values()) {
      if (r.key === "module") {
        out.resolverModule = abs(strOf(r.node, file, "resolvers.module"));
        if (r.node.origin) out.resolverModuleAt = originOf(r.node.origin);
      }
      if (r.key !== "opaque") continue;
      if (r.node.kind !== "list") {
        throw bad("resolvers.opaque must be a list of names", r.node, file, "resolvers.opaque");
      }
      for (const item of r.node.items) {
        const name = strOf(item, file, "resolvers.opaque");
        out.opaqueResolvers.push(name);
        if (item.origin) (out.opaqueAt ??= new Map()).set(name, originOf(item.origin)!);
      }
    }
  };
  for (const e of root.entries.values()) attempt(() => readEntry(e));
  if (errors.length > 0) throw withOtherSettingsErrors(errors[0], errors.slice(1));
  return out;
}

/**
 * The settings that apply to a config directory (none found: empty settings);
 * `unknown` as {@link readSettings}'s.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { settingsFor } from "./settings.ts";
 * assert.deepEqual(settingsFor("/").opaqueResolvers, ["python_version"]);
 * ```
 */
export function settingsFor(start: string, unknown?: StrataError[]): Settings {
  const file = findSettings(start);
  return file ? readSettings(file, unknown) : { opaqueResolvers: [...HYDRA_OPAQUE_RESOLVERS] };
}

/**
 * Imports a TypeScript module of resolvers: its default export (or its
 * `resolvers` export) maps resolver names to functions. `namedAt` is where
 * the settings name it; a module named on the command line has none.
 *
 * @throws {StrataError} `value` when the module does not load or exports no
 * resolvers, or the settings name a file that does not exist (at that name);
 * `usage` when the command line names a file that does not exist.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadResolverModule } from "./settings.ts";
 * await assert.rejects(loadResolverModule("no/such/resolvers.ts"), { code: "usage" });
 * const namedAt = { file: ".strata.yaml", line: 3, col: 11 };
 * await assert.rejects(loadResolverModule("no/such/resolvers.ts", namedAt), { origin: namedAt });
 * ```
 */
export async function loadResolverModule(
  path: string,
  namedAt?: Origin,
): Promise<Record<string, ResolverFn>> {
  let isFile = false;
  try {
    isFile = Deno.statSync(path).isFile;
  } catch { /* not found */ }
  if (!isFile) {
    // named from the working directory when below it, as the settings' other paths are shown
    const rel = relative(Deno.cwd(), resolve(path));
    const what = `resolvers module '${rel.startsWith("..") ? path : rel}' not found`;
    throw namedAt
      ? new StrataError(ErrorCode.Value, what, { origin: namedAt, fullKey: "resolvers.module" })
      : new StrataError(ErrorCode.Usage, what);
  }
  const origin = { file: path, line: 1, col: 1 };
  const url = toFileUrl(resolve(path));
  let mod: Record<string, unknown>;
  try {
    mod = await import(url);
  } catch (e) {
    // at the line Deno names (a syntax error's, a top-level throw's), not the first
    const { why, origin, snippet } = moduleFailure(e, path, url);
    throw new StrataError(ErrorCode.Value, `cannot load the resolvers module: ${why}`, {
      origin,
      snippet,
    });
  }
  const table = (mod.default ?? mod.resolvers) as Record<string, unknown> | undefined;
  if (typeof table !== "object" || table === null) {
    throw new StrataError(
      ErrorCode.Value,
      "a resolvers module must `export default { name: (args) => value }`",
      { origin },
    );
  }
  const out: Record<string, Resolver> = {};
  const cached = new Set<string>();
  // a resolver's problem is placed at its key in the module's text when it can be found there
  const at = (name: string) => entryOrigin(path, name) ?? origin;
  for (const [name, entry] of Object.entries(table)) {
    // `{ resolver: fn, useCache: true }`: OmegaConf's register_new_resolver(name, fn, use_cache=True)
    const spec = typeof entry === "object" && entry !== null
      ? entry as { resolver?: unknown; useCache?: unknown }
      : undefined;
    const fn = spec ? spec.resolver : entry;
    if (typeof fn !== "function") {
      throw new StrataError(
        ErrorCode.Value,
        spec
          ? `resolver '${name}' is an object without a function as its 'resolver' ` +
            "(`{ resolver: (args) => value, useCache: true }`)"
          : `resolver '${name}' is not a function`,
        { origin: at(name) },
      );
    }
    if (spec && spec.useCache !== undefined && typeof spec.useCache !== "boolean") {
      throw new StrataError(
        ErrorCode.Value,
        `resolver '${name}': useCache must be true or false, not ${JSON.stringify(spec.useCache)}`,
        { origin: at(name) },
      );
    }
    if (spec?.useCache === true) cached.add(name);
    out[name] = fn as Resolver;
  }
  // the library's resolvers, as the README and ResolverInfo document them: a Config result is a
  // node (OmegaConf.merge's DictConfig), ctx.parent / ctx.root are views (loaded here: a command
  // whose project declares no resolvers module does not load the library's Config view)
  const { treeResolvers } = await import("../config/resolver_api.ts");
  const all = treeResolvers(out);
  for (const name of cached) cachingResolver(all[name]);
  return all;
}

/** `validate.overrides`' items: override strings, each parsed, a bad one an error at its place. */
function readValidateOverrides(items: Node[], file: string, source?: string): string[] {
  return items.map((item) => {
    const text = strOf(item, file, "validate.overrides", "a list of overrides (key=value)");
    try {
      parseOverride(text, 0);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      // at the character the message's column names, where the override is written as it is
      const written = wordsAt([text], originOf(item.origin), source)[0];
      const at = parseErrorAt(e, [written]);
      throw new StrataError(ErrorCode.Value, `validate.overrides: ${e.message}`, {
        origin: at?.line !== undefined ? { ...at, file: at.file ?? file } : item.origin ??
          { file, line: 1, col: 1 },
        fullKey: "validate.overrides",
      });
    }
    return text;
  });
}

/** Whether a `validate.overrides` item parses; its error, when not, pushed to `errors`. */
function parsesAsOverride(
  item: Node,
  file: string,
  errors: StrataError[],
  source: string,
): boolean {
  try {
    readValidateOverrides([item], file, source);
    return true;
  } catch (e) {
    if (!isStrataError(e) || e.code !== ErrorCode.Value) throw e;
    errors.push(e);
    return false;
  }
}

/**
 * Where a resolvers module's text first writes `name` as a key (`mul: 3`, `"mul": 3`,
 * `{ mul }`), if it does: the place of a problem with that resolver (checker w52).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entryOrigin } from "./settings.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/r.ts`, "export default {\n  add: (a) => a,\n  \"mul\": 3,\n};\n");
 * assert.deepEqual(entryOrigin(`${dir}/r.ts`, "mul"), { file: `${dir}/r.ts`, line: 3, col: 3 });
 * assert.equal(entryOrigin(`${dir}/r.ts`, "div"), undefined);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function entryOrigin(path: string, name: string): Origin | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
  const word = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const key = new RegExp(`(^|[{,\\s])(["'\`]?${word}["'\`]?)\\s*[:,}(]`, "m").exec(text);
  if (!key) return undefined;
  const at = key.index + key[1].length;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { file: path, line, col: at - before.lastIndexOf("\n") };
}
