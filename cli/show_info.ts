/**
 * `--info/-i`, shared by `compose` and `run`: the text Hydra's `show_info`
 * prints for each topic (`defaults` is Hydra's table with its `_self_`
 * column, `plugins` needs no composition).
 *
 * @module
 */

import type { Composition, DefaultsInfo } from "../core/compose/compose.ts";
import type { TreeNode } from "../core/compose/defaults_tree_node.ts";
import type { InputDefault } from "../core/compose/element.ts";
import { HYDRA_VERSION } from "../core/hydra/conf.ts";
import { BUILTIN_PLUGINS } from "../core/hydra/plugins.ts";
import { toYaml } from "../core/yaml/emit.ts";
import type { INFO_CHOICES } from "./hydra_argv.ts";

/**
 * The topic of `--info`: a bare `--info` (commander's `true`) is `all`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { infoTopic } from "./show_info.ts";
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
 * import { showPlugins } from "./show_info.ts";
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
 * import { showInfo } from "./show_info.ts";
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
