/**
 * `strata hash [overrides...]`: the content hash of the resolved config.
 *
 * @module
 */

import { type Command, Option } from "npm:@commander-js/extra-typings@15.1.0";
import { SHORT_HASH_LENGTH } from "../core/hash_length.ts";
import {
  configDirOption,
  configNameOption,
  jobNameOption,
  noConfigNameOption,
  searchPathOption,
  versionBaseOption,
} from "./compose.ts";
import { resolversOption } from "./settings.ts";
import { parseNow } from "../core/run/now.ts";

/** The `hash` command's arguments and options. */
function hashCommand(program: Command) {
  return program
    .command("hash")
    .description(
      "print the SHA-256 of the resolved config's canonical JSON: same config, same hash",
    )
    .argument("[overrides...]", "Hydra overrides, as for compose")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(noConfigNameOption())
    .addOption(searchPathOption())
    .addOption(versionBaseOption())
    .option("-s, --short", `print the first ${SHORT_HASH_LENGTH} hex digits (what run ids use)`)
    .addOption(
      new Option("--canonical", "print the canonical JSON that is hashed, not the hash")
        .conflicts("short"),
    )
    .addOption(jobNameOption())
    .addOption(
      new Option(
        "--now <time>",
        "the time ${now:...} formats, local YYYY-MM-DDTHH:MM:SS[.ffffff], as `strata run --now` " +
          "takes it (a config that reads the clock hashes the same only at the same time)",
      ).argParser(parseNow),
    )
    .addOption(resolversOption())
    .addHelpText(
      "after",
      "\nA value that cannot resolve (a resolver only the Python app registers, an unset" +
        "\n${oc.env:...}) is hashed as written, with a warning, and the exit code is 0:" +
        "\nthe job's config.yaml keeps it so too.\n" +
        "\nExamples:\n  strata hash -d conf model=gpt2          # 64 hex digits" +
        "\n  strata hash -d conf --canonical | sha256sum   # the same digits",
    );
}

/** The parsed options of `hash`. */
export type HashOpts = ReturnType<ReturnType<typeof hashCommand>["opts"]>;

/**
 * Registers the `hash` command. Its action loads ./hash_action.ts
 * only when `hash` runs.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["hash", "-d", "conf", "optimizer.lr=1e-3"], { from: "user" });
 * ```
 */
export function registerHash(program: Command): void {
  hashCommand(program).action(async (overrides, opts, cmd) => {
    const { hashAction } = await import("./hash_action.ts");
    await hashAction(overrides, opts, cmd);
  });
}
