/**
 * A sweep as SLURM job arrays: one sbatch script per array of at most
 * MaxArraySize tasks, each task running its job through `strata run
 * --job-index`, and `submit.sh` that submits them all.
 *
 * @module
 */

import { runArgv, type RunSpec, shJoin, shQuote } from "./command.ts";
import type { JobSource, Manifest, ManifestFile, Resources } from "./types.ts";

/** SLURM's default MaxArraySize: task ids run 0 to 1000. */
export const DEFAULT_MAX_ARRAY_SIZE = 1001;

/** Settings of {@link slurmManifest}. */
export interface SlurmOptions extends Resources {
  /** `--job-name`. */
  name: string;
  /** The cluster's MaxArraySize (task ids 0 to MaxArraySize - 1). */
  maxArraySize: number;
  /** Where MaxArraySize came from, for the summary. */
  maxArraySource: string;
  /** `--partition`. */
  partition?: string;
  /** More `#SBATCH` options (`--account=ml`). */
  sbatch?: string[];
  /** The tasks' working directory (`--chdir`): where the sweep was expanded. */
  workDir: string;
  /** Where the `%x_%A_%a.out` logs go (absolute), or null for the working directory. */
  logDir: string | null;
}

/**
 * MaxArraySize from `scontrol show config` output, or null when absent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMaxArraySize } from "./slurm.ts";
 * assert.equal(parseMaxArraySize("MaxArraySize            = 10001\nMaxJobCount = 1"), 10001);
 * assert.equal(parseMaxArraySize(""), null);
 * ```
 */
export function parseMaxArraySize(config: string): number | null {
  const m = /^MaxArraySize\s*=\s*(\d+)/m.exec(config);
  return m ? Number(m[1]) : null;
}

/**
 * The cluster's MaxArraySize, read from `scontrol show config` when scontrol
 * answers, else SLURM's default 1001.
 *
 * @example
 * ```ts ignore
 * import { clusterMaxArraySize } from "./slurm.ts";
 * clusterMaxArraySize(); // { size: 1001, source: "SLURM's default: no scontrol" }
 * ```
 */
export function clusterMaxArraySize(): { size: number; source: string } {
  try {
    const out = new Deno.Command("scontrol", { args: ["show", "config"], stderr: "null" })
      .outputSync();
    const size = out.success ? parseMaxArraySize(new TextDecoder().decode(out.stdout)) : null;
    if (size !== null) return { size, source: "from scontrol show config" };
  } catch {
    // no scontrol on this machine
  }
  return { size: DEFAULT_MAX_ARRAY_SIZE, source: "SLURM's default: scontrol did not answer" };
}

/** `0-N` or `0-N%P`: the task ids of an array of `tasks`, at most P at once. */
const arraySpec = (opts: SlurmOptions, tasks: number) =>
  `0-${tasks - 1}${opts.parallel ? `%${opts.parallel}` : ""}`;

const pad = (n: number) => String(n).padStart(3, "0");

function header(opts: SlurmOptions, tasks: number): string[] {
  const lines = [
    `#SBATCH --job-name=${opts.name}`,
    `#SBATCH --array=${arraySpec(opts, tasks)}`,
    `#SBATCH --output=${opts.logDir ? `${opts.logDir}/` : ""}%x_%A_%a.out`,
    `#SBATCH --chdir=${opts.workDir}`,
  ];
  if (opts.partition) lines.push(`#SBATCH --partition=${opts.partition}`);
  if (opts.time) lines.push(`#SBATCH --time=${opts.time}`);
  if (opts.gpus) lines.push(`#SBATCH --gpus=${opts.gpus}`);
  if (opts.cpusPerTask) lines.push(`#SBATCH --cpus-per-task=${opts.cpusPerTask}`);
  if (opts.mem) lines.push(`#SBATCH --mem=${opts.mem}`);
  for (const extra of opts.sbatch ?? []) {
    lines.push(`#SBATCH ${extra.startsWith("-") ? extra : `--${extra}`}`);
  }
  return lines;
}

