/**
 * The strata CLI: argv → core calls → output and exit codes (./failure.ts
 * maps every failure: 0 success, 1 invalid config, 2 bad usage, 141 stdout's
 * reader gone, 70 a bug); a user error never shows a stack trace.
 *
 * @module
 */

import { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { refuseBothConfigNames } from "./config_name_flags.ts";
import { addAliasLimitSetting } from "./alias_limit.ts";
import { registerCompletions } from "./completions.ts";
import { registerCompose } from "./compose.ts";
import { registerDiff } from "./diff.ts";
import { addEnvOptions } from "./env.ts";
import { registerExplain } from "./explain.ts";
import { Exit, exitCodeOf, withShellSplitHint } from "./failure.ts";
import { registerHash } from "./hash.ts";
import { checkAdditionalConfigDirs, translateHydraArgv } from "./hydra_argv.ts";
import { forgetWarnings, warnedAlready, writeErr, writeOut } from "./output.ts";
import { withChoiceHint } from "./choice_hint.ts";
import { formatWarning } from "../core/errors.ts";
import { setDefaultWarningSink } from "../core/resolve/warning_sink.ts";
import { registerRun } from "./run.ts";
import { withDeferredYaml } from "./deferred_yaml.ts";
import { registerSchema } from "./schema.ts";
import { registerSweep } from "./sweep.ts";
import { registerValidate } from "./validate.ts";

const EXAMPLES = `
Examples:
  strata compose -cd conf -cn config model=gpt -c job -p optimizer
  strata sweep -d conf lr=1e-4,1e-3 model='glob(*)'
  strata run -d conf -m lr=1e-4,1e-3 -j 2 -- python train.py

Hydra's spellings: -cd/-cn/-cp in every command that reads a conf tree; -c/--cfg,
--resolve, -p/--package and -i/--info in compose and run; -m/--multirun in run and sweep.`;

/**
 * Each command's name and how to add it, in the order help lists them. The
 * hidden `complete` command comes with `completions`.
 */
const COMMANDS: [string, (program: Command) => void][] = [
  ["compose", registerCompose],
  ["sweep", registerSweep],
  ["run", registerRun],
  ["validate", registerValidate],
  ["schema", registerSchema],
  ["explain", registerExplain],
  ["hash", registerHash],
  ["diff", registerDiff],
  ["completions", registerCompletions],
];

/**
 * The program with every command registered, or with `command` alone when
 * it is one that needs no other (start-up: registering every command's
 * options costs ~10 ms cold, most of it for commands the run never parses).
 * Help, unknown commands and their suggestions, and completions see the
 * whole tree, since they list the other commands.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["compose", "--help"], { from: "user" });
 * ```
 */
export function buildProgram(command?: string): Command {
  const program = new Command()
    .name("strata")
    .description("Hydra + OmegaConf configs, composed without Python")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .addHelpText("after", EXAMPLES)
    // help, version and usage errors go through output.ts too (a closed pipe, capture)
    .configureOutput({
      writeOut: (s) => writeOut(s),
      writeErr: (s) => writeErr(s),
      outputError: (s, write) => write(withChoiceHint(s)),
    })
    .exitOverride();
  addEnvOptions(program);
  addAliasLimitSetting(program);
  const only = command === "completions" ? undefined : COMMANDS.find(([name]) => name === command);
  for (const [, register] of only ? [only] : COMMANDS) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  refuseBothConfigNames(program);
  return program;
}

/**
 * `strata help NAME` (or `strata NAME --help`) for a NAME that is no command
 * becomes `strata NAME`, so that it says "unknown command" with a suggestion
 * (commander prints the general help instead, which does not say what was
 * wrong).
 */
function helpTopic(program: Command, args: string[]): string[] {
  const known = (name: string) =>
    program.commands.some((c) => c.name() === name || c.aliases().includes(name));
  // `strata show --help` for a command that is not there: the same "unknown command", not the
  // general help and exit 0
  if (
    args.length > 0 && !args[0].startsWith("-") && args[0] !== "help" && !known(args[0]) &&
    args.some((a) => a === "--help" || a === "-h")
  ) return args.filter((a) => a !== "--help" && a !== "-h");
  if (args[0] !== "help" || args.length < 2 || args[1].startsWith("-")) return args;
  return known(args[1]) ? args : [args[1]];
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
    return await withDeferredYaml(args[0], () => runProgram(args));
  } catch (e) {
    return exitCodeOf(e); // held output that could not be written (stdout closed)
  }
}

async function runProgram(args: string[]): Promise<number> {
  forgetWarnings(); // each run says its warnings (main() may run many times in one process)
  // OmegaConf's UserWarnings (oc.deprecated) in the layout of every warning, at the key's value
  // said once each, as Python's default warnings filter says one (a value resolved by several
  // passes, compose's check and its output, warned 2-4 times: checker x27)
  setDefaultWarningSink((m, origin) => {
    const text = formatWarning(m.replace(/^UserWarning: /, ""), origin);
    if (!warnedAlready(text)) writeErr(text);
  });
  try {
    checkAdditionalConfigDirs(args);
    // a command named first is all a run needs (`help NAME` and the rest: all)
    const program = buildProgram(args[0]);
    await program.parseAsync(translateHydraArgv(helpTopic(program, args)), { from: "user" });
    // a command that succeeded may still answer "no": `run` passes on its jobs'
    // outcome, `diff` says 1 for "different"; the others leave it 0
    return Deno.exitCode || Exit.Ok;
  } catch (e) {
    return exitCodeOf(withShellSplitHint(e, args));
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
