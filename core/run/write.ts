/**
 * Writing a run directory: every file goes to a temporary name in the same
 * directory and is renamed into place, so a crash or Ctrl-C never leaves a
 * half-written `.hydra/` file. A job's outcome is recorded in
 * `.strata/status.json` beside `.hydra/`: `--resume` reruns every job whose
 * record is not `done`.
 *
 * @module
 */

import { dirname, isAbsolute, join } from "../path.ts";
import { ErrorCode, formatWarning, StrataError, thrownText } from "../errors.ts";
import { canonicalKey, type DictNode, type Node, type Origin } from "../node.ts";
import type { JobPlan } from "./plan.ts";
import { isOsError, osErrorMessage } from "../os_error.ts";
import {
  hydraConfigInRunDir,
  type ResolvedConfigFile,
  resolvedConfigFile,
  WRITTEN_FILE,
  writtenStamp,
} from "./config_file.ts";

/**
 * Where a job's outcome is recorded, relative to its run dir.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STATUS_FILE } from "./write.ts";
 * assert.equal(STATUS_FILE, ".strata/status.json");
 * ```
 */
export const STATUS_FILE = ".strata/status.json";
/**
 * Where a job's stdout and stderr go, relative to its run dir, when its
 * command is a Hydra app that writes `<job name>.log` itself (see
 * `jobLogPath` in ./command.ts); else they go to `<job name>.log`.
 */
export const OUTPUT_FILE = ".strata/output.log";
/** Where a run dir keeps the content hash of its resolved config (`strata hash`). */
export const HASH_FILE = ".strata/config_hash";

/** A job's recorded outcome, or that it runs. */
export interface JobStatus {
  /**
   * `done` (exit 0), `failed` (any other exit), `interrupted` (stopped by strata), `running`
   * (started, not ended: `pid` is its process).
   */
  state: "done" | "failed" | "interrupted" | "running";
  /** The exit code, or null when the job was stopped by a signal (or runs). */
  exit_code: number | null;
  /** The job's process while it runs. */
  pid?: number;
  /**
   * When it started (epoch seconds): a process with its pid that started later is another
   * program that got the pid after the job's ended ({@link stillRunning}).
   */
  started?: number;
}

/**
 * Whether a job recorded as `running` still runs: its process is there
 * (`kill -0`, which signals nothing: Deno's sandbox reads no /proc without
 * --allow-all; where no shell answers, it is taken to run, the safe answer
 * for `--resume`, which would otherwise start it a second time in its dir).
 * On Linux a process with the pid that started after the job (its start in
 * /proc, against `started`) is another program: the pid was reused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stillRunning } from "./write.ts";
 * assert.equal(stillRunning({ state: "done", exit_code: 0 }), false);
 * assert.equal(stillRunning({ state: "running", exit_code: null, pid: Deno.pid }), true);
 * // this process started long after an hour ago: its pid is no job's of then
 * const hourAgo = Math.floor(Date.now() / 1000) - 3600;
 * const reused = { state: "running" as const, exit_code: null, pid: Deno.pid, started: hourAgo };
 * assert.equal(stillRunning(reused), Deno.build.os !== "linux");
 * ```
 */
