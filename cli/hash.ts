/**
 * `strata hash [overrides...]`: the content hash of the resolved config.
 *
 * @module
 */

import type { Command } from "npm:@commander-js/extra-typings@15.1.0";
import { compose } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { canonicalJson, configHash, SHORT_HASH_LENGTH } from "../core/hash.ts";
import { configDirOption, configNameOption, searchPathOption } from "./compose.ts";
import { writeOut } from "./output.ts";

/**
 * Registers the `hash` command.
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * buildProgram().parse(["hash", "-d", "conf", "optimizer.lr=1e-3"], { from: "user" });
 * ```
 */
export function registerHash(program: Command): void {
  program
    .command("hash")
    .description(
      "print the SHA-256 of the resolved config's canonical JSON: same config, same hash",
    )
    .argument("[overrides...]", "Hydra overrides, as for compose")
    .addOption(configDirOption())
    .addOption(configNameOption())
    .addOption(searchPathOption())
    .option("-s, --short", `print the first ${SHORT_HASH_LENGTH} hex digits (what run ids use)`)
    .option("--canonical", "print the canonical JSON that is hashed, not the hash")
    .addHelpText(
      "after",
      "\nExamples:\n  strata hash -d conf model=gpt2          # 64 hex digits" +
        "\n  strata hash -d conf --canonical | sha256sum   # the same digits",
    )
    .action((overrides, opts) => {
      const config = resolveComposition(compose({
        configDir: opts.configDir,
        configName: opts.configName,
        overrides,
        searchPath: opts.searchPath ?? [],
      }));
      if (opts.canonical) return writeOut(canonicalJson(config));
      const hash = configHash(config);
      writeOut((opts.short ? hash.slice(0, SHORT_HASH_LENGTH) : hash) + "\n");
    });
}
