/**
 * The config search path: Hydra's own configs first, then the primary config
 * directory, then `hydra.searchpath` entries (from the primary config or the
 * command line), then Hydra's schemas.
 *
 * @module
 */

import { isAbsolute, join } from "../path.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, type Node, type Origin, originOf } from "../node.ts";
import { resolveAt } from "../resolve/resolve.ts";
import { pyStr } from "../resolve/pystr.ts";
import type { Override } from "../override/types.ts";
import { HYDRA_PKG_CONFIGS, HYDRA_SCHEMA_CONFIGS } from "../hydra/conf.ts";
import type { Repository } from "./repository.ts";
import { type ConfigSource, DirSource, EmbeddedSource } from "./source.ts";

const HYDRA_SOURCE = new EmbeddedSource("hydra", "pkg", "hydra.conf", HYDRA_PKG_CONFIGS);
const SCHEMA_SOURCE = new EmbeddedSource("schema", "structured", "", HYDRA_SCHEMA_CONFIGS);

/** Where each `hydra.searchpath` entry's source was written (the primary config, an override). */
const entryOrigins = new WeakMap<ConfigSource, Origin>();

/**
 * Where the `hydra.searchpath` entry that gave `source` was written, when it
 * came from one: compose's "is not available" warning is located there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mainSources, searchPathOrigin } from "./search_path.ts";
 * assert.equal(searchPathOrigin(mainSources("examples/llm-finetune/conf", [])[0]), undefined);
 * ```
 */
export function searchPathOrigin(source: ConfigSource): Origin | undefined {
  return entryOrigins.get(source);
}

/** A search path entry (`file://dir`, `dir`, `pkg://module`) as a source. */
function sourceOf(entry: string, provider: string, asWritten = true): ConfigSource {
  if (entry.startsWith("file://")) return new DirSource(entry.slice(7), provider, asWritten);
  const sep = entry.indexOf("://");
  if (sep === -1) return new DirSource(entry, provider, asWritten);
  const scheme = entry.slice(0, sep), path = entry.slice(sep + 3);
  if (scheme !== "pkg") return new EmbeddedSource(provider, scheme, path, {});
  // Hydra names the module with dots (`pkg://my/app/conf/` is `my.app.conf`)
  const module = path.replaceAll("/", ".").replace(/\.+$/, "");
  if (module === "hydra.conf") {
    return new EmbeddedSource(provider, "pkg", module, HYDRA_PKG_CONFIGS);
  }
  // strata reads no Python package: as a module that is not installed, the
  // source is not available, and compose warns as Hydra does
  return new EmbeddedSource(provider, "pkg", module, {}, false);
}

/**
 * The initial sources: Hydra's, the primary directory, extra directories, the schemas.
 *
 * @throws {StrataError} `usage` (exit 2) when the primary directory does not
 *   exist or is not a directory.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mainSources } from "./search_path.ts";
 * assert.deepEqual(mainSources("examples/llm-finetune/conf", []).map((s) => s.provider), ["hydra", "main", "schema"]);
 * ```
 */
export function mainSources(configDir: string, extra: string[]): ConfigSource[] {
  const main = new DirSource(configDir, "main");
  if (!main.available()) {
    // Hydra's text; a path that is there but is a file is said to be one (checker w61)
    const file = (() => {
      try {
        return Deno.statSync(configDir).isFile;
      } catch {
        return false;
      }
    })();
    throw new StrataError(
      ErrorCode.Usage,
      `Primary config directory not found.\nCheck that the config directory '${main.path}' exists and readable` +
        (file ? ` (it is a file: -d names the directory that holds the configs)` : ""),
      { origin: { file: configDir } },
    );
  }
  // Hydra records its --config-dir absolute (os.path.abspath), a hydra.searchpath entry as written
  const cli = extra.map((d) => sourceOf(d, "command-line", false));
  return [HYDRA_SOURCE, main, ...cli, SCHEMA_SOURCE];
}

/**
 * A source as a run dir's `hydra.runtime.config_sources` records it
 * (`schema`, `path`, `provider`): Hydra's own configs and schemas are
 * strata's embedded ones, a `file` path is read from `cwd` when relative
 * (Hydra keeps a `hydra.searchpath` entry as written, read from the run's
 * working directory), and a `pkg` module strata cannot read is unavailable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordedSource } from "./search_path.ts";
 * assert.equal(recordedSource("file", "conf", "main", "/proj").path, "/proj/conf");
 * assert.ok(recordedSource("pkg", "hydra.conf", "hydra", "/").isConfig("hydra/output/default"));
 * assert.equal(recordedSource("pkg", "my_app.conf", "main", "/").available(), false);
 * ```
 */
export function recordedSource(
  schema: string,
  path: string,
  provider: string,
  cwd: string,
): ConfigSource {
  if (schema === "structured" && provider === "schema") return SCHEMA_SOURCE;
  if (schema === "file") return new DirSource(isAbsolute(path) ? path : join(cwd, path), provider);
  return sourceOf(`${schema}://${path}`, provider);
}

