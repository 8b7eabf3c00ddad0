/**
 * A manifest's tasks run side by side (SLURM array tasks, pods, matrix jobs).
 * Two jobs whose `hydra.sweep.subdir` resolves alike (`${hydra.job.override_dirname}`
 * with the swept key in `exclude_keys`) would write one job dir at once, and
 * one could read the other's `config.yaml` and train with its values: the
 * manifest is refused, as `strata run -m -j N` refuses such a sweep, unless
 * its jobs run one at a time (`--parallel 1`, where, as in Hydra, the later
 * job's files replace the earlier's).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { nodeAt } from "../ops/walk.ts";
import { configJobName, scriptStem } from "../run/command.ts";
import { planMultirun } from "../run/plan.ts";
import type { ProjectSweepOptions } from "../sweep/types.ts";

/** Hydra's default `hydra.sweep.subdir`: a dir per job, nothing to check. */
const JOB_NUM_SUBDIR = "${hydra.job.num}";

/**
 * Refuses a manifest whose jobs, run side by side, would share a job dir.
 * Each job is composed again to resolve its dir, so only when the sweep's
 * `hydra.sweep.subdir` is not Hydra's default, and not with `validate: false`
 * (`--no-validate`: huge sweeps).
 *
 * @throws {StrataError} `sweep`, at `hydra.sweep.subdir`, naming two jobs
 *   and their dir; a job's composition error.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkManifestJobDirs } from "./job_dirs.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "seed: 0\n");
 * const sweep = {
 *   configDir: conf, configName: "config",
 *   overrides: ["seed=1,2", "hydra.sweep.subdir=same"],
 * };
 * const now = new Date(2026, 0, 2, 3, 4, 5);
 * assert.throws(() => checkManifestJobDirs(sweep, ["./train"], { now }), /#0 and #1 both get/);
 * checkManifestJobDirs(sweep, ["./train"], { now, parallel: 1 }); // one at a time
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function checkManifestJobDirs(
  sweep: ProjectSweepOptions,
  command: readonly string[],
  opts: { now: Date; parallel?: number; validate?: boolean },
): void {
  if (opts.validate === false || opts.parallel === 1) return;
  const plan = planMultirun({
    configDir: sweep.configDir,
    configName: sweep.configName,
    configNameAt: sweep.configNameAt,
    searchPath: sweep.searchPath,
    versionBase: sweep.versionBase,
    overrides: [...(sweep.overrides ?? [])],
    link: sweep.link,
    jobName: scriptStem(command) ?? configJobName(sweep.configName),
    now: opts.now,
    resolvers: sweep.resolvers,
  });
  const subdir = nodeAt(plan.master.hydra, ["sweep", "subdir"]);
  if (subdir?.kind === "value" && subdir.value === JOB_NUM_SUBDIR) return;
  const first = new Map<string, number>();
  for (let i = 0; i < plan.count; i++) {
    const { dir } = plan.job(i);
    const other = first.get(dir);
    if (other === undefined) {
      first.set(dir, i);
      continue;
    }
    throw new StrataError(
      ErrorCode.Sweep,
      `jobs #${other} and #${i} both get the job dir ${dir}: the scheduler runs them side by ` +
        "side, one could read the other's config.yaml. Make hydra.sweep.subdir tell them " +
        "apart (Hydra's default is ${hydra.job.num}), or run one job at a time (--parallel 1)",
      { fullKey: "hydra.sweep.subdir" },
    );
  }
}
