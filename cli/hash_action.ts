/**
 * What `strata hash` does once its arguments are parsed (./hash.ts
 * defines the command).
 *
 * @module
 */

import { compose } from "../core/compose/compose.ts";
import { hydraResolvers } from "../core/compose/resolvers.ts";
import { resolveLenient } from "../core/run/lenient.ts";
import { canonicalJson, configHash, SHORT_HASH_LENGTH } from "../core/hash.ts";
import { writeOut } from "./output.ts";
import type { HashOpts } from "./hash.ts";
import { projectSettings } from "./settings.ts";
import { warnUnresolvedOnce } from "./unresolved.ts";

/**
 * Prints the resolved config's hash (or its canonical JSON): the config
 * `strata run` gives its job as STRATA_CONFIG, so the same STRATA_CONFIG_HASH
 * (`???` stays the string "???", a value that cannot resolve stays as written,
 * with a warning).
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["hash", "--help"], { from: "user" });
 * ```
 */
export async function hashAction(
  overrides: string[],
  opts: HashOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  const { configDir, configName, resolvers, settings } = await projectSettings(
    cmd,
    opts,
    opts.resolvers ?? [],
  );
  // this process composes once, and drops the composition once resolved
  const composition = compose({
    configDir,
    configName,
    overrides,
    searchPath: opts.searchPath ?? [],
    reuseFiles: false,
    jobName: opts.jobName ?? configName,
  });
  const config = resolveLenient(composition, {
    resolvers: {
      ...hydraResolvers(composition.hydra, undefined, composition.config),
      ...resolvers,
    },
    onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers),
  });
  if (opts.canonical) return writeOut(canonicalJson(config));
  const hash = configHash(config);
  writeOut((opts.short ? hash.slice(0, SHORT_HASH_LENGTH) : hash) + "\n");
}
