/**
 * Checks of one YAML file on its own, every problem of the file reported:
 * it is text of a sane size, its `# @package` header is well formed, it parses
 * in OmegaConf's dialect (syntax, duplicate keys), its defaults list uses the
 * keywords Hydra knows (`optinal db: x` silently names group `db`,
 * hydra#1951) and names options inside the tree, and every `${...}` parses.
 *
 * @module
 */

import { isStrataError } from "../errors.ts";
import {
  canonicalKey,
  type DictNode,
  keyText,
  type Node,
  type NodeOrigin,
  type Origin,
  originOf,
} from "../node.ts";
import { readDefaults } from "../compose/defaults_parse.ts";
import { headerText, readHeader } from "../compose/repository.ts";
import { legacyHeaderWarning } from "../compose/legacy_header.ts";
import {
  deprecatedHeaderWarning,
  legacyBase,
  legacyPackageHeader,
  type VersionBase,
} from "../compose/version_base.ts";
import { headerLines, literalHeaderWords } from "../compose/header_words.ts";
import { GroupDefault } from "../compose/element.ts";
import { validateInterpolations } from "../resolve/validate.ts";
import { suggest } from "../suggest.ts";
import { loadYaml } from "../yaml/load.ts";
import { invalidUtf8At } from "../yaml/text.ts";
import { forEachLeaf } from "./leaves.ts";
import { octalInts } from "./octal.ts";
import { base60Numbers } from "./sexagesimal.ts";
import { yaml11Bools } from "./yaml11_bools.ts";
import { escapesConfigDir } from "./paths.ts";
import { resolve } from "../path.ts";
import { defaultsKeyTypo } from "./defaults_key.ts";
import { fromError, type Problem } from "./problems.ts";
import { osReason } from "../os_error.ts";
import { fileSize, readFileBytes } from "../file_overlay.ts";

/**
 * Files larger than this are refused: no config is this big, and parsing it would take minutes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_CONFIG_BYTES } from "./files.ts";
 * assert.equal(MAX_CONFIG_BYTES, 8 * 1024 * 1024);
 * ```
 */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

const KEYWORDS = ["optional", "override"];
// Hydra 1.0/1.1's: literal keys in version_base 1.3, which strata composes as (legacy_header.ts)
const LEGACY_PACKAGE_KEYWORDS = ["_group_", "_name_"];

function problem(code: string, message: string, origin: Origin, extra: Partial<Problem> = {}) {
  return { severity: "error" as const, code, message, origin, ...extra };
}

/** Line and column (1-based) of a byte offset in a text. */
function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

function tooLarge(file: string, size: number): Problem {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return problem(
    "too-large",
    `file is ${mb(size)} MiB; configs over ${mb(MAX_CONFIG_BYTES)} MiB are refused`,
    { file, line: 1, col: 1 },
  );
}

/** The text of a file, or a problem when it is not UTF-8 or binary. */
function readText(file: string, bytes: Uint8Array): string | Problem {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // at the first bad byte, as compose places it: a stray Latin-1 byte is often deep in a file
    const { line, col } = invalidUtf8At(bytes);
    return problem("binary", "not a UTF-8 text file", { file, line, col });
  }
  // PyYAML refuses C0 control characters other than tab, LF and CR.
  // deno-lint-ignore no-control-regex
  const nul = text.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  if (nul !== -1) {
    const code = text.charCodeAt(nul).toString(16).padStart(4, "0");
    return problem("binary", `unacceptable character #x${code}: a binary file?`, {
      file,
      ...position(text, nul),
    });
  }
  return text;
}

