/**
 * What `strata hash` does once its arguments are parsed (./hash.ts
 * defines the command).
 *
 * @module
 */

import { compose } from "../core/compose/compose.ts";
import { resolveComposition } from "../core/compose/resolvers.ts";
import { canonicalJson, configHash, SHORT_HASH_LENGTH } from "../core/hash.ts";
import { writeOut } from "./output.ts";
import type { HashOpts } from "./hash.ts";

/**
 * Prints the resolved config's hash (or its canonical JSON).
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["hash", "--help"], { from: "user" });
 * ```
 */
export function hashAction(overrides: string[], opts: HashOpts): void {
  // this process composes once, and drops the composition once resolved (so: in place)
  const composition = compose({
    configDir: opts.configDir,
    configName: opts.configName,
    overrides,
    searchPath: opts.searchPath ?? [],
    reuseFiles: false,
  });
  const config = resolveComposition(composition, { reuse: true });
  if (opts.canonical) return writeOut(canonicalJson(config));
  const hash = configHash(config);
  writeOut((opts.short ? hash.slice(0, SHORT_HASH_LENGTH) : hash) + "\n");
}