function arrayScript(
  source: JobSource,
  run: RunSpec,
  opts: SlurmOptions,
  start: number,
  end: number,
): string {
  const { head, tail } = runArgv(run);
  const overrides: string[] = [];
  for (const job of source.jobs(start, end)) overrides.push(shJoin(job.overrides));
  return [
    "#!/bin/bash",
    `# strata sweep ${opts.name}: jobs ${start}-${
      end - 1
    } of ${source.count}, one array task each.`,
    "# Each task composes its job's config into a Hydra-style job dir with `strata run`.",
    ...header(opts, end - start),
    "set -euo pipefail",
    `STRATA_JOB_INDEX=$((\${SLURM_ARRAY_TASK_ID:?submit this script with sbatch} + ${start}))`,
    "# The task's job overrides, shell-quoted (line k is task k-1). A Hydra app takes them",
    '# as is: eval "python app.py $STRATA_JOB_OVERRIDES"',
    `STRATA_JOB_OVERRIDES=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" <<'STRATA_JOBS'`,
    ...overrides,
    "STRATA_JOBS",
    ")",
    "export STRATA_JOB_INDEX STRATA_JOB_OVERRIDES",
    `exec ${shJoin(head)} "$STRATA_JOB_INDEX" ${shJoin(tail)}`,
    "",
  ].join("\n");
}

function submitScript(names: string[], opts: SlurmOptions, count: number): string {
  // With --parallel, arrays run one after another so that at most P jobs run
  // at once; otherwise all are queued together.
  const chained = opts.parallel !== undefined && names.length > 1;
  return [
    "#!/bin/bash",
    `# Submits the ${names.length} job array(s) of strata sweep ${opts.name} (${count} jobs;`,
    `# MaxArraySize ${opts.maxArraySize}, ${opts.maxArraySource}) and prints their job ids.`,
    "set -euo pipefail",
    'cd "$(dirname "$0")"',
    "dependency=()",
    `for script in ${names.map(shQuote).join(" ")}; do`,
    '  id=$(sbatch --parsable "${dependency[@]}" "$script")',
    "  id=${id%%;*}",
    '  echo "$id"',
    chained ? '  dependency=("--dependency=afterany:$id")' : "  : # arrays run side by side",
    "done",
    "",
  ].join("\n");
}

/**
 * The sweep as SLURM array scripts (`array_000.sbatch`, ...) and `submit.sh`.
 * A sweep larger than MaxArraySize is split into several arrays; task `t` of
 * the array starting at job `s` runs job `s + t`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { slurmManifest } from "./slurm.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2,3"] }), null, null);
 * const run = {
 *   strata: ["strata"], configDir: "/c", configName: "config", searchPath: [], link: [],
 *   overrides: ["a=1,2,3"], command: ["./train"],
 * };
 * const m = slurmManifest(jobs, run, {
 *   name: "sw", maxArraySize: 2, maxArraySource: "--max-array-size", workDir: "/w", logDir: null,
 * });
 * assert.deepEqual(m.files.map((f) => f.name), ["array_000.sbatch", "array_001.sbatch", "submit.sh"]);
 * assert.match(m.files[1].text, /#SBATCH --array=0-0\n/);
 * assert.equal(m.single, undefined); // two arrays need a directory
 * ```
 */
export function slurmManifest(source: JobSource, run: RunSpec, opts: SlurmOptions): Manifest {
  const size = Math.max(1, opts.maxArraySize);
  const files: ManifestFile[] = [];
  const summary = [`jobs: ${source.count}`];
  for (let start = 0; start < source.count; start += size) {
    const end = Math.min(source.count, start + size);
    const name = `array_${pad(files.length)}.sbatch`;
    files.push({ name, text: arrayScript(source, run, opts, start, end), executable: true });
    summary.push(`${name}: jobs ${start}-${end - 1} (--array=${arraySpec(opts, end - start)})`);
  }
  summary.splice(1, 0, `arrays: ${files.length} (MaxArraySize ${size}, ${opts.maxArraySource})`);
  const names = files.map((f) => f.name);
  files.push({
    name: "submit.sh",
    text: submitScript(names, opts, source.count),
    executable: true,
  });
  return { files, single: names.length === 1 ? files[0].text : undefined, summary };
}
