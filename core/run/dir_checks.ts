/**
 * The checks on run dirs before any job starts: no job of the sweep still
 * runs (`--resume`), a dir holds the same job it is resumed as, a resume has
 * something to resume, and no two jobs write one dir (a `hydra.sweep.subdir`
 * that does not tell them apart). Writing the dirs is ./write.ts's.
 *
 * @module
 */

import { join } from "../path.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { canonicalKey, type DictNode, type Node, type Origin } from "../node.ts";
import type { JobPlan } from "./plan.ts";
import { inRunDir, isOverridesFile, readStatus, STATUS_FILE, stillRunning } from "./write.ts";
import { references } from "../provenance/through.ts";

/**
 * No job starts in a dir where a job still runs (another strata run of the
 * sweep, or a job left running when strata was killed): it would run twice
 * there, its log mixed and its status the last writer's; with `--resume` or
 * without (checker x53).
 *
 * @throws {StrataError} `usage`, naming the job, its pid and its status file.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNoneRunning } from "./dir_checks.ts";
 * import { writeStatus } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * checkNoneRunning([{ num: 0, dir }]); // no status: nothing runs
 * writeStatus(dir, { state: "running", exit_code: null, pid: Deno.pid });
 * assert.throws(() => checkNoneRunning([{ num: 0, dir }]), /^StrataError: --resume: job #0 still runs/);
 * assert.throws(() => checkNoneRunning([{ num: null, dir }], false), /^StrataError: the run still runs/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkNoneRunning(
  plans: readonly { num: number | null; dir: string }[],
  resume = true,
): void {
  for (const p of plans) {
    const status = readStatus(p.dir);
    if (!stillRunning(status)) continue;
    const job = p.num === null ? "the run" : `job #${p.num}`;
    const then = resume
      ? "then --resume"
      : "then run again (or run in another dir: hydra.run.dir, hydra.sweep.dir)";
    throw new StrataError(
      ErrorCode.Usage,
      `${resume ? "--resume: " : ""}${job} still runs (pid ${status!.pid}, in ${p.dir}): ` +
        "another strata run, or a job left running when strata was killed; wait for it to " +
        `end, or stop it, ${then} (if pid ${status!.pid} is another program now, remove ` +
        `${join(p.dir, STATUS_FILE)})`,
    );
  }
}

/**
 * `--resume` reruns the jobs of the same sweep: a job dir that recorded other
 * overrides than this sweep gives the job is another sweep's, which neither
 * skipping it (it is `done`) nor overwriting it would be right for.
 *
 * @throws {StrataError} `usage` when the job dir recorded other overrides.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSameJob } from "./dir_checks.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/.hydra`);
 * Deno.writeTextFileSync(`${dir}/.hydra/overrides.yaml`, "- seed=0\n");
 * const plan = (text: string) => ({ num: 0, dir, files: new Map([[".hydra/overrides.yaml", text]]) });
 * checkSameJob(plan("- seed=0\n"));
 * assert.throws(() => checkSameJob(plan("- seed=5\n")), /the sweep changed/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkSameJob(p: Pick<JobPlan, "num" | "dir" | "files">): void {
  const other = otherOverrides(p);
  if (other === undefined) return;
  throw new StrataError(
    ErrorCode.Usage,
    `--resume: job #${p.num} in ${p.dir} ran with '${other.recorded}', this sweep gives it ` +
      `'${other.given}': the sweep changed. Run it in another hydra.sweep.dir, or without ` +
      "--resume to run every job again",
  );
}

/**
 * A task (`--job-index`) given other overrides than its job dir recorded (a manifest written
 * again, or edited): its files are replaced, as Hydra's would be, and said, since `--resume`
 * refuses the same mismatch (checker w50 #3); undefined when they agree or it never ran.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replacedJobWarning } from "./dir_checks.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/.hydra`);
 * Deno.writeTextFileSync(`${dir}/.hydra/overrides.yaml`, "- seed=1\n");
 * const plan = (text: string) => ({ num: 2, dir, files: new Map([[".hydra/overrides.yaml", text]]) });
 * assert.equal(replacedJobWarning(plan("- seed=1\n")), undefined);
 * assert.match(replacedJobWarning(plan("- seed=7\n"))!, /ran with 'seed=1'.*gives it 'seed=7'/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function replacedJobWarning(p: Pick<JobPlan, "num" | "dir" | "files">): string | undefined {
  const other = otherOverrides(p);
  if (other === undefined) return undefined;
  return formatWarning(
    `job #${p.num} in ${p.dir} ran with '${other.recorded}' before, this task gives it ` +
      `'${other.given}': its files are replaced`,
  );
}

/** The overrides a job dir recorded and the ones the plan gives it, when they differ. */
function otherOverrides(
  p: Pick<JobPlan, "dir" | "files">,
): { recorded: string; given: string } | undefined {
  for (const [rel, text] of p.files) {
    if (!isOverridesFile(rel)) continue;
    let recorded: string;
    try {
      recorded = Deno.readTextFileSync(inRunDir(p.dir, rel));
    } catch {
      return undefined; // never ran
    }
    if (recorded === text) return undefined;
    const list = (t: string) => t.trim().split("\n").map((l) => l.replace(/^- /, "")).join(" ");
    return { recorded: list(recorded), given: list(text) };
  }
  return undefined;
}

