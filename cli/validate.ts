/**
 * `strata validate [-d DIR] [-n NAME] [FILES...]`: report every problem of a
 * conf/ tree as `file:line:col: error: message`, then a count; exit 0 clean,
 * 1 problems, 2 usage. Reads `.strata.yaml` (see core/validate/settings.ts).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import {
  configDirOption,
  configNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";

/** The `validate` command's arguments and options. */
function validateCommand(program: Command) {
  return program
    .command("validate")
    .description(
      "check a config tree: every file parses, every group option composes, interpolations and schemas hold",
    )
    .argument("[files...]", "check only these files and the compositions they take part in")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    .addOption(
      new Option("-f, --format <format>", "report format").choices(
        ["text", "json", "github"] as const,
      )
        .default("text" as const),
    )
    .addOption(
      new Option("--override <override>", "an override applied to every composition (repeatable)")
        .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]),
    )
    .option("--strict", "unset mandatory values (???) are errors, not warnings", false)
    .option(
      "--staged",
      "FILES are a git commit's staged files (the pre-commit hooks; none given: the staged " +
        "YAML files): a staged deletion of a YAML file checks the whole tree, no staged YAML " +
        "change checks nothing",
      false,
    )
    .addOption(
      new Option(
        "--resolvers <file>",
        "a TypeScript module of resolvers (export default {name: fn})",
      )
        .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]),
    );
}

/** The parsed options of `validate`. */
export type ValidateOpts = ReturnType<ReturnType<typeof validateCommand>["opts"]>;

/**
 * Registers the `validate` command on the program. Its action loads the
 * checking code (./validate_action.ts) only when `validate` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["validate", "-d", "conf"], { from: "user" });
 * ```
 */
export function registerValidate(program: Command): void {
  validateCommand(program).action(async (files, opts, cmd) => {
    const { validateAction } = await import("./validate_action.ts");
    await validateAction(files, opts, cmd);
  });
}
