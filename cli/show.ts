/**
 * Hydra's printing flags, shared by `compose` and `run`: `--cfg/-c
 * job|hydra|all`, `--resolve`, `--package/-p KEY` and `--info/-i`, printed
 * the way Hydra prints them (`--cfg all` puts `hydra:` first, `--info
 * defaults` is Hydra's table with its `_self_` column).
 *
 * @module
 */

import { toJson, toJsonBytes, toJsonRuns } from "../core/container.ts";
import type { Composition, DefaultsInfo } from "../core/compose/compose.ts";
import type { TreeNode } from "../core/compose/defaults_tree_node.ts";
import type { InputDefault } from "../core/compose/element.ts";
import { HYDRA_VERSION } from "../core/hydra/conf.ts";
import { BUILTIN_PLUGINS } from "../core/hydra/plugins.ts";
import { pyStrOfLeaf } from "../core/pyformat.ts";
import { hydraResolvers, packageRoot } from "../core/compose/resolvers.ts";
import {
  hydraAsShown,
  packageAsShown,
  packageKeepingOpaque,
  resolverContainerAt,
  selectedPath,
} from "../core/run/shown.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import type { ResolverFn } from "../core/resolve/mod.ts";
import { resolveShowingOpaque, type Unresolved } from "../core/run/lenient.ts";
import { dict, type DictNode, type Key, type Node, str } from "../core/node.ts";
import { keyPaths, nodeAt } from "../core/ops/walk.ts";
import { suggest } from "../core/suggest.ts";
import { isPlainValue } from "../core/resolve/loc.ts";
import { validateResolved } from "../core/resolve/validate.ts";
import { pyRepr } from "../core/resolve/pystr.ts";
import { toYaml, toYamlBytes } from "../core/yaml/emit.ts";
import { readKeyPath } from "../core/ops/select.ts";
import type { INFO_CHOICES } from "./hydra_argv.ts";
import { unsupportedResolverName } from "../core/resolve/fail.ts";

/** The options {@link addShowOptions} adds. */
export interface ShowOptions {
  cfg?: "job" | "hydra" | "all";
  resolve: boolean;
  package?: string;
  info?: Topic | true;
  format?: "yaml" | "json";
  /** Resolvers for `--resolve` besides the built-in ones (`.strata.yaml`'s module). */
  resolvers?: Record<string, ResolverFn>;
  /**
   * `--resolve` of the job config: resolvers `.strata.yaml` declares opaque (values that call
   * them are kept as written, each passed to `onOpaque`).
   */
  opaque?: string[];
  onOpaque?: (u: Unresolved, name: string) => void;
  /** The time `${now:...}` formats (`run`'s one clock reading, or `--now`); default: the clock. */
  now?: Date;
}

/** What `--cfg`/`--package` pick out of a composition, before it is written. */
export interface ShownCfg {
  /** The node to print. */
  node: Node;
  /** The `# @package` header Hydra writes above a package. */
  header: string;
}