export function stillRunning(status: JobStatus | null): boolean {
  if (status?.state !== "running" || !Number.isInteger(status.pid)) return false;
  try {
    // a zombie (exited, not yet reaped by a slow pid 1, a container's) answers kill -0 too: its
    // state in /proc (Linux; the shell reads it, as the sandbox keeps strata out of /proc) says
    // the start: field 22 of /proc/PID/stat (the 20th after the name's `) `), in clock ticks
    // since the boot (`btime` of /proc/stat); 2 s of slack for the rounding of both
    const probe = new Deno.Command("sh", {
      args: [
        "-c",
        'kill -0 "$1" || exit 1; s=$(cat "/proc/$1/stat" 2>/dev/null) || exit 0; ' +
        'case "${s##*) }" in Z*) exit 1;; esac; [ -n "$2" ] || exit 0; ' +
        'set -- "$2" ${s##*) }; t=$(eval echo \\${21}); ' +
        "b=$(sed -n 's/^btime //p' /proc/stat); h=$(getconf CLK_TCK 2>/dev/null) || exit 0; " +
        '[ -n "$t" ] && [ -n "$b" ] && [ -n "$h" ] || exit 0; [ $((b + t / h)) -le $(($1 + 2)) ]',
        "sh",
        String(status.pid),
        Number.isInteger(status.started) ? String(status.started) : "",
      ],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return probe.success;
  } catch {
    return true;
  }
}

/**
 * A run dir that cannot be created: the OS's reason names the path (the part
 * of it that is a file), at the key that chose it and, when known, where that
 * key was set (the override, the config file's line, Hydra's default).
 */
function cannotWrite(
  path: string,
  e: unknown,
  key = "hydra.run.dir",
  setAt?: Origin,
): StrataError {
  const why = isOsError(e) ? osErrorMessage(e, path) : `${path}: ${thrownText(e)}`;
  return new StrataError(ErrorCode.Usage, `cannot create the run directory: ${why}`, {
    fullKey: key,
    origin: setAt,
  });
}

/**
 * The key that sets a job's run dir: `hydra.run.dir` for a single run,
 * `hydra.sweep.subdir` (under `hydra.sweep.dir`) for a job of a sweep.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDirKey } from "./write.ts";
 * assert.equal(runDirKey(null), "hydra.run.dir");
 * assert.equal(runDirKey(3), "hydra.sweep.subdir");
 * ```
 */
export function runDirKey(num: number | null): string {
  return num === null ? "hydra.run.dir" : "hydra.sweep.subdir";
}

const utf8 = new TextEncoder();

/**
 * Refuses a run dir with a name longer than a file system takes (over 255
 * bytes, NAME_MAX), which mkdir fails on once jobs have started:
 * `${hydra.job.override_dirname}` gives one to a job with long overrides.
 *
 * @param what what fails, as the message begins (a manifest creates no dir: its tasks would)
 * @throws {StrataError} `usage`, at `key` and `setAt`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNameLengths } from "./write.ts";
 * checkNameLengths("multirun/0_lr=0.1", "hydra.sweep.subdir");
 * assert.throws(() => checkNameLengths(`out/${"é".repeat(128)}`, "hydra.run.dir"), /256 bytes/);
 * ```
 */
export function checkNameLengths(
  dir: string,
  key: string,
  setAt?: Origin,
  what = "cannot create the run directory",
): void {
  const long = dir.split("/").find((part) => utf8.encode(part).length > NAME_MAX);
  if (long === undefined) return;
  throw new StrataError(
    ErrorCode.Usage,
    `${what}: file name too long: ${dir} (a name of ` +
      `${utf8.encode(long).length} bytes, over the ${NAME_MAX} a file system takes: ` +
      `'${long.slice(0, 40)}...')`,
    { fullKey: key, origin: setAt },
  );
}
/** The longest name of a file or directory (Linux's and macOS's NAME_MAX, in bytes). */
const NAME_MAX = 255;

/**
 * Checks, writing nothing, that `dir` can be created: no part of it that
 * exists is a file (`/etc/passwd/x`, a file where a job's dir would go), and
 * no name in it is longer than a file system takes.
 * Called for every run dir before the first job starts.
 *
 * @throws {StrataError} `usage`, at `key` and `setAt` (where `key` was set), when it cannot.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkCreatable } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/f`, "");
 * checkCreatable(`${dir}/a/b`, "hydra.run.dir");
 * assert.throws(() => checkCreatable(`${dir}/f/b`, "hydra.sweep.subdir"), /not a directory/i);
 * assert.throws(() => checkCreatable(`${dir}/${"x".repeat(256)}`, "hydra.sweep.subdir"), /too long/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkCreatable(dir: string, key: string, setAt?: Origin): void {
  checkNameLengths(dir, key, setAt);
  for (let p = dir;; p = dirname(p)) {
    let st: Deno.FileInfo;
    try {
      st = Deno.statSync(p);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound && dirname(p) !== p) continue;
      throw cannotWrite(dir, e, key, setAt);
    }
    // what mkdir would fail with (ENOTDIR), said the same way
    if (!st.isDirectory) throw cannotWrite(dir, new Deno.errors.NotADirectory(), key, setAt);
    return;
  }
}

/**
 * Writes `text` to `path` atomically (temporary name in the same directory,
 * then rename), creating the directories above it.
 *
 * @throws {StrataError} `usage`, at `key` (default `hydra.run.dir`) and
 *   `setAt` (where `key` was set), when the directory cannot be created or written.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeAtomic } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * writeAtomic(`${dir}/a/b.yaml`, "x: 1\n");
 * assert.equal(Deno.readTextFileSync(`${dir}/a/b.yaml`), "x: 1\n");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeAtomic(path: string, text: string, key?: string, setAt?: Origin): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${path.slice(dir.length + 1)}.${Deno.pid}.tmp`);
  try {
    Deno.mkdirSync(dir, { recursive: true });
    Deno.writeTextFileSync(tmp, text);
    Deno.renameSync(tmp, path);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch { /* nothing was written */ }
    throw cannotWrite(dir, e, key, setAt);
  }
}