/** `# @package` header lines, checked as Hydra reads them (leading comment lines). */
function checkHeader(
  text: string,
  file: string,
  configPath: string,
  out: Problem[],
  versionBase?: VersionBase,
): void {
  // the leading lines as Hydra reads them for the header (compose warns of the ignored ones too)
  const header = headerLines(text);
  // what Hydra reads of it: the first 512 characters
  const head = headerText(text).split("\n");
  // Hydra stops reading the header at the first line that is not `# @...`:
  // a plain comment above a `# @package` line hides it
  for (const w of header.ignored) {
    out.push({
      ...problem("header", w.message, { file, line: w.line, col: w.col }),
      severity: "warning",
    });
  }
  for (const { index: i, raw, key, rest } of header.read) {
    const col = raw.indexOf("@") + 1;
    if (i >= head.length || head[i] !== raw) {
      const cut = i < head.length && head[i].trim() !== "";
      out.push({
        ...problem(
          "header",
          "Hydra reads a config's header from its first 512 characters: " +
            (cut
              ? `this line is cut to '${head[i].trim()}' there`
              : "this line is past them, ignored"),
          { file, line: i + 1, col },
        ),
        severity: "warning",
      });
      continue;
    }
    const value = rest.trim();
    if (key !== "package") {
      // one like '@package' is warned of above (header.ignored); any other Hydra ignores too
      if (suggest(key, ["package"]).length === 0) {
        out.push({
          ...problem(
            "header",
            `unknown header '@${key}': Hydra reads only '@package', and ignores this line`,
            { file, line: i + 1, col },
          ),
          severity: "warning",
        });
      }
      continue;
    }
    const valueCol = raw.indexOf(value, col) + 1;
    if (value === "" || /\s/.test(value)) {
      out.push(problem(
        "header",
        value === "" ? "'# @package' needs a package" : `too many words in '# @package ${value}'`,
        { file, line: i + 1, col },
      ));
      continue;
    }
    checkPackageWords(value, configPath, { file, line: i + 1, col: valueCol }, out, versionBase);
  }
}

/**
 * The words of a header's package. Hydra 1.3 accepts any: the package is read
 * as absolute (`_global_.` put before it) and what follows its last `_global_`
 * is kept (`__global__` is global), other `_x_` words are literal keys. Those
 * that look like a keyword are warned about ({@link literalHeaderWords}).
 */
function checkPackageWords(
  value: string,
  configPath: string,
  at: Origin,
  out: Problem[],
  versionBase?: VersionBase,
): void {
  const col = (part: string) => ({ ...at, col: at.col! + value.indexOf(part) });
  // below version_base 1.2 the words are Hydra's deprecated keywords, warned of in its words
  const legacy = legacyBase(versionBase)
    ? deprecatedHeaderWarning(value, configPath)
    : legacyHeaderWarning(value, configPath);
  if (legacy !== undefined) {
    const part = LEGACY_PACKAGE_KEYWORDS.find((k) => value.includes(k))!;
    out.push({ ...problem("header", legacy, col(part)), severity: "warning" });
  }
  if (value.split(".").some((part) => !/^[A-Za-z0-9_\-]+$/.test(part))) {
    out.push(problem("header", `'${value}' is not a package (dotted names)`, at));
  }
  // the words Hydra keeps as literal keys that read as keywords, as compose warns of them
  for (const { word, message, suggestions } of literalHeaderWords(value)) {
    const extra = suggestions.length > 0 ? { suggestions } : {};
    out.push({ ...problem("header", message, col(word), extra), severity: "warning" });
  }
}

/**
 * `name` (a config default, or an option under `group`) as Hydra joins it to
 * `fromDir`, the directory of the config naming it: reached as a config
 * default it is that; reached as a group's option it is the group, above it,
 * so a path that climbs out from here climbs out however the file is reached.
 */
function checkOptionName(
  name: string,
  group: string | undefined,
  fromDir: string,
  at: NodeOrigin | undefined,
  file: string,
  out: Problem[],
) {
  const origin = originOf(at);
  const path = group === undefined ? name : `${group}/${name}`;
  if (escapesConfigDir(path, fromDir)) {
    out.push(
      problem("escapes", `'${name}' points outside the config directory`, origin ?? { file }, {
        fullKey: "defaults",
      }),
    );
  }
}