/**
 * The node `--cfg` (and `--package`) select from a composition (Hydra's
 * `show_cfg`), to print: with `--resolve` it shares the containers that hold
 * no interpolation with `c.config`, so `c` is not to be changed afterwards.
 *
 * @throws {StrataError} `key` when `--package` names no node; resolution errors with `--resolve`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../core/compose/compose.ts";
 * import { selectCfg } from "./show.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "db:\n  port: 3306\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.equal(selectCfg(c, { cfg: "job", resolve: false, package: "db" }).header, "# @package db\n");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function selectCfg(c: Composition, opts: ShowOptions): ShownCfg {
  // --cfg hydra prints no job config: an error in it must not stop the print;
  // a top-level ??? prints as ???, as OmegaConf.to_yaml(resolve=True) does
  const pkg = opts.package && opts.package !== "_global_" ? opts.package : undefined;
  // with a package, only the selected node is resolved (selectPackage)
  const whole = opts.resolve && !pkg;
  // --cfg job: Hydra's show_cfg deletes cfg.hydra before it resolves, and the hydra node
  // `${hydra:...}` reads has that config as its parent (no `hydra` key to read there)
  const detached = opts.cfg !== "all" && opts.cfg !== "hydra";
  // one set of resolvers for the hydra node and the job's keys: one `${now:...}`
  const resolvers = whole || detached
    ? { ...hydraResolvers(c.hydra, opts.now, c.config, detached), ...opts.resolvers }
    : opts.now === undefined
    ? opts.resolvers
    : { now: hydraResolvers(c.hydra, opts.now, c.config).now, ...opts.resolvers };
  // OmegaConf.resolve refuses a resolver's plain list or dict (in the hydra node too); JSON is
  // to_container's
  const refusePlainResults = opts.format !== "json";
  // --cfg all resolves the hydra node first, and the job's keys read it as that left it
  const hydra = whole && opts.cfg === "all"
    ? hydraAsShown(packageRoot(c, "first"), resolvers, refusePlainResults)
    : undefined;
  const jc = hydra ? { config: c.config, hydra: hydra.hydra } : c;
  // --cfg all's config keeps `hydra` for the job's keys to read; --cfg job's has none
  const hydraKey = opts.cfg === "all";
  const job = !whole || opts.cfg === "hydra" ? c.config : resolveShowingOpaque(jc, {
    resolvers,
    opaque: opts.opaque ?? [],
    onKept: opts.onOpaque,
    hydraKey,
    reuse: true,
    refusePlainResults,
    // JSON is to_container(resolve=True)'s: a value reaching a `???` fails, as the app reading it
    toContainer: opts.format === "json",
  });
  let out: DictNode = job;
  // --cfg hydra --resolve: Hydra resolves `{hydra: ...}` alone (the job's keys deleted),
  // where RUN mode's ??? (hydra.job.num) make the values that read them ???
  if (opts.cfg === "hydra") {
    const node = withoutHelp(c.hydra);
    const shown = whole
      ? hydraAsShown(dict([["hydra", node]]), resolvers, refusePlainResults).node
      : node;
    out = dict([["hydra", shown]]);
  } else if (opts.cfg === "all") {
    const entries: [Key, Node][] = [["hydra", hydra?.node ?? c.hydra]];
    for (const e of job.entries.values()) entries.push([e.key, e.node]);
    out = dict(entries);
  }
  const node = pkg ? selectPackage(c, out, pkg, { ...opts, resolvers }) : out;
  // show_cfg's OmegaConf.resolve of a container sets each value it resolved (JSON is to_container's)
  if (opts.resolve && opts.format !== "json" && node.kind !== "value") {
    validateResolved(node, pkg);
  }
  return { node, header: pkg ? `# @package ${pkg}\n` : "" };
}

/**
 * The hydra node as `--cfg hydra` prints it: without `help` and `hydra_help`,
 * which Hydra's `get_sanitized_hydra_cfg` deletes (`--cfg all` keeps them).
 */
function withoutHelp(hydra: Node): Node {
  if (hydra.kind !== "dict") return hydra;
  const out = dict();
  for (const [k, e] of hydra.entries) {
    if (e.key !== "help" && e.key !== "hydra_help") out.entries.set(k, e);
  }
  if (hydra.origin) out.origin = hydra.origin;
  return out;
}

/**
 * `OmegaConf.select(cfg, package)` as Hydra's `show_cfg` does it: a leaf is
 * read (so resolved) even without `--resolve`, which resolves a selected
 * container alone (an error elsewhere in the config does not fail it).
 */
function selectPackage(c: Composition, out: DictNode, pkg: string, opts: ShowOptions): Node {
  try {
    return selectPackageResolved(c, out, pkg, opts);
  } catch (e) {
    // a value under the package calls a resolver declared opaque: kept as written, as the
    // whole config's --resolve keeps it
    const name = unsupportedResolverName(e);
    if (name === undefined || !(opts.opaque ?? []).includes(name) || opts.cfg === "hydra") throw e;
    const got = packageKeepingOpaque(c, readKeyPath(pkg), {
      resolvers: opts.resolvers,
      opaque: opts.opaque ?? [],
      onKept: opts.onOpaque,
      hydraKey: opts.cfg === "all",
    });
    if (got === undefined) throw e;
    return got;
  }
}

