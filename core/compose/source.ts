/**
 * Config sources: where configs and config groups are found. A directory on
 * disk (`file://`), or text embedded in strata (Hydra's `pkg://hydra.conf` and
 * its ConfigStore schemas).
 *
 * @module
 */

import { dirname, isAbsolute, join, resolve } from "../path.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { checkFileSize, readConfigText } from "../yaml/text.ts";
import { osReason } from "../os_error.ts";
import { fileSize, overlaid, overlaidFileInfo, readDirOverlaid } from "../file_overlay.ts";

/** One entry of the config search path. */
export interface ConfigSource {
  /** Who added it: `hydra`, `main`, `schema`, `hydra.searchpath in main`, ... */
  readonly provider: string;
  /** `file`, `pkg` or `structured`. */
  readonly scheme: string;
  /** The path after `scheme://`. */
  readonly path: string;
  /** Whether the source exists. */
  available(): boolean;
  /** Whether `configPath` (`db/mysql`) names a config in this source. */
  isConfig(configPath: string): boolean;
  /** Whether `groupPath` (`db`, `server/site`) is a directory of configs. */
  isGroup(groupPath: string): boolean;
  /** The config names (or subgroup names) directly in a group. */
  list(groupPath: string, kind: "config" | "group"): string[];
  /**
   * The text of a config and the file name origins show, or undefined; `bom`
   * when the file began with a BOM (Hydra then reads no `# @package` header).
   */
  read(configPath: string): { text: string; file: string; bom?: boolean } | undefined;
}

/**
 * Hydra's file name rule: `.yaml` is appended unless the name already ends with it
 * (so `config.yml` is looked up as `config.yml.yaml`, as Hydra 1.3 does from
 * version_base 1.2 on); with `ymlAsIs` (version_base 1.1) a name ending in
 * `.yml` is a file name too, which Hydra reads with a deprecation warning.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFileName } from "./source.ts";
 * assert.equal(configFileName("db/mysql"), "db/mysql.yaml");
 * assert.equal(configFileName("db/mysql.yml"), "db/mysql.yml.yaml");
 * assert.equal(configFileName("db/mysql.yml", true), "db/mysql.yml");
 * ```
 */
export function configFileName(configPath: string, ymlAsIs = false): string {
  if (configPath.endsWith(".yaml") || (ymlAsIs && configPath.endsWith(".yml"))) return configPath;
  return configPath + ".yaml";
}

/**
 * `provider=main, path=file:///abs/conf`, as Hydra prints a source.
 *
 * @example
 * ```ts
 * import { describeSource, EmbeddedSource } from "./source.ts";
 * describeSource(new EmbeddedSource("hydra", "pkg", "hydra.conf", {}));
 * // "provider=hydra, path=pkg://hydra.conf"
 * ```
 */
export function describeSource(s: ConfigSource): string {
  return `provider=${s.provider}, path=${s.scheme}://${s.path}`;
}

/**
 * Reads configs from one directory on disk.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DirSource } from "./source.ts";
 * const src = new DirSource("examples/llm-finetune/conf");
 * assert.deepEqual(src.list("model", "config").sort(), ["gpt2", "llama3_8b", "mistral_7b"]);
 * ```
 */
export class DirSource implements ConfigSource {
  readonly scheme = "file";
  readonly path: string;
  /** A config named `x.yml` is the file `x.yml` (version_base 1.1), not `x.yml.yaml`. */
  ymlAsIs = false;

  /**
   * @param dir the config directory, as the user named it (origins keep this form)
   * @param provider who added it to the search path
   * @param asWritten keep a relative `dir` relative in {@link DirSource.path}:
   *   Hydra's FileConfigSource keeps a `hydra.searchpath` entry as written
   *   (`file://extra` is `path: extra` in `hydra.runtime.config_sources`, read
   *   from the working directory), while the primary directory is absolute
   */
  constructor(readonly dir: string, readonly provider = "main", asWritten = false) {
    this.path = asWritten || isAbsolute(dir) ? dir : resolve(dir);
  }

  available(): boolean {
    // this.path: "" is the current directory, as messages name it
    return statOf(this.path)?.isDirectory ?? false;
  }

  /** The path of config `name` (`db/mysql`), as origins show it. */
  pathOf(configPath: string): string {
    return join(this.dir, configFileName(configPath, this.ymlAsIs));
  }

