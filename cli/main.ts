/**
 * The strata CLI: argv → core calls → output and exit codes (./failure.ts
 * maps every failure: 0 success, 1 invalid config, 2 bad usage, 141 stdout's
 * reader gone, 70 a bug); a user error never shows a stack trace.
 *
 * @module
 */

import { Command } from "@commander-js/extra-typings";
import { registerCompose } from "./compose.ts";
import { addEnvOptions } from "./env.ts";
import { Exit, exitCodeOf } from "./failure.ts";
import { writeErr, writeOut } from "./output.ts";
import { registerSweep } from "./sweep.ts";

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
    // help, version and usage errors go through output.ts too (a closed pipe, capture)
    .configureOutput({ writeOut: (s) => writeOut(s), writeErr: (s) => writeErr(s) })
    .exitOverride();
  addEnvOptions(program);
  registerCompose(program);
  registerSweep(program);
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
    return exitCodeOf(e);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
