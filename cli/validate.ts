/**
 * `strata validate [-d DIR] [-n NAME] [FILES...]`: report every problem of a
 * conf/ tree as `file:line:col: error: message`, then a count; exit 0 clean,
 * 1 problems, 2 usage. Reads `.strata.yaml` (see core/validate/settings.ts).
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { formatGithub, formatJson, formatText, type Summary } from "../core/validate/report.ts";
import { validate } from "../core/validate/validate.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeOut } from "./output.ts";
import { projectSettings } from "./settings.ts";

/**
 * Registers the `validate` command on the program.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["validate", "-d", "conf"], { from: "user" });
 * ```
 */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "check a config tree: every file parses, every group option composes, interpolations and schemas hold",
    )
    .argument("[files...]", "check only these files and the compositions they take part in")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
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
    .addOption(
      new Option(
        "--resolvers <file>",
        "a TypeScript module of resolvers (export default {name: fn})",
      )
        .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]),
    )
    .action(async (files, opts, cmd) => {
      const project = await projectSettings(cmd, opts, opts.resolvers ?? []);
      const result = await validate({
        configDir: project.configDir,
        configName: project.configName,
        searchPath: opts.searchPath ?? [],
        overrides: opts.override ?? [],
        files: files.length > 0 ? files : undefined,
        resolvers: project.resolvers,
        opaque: project.settings.opaqueResolvers,
      });
      const summary: Summary = { ...result, strict: opts.strict };
      const failed = result.problems.some((p) => opts.strict || p.severity === "error");
      const report = opts.format === "json"
        ? formatJson(summary)
        : opts.format === "github"
        ? formatGithub(summary)
        : formatText(summary);
      if (!failed) {
        writeOut(report);
        return;
      }
      // The count goes to stderr as the command's error, so the exit code is 1.
      const lines = report.trimEnd().split("\n");
      const count = opts.format === "json" ? lines.at(-1)! : lines.pop()!;
      writeOut(opts.format === "json" ? report : lines.join("\n") + "\n");
      throw new StrataError(
        ErrorCode.Validation,
        opts.format === "json" ? "validation failed" : count,
      );
    });
}