  isConfig(configPath: string): boolean {
    return statOf(this.pathOf(configPath))?.isFile ?? false;
  }

  isGroup(groupPath: string): boolean {
    return statOf(join(this.dir, groupPath))?.isDirectory ?? false;
  }

  list(groupPath: string, kind: "config" | "group"): string[] {
    const out: string[] = [];
    try {
      for (const e of readDirOverlaid(join(this.dir, groupPath))) {
        if (e.name === "__pycache__" || e.name === "__init__.py") continue;
        // the entry says what it is, but for a symlink, whose target is stat'ed
        const st = e.isSymlink || absentFiles !== undefined
          ? statOf(join(this.dir, groupPath, e.name))
          : e;
        if (kind === "group" && st?.isDirectory) out.push(e.name);
        if (kind === "config" && st?.isFile && e.name.endsWith(".yaml")) {
          out.push(e.name.slice(0, -5));
        }
      }
    } catch {
      return [];
    }
    return out.sort();
  }

  /**
   * @throws {StrataError} `input` for a file strata may not read (permission)
   *   or that is not UTF-8; `limit` for a file over 256 MiB.
   */
  read(configPath: string): { text: string; file: string; bom: boolean } | undefined {
    const file = this.pathOf(configPath);
    if (readAsAbsent(file)) return undefined;
    try {
      return { ...readText(file), file };
    } catch (e) {
      if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory) {
        return undefined;
      }
      if (e instanceof Deno.errors.PermissionDenied) {
        throw new StrataError(ErrorCode.Input, `cannot read config file: ${osReason(e)}`, {
          origin: { file },
        });
      }
      throw e;
    }
  }
}

/**
 * While {@link withFileSnapshot} runs, stats and file texts are read once
 * and reused (validation composes a tree hundreds of times; it does not
 * change meanwhile).
 */
let snapshot: Map<string, Deno.FileInfo | { text: string; bom: boolean } | undefined> | undefined;

/**
 * Runs `body` with every config file's stat and text read at most once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DirSource, withFileSnapshot } from "./source.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/c.yaml", "a: 1\n");
 * const src = new DirSource(dir);
 * const texts = withFileSnapshot(() => {
 *   const first = src.read("c")?.text;
 *   Deno.writeTextFileSync(dir + "/c.yaml", "a: 2\n");
 *   return [first, src.read("c")?.text];
 * });
 * assert.deepEqual(texts, ["a: 1\n", "a: 1\n"]);
 * ```
 */
export function withFileSnapshot<T>(body: () => T, absent?: ReadonlyMap<string, string>): T {
  const outer = snapshot;
  const outerAbsent = absentFiles;
  snapshot ??= new Map();
  if (absent !== undefined && absent.size > 0) absentFiles = absent;
  try {
    return body();
  } finally {
    snapshot = outer;
    absentFiles = outerAbsent;
  }
}

/**
 * Files (absolute paths) read as absent while {@link withFileSnapshot} runs,
 * with why: `validate --staged` checks what the commit holds, and an
 * untracked file is not in it (a config added but not `git add`-ed, one
 * `git rm --cached`); a file the commit deletes is gone already, the reason
 * kept for the message that misses it.
 */
let absentFiles: ReadonlyMap<string, string> | undefined;

/**
 * Why `path` is read as absent (see {@link withFileSnapshot}), or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { absentReason, withFileSnapshot } from "./source.ts";
 * const why = new Map([["/r/conf/a.yaml", "is not tracked by git"]]);
 * assert.equal(withFileSnapshot(() => absentReason("/r/conf/a.yaml"), why), "is not tracked by git");
 * ```
 */
export function absentReason(path: string): string | undefined {
  return absentFiles?.get(resolve(path));
}

/**
 * Whether `path` is one of the files read as absent (see {@link withFileSnapshot}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAsAbsent, withFileSnapshot } from "./source.ts";
 * const why = new Map([["/r/conf/a.yaml", "is not tracked by git"]]);
 * assert.equal(withFileSnapshot(() => readAsAbsent("/r/conf/a.yaml"), why), true);
 * assert.equal(readAsAbsent("/r/conf/a.yaml"), false);
 * ```
 */
export function readAsAbsent(path: string): boolean {
  return absentFiles !== undefined && absentFiles.has(resolve(path));
}

