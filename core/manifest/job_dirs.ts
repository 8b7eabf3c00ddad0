/**
 * A manifest's tasks run side by side (SLURM array tasks, pods, matrix jobs), and where they
 * write must be where the manifest keeps the run dirs.
 * Two jobs whose `hydra.sweep.subdir` resolves alike (`${hydra.job.override_dirname}`
 * with the swept key in `exclude_keys`) would write one job dir at once, and
 * one could read the other's `config.yaml` and train with its values: the
 * manifest is refused, as `strata run -m -j N` refuses such a sweep, unless
 * its jobs run one at a time (`--parallel 1`, where, as in Hydra, the later
 * job's files replace the earlier's) or share no file system (GitHub's
 * runners, pods without a volume: `apart`).
 *
 * @module
 */

import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { type Origin, originOf } from "../node.ts";
import { subdirMayBeAbsolute, sweepDirOrigin, sweepDirVaries } from "./sweep_dir_reads.ts";
import { sweepMaster } from "./sweep_dir.ts";
import type { Composition } from "../compose/compose.ts";
import { normalize } from "../path.ts";
import { nodeAt } from "../ops/walk.ts";
import { configJobName, scriptStem } from "../run/command.ts";
import { planMultirun } from "../run/plan.ts";
import { checkNameLengths } from "../run/write.ts";
import type { ProjectSweepOptions } from "../sweep/types.ts";

/** Hydra's default `hydra.sweep.subdir`: a dir per job, nothing to check. */
const JOB_NUM_SUBDIR = "${hydra.job.num}";

