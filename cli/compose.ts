/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it
 * (or its defaults list).
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { compose, defaultsTree } from "../core/compose/compose.ts";
import { writeErr, writeOut } from "./output.ts";
import { infoTopic, showCfg, showInfo, showOptions } from "./show.ts";

const COMPOSE_EXAMPLES = `
Examples:
  strata compose -d conf model=gpt optimizer.lr=3e-5     the job config, as YAML
  strata compose -cd conf -cn config -c job -p optimizer  Hydra's spellings; one node only
  strata compose -d conf -c all --resolve                 hydra: first, the job resolved
  strata compose -d conf --info defaults                  Hydra's defaults-list table
  strata compose -d conf -f json                          JSON keeps 1.0 apart from 1`;

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
      new Option("-f, --format <format>", "output format").choices(["yaml", "json"] as const)
        .default("yaml" as const),
    )
    .addOption(cfg)
    .addOption(resolve)
    .addOption(pkg)
    .addOption(info)
    .addHelpText("after", COMPOSE_EXAMPLES)
    .action((overrides, opts) => {
      const options = {
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
        searchPath: opts.searchPath ?? [],
      };
      const c = compose(options);
      for (const w of c.warnings) writeErr(`warning: ${w}`);
      if (opts.info) writeOut(showInfo(infoTopic(opts.info), defaultsTree(options), c));
      else writeOut(showCfg(c, { ...opts, cfg: opts.cfg ?? "job" }));
    });
}