/** Keywords before a group name (`optional override db@pkg: x`) and option names. */
function checkDefaultsList(
  config: DictNode,
  configPath: string,
  file: string,
  out: Problem[],
): void {
  const list = config.entries.get("defaults")?.node;
  if (list?.kind !== "list") return;
  const fromDir = configPath.includes("/") ? configPath.slice(0, configPath.lastIndexOf("/")) : "";
  for (const item of list.items) {
    if (item.kind === "value" && item.type === "str") {
      checkOptionName(item.value as string, undefined, fromDir, item.origin, file, out);
    }
    if (item.kind !== "dict") continue;
    for (const e of item.entries.values()) {
      const words = keyText(e.key).split(" ").filter((w) => w !== "");
      for (const w of words.slice(0, -1)) {
        if (KEYWORDS.includes(w)) continue;
        out.push(problem(
          "defaults-keyword",
          `unknown defaults keyword '${w}' in '${keyText(e.key)}': Hydra drops the word ` +
            "without a warning and reads the rest as the entry",
          originOf(item.origin ?? e.node.origin) ?? { file },
          { fullKey: "defaults", suggestions: suggest(w, KEYWORDS) },
        ));
      }
      const values: Node[] = e.node.kind === "list" ? e.node.items : [e.node];
      const group = (words.at(-1) ?? "").split("@")[0];
      for (const v of values) {
        if (v.kind === "value" && v.type === "str") {
          checkOptionName(v.value as string, group, fromDir, v.origin, file, out);
        }
      }
    }
  }
}

/**
 * The package a group's option goes to on its own (`db/mysql` → `db`, or its
 * `# @package` header): a key is reported as the composed config has it.
 */
function ownPackage(text: string, configPath: string, versionBase?: VersionBase): string {
  const slash = configPath.lastIndexOf("/");
  if (slash === -1) return "";
  const d = new GroupDefault(configPath.slice(0, slash), configPath.slice(slash + 1));
  d.updateParent("", "");
  try {
    const header = readHeader(text).package ?? null;
    d.setPackageHeader(
      header !== null && legacyBase(versionBase)
        ? legacyPackageHeader(header, d.defaultPackage(), configPath.slice(slash + 1))
        : header,
    );
  } catch { /* a malformed header is reported on its own */ }
  return d.finalPackage();
}

/**
 * A `hydra:` node in a group's option that lands below the root (`pose_graph.hydra`), where
 * Hydra never reads it: only the primary config's, or a `_global_` option's, configures Hydra.
 * Such a file is most often a primary config of its own (an app run with `config_path` set to
 * its directory), which validate composes as an option of the tree around it.
 */
function misplacedHydra(
  config: Node,
  file: string,
  configPath: string,
  pkg: string,
): Problem | undefined {
  if (pkg === "" || pkg === "hydra" || pkg.startsWith("hydra.") || config.kind !== "dict") {
    return undefined;
  }
  const entry = config.entries.get(canonicalKey("hydra"));
  if (entry === undefined || entry.node.kind !== "dict") return undefined;
  const dir = configPath.slice(0, configPath.lastIndexOf("/"));
  return {
    severity: "warning",
    code: "misplaced-hydra",
    message: `a hydra: node in an option of '${dir}' lands at ${pkg}.hydra, which Hydra does ` +
      "not read (only the primary config's, or a # @package _global_ option's, configures " +
      "Hydra); if this file is a primary config the app loads from its own directory, " +
      `validate that directory too (-d ${
        file.slice(0, Math.max(0, file.lastIndexOf("/"))) || "."
      })`,
    fullKey: `${pkg}.hydra`,
    origin: originOf(entry.node.origin) ?? { file: "" },
  };
}

/** A key of a file's config as the composed config's key: under the file's package `pkg`. */
function underPackage(pkg: string, fullKey: string): string {
  return pkg === "" ? fullKey : fullKey.startsWith("[") ? pkg + fullKey : `${pkg}.${fullKey}`;
}

/** Every malformed `${...}` of the tree (one WASM call when all are fine), at its key under `pkg`. */
function checkGrammar(config: Node, pkg: string, out: Problem[]): void {
  try {
    validateInterpolations(config);
    return;
  } catch (e) {
    if (!isStrataError(e)) throw e;
  }
  forEachLeaf(config, (leaf, fullKey) => {
    if (leaf.type !== "str" || !(leaf.value as string).includes("${")) return;
    try {
      validateInterpolations(leaf);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      const key = underPackage(pkg, fullKey);
      out.push({ ...fromError(e), fullKey: key, origin: e.origin ?? originOf(leaf.origin) });
    }
  });
}