/**
 * Refuses a manifest whose jobs, run side by side, would share a job dir, or
 * whose job dir has a name longer than a file system takes.
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
 * checkManifestJobDirs(sweep, ["./train"], { now, apart: true }); // no file system in common
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function checkManifestJobDirs(
  sweep: ProjectSweepOptions,
  command: readonly string[],
  opts: { now: Date; parallel?: number; validate?: boolean; apart?: boolean },
): void {
  if (opts.validate === false) return;
  const plan = tasksPlan(sweep, command, opts.now);
  const subdir = nodeAt(plan.master.hydra, ["sweep", "subdir"]);
  if (subdir?.kind === "value" && subdir.value === JOB_NUM_SUBDIR) return;
  const first = new Map<string, number>();
  for (let i = 0; i < plan.count; i++) {
    const dir = plan.dirOf(i);
    // a task would fail to make it (`${hydra.job.override_dirname}` of long overrides)
    checkNameLengths(
      dir,
      "hydra.sweep.subdir",
      undefined,
      `job #${i}'s task could not create its dir`,
    );
    if (opts.parallel === 1 || opts.apart) continue;
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
      // where the subdir was set (an override, a preset; checker x25)
      { fullKey: "hydra.sweep.subdir", origin: originOf(subdir?.origin) },
    );
  }
}

/**
 * Each job's run dir (absolute, as its task resolves it at `now`), and where
 * `hydra.sweep.dir` was set, when `hydra.sweep.dir` may read a value a swept
 * key changes (rl4co's `${logger.wandb.group}`; ./sweep_dir_reads.ts): a
 * manifest that keeps the run dirs in one place (k8s' `--pvc`, the GitHub
 * artifact) must hold all of them. Undefined when every job has the same sweep
 * dir, and with `validate: false` (jobs are not composed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobRunDirs } from "./job_dirs.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "seed: 0\n");
 * const now = new Date(2026, 0, 2, 3, 4, 5);
 * const sweep = { configDir: conf, configName: "config", overrides: ["seed=1,2"] };
 * assert.equal(jobRunDirs(sweep, ["./train"], { now }), undefined);
 * const own = { ...sweep, overrides: ["seed=1,2", "hydra.sweep.dir=/out/s${seed}"] };
 * assert.deepEqual(jobRunDirs(own, ["./train"], { now })?.dirs, ["/out/s1/0", "/out/s2/1"]);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function jobRunDirs(
  sweep: ProjectSweepOptions,
  command: readonly string[],
  opts: { now: Date; validate?: boolean; master?: Composition },
): { dirs: string[]; origin?: Origin; key: string } | undefined {
  if (opts.validate === false) return undefined;
  // planned (every job composed again) only when the sweep dir may read what a job changes,
  // which the master the manifest composed already tells
  const master = opts.master ??
    sweepMaster(sweep, scriptStem(command) ?? configJobName(sweep.configName));
  const subdir = nodeAt(master.hydra, ["sweep", "subdir"]);
  const subdirText = subdir?.kind === "value" && typeof subdir.value === "string"
    ? subdir.value
    : "";
  const varies = sweepDirVaries(master, sweep.overrides ?? []);
  if (!varies && !subdirMayBeAbsolute(subdirText)) return undefined;
  const plan = tasksPlan(sweep, command, opts.now);
  const dirs = Array.from({ length: plan.count }, (_, i) => plan.dirOf(i));
  if (varies) return { dirs, origin: sweepDirOrigin(master), key: "hydra.sweep.dir" };
  return { dirs, origin: originOf(subdir?.origin), key: "hydra.sweep.subdir" };
}

/**
 * Checks that every job's run dir is where the manifest keeps them (`keptAt`: k8s' `--pvc`
 * mount, the GitHub artifact's dir), which a job whose `hydra.sweep.dir` reads a value the sweep
 * changes may miss (see {@link jobRunDirs}). A pod writing off the volume loses its output: a
 * usage error, with the mount that holds them all; a runner's artifact would be empty: the
 * warning returned.
 *
 * @throws {StrataError} `usage` for k8s.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRunDirsKept } from "./job_dirs.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "seed: 0\n");
 * const sweep = { configDir: conf, configName: "config",
 *   overrides: ["seed=1,2", "hydra.sweep.dir=/out/s${seed}"] };
 * const now = new Date(2026, 0, 2, 3, 4, 5);
 * const k8s = { format: "k8s" as const, sweep, command: ["./train"], pvc: "runs" };
 * assert.throws(() => checkRunDirsKept(k8s, { keptAt: "/out/s1", sweepDir: "/out/s1", now }),
 *   /job #1 writes its run dir \/out\/s2\/1.*--pvc runs:\/out\)/);
 * const gh = { format: "github" as const, sweep, command: ["./train"] };
 * assert.match(checkRunDirsKept(gh, { keptAt: "/out/s1", sweepDir: "/out/s1", now })!, /empty/);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function checkRunDirsKept(
  req: {
    format: string;
    sweep: ProjectSweepOptions;
    command: readonly string[];
    pvc?: string;
    validate?: boolean;
  },
  at: { keptAt: string; sweepDir: string; now: Date; master?: Composition },
): string | undefined {
  const got = jobRunDirs(req.sweep, req.command, { ...at, validate: req.validate });
  const dirs = got?.dirs ?? [];
  const away = dirs.findIndex((d) => !under(d, at.keptAt));
  if (away < 0) return undefined;
  const subdir = got?.key === "hydra.sweep.subdir";
  // where that is, said: a mount read from the config before the sweep sets its values may show
  // a swept key's base value (`/data/s/None` for `${seed}`: checker x61 #1)
  const where = req.format !== "k8s"
    ? `the sweep dir ${at.keptAt}`
    : req.pvc?.includes(":")
    ? at.keptAt
    : `${at.keptAt} (where --pvc mounts the claim: hydra.sweep.dir as the config sets it, ` +
      "before the sweep's values)";
  const why = `job #${away} writes its run dir ${dirs[away]}, outside ${where}, as its ` +
    (subdir
      ? "hydra.sweep.subdir is an absolute path (Hydra's os.path.join keeps it as is)"
      : "hydra.sweep.dir reads a value the sweep changes");
  if (req.format !== "k8s") {
    return formatWarning(
      `${why}: the workflow uploads ${at.sweepDir} only, so that job's artifact will be ` +
        (subdir
          ? "empty (make hydra.sweep.subdir relative)"
          : "empty (set a hydra.sweep.dir that holds no swept value)"),
      got?.origin,
    );
  }
  const common = commonDir(dirs);
  throw new StrataError(
    ErrorCode.Usage,
    `Cannot use --pvc '${req.pvc}': ${why}, so it would not be on the volume: ` +
      (subdir
        ? "make hydra.sweep.subdir relative"
        : common === "/"
        ? "set a hydra.sweep.dir under one dir for every job"
        : `mount the claim where every job writes (--pvc ${req.pvc!.split(":")[0]}:${common})`),
    { fullKey: got?.key ?? "hydra.sweep.dir", origin: got?.origin },
  );
}

/** Whether `dir` is `base` or under it (absolute paths). */
function under(dir: string, base: string): boolean {
  const d = normalize(dir);
  const b = normalize(base).replace(/(.)\/$/, "$1");
  return b === "/" || d === b || d.startsWith(b + "/");
}

/** The longest dir every one of `dirs` (absolute) is under. */
function commonDir(dirs: readonly string[]): string {
  let parts = normalize(dirs[0]).split("/");
  for (const d of dirs.slice(1)) {
    const other = normalize(d).split("/");
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.join("/") || "/";
}

/** The sweep planned as its tasks run it: `strata run --job-index I -- CMD`, at `now`. */
function tasksPlan(sweep: ProjectSweepOptions, command: readonly string[], now: Date) {
  return planMultirun({
    configDir: sweep.configDir,
    configName: sweep.configName,
    configNameAt: sweep.configNameAt,
    searchPath: sweep.searchPath,
    versionBase: sweep.versionBase,
    overrides: [...(sweep.overrides ?? [])],
    link: sweep.link,
    jobName: scriptStem(command) ?? configJobName(sweep.configName),
    now,
    resolvers: sweep.resolvers,
  });
}
