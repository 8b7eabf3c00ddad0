/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it
 * (or its defaults list).
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { toJson } from "../core/container.ts";
import { compose, defaultsTree } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { dict, type DictNode, type Key, type Node } from "../core/node.ts";
import { toYaml } from "../core/yaml/emit.ts";
import { writeErr, writeOut } from "./output.ts";

/**
 * `-d, --config-dir`: the primary config directory (the caller's relative
 * path). A fresh Option per call, shared by `compose` and `sweep`.
 *
 * @example
 * ```ts
 * import { Command } from "@commander-js/extra-typings";
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
 * import { Command } from "@commander-js/extra-typings";
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
 * import { Command } from "@commander-js/extra-typings";
 * import { searchPathOption } from "./compose.ts";
 * const cmd = new Command().addOption(searchPathOption());
 * cmd.parse(["--search-path", "a", "--search-path", "b"], { from: "user" });
 * cmd.opts().searchPath; // ["a", "b"]
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
      new Option("-f, --format <format>", "output format").choices(["yaml", "json"] as const)
        .default("yaml" as const),
    )
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
        .choices(["defaults"] as const),
    )
    .action((overrides, opts) => {
      const search = opts.searchPath ?? [];
      if (opts.info === "defaults") {
        writeOut(defaultsTable(opts.configDir, opts.configName, overrides, search));
        return;
      }
      const c = compose({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
        searchPath: search,
      });
      for (const w of c.warnings) writeErr(`warning: ${w}`);
      // --cfg hydra prints no job config: an error in it must not stop the print
      const job = opts.resolve && opts.cfg !== "hydra"
        ? resolveComposition(c, { keepMissing: true })
        : c.config;
      let out: DictNode = job;
      if (opts.cfg === "hydra") out = dict([["hydra", c.hydra]]);
      else if (opts.cfg === "all") {
        out = dict([...job.entries.values()].map((e): [Key, Node] => [e.key, e.node]));
        out.entries.set("shydra", { key: "hydra", node: c.hydra });
      }
      writeOut(opts.format === "json" ? toJson(out, 2) + "\n" : toYaml(out));
    });
}
