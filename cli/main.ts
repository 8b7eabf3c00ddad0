/**
 * The strata CLI: argv → core calls → output and exit codes. Exit 0 on
 * success, 1 for an invalid config, 2 for bad usage; a user error never shows
 * a stack trace.
 *
 * @module
 */

import { Command, CommanderError } from "@commander-js/extra-typings";
import { ErrorCode, isStrataError, renderError } from "../core/errors.ts";
import { registerCompose } from "./compose.ts";
import { writeErr } from "./output.ts";
import { registerSchema } from "./schema.ts";
import { registerSweep } from "./sweep.ts";
import { registerValidate } from "./validate.ts";

/** Exit codes of the CLI. */
const Exit = { Ok: 0, InvalidConfig: 1, Usage: 2, Bug: 70 } as const;

/**
 * The program with every command registered.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["compose", "--help"], { from: "user" });
 * ```
 */
export function buildProgram(): Command {
  const program = new Command()
    .name("strata")
    .description("Hydra + OmegaConf configs, composed without Python")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .exitOverride();
  registerCompose(program);
  registerSweep(program);
  registerValidate(program);
  registerSchema(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/**
 * Runs the CLI on `args` and returns the exit code; never throws.
 *
 * @example
 * ```ts ignore
 * import { main } from "./main.ts";
 * const code = await main(["compose", "-d", "conf"]);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(args, { from: "user" });
    return Exit.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are exits with code 0; commander printed the message already
      return e.exitCode === 0 ? Exit.Ok : Exit.Usage;
    }
    if (isStrataError(e)) {
      writeErr(renderError(e));
      return e.code === ErrorCode.Usage ? Exit.Usage : Exit.InvalidConfig;
    }
    writeErr(`strata: internal error (a bug): ${e instanceof Error ? e.stack : String(e)}`);
    return Exit.Bug;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
