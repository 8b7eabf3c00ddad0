/**
 * `strata sweep`: expand a multirun (Hydra's BasicSweeper, plus linked sweeps)
 * into its jobs, one per line. With `--no-validate` the jobs stream: a 10^6-job
 * sweep never sits in memory.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { expandSweep } from "../core/sweep/expand.ts";
import { parseLinkSpec } from "../core/sweep/link.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeOut } from "./output.ts";

/**
 * Registers the `sweep` command on the program.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["sweep", "-d", "conf", "db=mysql,postgresql"], { from: "user" });
 * ```
 */
export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description(
      "expand a multirun sweep into jobs (JSON lines: index, overrides, override_dirname)",
    )
    .argument("[overrides...]", "overrides with sweeps: lr=1e-3,1e-4 model=glob(*) seed=range(3)")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
    .addOption(
      new Option(
        "--link <keys>",
        "sweep these keys together (zip) instead of crossing them, e.g. model,optimizer (repeatable)",
      ).argParser((v: string, prev: string[][] | undefined) => [...(prev ?? []), parseLinkSpec(v)]),
    )
    .option("--no-validate", "do not compose each job's config (faster for huge sweeps)")
    .addOption(
      new Option("-f, --format <format>", "one job per line as JSON, or its overrides as text")
        .choices(["jsonl", "text"] as const).default("jsonl" as const),
    )
    .option(
      "--count",
      "print only the number of jobs (each job is composed first, unless --no-validate)",
      false,
    )
    .action((overrides, opts) => {
      const sweep = expandSweep({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
        link: opts.link,
        searchPath: opts.searchPath,
        validate: opts.validate,
      });
      if (opts.count) {
        // The count is checked as a listing is: every job composes (unless --no-validate).
        if (opts.validate !== false) { for (const job of sweep) void job; }
        writeOut(`${sweep.count}\n`);
        return;
      }
      // Validated jobs are composed as they are produced and any of them may
      // fail: their output is held until all passed, so a failure leaves
      // nothing half-written. Unvalidated jobs cannot fail: they stream.
      const hold = opts.validate !== false;
      let chunk: string[] = [];
      for (const job of sweep) {
        chunk.push(
          opts.format === "text" ? job.overrides.join(" ") : JSON.stringify({
            index: job.index,
            overrides: job.overrides,
            override_dirname: job.overrideDirname,
          }),
        );
        if (!hold && chunk.length === 4096) {
          writeOut(chunk.join("\n") + "\n");
          chunk = [];
        }
      }
      if (chunk.length) writeOut(chunk.join("\n") + "\n");
    });
}