/**
 * Whether a job's file (a key of `JobPlan.files`) is Hydra's `overrides.yaml`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOverridesFile } from "./write.ts";
 * assert.ok(isOverridesFile(".hydra/overrides.yaml") && isOverridesFile("overrides.yaml"));
 * ```
 */
export function isOverridesFile(rel: string): boolean {
  return rel === "overrides.yaml" || rel.endsWith("/overrides.yaml");
}

/**
 * Where a file of a job's `hydra.output_subdir` goes: Hydra's
 * `Path(run_dir) / output_subdir`, so an absolute subdir (navsim's
 * `${output_dir}/code/hydra`) is that path itself, not one under the run dir.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inRunDir } from "./write.ts";
 * assert.equal(inRunDir("out/run", ".hydra/config.yaml"), "out/run/.hydra/config.yaml");
 * assert.equal(inRunDir("out/run", "/abs/hydra/config.yaml"), "/abs/hydra/config.yaml");
 * ```
 */
export function inRunDir(dir: string, rel: string): string {
  return isAbsolute(rel) ? rel : join(dir, rel);
}

/**
 * Creates a job's run directory with its `.hydra/` files and the resolved
 * config the job reads through `STRATA_CONFIG`: `config.yaml`, or
 * `.strata/config.yaml` when the run dir holds a `config.yaml` strata did
 * not write ({@link resolvedConfigFile}, given the config dirs of the search
 * path) or Hydra's own `config.yaml` goes there ({@link hydraConfigInRunDir}); a stale status record from an earlier run is removed.
 *
 * @throws {StrataError} `usage` when the directory cannot be created.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeJobDir } from "./write.ts";
 * import { planRun } from "./plan.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "a: 1\nb: ${a}\n");
 * const { path } = writeJobDir(
 *   planRun({ configDir: dir, configName: "config", jobName: "app", cwd: `${dir}/run` }),
 *   [dir],
 * );
 * assert.equal(Deno.readTextFileSync(path), "a: 1\nb: 1\n");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeJobDir(
  job: JobPlan,
  configDirs: readonly string[] = [],
): ResolvedConfigFile {
  const key = runDirKey(job.num);
  // decided before anything is written: the job dir is all old files or all new ones
  const config = hydraConfigInRunDir(job.dir, job.files, job.outputSubdirAt) ??
    resolvedConfigFile(job.dir, configDirs);
  for (const [rel, text] of job.files) writeAtomic(inRunDir(job.dir, rel), text, key);
  writeAtomic(config.path, job.resolvedConfig, key);
  writeAtomic(join(job.dir, HASH_FILE), job.configHash + "\n", key);
  // what strata wrote, so that an edit of it since is seen as the user's file
  if (config.kept === undefined) {
    writeAtomic(join(job.dir, WRITTEN_FILE), `${writtenStamp(config.path) ?? ""}\n`, key);
  }
  try {
    Deno.removeSync(join(job.dir, STATUS_FILE));
  } catch { /* no earlier record */ }
  return config;
}

