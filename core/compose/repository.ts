/**
 * The config repository: the search path's sources, searched in order, with
 * every loaded config cached (text parsed once, `# @package` header read,
 * defaults list extracted).
 *
 * @module
 */

import { ErrorCode, type ErrorInit, StrataError } from "../errors.ts";
import { dict, type DictNode, type ListNode } from "../node.ts";
import { loadYaml } from "../yaml/load.ts";
import { validateInterpolations } from "../resolve/validate.ts";
import { checkCharacters } from "../yaml/text.ts";
import { sealForMerge } from "../merge.ts";
import { type RawDefault, readDefaults } from "./defaults_parse.ts";
import { type ConfigSource, describeSource, DirSource } from "./source.ts";
import { legacyHeader } from "./legacy_header.ts";
import { headerWordWarnings, ignoredHeaderLines } from "./header_words.ts";
import type { LocatedWarning } from "./defaults_tree_node.ts";
import { resolve } from "../path.ts";

/** A loaded config: its tree without `defaults`, its header and raw defaults list. */
export interface LoadedConfig {
  /** The config path it was loaded as (`db/mysql`). */
  path: string;
  /** The file it came from, as origins show it. */
  file: string;
  /** The source that held it. */
  source: ConfigSource;
  config: DictNode | ListNode;
  /** The `# @package` header, or null. */
  packageHeader: string | null;
  /** The warning about a header written for Hydra 1.0/1.1 (`_group_`, `_name_`), at its place. */
  legacyHeader?: LocatedWarning;
  /** The warnings about header words that read as keywords (`_globl_`, `_here_`), at their places. */
  headerWords?: LocatedWarning[];
  /** The defaults list entries, unbound (see {@link ../defaults_parse.ts}). */
  defaults: RawDefault[];
  /** Whether the config has a `defaults` key at all. */
  hasDefaults: boolean;
  /**
   * Set when the file does not load and was read as holding nothing (no defaults list, no
   * content): see {@link Unloadable}.
   */
  readAsEmpty?: boolean;
  /**
   * Whether `config` is this repository's alone: a file too big for the
   * process-wide cache ({@link MAX_KEPT_TEXT}) is parsed for one repository,
   * and a composition may give its tree to the merge instead of copying it.
   */
  unshared: boolean;
}

/** How much of a config Hydra reads its header from: `f.read(512)`, in characters. */
const HEADER_CHARS = 512;

/**
 * The start of `text` that Hydra reads the header from: its first 512
 * characters as Python's text mode gives them (code points, with `\r\n` and
 * a lone `\r` read as one `\n`), so a header line past them is not one, and
 * one they cut short is read cut short.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerText } from "./repository.ts";
 * assert.equal(headerText("# @package a\r\nx: 1\r\n"), "# @package a\nx: 1\n");
 * assert.equal(headerText("#".repeat(600)).length, 512);
 * ```
 */
export function headerText(text: string): string {
  let end = 0;
  for (let n = 0; n < HEADER_CHARS && end < text.length; n++) {
    const c = text.charCodeAt(end);
    if (c === 13 && text.charCodeAt(end + 1) === 10) end += 2;
    else if (c >= 0xd800 && c < 0xdc00 && end + 1 < text.length) end += 2;
    else end += 1;
  }
  return text.slice(0, end).replace(/\r\n?/g, "\n");
}

/**
 * Reads `# @key value` header lines at the top of a config, as Hydra does
 * (empty lines are skipped, the first other line ends the header), from its
 * first 512 characters only, as Hydra reads them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readHeader } from "./repository.ts";
 * assert.equal(readHeader("# @package _global_\na: 1").package, "_global_");
 * const late = "#".repeat(600) + "\n# @package db\na: 1";
 * assert.equal(readHeader(late).package, undefined, "past Hydra's 512 characters");
 * ```
 */