function selectPackageResolved(
  c: Composition,
  out: DictNode,
  pkg: string,
  opts: ShowOptions,
): Node {
  // OmegaConf.select's key syntax: `optim.betas[1]` as well as `optim.betas.1`
  const path = readKeyPath(pkg);
  // did-you-mean spelt as -p reads it back: `p[obs.state]` for a key holding a dot; a key
  // that is there but null or `???` is no typo (select gives None for it): that is said instead
  const notFound = (there?: { node: Node; at: Node; reads: boolean }) =>
    new StrataError(ErrorCode.Key, `package '${pkg}' not found in config`, {
      fullKey: pkg,
      ...(there
        ? {
          related: [{
            message: `${pkg} ${there.reads ? "resolves to" : "is"} ${
              isMissingNode(there.node) ? "??? (missing)" : "null"
            }: Hydra prints such a package as not found`,
            origin: there.at.origin ?? {},
          }],
        }
        : { suggestions: suggest(pkg, keyPaths(out)) }),
    });
  // select goes through interpolations on the way (`v.0` with `v: ${w}` is `w.0`)
  const at = selectedPath(c, out, path, opts.resolvers);
  if (at === undefined) throw notFound();
  const node = at === "through" ? undefined : nodeAt(out, at);
  // select gives None for a missing key, a `???` and a null alike
  const none = (n: Node) => n.kind === "value" && (n.type === "missing" || n.type === "null");
  if (node && none(node)) throw notFound({ node, at: node, reads: false });
  if (node && node.kind !== "value" && !opts.resolve) return node;
  const withHydra = opts.cfg === "hydra" ? "only" : opts.cfg === "all" ? "first" : undefined;
  const where = at === "through" ? path : at;
  // a resolver's container is printed as the resolver made it, resolved only with --resolve
  const made = opts.resolve
    ? undefined
    : resolverContainerAt(c, where, { resolvers: opts.resolvers, withHydra });
  if (made) return made;
  const got = packageAsShown(c, where, {
    resolvers: opts.resolvers,
    withHydra,
    reuse: true,
    // OmegaConf.resolve of the selected container refuses a resolver's plain list or dict in
    // it, as the whole config's does; the selected value itself is select's, which show_cfg prints
    refusePlainResults: opts.resolve && opts.format !== "json",
  });
  if (none(got)) {
    throw notFound({ node: got, at: node ?? got, reads: node !== undefined && node !== got });
  }
  // a resolver's plain list or dict is Python data to OmegaConf.select: show_cfg print()s it,
  // repr inside; a str it returned print()s as itself (`Ant`, not `'Ant'`)
  if (isPlainValue(got) && opts.format !== "json") {
    return got.kind === "value" && typeof got.value === "string"
      ? str(got.value)
      : str(pyRepr(got));
  }
  return got;
}

function isMissingNode(n: Node): boolean {
  return n.kind === "value" && n.type === "missing";
}

/**
 * Writes what {@link selectCfg} picked as YAML or JSON (a leaf as its bare value, as Hydra does).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderCfg } from "./show.ts";
 * import { dict, int } from "../core/node.ts";
 * assert.equal(renderCfg({ node: dict([["a", int(1)]]), header: "" }, "yaml"), "a: 1\n");
 * assert.equal(renderCfg({ node: int(1), header: "" }, "json"), "1\n");
 * ```
 */
export function renderCfg(shown: ShownCfg, format: "yaml" | "json"): string {
  const { node, header } = shown;
  if (node.kind === "value") return leafText(node, format);
  return format === "json" ? toJsonRuns(node, 2).join("") + "\n" : header + toYaml(node);
}

/** A selected leaf as Hydra prints it (Python's `print`: `1.0`, `True`), or as JSON. */
function leafText(node: Node, format: "yaml" | "json"): string {
  return (format === "json" ? toJson(node) : pyStrOfLeaf(node)) + "\n";
}

/**
 * {@link renderCfg} as UTF-8 chunks for {@link writeOut}: a 50 MB config is
 * written without being one string, nor decoded into strings only to be
 * encoded again.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderCfg, renderCfgBytes } from "./show.ts";
 * import { dict, int } from "../core/node.ts";
 * const shown = { node: dict([["a", int(1)]]), header: "# @package _global_\n" };
 * const text = (f: "yaml" | "json") =>
 *   renderCfgBytes(shown, f).map((c) => new TextDecoder().decode(c)).join("");
 * assert.equal(text("json"), renderCfg(shown, "json"));
 * assert.equal(text("yaml"), "# @package _global_\na: 1\n");
 * ```
 */
export function renderCfgBytes(shown: ShownCfg, format: "yaml" | "json"): Uint8Array[] {
  const { node, header } = shown;
  const utf8 = (s: string) => new TextEncoder().encode(s);
  if (node.kind === "value") return [utf8(leafText(node, format))];
  return format === "json"
    ? [...toJsonBytes(node, 2), utf8("\n")]
    : [utf8(header), ...toYamlBytes(node)];
}

/**
 * The text `--cfg` prints for a composition (Hydra's `show_cfg`).
 *
 * @throws {StrataError} `key` when `--package` names no node; resolution errors with `--resolve`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../core/compose/compose.ts";
 * import { showCfg } from "./show.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "db:\n  port: 3306\n");
 * const c = compose({ configDir: conf, configName: "config" });
 * assert.equal(showCfg(c, { cfg: "job", resolve: false, package: "db" }), "# @package db\nport: 3306\n");
 * assert.match(showCfg(c, { cfg: "all", resolve: false }), /^hydra:\n/);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function showCfg(c: Composition, opts: ShowOptions): string {
  return renderCfg(selectCfg(c, opts), opts.format ?? "yaml");
}

/**
 * The topic of `--info`: a bare `--info` (commander's `true`) is `all`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { infoTopic } from "./show.ts";
 * assert.equal(infoTopic(true), "all");
 * assert.equal(infoTopic("defaults"), "defaults");
 * ```
 */
