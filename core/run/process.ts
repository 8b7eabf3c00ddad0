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

/**
 * Whether process group `pgid` has a member that is not a zombie, from `ps`
 * lines of `PGID STAT`. A member that exited but was not reaped yet (its
 * parent gone, init slow to reap it) still receives signals, so the group
 * looks alive to a `kill`; it runs nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupLiveIn } from "./process.ts";
 * assert.equal(groupLiveIn("    7 Z\n    9 S\n", 7), false);
 * assert.equal(groupLiveIn("    7 Z\n    7 S+\n", 7), true);
 * ```
 */
export function groupLiveIn(psLines: string, pgid: number): boolean {
  for (const line of psLines.split("\n")) {
    const [group, state] = line.trim().split(/\s+/);
    if (Number(group) === pgid && state !== undefined && !/^[ZX]/.test(state)) return true;
  }
  return false;
}

/**
 * Whether the job's process group has a member left that is not a zombie;
 * undefined where `ps` cannot tell (no `setsid`, so no group of its own; no
 * `ps`). (`ps`, because reading `/proc` takes Deno's --allow-all.)
 *
 * @example
 * ```ts ignore
 * if (groupRunning(child) === false) groups.delete(num);
 * ```
 */
export function groupRunning(child: Deno.ChildProcess): boolean | undefined {
  if (!setsid()) return undefined;
  try {
    const out = new Deno.Command("ps", {
      args: ["-A", "-o", "pgid=", "-o", "stat="],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    if (!out.success) return undefined;
    return groupLiveIn(new TextDecoder().decode(out.stdout), child.pid);
  } catch {
    return undefined;
  }
}
