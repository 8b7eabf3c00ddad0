/**
 * `strata compose`: compose a config from a conf/ tree and overrides, print it
 * (or its defaults list).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { showOptions } from "./show_options.ts";
import { GRAPH_FORMATS, TRACKER_FORMATS } from "./trackers.ts";
import { resolversOption } from "./settings.ts";

const COMPOSE_EXAMPLES = `
Examples:
  strata compose -d conf model=gpt optimizer.lr=3e-5     the job config, as YAML
  strata compose -cd conf -cn config -c job -p optimizer  Hydra's spellings; one node only
  strata compose -cp conf -cd vendor/conf                 Hydra's --config-path: -cd then adds a dir
  strata compose -d conf -c all --resolve                 hydra: first, the job resolved
  strata compose -d conf --info defaults                  Hydra's defaults-list table
  strata compose -d conf -f json                          JSON keeps 1.0 apart from 1
  strata compose -d conf -f mlflow                        params in batches for mlflow.log_batch
  strata compose -d conf --origins                        each leaf with its file:line:col
  strata compose -d conf --info defaults-tree -f mermaid  the defaults tree as a Mermaid chart
  strata compose -d conf --app-help --job-name train      the page \`python train.py --help\` prints`;

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
 * `--no-config-name`: no primary config, as an app whose `@hydra.main` names
 * no `config_name` (Hydra's tutorial apps composed from overrides alone:
 * `+db=mysql`). Added after {@link configNameOption}; `configName` is then
 * `false`. A fresh Option per call.
 *
 * @example
 * ```ts
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { configNameOption, noConfigNameOption } from "./compose.ts";
 * const cmd = new Command().addOption(configNameOption()).addOption(noConfigNameOption());
 * cmd.parse(["--no-config-name"], { from: "user" });
 * cmd.opts().configName; // false
 * ```
 */
export const noConfigNameOption = () =>
  new Option("--no-config-name", "no primary config (@hydra.main without config_name)");
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
 * `--version-base`: the `version_base` the Python app passes, over
 * `.strata.yaml`'s (one conf tree run by entry points that pass different
 * ones). A fresh Option per call, shared by every command that composes.
 *
 * @example
 * ```ts
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { versionBaseOption } from "./compose.ts";
 * const cmd = new Command().addOption(versionBaseOption());
 * cmd.parse(["--version-base", "1.1"], { from: "user" });
 * cmd.opts().versionBase; // "1.1"
 * ```
 */
export const versionBaseOption = () =>
  new Option(
    "--version-base <version>",
    "the version_base the Python app passes (over .strata.yaml's)",
  ).choices(["1.1", "1.2", "1.3"] as const);

/**
 * `--job-name`: `hydra.job.name` for a command that runs no script (`compose`,
 * `hash`), as `strata run --job-name` sets it. A fresh Option per call.
 *
 * @example
 * ```ts
 * import { Command } from "npm:@commander-js/extra-typings@15.1.0";
 * import { jobNameOption } from "./compose.ts";
 * const cmd = new Command().addOption(jobNameOption());
 * cmd.parse(["--job-name", "train"], { from: "user" });
 * cmd.opts().jobName; // "train"
 * ```
 */
export const jobNameOption = () =>
  new Option(
    "--job-name <name>",
    "hydra.job.name, as `strata run --job-name` (default: the config name, as run without a script)",
  );

/** The `compose` command's arguments and options. */
function composeCommand(program: Command) {
  const [cfg, resolve, pkg, info] = showOptions();
  return program
    .command("compose")
    .description("compose a config from a config directory and overrides, and print it")
    .argument("[overrides...]", "Hydra overrides: key=value, group=option, +key=value, ~key")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
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
    .addOption(resolversOption())
    .addOption(jobNameOption())
    .option("--origins", "annotate each leaf with where it came from (YAML comments, JSON table)")
    .option(
      "--app-help",
      "print the app's help page, as `python app.py --help` does (hydra.help.template)",
    )
    .option(
      "--hydra-help",
      "print Hydra's help page, as `python app.py --hydra-help` does (hydra.hydra_help.template)",
    )
    .addHelpText("after", COMPOSE_EXAMPLES);
}

/** The parsed options of `compose`. */
export type ComposeOpts = ReturnType<ReturnType<typeof composeCommand>["opts"]>;

/**
 * Registers the `compose` command on the program. Its action loads the
 * composing code (./compose_action.ts) only when `compose` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["compose", "-d", "conf", "db=mysql"], { from: "user" });
 * ```
 */
export function registerCompose(program: Command): void {
  composeCommand(program).action(async (overrides, opts, cmd) => {
    const { composeAction } = await import("./compose_action.ts");
    await composeAction(overrides, opts, cmd);
  });
}