export function infoTopic(info: string | true): Topic {
  return info === true ? "all" : info as Topic;
}

/** A value of `--info`. */
export type Topic = (typeof INFO_CHOICES)[number];

const pad = (s: string, n: number) => s.padEnd(n);

/** Hydra's boxed table: `| a | b |` rows under a header line and dashes. */
function table(title: string, head: string[], rows: string[][], trailing: string): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const header = "| " + head.map((h, i) => pad(h, widths[i])).join(" | ") + trailing;
  const dashes = "-".repeat(header.length);
  return [
    "",
    title,
    "*".repeat(title.length),
    header,
    dashes,
    ...rows.map((r) => "| " + r.map((c, i) => pad(c, widths[i])).join(" | ") + " |"),
    dashes,
  ];
}

function defaultsLines(info: DefaultsInfo): string[] {
  const rows = info.defaults.map((d) => [
    d.configPath,
    d.package,
    d.isSelf ? "True" : "False",
    d.parent ?? "",
  ]);
  return table("Defaults List", ["Config path", "Package", "_self_", "Parent"], rows, " | ");
}

function searchPathLines(info: DefaultsInfo): string[] {
  const rows = info.repo.sources.map((s) => [s.provider, `${s.scheme}://${s.path}`]);
  return table("Config search path", ["Provider", "Search path"], rows, " |");
}

/**
 * Hydra's "Installed Hydra Plugins" section: a tab-indented header per
 * plugin type that has any, its plugins under it.
 */
function pluginLines(): string[] {
  const title = "Installed Hydra Plugins";
  const lines = [title, "*".repeat(title.length)];
  for (const [type, names] of BUILTIN_PLUGINS) {
    if (names.length === 0) continue;
    lines.push(`\t${type}:`, "\t" + "-".repeat(type.length + 1), ...names.map((n) => `\t\t${n}`));
  }
  return lines;
}

function treeLines(tree: TreeNode | InputDefault, indent = 0, out: string[] = []): string[] {
  const text = (n: InputDefault | null) =>
    n === null
      ? "<root>"
      : n.kind === "group"
      ? `${n.overrideKey()}: ${n.name() ?? "null"}`
      : n.configPath();
  const padding = "  ".repeat(indent);
  if ("kind" in tree) out.push(padding + text(tree));
  else if (tree.children?.length) {
    out.push(padding + text(tree.node) + ":");
    for (const c of tree.children) treeLines(c, indent + 1, out);
  } else out.push(padding + text(tree.node));
  return out;
}

/**
 * The text `--info plugins` prints, which needs no composition (Hydra's
 * `_print_plugins_info` composes nothing: a broken config does not fail it).
 * Hydra's timing of its plugin scan, which strata does not do, is left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { showPlugins } from "./show.ts";
 * assert.match(showPlugins(), /^Installed Hydra Plugins\n\*+\n\tConfigSource:\n/);
 * ```
 */
export function showPlugins(): string {
  return pluginLines().join("\n") + "\n";
}

/**
 * The text `--info WHAT` prints (Hydra's `show_info`; `plugins` as {@link showPlugins}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, defaultsTree } from "../core/compose/compose.ts";
 * import { showInfo } from "./show.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "a: 1\n");
 * const options = { configDir: conf, configName: "config" };
 * const text = showInfo("defaults", defaultsTree(options), compose(options));
 * assert.match(text, /^\nDefaults List\n\*+\n\| Config path /);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function showInfo(what: Topic, info: DefaultsInfo, c: Composition): string {
  const tree = ["", "Defaults Tree", "*************", ...treeLines(info.tree)];
  const config = () => [
    ...searchPathLines(info),
    ...tree,
    ...defaultsLines(info),
    "Config",
    "******",
    toYaml(c.config),
  ];
  const lines = what === "defaults"
    ? defaultsLines(info)
    : what === "defaults-tree"
    ? tree
    : what === "searchpath"
    ? searchPathLines(info)
    : what === "config"
    ? config()
    : what === "plugins"
    ? pluginLines()
    : [
      `Hydra ${HYDRA_VERSION}`,
      "=".repeat(`Hydra ${HYDRA_VERSION}`.length),
      ...pluginLines(),
      ...config(),
    ];
  return lines.join("\n") + "\n";
}
