/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it
 * (or its defaults list).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { toJson } from "../core/container.ts";
import { compose, defaultsTree } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { dict, type DictNode, type Key, type Node } from "../core/node.ts";
import { toYaml } from "../core/yaml/emit.ts";
import { defaultsGraph, toDot, toMermaid, toTreeText } from "../core/compose/defaults_graph.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { jsonWithOrigins, yamlWithOrigins } from "../core/output/origins.ts";
import { writeErr, writeOut } from "./output.ts";
import { GRAPH_FORMATS, isTrackerFormat, TRACKER_FORMATS, trackerOutput } from "./trackers.ts";

/**
 * `-d, --config-dir`: the primary config directory (the caller's relative
 * path). A fresh Option per call, shared by `compose` and `sweep`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configDirOption } from "./compose.ts";
 * const cmd = new Command().addOption(configDirOption());
 * cmd.parse(["-d", "my_conf"], { from: "user" });
 * assert.equal(cmd.opts().configDir, "my_conf");
 * ```
 */
export const configDirOption = () =>
  new Option("-d, --config-dir <dir>", "the primary config directory").default("conf");
/**
 * `-n, --config-name`: the primary config. A fresh Option per call, shared
 * by `compose` and `sweep`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configNameOption } from "./compose.ts";
 * const cmd = new Command().addOption(configNameOption());
 * cmd.parse([], { from: "user" });
 * assert.equal(cmd.opts().configName, "config");
 * ```
 */
export const configNameOption = () =>
  new Option("-n, --config-name <name>", "the primary config, without .yaml").default("config");
/**
 * `--search-path`: more config directories (repeatable). A fresh Option per
 * call, shared by `compose` and `sweep`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { searchPathOption } from "./compose.ts";
 * const cmd = new Command().addOption(searchPathOption());
 * cmd.parse(["--search-path", "a", "--search-path", "b"], { from: "user" });
 * assert.deepEqual(cmd.opts().searchPath, ["a", "b"]);
 * ```
 */
export const searchPathOption = () =>
  new Option("--search-path <dir>", "another config directory, searched after --config-dir")
    .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);

function defaultsTable(
  configDir: string,
  configName: string,
  overrides: string[],
  extra: string[],
) {
  const info = defaultsTree({ configDir, configName, overrides, searchPath: extra });
  const rows = info.defaults.map((d) => [
    d.configPath,
    d.package,
    d.parent ?? "",
    d.origin?.file ? `${d.origin.file}:${d.origin.line ?? ""}` : "",
  ]);
  const head = ["Config path", "Package", "Parent", "Entry"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return ["Defaults List", line(head), ...rows.map(line)].join("\n") + "\n";
}

/**
 * Registers the `compose` command on the program.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["compose", "-d", "conf", "db=mysql"], { from: "user" });
 * ```
 */
export function registerCompose(program: Command): void {
  program
    .command("compose")
    .description("compose a config from a config directory and overrides, and print it")
    .argument("[overrides...]", "Hydra overrides: key=value, group=option, +key=value, ~key")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
    .addOption(
      new Option(
        "-f, --format <format>",
        "output format (flat, mlflow, wandb: resolved tracker params; mermaid, dot: with --info defaults-tree)",
      ).choices(["yaml", "json", ...TRACKER_FORMATS, ...GRAPH_FORMATS] as const)
        .default("yaml" as const),
    )
    .option("--origins", "annotate each leaf with where it came from (YAML comments, JSON table)")
    .addOption(
      new Option("--cfg <which>", "what to print: the job config, the hydra node, or both")
        .choices(["job", "hydra", "all"] as const).default("job" as const),
    )
    .option(
      "-r, --resolve",
      "resolve the job config's interpolations (the hydra node stays as composed)",
      false,
    )
    .addOption(
      new Option("--info <what>", "print information instead of the config")
        .choices(["defaults", "defaults-tree"] as const),
    )
    .addHelpText(
      "after",
      "\nExamples:\n  strata compose -d conf model=gpt2 optimizer.lr=1e-3\n" +
        "  strata compose -d conf -f mlflow          # params in batches for mlflow.log_params\n" +
        "  strata compose -d conf --info defaults-tree -f mermaid",
    )
    .action((overrides, opts) => {
      const search = opts.searchPath ?? [];
      const graph = (GRAPH_FORMATS as readonly string[]).includes(opts.format);
      if (graph && opts.info !== "defaults-tree") {
        throw new StrataError(
          ErrorCode.Usage,
          `--format ${opts.format} draws the defaults tree: add --info defaults-tree`,
        );
      }
      if (opts.info === "defaults") {
        writeOut(defaultsTable(opts.configDir, opts.configName, overrides, search));
        return;
      }
      if (opts.info === "defaults-tree") {
        const info = defaultsTree({
          configDir: opts.configDir,
          configName: opts.configName,
          overrides,
          searchPath: search,
        });
        const g = defaultsGraph(info.tree);
        writeOut(
          opts.format === "mermaid"
            ? toMermaid(g)
            : opts.format === "dot"
            ? toDot(g)
            : opts.format === "json"
            ? JSON.stringify(g, null, 2) + "\n"
            : toTreeText(g),
        );
        return;
      }
      const c = compose({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
        searchPath: search,
      });
      for (const w of c.warnings) writeErr(`warning: ${w}`);
      const job = opts.resolve ? resolveComposition(c) : c.config;
      let out: DictNode = job;
      if (opts.cfg === "hydra") out = dict([["hydra", c.hydra]]);
      else if (opts.cfg === "all") {
        out = dict([...job.entries.values()].map((e): [Key, Node] => [e.key, e.node]));
        out.entries.set("shydra", { key: "hydra", node: c.hydra });
      }
      if (isTrackerFormat(opts.format)) {
        writeOut(trackerOutput(opts.format, opts.resolve ? job : resolveComposition(c)));
      } else if (opts.origins) {
        writeOut(opts.format === "json" ? jsonWithOrigins(out) : yamlWithOrigins(out));
      } else writeOut(opts.format === "json" ? toJson(out, 2) + "\n" : toYaml(out));
    });
}