/**
 * `--resume` of a job under another name than it ran with (the command changed: `sleepy.py`, now
 * `train.py`): its earlier log is not appended to, a new one is started beside it. Said, once per
 * run, naming the first such job.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renamedLogWarning } from "./dir_checks.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/sleepy.log`, "x\n");
 * assert.match(renamedLogWarning([{ num: 0, dir, logFile: "train.log" }])!, /sleepy\.log/);
 * assert.equal(renamedLogWarning([{ num: 0, dir, logFile: "sleepy.log" }]), undefined);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function renamedLogWarning(
  jobs: readonly { num: number | null; dir: string; logFile: string | null }[],
): string | undefined {
  for (const j of jobs) {
    if (j.logFile === null) continue;
    let logs: string[];
    try {
      logs = [...Deno.readDirSync(j.dir)].filter((e) => e.isFile && e.name.endsWith(".log"))
        .map((e) => e.name);
    } catch {
      continue; // never ran
    }
    if (logs.length === 0 || logs.includes(j.logFile)) continue;
    return `warning: --resume: job #${j.num} ran with another job name (its log is ` +
      `${join(j.dir, logs.sort()[0])}): this run names it after the command given and writes ` +
      `${j.logFile} beside it; run the same command to append to the job's log`;
  }
  return undefined;
}

/**
 * Refuses `--resume` on a sweep whose jobs share a job dir: one status file stands for both
 * (the later job's), so it cannot tell which of them ran, nor whether the other failed.
 *
 * @throws {StrataError} `usage`, naming the first two jobs that share a dir.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkResumable } from "./dir_checks.ts";
 * assert.throws(() => checkResumable([{ num: 0, dir: "s/1" }, { num: 1, dir: "s/1" }]), /share/);
 * checkResumable([{ num: 0, dir: "s/0" }, { num: 1, dir: "s/1" }]);
 * ```
 */
export function checkResumable(jobs: readonly { num: number | null; dir: string }[]): void {
  const first = new Map<string, number | null>();
  for (const j of jobs) {
    const other = first.get(j.dir);
    if (other === undefined) {
      first.set(j.dir, j.num);
      continue;
    }
    throw new StrataError(
      ErrorCode.Usage,
      `--resume: jobs #${other} and #${j.num} share the job dir ${j.dir} (hydra.sweep.subdir ` +
        "resolves alike for them), where one status stands for both: it cannot tell which of " +
        "them ran. Give each job a dir of its own (hydra.sweep.subdir=${hydra.job.num}) to " +
        "resume, or run without --resume",
    );
  }
}

/** Shared job dirs named one by one; the rest are counted. */
const MAX_SHARED_WARNINGS = 10;

/**
 * Checks that the jobs of a sweep get distinct job dirs. Two jobs whose
 * `hydra.sweep.subdir` resolves alike (`${hydra.job.override_dirname}` with
 * the swept key in `exclude_keys`) share one dir: Hydra runs them one after
 * the other, the later one's files replacing the earlier's, and so does
 * strata with one job at a time (a warning per shared dir, returned). Run
 * side by side, a job could read the other's `config.yaml` and train with
 * its values: an error before any job starts. Jobs of different batches
 * (`batchOf`, `hydra.sweeper.max_batch_size`) never run side by side, as
 * batches run one after another: they only get the warning.
 *
 * @throws {StrataError} `sweep`, at `hydra.sweep.subdir`, when `parallel > 1`
 *   and two jobs of one batch share a dir.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkDistinctDirs } from "./dir_checks.ts";
 * const jobs = [{ num: 0, dir: "/m/a" }, { num: 1, dir: "/m/a" }, { num: 2, dir: "/m/b" }];
 * assert.match(checkDistinctDirs(jobs, 1)[0], /jobs #0 and #1 both get the job dir \/m\/a/);
 * assert.throws(() => checkDistinctDirs(jobs, 2), /side by side/);
 * assert.deepEqual(checkDistinctDirs(jobs.slice(1), 2), []);
 * // batches of one job: #0 and #1 run one after the other
 * assert.equal(checkDistinctDirs(jobs, 2, (num) => num).length, 1);
 * ```
 */
