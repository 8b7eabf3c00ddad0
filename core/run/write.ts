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
import { ErrorCode, StrataError, thrownText } from "../errors.ts";
import type { Origin } from "../node.ts";
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
