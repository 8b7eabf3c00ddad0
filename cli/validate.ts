/**
 * `strata validate [-d DIR] [-n NAME] [FILES...]`: report every problem of a
 * conf/ tree as `file:line:col: error: message`, then a count; exit 0 clean,
 * 1 problems, 2 usage. Reads `.strata.yaml` (see core/validate/settings.ts).
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { ErrorCode, StrataError } from "../core/errors.ts";
import { formatGithub, formatJson, formatText, type Summary } from "../core/validate/report.ts";
import { loadResolverModule, type Settings, settingsFor } from "../core/validate/settings.ts";
import { validate } from "../core/validate/validate.ts";
import type { ResolverFn } from "../core/resolve/mod.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeOut } from "./output.ts";

/**
 * The config dir, config name and resolvers a command uses: the command
 * line first, then `.strata.yaml` (found from the config dir, or from the
 * working directory when none is given), then the defaults.
 *
 * @example
 * ```ts ignore
 * const { configDir, settings } = await projectSettings(cmd, opts, []);
 * ```
 */
export async function projectSettings(
  cmd: { getOptionValueSource(key: string): string | undefined },
  opts: { configDir: string; configName: string },
  resolverFiles: string[],
): Promise<
  {
    configDir: string;
    configName: string;
    settings: Settings;
    resolvers: Record<string, ResolverFn>;
  }
> {
  const dirGiven = cmd.getOptionValueSource("configDir") === "cli";
  const settings = settingsFor(dirGiven ? opts.configDir : ".");
  const configDir = dirGiven ? opts.configDir : settings.configDir ?? opts.configDir;
  const configName = cmd.getOptionValueSource("configName") === "cli"
    ? opts.configName
    : settings.configName ?? opts.configName;
  let resolvers: Record<string, ResolverFn> = {};
  for (const f of [settings.resolverModule, ...resolverFiles]) {
    if (f) resolvers = { ...resolvers, ...(await loadResolverModule(f)) };
  }
  return { configDir, configName, settings, resolvers };
}

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
      const result = validate({
        configDir: project.configDir,
        configName: project.configName,
        searchPath: opts.searchPath ?? [],
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