/**
 * The problems of one config file, read from disk, its header read as
 * `versionBase` reads it (default 1.3).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkFile } from "./files.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/c.yaml", "defaults:\n  - optinal db: mysql\nlr: ${oops\n");
 * const problems = checkFile(dir + "/c.yaml", "c");
 * assert.deepEqual(problems.map((p) => [p.code, p.origin?.line]), [["defaults-keyword", 2], ["grammar", 3]]);
 * assert.deepEqual(problems[0].suggestions, ["optional"]);
 * ```
 */
export function checkFile(
  file: string,
  configPath: string,
  versionBase?: VersionBase,
): Problem[] {
  let bytes: Uint8Array;
  try {
    // A file too big to be a config is refused by its size, without reading it.
    const size = fileSize(file);
    if (size > MAX_CONFIG_BYTES) return [tooLarge(file, size)];
    bytes = readFileBytes(file);
  } catch (e) {
    const why = osReason(e);
    return [problem("unreadable", `cannot read: ${why}`, { file })];
  }
  const text = readText(file, bytes);
  if (typeof text !== "string") return [text];
  const out: Problem[] = [];
  checkHeader(text, file, configPath, out, versionBase);
  let config;
  try {
    config = loadYaml(text, { file, asFile: true });
  } catch (e) {
    if (!isStrataError(e)) throw e;
    // a key the error names (a duplicate key) is the composed config's, as every problem's is:
    // under the file's package (checker w39)
    const p = fromError(e);
    if (p.fullKey !== undefined) {
      p.fullKey = underPackage(ownPackage(text, configPath, versionBase), p.fullKey);
    }
    out.push(p);
    return out;
  }
  if (config.kind === "dict") {
    checkDefaultsList(config, configPath, file, out);
    out.push(...defaultsKeyTypo(config, text));
  }
  const pkg = ownPackage(text, configPath, versionBase);
  const hydraNode = misplacedHydra(config, file, configPath, pkg);
  if (hydraNode) out.push(hydraNode);
  checkGrammar(config, pkg, out);
  out.push(...octalInts(config, text, pkg));
  out.push(...base60Numbers(config, text, pkg));
  out.push(...yaml11Bools(config, text, pkg));
  try {
    readDefaults(config, configPath, file);
  } catch (e) {
    if (!isStrataError(e)) throw e;
    out.push(fromError(e));
  }
  return out;
}

/**
 * Checks each file on its own (./files.ts's {@link checkFile}), its problems added to
 * `problems`; returns the files that do not load (absolute path → as shown) and the primary
 * configs among them, which are not composed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import "../yaml/full_install.ts"; // (`[1` needs the full reader's error)
 * import { checkTreeFiles } from "./files.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/config.yaml", "a: [1\n");
 * const problems = { add: (_p: unknown) => {} };
 * const got = checkTreeFiles([{ file: dir + "/config.yaml", configPath: "config" }], undefined, problems);
 * assert.deepEqual([...got.skip], ["config"]);
 * ```
 */
export function checkTreeFiles(
  files: readonly { file: string; configPath: string }[],
  versionBase: VersionBase | undefined,
  problems: { add(p: Problem): void },
): { broken: Map<string, string>; skip: Set<string> } {
  const broken = new Map<string, string>();
  const skip = new Set<string>();
  for (const f of files) {
    const found = checkFile(f.file, f.configPath, versionBase);
    // a misspelt defaults keyword (`optinal g: a`) is a lint: Hydra composes the file as if
    // the word were not there, and may fail it otherwise (a duplicate `_self_`: checker v29)
    if (found.some((p) => p.severity === "error" && p.code !== "defaults-keyword")) {
      broken.set(resolve(f.file), f.file);
      // a group's option is still tried in its default's place, read as empty (planned as
      // `unloadable`): the defaults tree it chooses may fail elsewhere (`sub: ${db}`, checker
      // w28); a primary config that does not load is not composed
      if (!f.configPath.includes("/")) skip.add(f.configPath);
    }
    for (const p of found) problems.add(p);
  }
  return { broken, skip };
}
