/**
 * The SLURM cluster's limits a sweep's sbatch scripts must fit (MaxArraySize,
 * sbatch's `max_script_size`), from `scontrol show config`, else SLURM's
 * defaults. scontrol waits for the controller for its MessageTimeout (~9 s
 * here) when one is configured but does not answer, so the CLI asks with a
 * short timeout of its own ({@link readClusterLimits}).
 *
 * @module
 */

import { DEFAULT_MAX_ARRAY_SIZE, DEFAULT_MAX_SCRIPT_SIZE } from "./slurm.ts";

/** What {@link readClusterLimits} and {@link clusterMaxArraySize} found. */
export interface ClusterLimits {
  /** MaxArraySize. */
  size: number;
  /** Where `size` came from, for the summary and submit.sh. */
  source: string;
  /** sbatch's `max_script_size` in bytes. */
  scriptSize: number;
  /** Whether scontrol was killed for not answering in time (the defaults are a guess then). */
  timedOut?: boolean;
}

/** How long the CLI waits for `scontrol show config` (a live controller answers in ms). */
export const SCONTROL_TIMEOUT_MS = 2000;

/**
 * MaxArraySize from `scontrol show config` output, or null when absent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMaxArraySize } from "./slurm_cluster.ts";
 * assert.equal(parseMaxArraySize("MaxArraySize            = 10001\nMaxJobCount = 1"), 10001);
 * assert.equal(parseMaxArraySize(""), null);
 * ```
 */
export function parseMaxArraySize(config: string): number | null {
  const m = /^MaxArraySize\s*=\s*(\d+)/m.exec(config);
  return m ? Number(m[1]) : null;
}

/**
 * `max_script_size` of SchedulerParameters in `scontrol show config` output,
 * or null when it is not set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMaxScriptSize } from "./slurm_cluster.ts";
 * assert.equal(parseMaxScriptSize("SchedulerParameters = bf_interval=1,max_script_size=8000000"), 8000000);
 * assert.equal(parseMaxScriptSize("SchedulerParameters = bf_interval=1"), null);
 * ```
 */
export function parseMaxScriptSize(config: string): number | null {
  const m = /^SchedulerParameters\s*=.*\bmax_script_size=(\d+)/m.exec(config);
  return m ? Number(m[1]) : null;
}

/** The limits in scontrol's output (empty: it did not answer), else SLURM's defaults. */
function limitsOf(config: string, why: string): ClusterLimits {
  const size = parseMaxArraySize(config);
  const scriptSize = parseMaxScriptSize(config) ?? DEFAULT_MAX_SCRIPT_SIZE;
  if (size !== null) return { size, source: "from scontrol show config", scriptSize };
  return {
    size: DEFAULT_MAX_ARRAY_SIZE,
    source: `SLURM's default: ${why}`,
    scriptSize: DEFAULT_MAX_SCRIPT_SIZE,
  };
}

const NO_ANSWER = "scontrol did not answer";

/**
 * The cluster's MaxArraySize and sbatch's `max_script_size`, read from
 * `scontrol show config` when scontrol answers, else SLURM's defaults (1001,
 * 4 MiB). It waits as long as scontrol does: {@link readClusterLimits} does not.
 *
 * @example
 * ```ts ignore
 * import { clusterMaxArraySize } from "./slurm_cluster.ts";
 * clusterMaxArraySize(); // { size: 1001, source: "SLURM's default: scontrol did not answer", scriptSize: 4194304 }
 * ```
 */
export function clusterMaxArraySize(): ClusterLimits {
  try {
    const out = new Deno.Command("scontrol", { args: ["show", "config"], stderr: "null" })
      .outputSync();
    return limitsOf(out.success ? new TextDecoder().decode(out.stdout) : "", NO_ANSWER);
  } catch {
    // no scontrol on this machine
    return limitsOf("", NO_ANSWER);
  }
}

/**
 * {@link clusterMaxArraySize}, but scontrol is killed when it has not answered
 * within `timeoutMs` (a controller that is configured but down): SLURM's
 * defaults then, with `timedOut` set. Nothing waits for what the killed
 * process may have started.
 *
 * @example
 * ```ts ignore
 * import { readClusterLimits } from "./slurm_cluster.ts";
 * await readClusterLimits(); // { size: 1001, source: "SLURM's default: ...", scriptSize: 4194304 }
 * ```
 */
export async function readClusterLimits(
  timeoutMs: number = SCONTROL_TIMEOUT_MS,
): Promise<ClusterLimits> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("scontrol", {
      args: ["show", "config"],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).spawn();
  } catch {
    // no scontrol on this machine
    return limitsOf("", NO_ANSWER);
  }
  // read by hand, so that a timeout can close the pipe a child of scontrol may hold open
  const reader = child.stdout.getReader();
  const answer = (async () => {
    const decoder = new TextDecoder();
    let text = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += decoder.decode(r.value, { stream: true });
    }
    return (await child.status).success ? text + decoder.decode() : "";
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((ok) => timer = setTimeout(() => ok(undefined), timeoutMs));
  const config = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (config !== undefined) return limitsOf(config, NO_ANSWER);
  answer.catch(() => {}); // cancelled below
  try {
    child.kill("SIGKILL");
  } catch {
    // it exited just now
  }
  await reader.cancel();
  const seconds = timeoutMs / 1000;
  return { ...limitsOf("", `scontrol did not answer in ${seconds} s`), timedOut: true };
}
