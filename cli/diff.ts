/**
 * `strata diff A B`: what changed between two configs, with where each value
 * came from. Exit 0 same, 1 different, 2 trouble (like diff(1)).
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import {
  configDirOption,
  configNameOption,
  jobNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";
import { textOrJsonOption } from "./output.ts";
import { resolversOption } from "./settings.ts";

/** The `diff` command's arguments and options. */
function diffCommand(program: Command) {
  return program
    .command("diff")
    .description(
      "compare two configs (override sets, run directories or config files): " +
        "exit 0 same, 1 different, 2 trouble",
    )
    .argument(
      "[paths...]",
      "run directories (with .hydra/) or config files (- is stdin), for the sides not given by --a/--b",
    )
    .option("--a <overrides>", 'side A as overrides of the conf tree, e.g. "optimizer.lr=1e-4"')
    .option("--b <overrides>", 'side B as overrides, e.g. "optimizer.lr=1e-3 model=gpt2"')
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    .addOption(jobNameOption())
    .addOption(resolversOption())
    .addOption(textOrJsonOption())
    .addHelpText(
      "after",
      '\nExamples:\n  strata diff -d conf --a "optimizer.lr=1e-4" --b "optimizer.lr=1e-3 model=gpt2"' +
        "\n  strata diff outputs/2026-12-01/10-00-00 outputs/2026-12-01/11-30-00" +
        '\n  strata diff outputs/2026-12-01/10-00-00 --b ""   # a run vs the conf tree as it is now' +
        "\n  (a run of train.py names its job 'train': --job-name train, for ${hydra:job.name})" +
        "\n  --a/--b split at spaces outside quotes and brackets, as a shell splits a command line:" +
        "\n  --b \"tags=[a, b] msg='hi there'\" is two overrides; quotes around a whole override" +
        "\n  ('loss=[mse,l1]') are dropped, as the shell drops them",
    );
}

/** The parsed options of `diff`. */
export type DiffOpts = ReturnType<ReturnType<typeof diffCommand>["opts"]>;

/**
 * Registers the `diff` command. Its action loads ./diff_action.ts
 * only when `diff` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["diff", "--a", "lr=1e-4", "--b", "lr=1e-3"], { from: "user" });
 * ```
 */
export function registerDiff(program: Command): void {
  diffCommand(program).action(async (paths, opts, cmd) => {
    const { diffAction } = await import("./diff_action.ts");
    await diffAction(paths, opts, cmd);
  });
}
