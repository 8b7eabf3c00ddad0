/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it
 * (or its defaults list).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { compose, defaultsTree } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { defaultsGraph, toDot, toMermaid } from "../core/compose/defaults_graph.ts";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { jsonWithOrigins, yamlWithOrigins } from "../core/output/origins.ts";
import { writeErr, writeOut } from "./output.ts";
import { infoTopic, renderCfg, selectCfg, showInfo, showOptions } from "./show.ts";
import { GRAPH_FORMATS, isTrackerFormat, TRACKER_FORMATS, trackerOutput } from "./trackers.ts";

const COMPOSE_EXAMPLES = `
Examples:
  strata compose -d conf model=gpt optimizer.lr=3e-5     the job config, as YAML
  strata compose -cd conf -cn config -c job -p optimizer  Hydra's spellings; one node only
  strata compose -d conf -c all --resolve                 hydra: first, the job resolved
  strata compose -d conf --info defaults                  Hydra's defaults-list table
  strata compose -d conf -f json                          JSON keeps 1.0 apart from 1
  strata compose -d conf -f mlflow                        params in batches for mlflow.log_batch
  strata compose -d conf --origins                        each leaf with its file:line:col
  strata compose -d conf --info defaults-tree -f mermaid  the defaults tree as a Mermaid chart`;
import { projectSettings } from "./settings.ts";

/**
 * `-d, --config-dir`: the primary config directory (the caller's relative
 * path). A fresh Option per call, shared by `compose` and `sweep`.
 *
 * @example
 * ```ts
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configDirOption } from "./compose.ts";
 * const cmd = new Command().addOption(configDirOption());
 * cmd.parse(["-d", "my_conf"], { from: "user" });
 * cmd.opts().configDir; // "my_conf"
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
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configNameOption } from "./compose.ts";
 * const cmd = new Command().addOption(configNameOption());
 * cmd.parse([], { from: "user" });
 * cmd.opts().configName; // "config"
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
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { searchPathOption } from "./compose.ts";
 * const cmd = new Command().addOption(searchPathOption());
 * cmd.parse(["--search-path", "a", "--search-path", "b"], { from: "user" });
 * cmd.opts().searchPath; // ["a", "b"]
 * ```
 */
export const searchPathOption = () =>
  new Option("--search-path <dir>", "another config directory, searched after --config-dir")
    .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);

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
  const [cfg, resolve, pkg, info] = showOptions();
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
    .addOption(cfg)
    .addOption(resolve)
    .addOption(pkg)
    .addOption(info)
    .option("--origins", "annotate each leaf with where it came from (YAML comments, JSON table)")
    .addHelpText("after", COMPOSE_EXAMPLES)
    .action(async (overrides, opts, cmd) => {
      const { configDir, configName, resolvers } = await projectSettings(cmd, opts, []);
      const options = { configDir, configName, overrides, searchPath: opts.searchPath ?? [] };
      const topic = opts.info ? infoTopic(opts.info) : undefined;
      const graph = (GRAPH_FORMATS as readonly string[]).includes(opts.format);
      if (graph && topic !== "defaults-tree") {
        throw new StrataError(
          ErrorCode.Usage,
          `--format ${opts.format} draws the defaults tree: add --info defaults-tree`,
        );
      }
      if (topic === "defaults-tree" && opts.format !== "yaml") {
        const g = defaultsGraph(defaultsTree(options).tree);
        const drawn = opts.format === "mermaid"
          ? toMermaid(g)
          : opts.format === "dot"
          ? toDot(g)
          : JSON.stringify(g, null, 2) + "\n";
        writeOut(drawn);
        return;
      }
      const c = compose(options);
      for (const w of c.warnings) writeErr(`warning: ${w}`);
      if (topic) writeOut(showInfo(topic, defaultsTree(options), c));
      else if (isTrackerFormat(opts.format)) {
        writeOut(trackerOutput(opts.format, resolveComposition(c, { resolvers })));
      } else {
        const shown = selectCfg(c, {
          ...opts,
          format: undefined,
          cfg: opts.cfg ?? "job",
          resolvers,
        });
        if (!opts.origins) writeOut(renderCfg(shown, opts.format === "json" ? "json" : "yaml"));
        else if (shown.node.kind === "value") writeOut(renderCfg(shown, "yaml"));
        else {
          writeOut(
            opts.format === "json" ? jsonWithOrigins(shown.node) : yamlWithOrigins(shown.node),
          );
        }
      }
    });
}