/**
 * `path`'s file info, or undefined when nothing is there. A directory on the
 * way that strata may not search (no permission) is an error naming it: a
 * missing config would be said instead ("Could not find", "Cannot find
 * primary config"), and the user would look for a typo.
 *
 * @throws {StrataError} `input`, at the first directory of `path` that cannot be read.
 */
function statOf(path: string): Deno.FileInfo | undefined {
  if (absentFiles !== undefined && readAsAbsent(path)) return undefined;
  const key = "stat\0" + path;
  if (snapshot?.has(key)) return snapshot.get(key) as Deno.FileInfo | undefined;
  let info: Deno.FileInfo | undefined;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.PermissionDenied) throw unsearchable(path, e);
    // deleted from the working tree, not from the index: the commit holds it (file_overlay.ts)
    info = overlaid(path) === undefined ? undefined : overlaidFileInfo(path);
  }
  snapshot?.set(key, info);
  return info;
}

/** The error for a path whose directory strata may not search, named at that directory. */
function unsearchable(path: string, e: Error): StrataError {
  // the deepest directory of the path that can be stat'ed is the one that cannot be searched
  let dir = dirname(path);
  for (;;) {
    try {
      Deno.statSync(dir);
      break;
    } catch {
      if (dirname(dir) === dir) break;
      dir = dirname(dir);
    }
  }
  return new StrataError(ErrorCode.Input, `cannot read the config directory: ${osReason(e)}`, {
    origin: { file: dir },
  });
}

function readText(path: string): { text: string; bom: boolean } {
  const key = "text\0" + path;
  if (snapshot?.has(key)) return snapshot.get(key) as { text: string; bom: boolean };
  checkFileSize(fileSize(path), path);
  const read = readConfigText(path);
  snapshot?.set(key, read);
  return read;
}

/**
 * Configs held in memory, by config path (`hydra/launcher/basic`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EmbeddedSource } from "./source.ts";
 * const src = new EmbeddedSource("hydra", "pkg", "hydra.conf", { "hydra/env/default": "" });
 * assert.ok(src.isGroup("hydra/env"));
 * ```
 */
export class EmbeddedSource implements ConfigSource {
  private readonly groups = new Set<string>();

  constructor(
    readonly provider: string,
    readonly scheme: string,
    readonly path: string,
    private readonly configs: Readonly<Record<string, string>>,
    /** Whether it exists (a `pkg://` module strata cannot read does not). */
    private readonly exists = true,
  ) {
    for (const name of Object.keys(configs)) {
      const parts = name.split("/");
      for (let i = 1; i < parts.length; i++) this.groups.add(parts.slice(0, i).join("/"));
    }
  }

  available(): boolean {
    return this.exists;
  }

  isConfig(configPath: string): boolean {
    return Object.hasOwn(this.configs, stripYaml(configPath));
  }

  isGroup(groupPath: string): boolean {
    return groupPath === "" || this.groups.has(groupPath);
  }

  list(groupPath: string, kind: "config" | "group"): string[] {
    const prefix = groupPath === "" ? "" : groupPath + "/";
    const out = new Set<string>();
    const names = kind === "config" ? Object.keys(this.configs) : [...this.groups];
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      if (rest !== "" && !rest.includes("/")) out.add(rest);
    }
    return [...out].sort();
  }

  read(configPath: string): { text: string; file: string } | undefined {
    const name = stripYaml(configPath);
    if (!Object.hasOwn(this.configs, name)) return undefined;
    return { text: this.configs[name], file: `${this.scheme}://${this.path}/${name}.yaml` };
  }
}

/**
 * Whether an origin's file is one of the configs strata embeds (Hydra's
 * `pkg://hydra.conf` and `structured://` schemas), not a file of the user's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isEmbeddedFile } from "./source.ts";
 * assert.equal(isEmbeddedFile("structured:///hydra/config.yaml"), true);
 * assert.equal(isEmbeddedFile("conf/config.yaml"), false);
 * ```
 */
export function isEmbeddedFile(file: string | undefined): boolean {
  return file !== undefined && /^(pkg|structured):\/\//.test(file);
}

function stripYaml(configPath: string): string {
  return configPath.endsWith(".yaml") ? configPath.slice(0, -5) : configPath;
}
