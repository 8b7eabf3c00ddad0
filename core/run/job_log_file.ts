/**
 * The file a job's log goes to, as its `hydra.job_logging` names it
 * ({@link jobLogFile}), kept off the names strata writes in a run dir itself.
 *
 * @module
 */

import { hydraResolvers } from "../compose/resolvers.ts";
import { StrataError } from "../errors.ts";
import { resolveAt, type ResolverFn } from "../resolve/mod.ts";
import { pyStrOfLeaf } from "../pyformat.ts";
import { basename, dirname, resolve } from "../path.ts";
import { child, type Hydrated, withHydraFirst } from "./hydra_values.ts";

/**
 * The names strata writes in a run dir itself: the job's log written there
 * would corrupt the job's resolved config (which `$STRATA_CONFIG` names) or
 * fail on a directory and leave the run half-written. `multirun.yaml` is the
 * sweep dir's, which is the job's dir when `hydra.sweep.subdir` is empty.
 */
const STRATA_RUN_DIR_NAMES = new Set(["config.yaml", "multirun.yaml", ".hydra", ".strata"]);

/** Whether the log file `path` (named `name` in the run dir) is one of strata's or a directory. */
function ownedByStrata(path: string, name: string): boolean {
  if (STRATA_RUN_DIR_NAMES.has(name)) return true;
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false; // not there yet (or unreadable): the job's log creates it
  }
}

/**
 * The file the job's log goes to, as its `hydra.job_logging` names it: the
 * `filename` of its first handler that has one (Hydra's `default` option:
 * `${hydra.runtime.output_dir}/${hydra.job.name}.log`; lightning-hydra-template
 * names it after `task_name`), resolved, relative to the job's working
 * directory `cwd` when relative, as Python's FileHandler opens it. Given as
 * a name in the run dir `dir`; `${jobName}.log` when it is not a file there
 * (another directory: jobs run side by side would share it), is one of
 * strata's own there (`config.yaml`, `.hydra`, `.strata`, `multirun.yaml`)
 * or a directory, or does not resolve; null when no handler writes a file (`hydra/job_logging=disabled`,
 * `stdout`, `none`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dict, type DictNode } from "../node.ts";
 * import { jobLogFile } from "./job_log_file.ts";
 * const of = (hydra: string) => ({ config: dict(), hydra: loadYaml(hydra) as DictNode });
 * const file = of("job_logging: {handlers: {file: {filename: '${hydra.runtime.output_dir}/run.log'}}}\n" +
 *   "runtime: {output_dir: /o/0}");
 * assert.equal(jobLogFile(file, "/o/0", "/w", "train", new Date()), "run.log");
 * assert.equal(jobLogFile(of("job_logging: {version: 1, root: {level: ERROR}}"), "/o/0", "/w", "train", new Date()), null);
 * ```
 */
export function jobLogFile(
  c: Hydrated,
  dir: string,
  cwd: string,
  jobName: string,
  now: Date,
  extra?: Record<string, ResolverFn>,
): string | null {
  const handlers = child(child(c.hydra, "job_logging"), "handlers");
  if (handlers?.kind !== "dict") return null;
  for (const { key, node } of handlers.entries.values()) {
    if (child(node, "filename") === undefined) continue;
    try {
      const got = resolveAt(withHydraFirst(c), [
        "hydra",
        "job_logging",
        "handlers",
        key,
        "filename",
      ], {
        resolvers: hydraResolvers(c.hydra, now, c.config, false, extra),
      });
      if (got.kind !== "value" || got.type === "null" || got.type === "missing") {
        return `${jobName}.log`;
      }
      const path = resolve(cwd, got.type === "str" ? String(got.value) : pyStrOfLeaf(got));
      const name = basename(path);
      return dirname(path) === dir && name !== "" && !ownedByStrata(path, name)
        ? name
        : `${jobName}.log`;
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      return `${jobName}.log`; // as the app would fail to: strata's own name
    }
  }
  return null;
}
