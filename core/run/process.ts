/**
 * The operating system, for the launcher: finding a program on PATH, starting
 * a job in a process group of its own (through `setsid` where it exists, so
 * that stopping a job stops everything it started) and signalling that group.
 * The only module of core/run that spawns processes.
 *
 * @module
 */

import { delimiter, isAbsolute, join } from "../path.ts";

function isExecutableFile(path: string): boolean {
  try {
    const st = Deno.statSync(path);
    return st.isFile && (st.mode === null || (st.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}

/**
 * The path a program name runs, as the shell finds it (a name with a `/` is
 * a path relative to `cwd`), or null when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findProgram } from "./process.ts";
 * assert.equal(findProgram("no-such-program-strata", "/"), null);
 * assert.ok(findProgram("sh", "/")?.endsWith("/sh"));
 * ```
 */
export function findProgram(name: string, cwd: string): string | null {
  if (name.includes("/")) {
    const path = isAbsolute(name) ? name : join(cwd, name);
    return isExecutableFile(path) ? path : null;
  }
  for (const dir of (Deno.env.get("PATH") ?? "").split(delimiter)) {
    if (dir && isExecutableFile(join(dir, name))) return join(dir, name);
  }
  return null;
}

// Looked up when a job starts, not at import: loading this module must need no
// env permission (commands that never launch a job run without it).
let setsidPath: string | null | undefined;
function setsid(): string | null {
  if (setsidPath === undefined) setsidPath = findProgram("setsid", "/");
  return setsidPath;
}

/** What {@link spawnJob} starts. */
export interface SpawnSpec {
  argv: string[];
  cwd: string;
  /** The job's whole environment: a variable it leaves out is unset in the job. */
  env: Record<string, string>;
  /** `inherit` for a single interactive run, `null` for jobs of a sweep. */
  stdin: "inherit" | "null";
}

/**
 * Starts a job with piped stdout and stderr, as the leader of its own
 * process group when `setsid` is available.
 *
 * @example
 * ```ts ignore
 * const child = spawnJob({ argv: ["python3", "train.py"], cwd: ".", env: {}, stdin: "null" });
 * ```
 */
export function spawnJob(spec: SpawnSpec): Deno.ChildProcess {
  const leader = setsid();
  const [program, ...args] = leader ? [leader, ...spec.argv] : spec.argv;
  return new Deno.Command(program, {
    args,
    cwd: spec.cwd,
    env: spec.env,
    clearEnv: true,
    stdin: spec.stdin,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/**
 * Sends `signal` to the job's process group (or the job alone without
 * `setsid`); returns whether anything received it: false once the group is
 * empty, though its leader may have exited long before (what the job left
 * running, `sleep 1000 &`, keeps the group, and its number, alive).
 *
 * @example
 * ```ts ignore
 * stopJob(child, "SIGTERM");
 * ```
 */
export function stopJob(child: Deno.ChildProcess, signal: Deno.Signal): boolean {
  try {
    if (setsid()) Deno.kill(-child.pid, signal);
    else child.kill(signal);
    return true;
  } catch {
    return false; // already gone
  }
}