/**
 * Records a job's outcome in its run dir.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readStatus, writeStatus } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * writeStatus(dir, { state: "done", exit_code: 0 });
 * assert.equal(readStatus(dir)?.state, "done");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeStatus(dir: string, status: JobStatus): void {
  writeAtomic(join(dir, STATUS_FILE), JSON.stringify(status) + "\n");
}

/**
 * `--resume` starts no job that still runs (another strata run of the sweep,
 * or a job left running when strata was killed): in its dir it would run
 * twice, its log mixed.
 *
 * @throws {StrataError} `usage`, naming the job, its pid and its status file.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNoneRunning, writeStatus } from "./write.ts";
 * const dir = Deno.makeTempDirSync();
 * checkNoneRunning([{ num: 0, dir }]); // no status: nothing runs
 * writeStatus(dir, { state: "running", exit_code: null, pid: Deno.pid });
 * assert.throws(() => checkNoneRunning([{ num: 0, dir }]), /job #0 still runs/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function checkNoneRunning(plans: readonly { num: number | null; dir: string }[]): void {
  for (const p of plans) {
    const status = readStatus(p.dir);
    if (!stillRunning(status)) continue;
    throw new StrataError(
      ErrorCode.Usage,
      `--resume: job #${p.num} still runs (pid ${status!.pid}, in ${p.dir}): another strata ` +
        "run of this sweep, or a job left running when strata was killed; wait for it to end, " +
        `or stop it, then --resume (if pid ${status!.pid} is another program now, remove ` +
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
 * import { checkSameJob } from "./write.ts";
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
  for (const [rel, text] of p.files) {
    if (!isOverridesFile(rel)) continue;
    let recorded: string;
    try {
      recorded = Deno.readTextFileSync(inRunDir(p.dir, rel));
    } catch {
      return; // never ran
    }
    if (recorded === text) return;
    const list = (t: string) => t.trim().split("\n").map((l) => l.replace(/^- /, "")).join(" ");
    throw new StrataError(
      ErrorCode.Usage,
      `--resume: job #${p.num} in ${p.dir} ran with '${list(recorded)}', this sweep gives it ` +
        `'${list(text)}': the sweep changed. Run it in another hydra.sweep.dir, or without ` +
        "--resume to run every job again",
    );
  }
}

/**
 * `--resume` of a job under another name than it ran with (the command changed: `sleepy.py`, now
 * `train.py`): its earlier log is not appended to, a new one is started beside it. Said, once per
 * run, naming the first such job.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renamedLogWarning } from "./write.ts";
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
 * import { checkResumable } from "./write.ts";
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
 * import { checkDistinctDirs } from "./write.ts";
 * const jobs = [{ num: 0, dir: "/m/a" }, { num: 1, dir: "/m/a" }, { num: 2, dir: "/m/b" }];
 * assert.match(checkDistinctDirs(jobs, 1)[0], /jobs #0 and #1 both get the job dir \/m\/a/);
 * assert.throws(() => checkDistinctDirs(jobs, 2), /side by side/);
 * assert.deepEqual(checkDistinctDirs(jobs.slice(1), 2), []);
 * // batches of one job: #0 and #1 run one after the other
 * assert.equal(checkDistinctDirs(jobs, 2, (num) => num).length, 1);
 * ```
 */
export function checkDistinctDirs(
  jobs: readonly { num: number | null; dir: string }[],
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
        "tells apart get dirs of their own there): each job's files (.hydra/, config.yaml) replace the previous " +
        "one's and its log is appended to the same file; add ${hydra.job.num} to the subdir to " +
        "keep each job's"
      : "(hydra.sweep.subdir): as in Hydra, each job's files (.hydra/, config.yaml) replace the " +
        "previous one's and its log is appended to the same file";
    warnings.push(formatWarning(
      `${listed} ${nums.length === 2 ? "both" : "all"} get the job dir ${dir} ${why}`,
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
 * import { resumesNothing } from "./write.ts";
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

/**
 * A job's recorded status (`running` while it runs), or null when it has none (never started).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readStatus } from "./write.ts";
 * assert.equal(readStatus("/nonexistent"), null);
 * ```
 */
export function readStatus(dir: string): JobStatus | null {
  try {
    return JSON.parse(Deno.readTextFileSync(join(dir, STATUS_FILE))) as JobStatus;
  } catch {
    return null;
  }
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
 * import { sweepKeyReadsClock } from "./write.ts";
 * const master = { hydra: dict([["sweep", dict([["subdir", str("${now:%H-%M-%S}")]])]]) };
 * assert.equal(sweepKeyReadsClock(master, "subdir"), true);
 * assert.equal(sweepKeyReadsClock(master, "dir"), false);
 * ```
 */
export function sweepKeyReadsClock(master: { hydra: DictNode }, key: string): boolean {
  const at = (n: Node | undefined, k: string) =>
    n?.kind === "dict" ? n.entries.get(canonicalKey(k))?.node : undefined;
  const value = at(at(master.hydra, "sweep"), key);
  return value?.kind === "value" && /\$\{now:/.test(String(value.value));
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
 * import { tasksScatter } from "./write.ts";
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
