/**
 * The sweep directory every task of a manifest shares. `hydra.sweep.dir`
 * usually holds `${now:...}`: resolved in each task at its own time it would
 * differ from task to task, so a manifest gives every task the time it was
 * written (`strata run --now`, ../run/now.ts), and resolves the dir once
 * itself, so that one that cannot resolve stops the manifest.
 *
 * @module
 */

import type { Composition } from "../compose/compose.ts";
import { canonicalKey, str } from "../node.ts";
import { composeWhole, resolveSweepDir } from "../sweep/master.ts";
import type { ProjectSweepOptions } from "../sweep/types.ts";
import { clockNow } from "../strftime.ts";
import { setEnvOverlay } from "../env.ts";

/**
 * `hydra.sweep.dir` of the sweep's master config, resolved at `now` against
 * the whole config (as Hydra resolves it when a multirun starts).
 *
 * @throws {StrataError} composition errors, and resolution errors naming
 *   `hydra.sweep.dir` (e.g. a `???` value).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedSweepDir } from "./sweep_dir.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "name: exp\n");
 * const at = new Date(2026, 0, 2, 3, 4, 5);
 * const options = { configDir: dir, configName: "config", overrides: ["lr=1,2"] };
 * assert.equal(resolvedSweepDir(options, at), "multirun/2026-01-02/03-04-05");
 * const custom = { ...options, overrides: ["hydra.sweep.dir=out/${name}"] };
 * assert.equal(resolvedSweepDir(custom, at), "out/exp");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function resolvedSweepDir(
  options: ProjectSweepOptions,
  now: Date = clockNow(),
  master: Composition = sweepMaster(options),
): string {
  return oneSlash(resolveSweepDir(master, now, options.resolvers) ?? "");
}

/**
 * The part of the resolved sweep dir that does not change with the clock: the leading path
 * segments `hydra.sweep.dir` gives alike at `now` and at two other times that differ in every
 * `${now:...}` field (`/data/sweeps` of `/data/sweeps/${now:%Y-%m-%d}/${now:%H-%M-%S}`); the whole
 * dir when it reads no clock. A volume mounted there keeps each sweep's dated dirs apart.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clockFreeSweepDir } from "./sweep_dir.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "name: exp\n");
 * const options = { configDir: dir, configName: "config", overrides: ["hydra.sweep.dir=/d/${name}/${now:%H}"] };
 * assert.equal(clockFreeSweepDir(options, new Date()), "/d/exp");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function clockFreeSweepDir(
  options: ProjectSweepOptions,
  now: Date,
  master: Composition = sweepMaster(options),
): string {
  const times = [now, new Date(2001, 1, 3, 4, 5, 6, 7), new Date(2012, 10, 25, 15, 36, 47, 8)];
  const parts = times.map((t) => resolvedSweepDir(options, t, master).split("/"));
  let n = 0;
  while (n < parts[0].length && parts.every((p) => p[n] === parts[0][n])) n++;
  return parts[0].slice(0, n).join("/") || (parts[0][0] === "" ? "/" : "");
}

/**
 * The sweep's master config (composed without the sweeps), as its
 * multirun composes it: what the manifest reads `hydra.sweep.dir` and
 * `hydra.launcher` from; `jobName` is `hydra.job.name` (the tasks' script's).
 *
 * @throws {StrataError} composition errors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepMaster } from "./sweep_dir.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "lr: 1\n");
 * const master = sweepMaster({ configDir: dir, configName: "config", overrides: ["lr=1,2"] });
 * assert.equal(master.config.entries.size, 1);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function sweepMaster(options: ProjectSweepOptions, jobName?: string): Composition {
  // as the sweep composes its master (./expand.ts): the same config name's origin and Hydra
  // version, or a 1.0-style `- hydra/launcher: x` the sweep accepts fails the manifest; with
  // the job name its tasks get (`${hydra.job.name}` in hydra.sweep.dir is theirs)
  return composeWhole({
    configDir: options.configDir,
    configName: options.configName,
    configNameAt: options.configNameAt,
    searchPath: options.searchPath,
    versionBase: options.versionBase,
    overrides: options.overrides,
    ...(jobName === undefined ? {} : { jobName }),
  }, true);
}

/**
 * The master as a pod or a runner resolves it: `hydra.runtime.cwd` is the
 * task's working directory (the image's WORKDIR, the runner's checkout), not
 * this one, so it reads as `.`: a `hydra.sweep.dir` of
 * `${hydra.runtime.cwd}/outputs` is `./outputs`, relative to where the task
 * runs, as the relative dirs a manifest already handles.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asTasksSee, resolvedSweepDir, sweepMaster } from "./sweep_dir.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "hydra:\n  sweep:\n    dir: ${hydra:runtime.cwd}/out\n");
 * const options = { configDir: dir, configName: "config", overrides: ["lr=1,2"] };
 * assert.equal(resolvedSweepDir(options, new Date(), asTasksSee(sweepMaster(options))), "./out");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function asTasksSee(master: Composition): Composition {
  const runtime = master.hydra.entries.get(canonicalKey("runtime"))?.node;
  if (runtime?.kind === "dict") {
    const cwd = runtime.entries.get(canonicalKey("cwd"));
    runtime.entries.set(canonicalKey("cwd"), { key: "cwd", node: str(".", cwd?.node.origin) });
  }
  return master;
}

/**
 * A warning when the sweep dir reads this shell's environment
 * (`${oc.env:HOME}/runs`): a runner resolves it in its own (GitHub's
 * `HOME=/home/runner`), so the path the workflow uploads, resolved here, is
 * not where the runners write, and the upload step finds nothing (green,
 * with every job's results lost). Undefined when the dir reads no variable
 * it is given here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolvedSweepDir, sweepDirEnvWarning } from "./sweep_dir.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "a: 1\n");
 * const at = new Date();
 * const options = { configDir: dir, configName: "config", overrides: ["a=1,2"] };
 * assert.equal(sweepDirEnvWarning(options, at, resolvedSweepDir(options, at)), undefined);
 * const home = { ...options, overrides: ["a=1,2", "hydra.sweep.dir=${oc.env:HOME}/runs"] };
 * const warning = sweepDirEnvWarning(home, at, resolvedSweepDir(home, at));
 * assert.match(warning ?? "", /reads this shell's environment/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function sweepDirEnvWarning(
  options: ProjectSweepOptions,
  now: Date,
  sweepDir: string,
  master: Composition = sweepMaster(options),
): string | undefined {
  // resolved again with no variable of this shell: what differs read one
  const prev = setEnvOverlay(new Map(), () => "");
  let bare: string | undefined;
  try {
    bare = oneSlash(resolveSweepDir(master, now, options.resolvers) ?? "");
  } catch {
    bare = undefined;
  } finally {
    setEnvOverlay(prev);
  }
  if (bare === sweepDir) return undefined;
  return `warning: hydra.sweep.dir reads this shell's environment (${sweepDir} here): a runner ` +
    "resolves it in its own (HOME is /home/runner on GitHub's), so the workflow's upload step " +
    "would look where the jobs did not write, and keep no results: write the sweep dir " +
    "without ${oc.env:...} (hydra.sweep.dir=runs/...)\n";
}

/** `logs/` + `/train` (a log dir written with its slash) is one directory: said with one slash. */
function oneSlash(dir: string): string {
  return dir.replace(/\/{2,}/g, "/");
}