export function checkDistinctDirs(
  jobs: readonly { num: number | null; dir: string; files?: ReadonlyMap<string, string> }[],
  parallel: number,
  batchOf?: (num: number) => number,
  subdirReadsClock = false,
  subdirAt?: Origin,
): string[] {
  const batch = (num: number | null) => num === null || !batchOf ? 0 : batchOf(num);
  const byDir = new Map<string, (number | null)[]>();
  for (const { num, dir } of jobs) {
    const nums = byDir.get(dir);
    if (nums === undefined) {
      byDir.set(dir, [num]);
      continue;
    }
    const beside = nums.find((n) => batch(n) === batch(num));
    nums.push(num);
    if (parallel > 1 && beside !== undefined) {
      throw new StrataError(
        ErrorCode.Sweep,
        `jobs #${beside} and #${num} both get the job dir ${dir}: run side by side ` +
          `(-j ${parallel}${batchOf ? ", in one batch" : ""}), one could read the other's ` +
          "config.yaml. Make hydra.sweep.subdir tell them apart (Hydra's default is " +
          "${hydra.job.num}), or run one job at a time",
        { fullKey: "hydra.sweep.subdir", ...(subdirAt ? { origin: subdirAt } : {}) },
      );
    }
  }
  const warnings: string[] = [];
  const replaced = `(${[...hydraDirOf(jobs[0]?.files), "config.yaml"].join(", ")})`;
  let shared = 0;
  for (const [dir, nums] of byDir) {
    if (nums.length < 2 || ++shared > MAX_SHARED_WARNINGS) continue;
    const listed = nums.length === 2
      ? `jobs #${nums[0]} and #${nums[1]}`
      : `${nums.length} jobs (#${nums.slice(0, 3).join(", #")}${nums.length > 3 ? ", ..." : ""})`;
    // `${now:...}` in the subdir: one time for the sweep here (every task of a manifest gets
    // the same), where Hydra resolves it as each job starts (checker w23: learnGPT's sweeps)
    const why = subdirReadsClock
      ? "(hydra.sweep.subdir reads ${now:...}, which strata resolves once for the whole " +
        "sweep; Hydra resolves it as each job starts, so jobs that start at times the pattern " +
        "tells apart get dirs of their own there): each job's files " + replaced +
        " replace the previous " +
        "one's and its log is appended to the same file; add ${hydra.job.num} to the subdir to " +
        "keep each job's"
      : "(hydra.sweep.subdir): as in Hydra, each job's files " + replaced + " replace the " +
        "previous one's and its log is appended to the same file";
    warnings.push(formatWarning(
      `${listed} ${nums.length === 2 ? "both" : "all"} get the job dir ${dir} ${why}`,
      subdirAt,
    ));
  }
  if (shared > MAX_SHARED_WARNINGS) {
    warnings.push(
      formatWarning(`and ${shared - MAX_SHARED_WARNINGS} more job dirs shared by jobs`),
    );
  }
  return warnings;
}

/**
 * What `--resume` says when there is nothing to resume because the sweep dir
 * is named after the time (`${now:...}`, the default) and so is new on each
 * run, or its jobs' dirs are (`hydra.sweep.subdir`) and `--now` is not given;
 * undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { resumesNothing } from "./dir_checks.ts";
 * const at = (d: string) => ({ hydra: dict([["sweep", dict([["dir", str(d)]])]]) });
 * assert.match(resumesNothing({ sweepDir: "/nope/1", master: at("m/${now:%H}") })!, /--now/);
 * assert.equal(resumesNothing({ sweepDir: "/nope/1", master: at("fixed") }), undefined);
 * // an existing dir whose jobs' dirs read the clock: found by no later run without --now
 * const sub = { hydra: dict([["sweep", dict([["dir", str("d")], ["subdir", str("${now:%H}")]])]]) };
 * assert.match(resumesNothing({ sweepDir: Deno.cwd(), master: sub })!, /subdir holds/);
 * assert.equal(resumesNothing({ sweepDir: Deno.cwd(), master: sub }, true), undefined);
 * ```
 */
