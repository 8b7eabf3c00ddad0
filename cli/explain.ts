/**
 * `strata explain KEY [overrides...]`: where a value came from.
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

/** The `explain` command's arguments and options. */
function explainCommand(program: Command) {
  return program
    .command("explain")
    .description("show every layer that set KEY, in merge order, and how its value resolves")
    .argument("<key>", "the dotted key, e.g. optimizer.lr")
    .argument("[overrides...]", "Hydra overrides, as for compose")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    .addOption(jobNameOption())
    .addOption(textOrJsonOption())
    .addOption(resolversOption())
    .addHelpText(
      "after",
      "\nExample:\n  strata explain -d conf optimizer.lr optimizer=sgd optimizer.lr=1e-3",
    );
}

/** The parsed options of `explain`. */
export type ExplainOpts = ReturnType<ReturnType<typeof explainCommand>["opts"]>;

/**
 * Registers the `explain` command. Its action loads ./explain_action.ts
 * only when `explain` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["explain", "optimizer.lr", "optimizer.lr=1e-3"], { from: "user" });
 * ```
 */
export function registerExplain(program: Command): void {
  explainCommand(program).action(async (key, overrides, opts, cmd) => {
    const { explainAction } = await import("./explain_action.ts");
    await explainAction(key, overrides, opts, cmd);
  });
}
