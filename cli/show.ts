/**
 * Hydra's printing flags, shared by `compose` and `run`: `--cfg/-c
 * job|hydra|all`, `--resolve`, `--package/-p KEY` and `--info/-i`, printed
 * the way Hydra prints them (`--cfg all` puts `hydra:` first). `--package`'s
 * selection is ./show_package.ts, `--info`'s text ./show_info.ts.
 *
 * @module
 */

import { toJson, toJsonBytes, toJsonRuns } from "../core/container.ts";
import type { Composition } from "../core/compose/compose.ts";
import { pyStrOfLeaf } from "../core/pyformat.ts";
import { hydraResolvers, packageRoot } from "../core/compose/resolvers.ts";
import { hydraAsShown } from "../core/run/shown.ts";
import { typedPlugins } from "../core/hydra/typed.ts";
import type { ResolverFn } from "../core/resolve/mod.ts";
import { resolveShowingOpaque, type Unresolved } from "../core/run/lenient.ts";
import { dict, type DictNode, type Key, type Node } from "../core/node.ts";
import { validateResolved } from "../core/resolve/validate.ts";
import { toYaml, toYamlBytes } from "../core/yaml/emit.ts";
import type { Topic } from "./show_info.ts";
import { selectPackage } from "./show_package.ts";

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
    ? hydraResolvers(c.hydra, opts.now, c.config, detached, opts.resolvers)
    : opts.now === undefined
    ? opts.resolvers
    : { now: hydraResolvers(c.hydra, opts.now, c.config).now, ...opts.resolvers };
  // OmegaConf.resolve refuses a resolver's plain list or dict (in the hydra node too); JSON is
  // to_container's
  const refusePlainResults = opts.format !== "json";
  // (the typed plugin nodes Hydra's config has: its basic sweeper's params are Dict[str, str])
  const plugins = typedPlugins(c.defaults);
  // --cfg all resolves the hydra node first, and the job's keys read it as that left it
  const hydra = whole && opts.cfg === "all"
    ? hydraAsShown(packageRoot(c, "first"), resolvers, refusePlainResults, plugins)
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
      ? hydraAsShown(dict([["hydra", node]]), resolvers, refusePlainResults, plugins).node
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
  // `-p ''` selects the root, and Hydra prints its header all the same: `# @package ` (x28)
  const given = opts.package !== undefined && opts.package !== "_global_";
  return { node, header: given ? `# @package ${opts.package}\n` : "" };
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
 * encoded again. With `sink`, each chunk goes to it as it is made (valid
 * only during the call: the sink writes it out) and none is returned, so
 * the output is never held whole.
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
 * let streamed = "";
 * renderCfgBytes(shown, "yaml", (c) => streamed += new TextDecoder().decode(c));
 * assert.equal(streamed, text("yaml"));
 * ```
 */
export function renderCfgBytes(
  shown: ShownCfg,
  format: "yaml" | "json",
  sink?: (chunk: Uint8Array) => void,
): Uint8Array[] {
  const { node, header } = shown;
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const chunks: Uint8Array[] = [];
  const put = sink ?? ((c: Uint8Array) => chunks.push(c));
  if (node.kind === "value") put(utf8(leafText(node, format)));
  else if (format === "json") {
    for (const c of toJsonBytes(node, 2, sink)) put(c);
    put(utf8("\n"));
  } else {
    put(utf8(header));
    for (const c of toYamlBytes(node, {}, sink)) put(c);
  }
  return chunks;
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