export function resumesNothing(
  plan: { sweepDir: string; master: { hydra: DictNode } },
  nowGiven = false,
): string | undefined {
  let exists = false;
  try {
    exists = Deno.statSync(plan.sweepDir).isDirectory;
  } catch { /* does not exist */ }
  if (exists) {
    // the dir is there, its jobs' dirs are not: named after this run's clock (hfmt's
    // `${hydra.job.num}_${now:...}`), so every job runs again (checker x23)
    if (nowGiven || !sweepKeyReadsClock(plan.master, "subdir")) return undefined;
    return formatWarning(
      `--resume: hydra.sweep.subdir holds \${now:...}, so each job's dir is named after this ` +
        `run's time: no job of an earlier run in ${plan.sweepDir} is found, and every job runs ` +
        "again. Give --now the first run's time (YYYY-MM-DDTHH:MM:SS) to resume it",
    );
  }
  if (!sweepDirReadsClock(plan.master)) return undefined;
  return formatWarning(
    `--resume: ${plan.sweepDir} does not exist, so every job runs: ` +
      "hydra.sweep.dir holds ${now:...}, a new dir each time. Set hydra.sweep.dir, or give " +
      "--now the first run's time (YYYY-MM-DDTHH:MM:SS)",
  );
}

/** Whether `hydra.sweep.dir` is written with `${now:...}`: a new dir each time it is resolved. */
function sweepDirReadsClock(master: { hydra: DictNode }): boolean {
  return sweepKeyReadsClock(master, "dir");
}

/**
 * Whether `hydra.sweep.KEY` (`dir`, `subdir`) is written with `${now:...}`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { sweepKeyReadsClock } from "./dir_checks.ts";
 * const master = { hydra: dict([["sweep", dict([["subdir", str("${now:%H-%M-%S}")]])]]) };
 * assert.equal(sweepKeyReadsClock(master, "subdir"), true);
 * assert.equal(sweepKeyReadsClock(master, "dir"), false);
 * // through the hydra keys it reads
 * const run = dict([["dir", str("out/${now:%H}")]]);
 * const via = { hydra: dict([["run", run], ["sweep", dict([["dir", str("${hydra.run.dir}")]])]]) };
 * assert.equal(sweepKeyReadsClock(via, "dir"), true);
 * ```
 */
export function sweepKeyReadsClock(master: { hydra: DictNode }, key: string): boolean {
  return hydraKeyReadsClock(master.hydra, ["sweep", key], new Set());
}

/**
 * Whether the `hydra` node's value at `path` holds `${now:...}`, itself or through the hydra keys
 * it reads (`sweep.dir: ${hydra.run.dir}` over a run dir named after the time, checker w50).
 */
function hydraKeyReadsClock(hydra: DictNode, path: string[], seen: Set<string>): boolean {
  const id = path.join(".");
  if (seen.has(id) || seen.size > 64) return false;
  seen.add(id);
  let n: Node | undefined = hydra;
  for (const k of path) n = n?.kind === "dict" ? n.entries.get(canonicalKey(k))?.node : undefined;
  if (n?.kind !== "value" || typeof n.value !== "string") return false;
  const text = n.value;
  if (/\$\{\s*now\s*:/.test(text)) return true;
  const read = [
    ...references(text, `hydra.${id}`),
    ...[...text.matchAll(/\$\{\s*hydra\s*:\s*([\w.-]+)\s*\}/g)].map((m) => `hydra.${m[1]}`),
  ];
  return read.some((k) =>
    k.startsWith("hydra.") && hydraKeyReadsClock(hydra, k.slice("hydra.".length).split("."), seen)
  );
}

/**
 * `--job-index` without `--now` where `hydra.sweep.dir` holds `${now:...}`: each task of an
 * array resolves its own time, so the tasks land in as many sweep dirs, each with its own
 * multirun.yaml; the warning says so. Undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../node.ts";
 * import { tasksScatter } from "./dir_checks.ts";
 * const at = (d: string) => ({ hydra: dict([["sweep", dict([["dir", str(d)]])]]) });
 * assert.match(tasksScatter(at("m/${now:%H}"))!, /--now/);
 * assert.equal(tasksScatter(at("fixed")), undefined);
 * ```
 */
export function tasksScatter(master: { hydra: DictNode }): string | undefined {
  if (!sweepDirReadsClock(master)) return undefined;
  return formatWarning(
    "--job-index: hydra.sweep.dir holds ${now:...}, so each task run without --now resolves " +
      "its own time and gets a sweep dir of its own: give every task of the sweep the same " +
      "--now (YYYY-MM-DDTHH:MM:SS), as strata sweep's manifests do",
  );
}

/**
 * The dir of Hydra's files a job writes (`.hydra/`), from its files' paths (relative to the job
 * dir); none with `hydra.output_subdir: null` (no files), or when the files are not known.
 */
function hydraDirOf(files: ReadonlyMap<string, string> | undefined): string[] {
  if (files === undefined) return [".hydra/"];
  const first = files.keys().next().value;
  if (first === undefined) return [];
  const slash = first.lastIndexOf("/");
  return slash < 0 ? ["hydra.yaml"] : [first.slice(0, slash + 1)];
}