/**
 * Checks the primary config and adds its `hydra.searchpath` (or the command
 * line's) to the repository's sources.
 *
 * @throws {StrataError} `composition` for a primary config that is not a
 *   mapping, or a search path that is not a list of strings.
 * @example
 * ```ts ignore
 * buildSearchPath(repo, "config", overrides, []);
 * ```
 */
export function buildSearchPath(
  repo: Repository,
  configName: string | null,
  overrides: Override[],
  extra: string[],
): void {
  // `-n /recipes/fast`: Hydra's defaults tree reads the primary from the tree's top (the leading
  // `/` of a config path), but its search path step joins the name to each directory as a
  // filesystem path, finds nothing, and reads no `hydra.searchpath` from it (checker v55 #1)
  const primary = configName === null || configName.startsWith("/")
    ? undefined
    : repo.load(configName);
  if (primary && primary.config.kind !== "dict") {
    throw new StrataError(
      ErrorCode.Composition,
      `primary config '${configName}' must be a DictConfig, got ListConfig`,
      { origin: primary.config.origin },
    );
  }
  let entries: string[] | undefined;
  let provider = "hydra.searchpath in main";
  const fromCli = overrides.find((o) =>
    o.key === "hydra.searchpath" && o.value?.kind === "element"
  );
  // Hydra's message shows the whole value as Python prints it: "Got: [42]"
  const asStrings = (node: Node, origin = node.origin): string[] => {
    const bad = (at = origin) =>
      new StrataError(
        ErrorCode.Composition,
        `hydra.searchpath must be a list of strings. Got: ${pyStr(node)}`,
        { fullKey: "hydra.searchpath", origin: at },
      );
    if (node.kind !== "list") throw bad();
    return node.items.map((n) => {
      if (n.kind !== "value" || n.type !== "str") throw bad(n.origin ?? origin);
      return n.value as string;
    });
  };
  let origins: (Origin | undefined)[] = [];
  if (fromCli && fromCli.value?.kind === "element") {
    // the override's value is plain data: `${...}` in it stays text, as in Hydra
    provider = "hydra.searchpath in command-line";
    const at = { override: fromCli.index ?? 0, text: fromCli.text };
    entries = asStrings(fromCli.value.node, at);
    origins = entries.map(() => at);
  } else if (primary?.config.kind === "dict") {
    const h = primary.config.entries.get(canonicalKey("hydra"))?.node;
    const sp = h?.kind === "dict" ? h.entries.get(canonicalKey("searchpath"))?.node : undefined;
    // Hydra reads it with OmegaConf.select (null and ??? are no search path) and
    // to_container(resolve=True): `${root}/conf`, `${oc.env:X}` resolve in the primary config
    if (sp && !(sp.kind === "value" && (sp.type === "null" || sp.type === "missing"))) {
      entries = asStrings(resolveAt(primary.config, ["hydra", "searchpath"]), sp.origin);
      origins = entries.map((_, i) =>
        originOf(sp.kind === "list" ? sp.items[i]?.origin ?? sp.origin : sp.origin)
      );
    }
  }
  if (!entries || entries.length === 0) return;
  const sources = repo.sources.slice(0, -1);
  sources.push(
    ...entries.map((e, i) => {
      const source = sourceOf(e, provider);
      const at = origins[i];
      if (at) entryOrigins.set(source, at);
      return source;
    }),
    SCHEMA_SOURCE,
  );
  void extra;
  repo.setSources(sources);
}

/**
 * Hydra's refusal of `hydra.searchpath` set by any config but the primary one
 * (an included config, an option, an experiment at `_global_`): the search
 * path is read from the primary config before the defaults list is built, so
 * a value further down would be silently ignored. Like Hydra, it looks at the
 * config placed at its package (a config at `db` sets `db.hydra.searchpath`,
 * which is just data), and a null or `???` value sets nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchpathOutsidePrimary } from "./search_path.ts";
 * import { dict, list, str } from "../node.ts";
 * const placed = dict([["hydra", dict([["searchpath", list([str("file://x")])]])]]);
 * const d = { configPath: "exp/a", package: "", isSelf: false, primary: false };
 * assert.match(searchpathOutsidePrimary(d, placed)!.message, /In 'exp\/a': Overriding hydra.searchpath/);
 * assert.equal(searchpathOutsidePrimary({ ...d, primary: true }, placed), undefined);
 * ```
 */
export function searchpathOutsidePrimary(
  d: { configPath: string; primary: boolean },
  placed: Node,
): StrataError | undefined {
  if (d.primary || d.configPath === "hydra/config" || placed.kind !== "dict") return undefined;
  const h = placed.entries.get(canonicalKey("hydra"))?.node;
  const sp = h?.kind === "dict" ? h.entries.get(canonicalKey("searchpath"))?.node : undefined;
  if (!sp || (sp.kind === "value" && (sp.type === "null" || sp.type === "missing"))) {
    return undefined;
  }
  return new StrataError(
    ErrorCode.Composition,
    `In '${d.configPath}': Overriding hydra.searchpath is only supported from the primary config`,
    { fullKey: "hydra.searchpath", origin: sp.origin },
  );
}
