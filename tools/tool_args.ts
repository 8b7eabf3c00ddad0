/**
 * Arguments of the repository's own tools (`deno task fuzz`, `oracle`, `bundle`,
 * `bench:compare`, `bench:chart`): `--help` prints the tool's usage and exits 0, an unknown
 * option or a bad value prints what is wrong and the usage and exits 2, as strata's own
 * commands do, never a stack trace, and never a run (or a directory named `--help`).
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * `args` parsed by node's `parseArgs` with `options`; `--help`/`-h` print `usage` and exit 0,
 * a parse error prints itself and `usage` and exits 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toolArgs } from "./tool_args.ts";
 * const { values } = toolArgs("usage: t [--runs N]", { runs: { type: "string", default: "3" } }, []);
 * assert.equal(values.runs, "3");
 * ```
 */
export function toolArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  usage: string,
  options: O,
  args: string[] = Deno.args,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: boolean }>> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    Deno.exit(0);
  }
  try {
    return parseArgs({ args, options, allowPositionals });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : e}\n${usage}`);
    Deno.exit(2);
  }
}