export function readHeader(text: string, file = "<string>"): Record<string, string> {
  const out: Record<string, string> = {};
  let i = -1;
  for (const raw of lines(headerText(text))) {
    i++;
    const line = raw.trim();
    if (line === "") continue;
    if (!/^#\s*@/.test(line)) break;
    const parts = line.replace(/^#+/, "").trim().split(" ").filter((p) => p !== "");
    if (parts.length !== 2) {
      throw new StrataError(
        ErrorCode.Value,
        parts.length < 2
          ? `Expected header format: KEY VALUE, got '${parts.join(" ")}'`
          : `Too many components in '${parts.join(" ")}'`,
        { origin: { file, line: i + 1, col: 1 } },
      );
    }
    if (parts[0].startsWith("@")) out[parts[0].slice(1)] = parts[1];
  }
  return out;
}

/**
 * Whether a config or group path (`db/mysql`, `model/../other`) leads outside
 * the directory it is looked up in: `..` climbing above it, or an absolute
 * path. Symlinks inside a config directory are not checked: they are the
 * user's choice and followed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leavesTree } from "./repository.ts";
 * assert.equal(leavesTree("model/../../secret/creds"), true);
 * assert.equal(leavesTree("model/sub/../a"), false);
 * ```
 */
export function leavesTree(path: string): boolean {
  if (path.startsWith("/")) return true;
  let depth = 0;
  for (const part of path.split("/")) {
    if (part === "..") depth--;
    else if (part !== "." && part !== "") depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * The error for a path {@link leavesTree} refuses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { outsideTree } from "./repository.ts";
 * assert.equal(outsideTree("../x").code, "outside-tree");
 * ```
 */
export function outsideTree(path: string, init: ErrorInit = {}): StrataError {
  return new StrataError(
    ErrorCode.OutsideTree,
    `config path '${path}' leads outside the config directories of the search path`,
    init,
  );
}

function inTree(path: string): string {
  if (leavesTree(path)) throw outsideTree(path);
  return path;
}

/** A parsed config file: what {@link Repository.load} keeps of it. */
interface Parsed {
  text: string;
  config: DictNode | ListNode;
  packageHeader: string | null;
  legacyHeader?: LocatedWarning;
  headerWords?: LocatedWarning[];
  defaults: RawDefault[];
  hasDefaults: boolean;
  /** Whether it is kept in the process-wide cache (and so shared). */
  kept: boolean;
}

/**
 * Parsed config files, by file and config path, shared by every composition of the
 * process (a sweep composes each job, a pre-commit check every combination).
 * An entry is used only while the file's text is unchanged, so an edited file
 * is parsed again. Parsed trees are never mutated: the merge clones containers
 * and leaves are immutable; they are sealed so the WASM merge skips encoding
 * them again.
 */
const parsedFiles = new Map<string, Parsed>();
const MAX_PARSED_FILES = 4096;
/**
 * Files of this many characters or more are not kept in the process-wide
 * cache, nor sealed: keeping a tree of 10^6 nodes that a composition merges
 * once only doubles the memory it takes (the tree, its kept encoding and
 * the merged copy). Such a file is parsed once per repository instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_KEPT_TEXT } from "./repository.ts";
 * assert.equal(MAX_KEPT_TEXT, 8 * 1024 * 1024);
 * ```
 */
export const MAX_KEPT_TEXT = 8 * 1024 * 1024;

function parse(
  text: string,
  file: string,
  path: string,
  scheme: string,
  keep: boolean,
  bom = false,
): Parsed {
  const key = `${scheme}://${file}\0${path}${bom ? "\0bom" : ""}`;
  const hit = keep ? parsedFiles.get(key) : undefined;
  if (hit !== undefined && hit.text === text) return hit;
  const kept = keep && text.length < MAX_KEPT_TEXT;
  // Hydra reads the header from the text with its BOM: a BOM hides the header, which is then none
  const header = bom ? {} : readHeader(text, file);
  const blank = isBlank(text);
  if (blank) checkCharacters(text, file); // loadYaml checks the others
  // (as Hydra reads a config file: OmegaConf.load)
  // a blank file's empty mapping is at its start, as `{}`'s is: a check of the mapping (a
  // schema's required key) names this file, not the one its package's parent came from
  const config = blank
    ? dict([], { file, line: 1, col: 1 })
    : loadYaml(text, { file, asFile: true });
  validateInterpolations(config);
  const { defaults, hasDefaults } = readDefaults(config, path, file);
  const packageHeader = header.package ?? null;
  const head = headerText(text);
  const legacy = legacyHeader(head, packageHeader, path, file);
  const words = headerWordWarnings(head, packageHeader, file);
  // a `# @package` line below a plain comment: Hydra reads no header (AutoCDSR's debug/fdr.yaml)
  words.push(...ignoredHeaderLines(text, file));
  // a Windows editor's byte-order mark before `# @package _global_`: Hydra finds no header, and
  // the config lands at its group's package, far from where it was meant (pest-monitoring)
  const hidden = bom ? hiddenPackage(text, file) : undefined;
  if (hidden !== undefined) {
    words.push({
      message: `a byte-order mark before '# @package ${hidden}' hides the header from Hydra, ` +
        "which reads the first line with it and finds none: the config lands at its group's " +
        "package, not where the header puts it; save the file without the byte-order mark",
      origin: { file, line: 1, col: 1 },
    });
  }
  const parsed = {
    text,
    config,
    packageHeader,
    legacyHeader: legacy,
    headerWords: words.length > 0 ? words : undefined,
    defaults,
    hasDefaults,
    kept,
  };
  if (!kept) return parsed;
  sealForMerge(config);
  if (parsedFiles.size >= MAX_PARSED_FILES) parsedFiles.clear();
  parsedFiles.set(key, parsed);
  return parsed;
}

/** The package a header hidden by a byte-order mark would set (none when it reads as no header). */
function hiddenPackage(text: string, file: string): string | undefined {
  try {
    return readHeader(text, file).package;
  } catch {
    return undefined; // a header Hydra would refuse, were it read: it is not
  }
}

function isBlank(text: string): boolean {
  for (const l of lines(text)) if (!/^\s*(#.*)?$/.test(l)) return false;
  return true;
}

/**
 * The lines of `text`, one at a time: the header and blank checks stop at
 * the first content line instead of splitting a 50 MB file.
 */
function* lines(text: string): Generator<string> {
  let from = 0;
  for (;;) {
    const nl = text.indexOf("\n", from);
    const end = nl === -1 ? text.length : nl;
    yield text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (nl === -1) return;
    from = nl + 1;
  }
}

/**
 * Files that do not load (validate reports each on its own) read as configs with no defaults list
 * and no content, so the defaults trees that include one are still built and their other problems
 * found; `read` collects those read so. Such a tree is not Hydra's: not to be merged.
 */
export interface Unloadable {
  /** The files, as absolute paths. */
  files: ReadonlySet<string>;
  /** The files of `files` a load read as empty. */
  read: Set<string>;
}

/**
 * The sources of a search path, searched in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Repository } from "./repository.ts";
 * import { DirSource } from "./source.ts";
 * const repo = new Repository([new DirSource("examples/llm-finetune/conf")]);
 * assert.deepEqual(repo.groupOptions("optimizer"), ["adamw", "sgd"]);
 * ```
 */
export class Repository {
  private readonly cache = new Map<string, LoadedConfig | undefined>();
  /** Group lookups (a batch of compositions asks the same ones for every job). */
  private readonly groups = new Map<string, boolean>();

  /**
   * With `keep` false, files are parsed for this repository alone: not kept
   * in the process-wide cache nor sealed, so a composition gives their trees
   * to the merge instead of copying them (a process that composes once).
   */
  constructor(
    public sources: ConfigSource[],
    private readonly keep = true,
    private readonly unloadable?: Unloadable,
  ) {}

  /** Whether a config named `x.yml` is read from `x.yml` ({@link readYmlAsIs}). */
  private ymlAsIs = false;

  /**
   * Reads a config named with a `.yml` extension from that file, as Hydra 1.3
   * does under version_base 1.1 (from 1.2 on it looks for `x.yml.yaml`).
   */
  readYmlAsIs(): this {
    this.ymlAsIs = true;
    this.markYml(this.sources);
    return this;
  }

  /** Whether a config at `path` is a `.yml` file read as one ({@link readYmlAsIs}). */
  isYmlFile(path: string): boolean {
    return this.ymlAsIs && path.endsWith(".yml");
  }

  private markYml(sources: ConfigSource[]): void {
    for (const s of sources) if (s instanceof DirSource) s.ymlAsIs = this.ymlAsIs;
  }

  /** Replaces the sources, keeping cached configs (Hydra does the same). */
  setSources(sources: ConfigSource[]): void {
    this.sources = sources;
    this.markYml(sources);
    this.groups.clear();
  }

  /** @throws {StrataError} `outside-tree` for a path that {@link leavesTree}. */
  configExists(path: string): boolean {
    return this.sources.some((s) => s.isConfig(inTree(path)));
  }

  /** @throws {StrataError} `outside-tree` for a path that {@link leavesTree}. */
  groupExists(path: string): boolean {
    let found = this.groups.get(path);
    if (found === undefined) {
      found = this.sources.some((s) => s.isGroup(inTree(path)));
      this.groups.set(path, found);
    }
    return found;
  }

  /** The options of a group over all sources, sorted and unique. */
  groupOptions(group: string, kind: "config" | "group" = "config"): string[] {
    inTree(group);
    const out = new Set<string>();
    for (const s of this.sources) {
      if (s.isGroup(group)) { for (const o of s.list(group, kind)) out.add(o); }
    }
    return [...out].sort();
  }

  /** `Config search path:` lines as Hydra prints them. */
  describe(): string {
    return "Config search path:\n" + this.sources.map((s) => `\t${describeSource(s)}`).join("\n");
  }

  /**
   * The `# @package` header of the config at `path` (null for none), read
   * again: for an error found while loading it, before its header was kept.
   */
  packageHeaderOf(path: string): string | null {
    const read = this.sources.find((s) => s.isConfig(path))?.read(path);
    // Hydra reads the header with the BOM: a BOM hides it
    return read === undefined || read.bom ? null : readHeader(read.text, read.file).package ?? null;
  }

  /**
   * The defaults list of the config at `path` (undefined when no source has
   * it), without parsing a file whose text never says `defaults`: a list of
   * what a tree's defaults lists name reads every file, most of which have
   * none (vissl's ~1,900 options).
   */
  defaultsOf(path: string): LoadedConfig["defaults"] | undefined {
    if (!this.cache.has(path)) {
      inTree(path);
      const read = this.sources.find((s) => s.isConfig(path))?.read(path);
      if (read === undefined) return undefined;
      if (!read.text.includes("defaults")) return [];
    }
    return this.load(path)?.defaults;
  }

  /** Loads (once) the config at `path`, or undefined when no source has it. */
  load(path: string): LoadedConfig | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    inTree(path);
    const source = this.sources.find((s) => s.isConfig(path));
    let loaded: LoadedConfig | undefined;
    if (source) {
      // before it is read: a file that is not UTF-8 does not read either
      const unloadable = this.unloadable;
      if (unloadable?.files.size && source instanceof DirSource) {
        const abs = resolve(source.pathOf(path));
        if (unloadable.files.has(abs)) {
          unloadable.read.add(abs);
          loaded = emptyConfig(path, source);
          this.cache.set(path, loaded);
          return loaded;
        }
      }
      const read = source.read(path)!;
      const parsed = parse(read.text, read.file, path, source.scheme, this.keep, read.bom);
      loaded = {
        path,
        file: read.file,
        source,
        config: parsed.config,
        packageHeader: parsed.packageHeader,
        legacyHeader: parsed.legacyHeader,
        headerWords: parsed.headerWords,
        defaults: parsed.defaults,
        hasDefaults: parsed.hasDefaults,
        unshared: !parsed.kept,
      };
    }
    this.cache.set(path, loaded);
    return loaded;
  }
}

/**
 * A file that does not load, read as holding nothing ({@link Unloadable}); its header is kept
 * when it reads (it places the file's package, and so where its defaults would go).
 */
function emptyConfig(path: string, source: DirSource): LoadedConfig {
  let packageHeader: string | null = null;
  try {
    const read = source.read(path);
    packageHeader = !read || read.bom ? null : readHeader(read.text, read.file).package ?? null;
  } catch { /* a file or header that does not read: reported with the file */ }
  return {
    path,
    file: source.pathOf(path),
    source,
    config: dict(),
    packageHeader,
    defaults: [],
    hasDefaults: false,
    unshared: true,
    readAsEmpty: true,
  };
}
