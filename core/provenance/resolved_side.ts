/**
 * A diff side's resolved config, to show the keys both sides write as the
 * same interpolation whose values differ (`logger.exp_name: ${env.name}_SAC`,
 * the W&B run name): a run directory's as `strata run` wrote it, an override
 * set's as `strata run` would resolve it, a config file's on its own.
 *
 * @module
 */

import type { ComposeOptions } from "../compose/compose.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { dict, type Node } from "../node.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { configJobName } from "../run/command.ts";
import { planAsRun } from "../run/config_hash.ts";
import { KEPT_CONFIG_FILE } from "../run/config_file.ts";
import { resolveLenient } from "../run/lenient.ts";
import { HASH_FILE } from "../run/write.ts";
import { loadYaml } from "../yaml/load.ts";
import { readConfigPath } from "../yaml/text.ts";
import { type Side, type SideSpec, splitOverrideSet } from "./sides.ts";
import { hydraFilesDir } from "./run_dir_files.ts";
import { isFile } from "../fs_stat.ts";

/** A side's resolved config, or why it has none (a sentence part: `runs/a has no ...`). */
export type Resolved = { config: Node } | { none: string };

/** What resolving a side takes beyond the conf tree: one time for both sides, the project's resolvers. */
export interface ResolveBase extends ComposeOptions {
  /** The time `${now:...}` formats, the same for both sides. */
  now: Date;
  /** The project's resolvers (`.strata.yaml`'s module). */
  resolvers?: Record<string, ResolverFn>;
}

/**
 * A run directory's resolved config: `.strata/config.yaml` when strata put it
 * there (the run dir's `config.yaml` was not its to write, or Hydra's files
 * are in the run dir itself), else `config.yaml` beside `.hydra/` when a
 * strata run wrote it (its `.strata/config_hash`). Hydra's own runs have none.
 */
function runDirResolved(dir: string): Resolved {
  const root = dir.replace(/\/+$/, "");
  const kept = `${root}/${KEPT_CONFIG_FILE}`;
  const top = `${root}/config.yaml`;
  const file = isFile(kept)
    ? kept
    : hydraFilesDir(dir) !== root && isFile(top) && isFile(`${root}/${HASH_FILE}`)
    ? top
    : undefined;
  if (file === undefined) {
    return {
      none: `${dir} has no resolved config (strata run writes it as config.yaml beside .hydra/; ` +
        `Hydra does not)`,
    };
  }
  try {
    return { config: loadYaml(readConfigPath(file), { file }) };
  } catch (e) {
    if (!(e instanceof StrataError || e instanceof Deno.errors.PermissionDenied)) throw e;
    return { none: `${file} does not read: ${e.message.split("\n")[0]}` };
  }
}

/**
 * A config file resolved on its own, as `OmegaConf.load` then `resolve`:
 * `${now:...}` at `now`, the project's resolvers; it has no `hydra` node, so
 * a `${hydra:...}` stays as written (as does any value that cannot resolve).
 */
function fileResolved(config: Node, base: ResolveBase): Resolved {
  if (config.kind !== "dict") return { none: "a config that is a list is not resolved" };
  const unknown = () => {
    throw new StrataError(
      ErrorCode.UnsupportedInterpolation,
      "a config file has no hydra node",
    );
  };
  const resolvers = {
    ...hydraResolvers(dict(), base.now, config),
    hydra: unknown,
    ...base.resolvers,
  };
  return { config: resolveLenient({ config, hydra: dict() }, { resolvers }) };
}

/**
 * The resolved config of a side {@link loadSide} loaded from `spec`: a run
 * directory's from its files, an override set's composed and resolved as
 * `strata run` resolves its job's (`${hydra:runtime.output_dir}` its run
 * dir), a config file's on its own. A value that cannot resolve stays as
 * written, as in the config a run writes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedOf } from "./resolved_side.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const config = loadYaml("env: walker\nname: ${env}_SAC\n");
 * const side = { label: "-", config, recorded: [] };
 * const base = { configDir: "conf", configName: "config", now: new Date() };
 * const r = resolvedOf({ text: "", label: "-", file: "<stdin>" }, side, base);
 * assert.equal("config" in r && toYaml(r.config), "env: walker\nname: walker_SAC\n");
 * ```
 */
export function resolvedOf(spec: SideSpec, side: Side, base: ResolveBase): Resolved {
  if ("text" in spec) return fileResolved(side.config, base);
  if ("path" in spec) {
    // loadSide read it: a directory is a run directory
    return Deno.statSync(spec.path).isDirectory
      ? runDirResolved(spec.path)
      : fileResolved(side.config, base);
  }
  let config: Node | undefined;
  try {
    planAsRun({
      ...base,
      overrides: splitOverrideSet(spec.overrides),
      jobName: base.jobName ?? configJobName(base.configName),
      // no dir is made: one that calls an app's (opaque) resolver stands as written
      runDirAsWritten: true,
      onResolved: (c) => config = c,
    });
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    return { none: `${side.label} does not resolve as a run: ${e.message.split("\n")[0]}` };
  }
  return config === undefined ? { none: `${side.label} was not resolved` } : { config };
}
