/**
 * What `strata hash` does once its arguments are parsed (./hash.ts
 * defines the command).
 *
 * @module
 */

import { ONE_CONFIG_SWEEP_HINT } from "../core/compose/sweep_error.ts";
import { canonicalJson, SHORT_HASH_LENGTH } from "../core/hash.ts";
import type { Node } from "../core/node.ts";
import {
  clockReadingKey,
  cwdReadingKey,
  planAsRun,
  sameTimeDifference,
} from "../core/run/config_hash.ts";
import type { RunOptions } from "../core/run/plan.ts";
import { configJobName } from "../core/run/config_job_name.ts";
import { writeErr, writeOut } from "./output.ts";
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
  const { configDir, configName, configNameAt, searchPath, versionBase, resolvers, settings } =
    await projectSettings(
      cmd,
      opts,
      opts.resolvers ?? [],
    );
  // the config `strata run` gives its job, composed as run composes it:
  // hydra.mode=RUN appended unless the config sets a mode, and
  // hydra.runtime.output_dir the run dir (`${hydra:runtime.output_dir}`,
  // `${hydra:mode}` read them), job 0 of a one-job sweep under MULTIRUN;
  // one time for every `${now:...}`
  const now = opts.now ?? new Date();
  let resolved: Node | undefined;
  const options: RunOptions = {
    configDir,
    configName,
    configNameAt,
    versionBase,
    overrides,
    searchPath,
    jobName: opts.jobName ?? configJobName(configName),
    now,
    resolvers,
    opaqueResolvers: settings.opaqueResolvers,
    onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers, "hash"),
    runDirAsWritten: true,
    onResolved: (config) => resolved = config,
    sweepHint: ONE_CONFIG_SWEEP_HINT,
    fromShell: true,
  };
  const plan = planAsRun(options);
  for (const w of plan.warnings) writeErr(w);
  // graphium's checkpoint path, lightning-hydra-template's paths.output_dir (a run dir holding
  // the time): the hash of a config that reads the clock changes every second
  // the job config as composed (its .hydra/config.yaml; none with hydra.output_subdir: null)
  const composed = [...plan.files].find(([name]) => /(^|\/)config\.yaml$/.test(name))?.[1];
  const clockKey = opts.now === undefined
    ? clockReadingKey(options, resolved!, composed)
    : undefined;
  if (clockKey !== undefined) {
    // a config with no ${now:...} or ${hydra:...}: a resolver of the project's gave another value
    // the second time (it reads the clock itself, or counts its calls: checker x51)
    // (and where the config reads the clock somewhere, a value that differs at the same time
    // too is a resolver's doing: checker v61 #1)
    const formatted = (composed === undefined || /\$\{\s*(now|hydra)\s*:/.test(composed)) &&
      (!options.resolvers || Object.keys(options.resolvers).length === 0 ||
        sameTimeDifference(options, resolved!) !== clockKey);
    writeErr(
      formatted
        ? `note: ${clockKey || "the config"} reads the clock (a \${now:...} in its value or in ` +
          "one it reads, such as a dated run dir): the hash changes with the time it is taken " +
          "at; --now gives the time it formats"
        : `note: ${clockKey || "the config"} resolved to another value the second time: a ` +
          "resolver of the project's reads the clock or changes from call to call, so the hash " +
          "changes from run to run",
    );
  }
  // ...and one that reads the launch directory (`${hydra:runtime.cwd}`) changes with it
  const cwdKey = cwdReadingKey(options, resolved!);
  if (cwdKey !== undefined) {
    writeErr(
      `note: ${cwdKey || "the config"} reads the directory strata runs in (\${hydra:runtime.cwd} ` +
        "or runtime.output_dir, in its value or in one it reads): the hash changes with it; " +
        "run it from the same directory to compare",
    );
  }
  if (opts.canonical) return writeOut(canonicalJson(resolved!));
  const hash = plan.configHash;
  writeOut((opts.short ? hash.slice(0, SHORT_HASH_LENGTH) : hash) + "\n");
}
