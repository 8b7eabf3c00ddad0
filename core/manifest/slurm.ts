/**
 * A sweep as SLURM job arrays: one sbatch script per array of at most
 * MaxArraySize tasks and under sbatch's `max_script_size`, each task running
 * the job the script pins for it through `strata run --job-index I
 * --job-overrides JSON`, and `submit.sh` that submits them all.
 *
 * @module
 */

import { MAX_ARG_BYTES, runArgv, type RunSpec, shJoin, shQuote } from "./command.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import type { JobSource, Manifest, ManifestFile, Resources } from "./types.ts";
import { gpuRequest } from "./units.ts";

/** SLURM's default MaxArraySize: task ids run 0 to 1000. */
export const DEFAULT_MAX_ARRAY_SIZE = 1001;
/** sbatch's default `max_script_size` (SchedulerParameters): it refuses a larger script. */
export const DEFAULT_MAX_SCRIPT_SIZE = 4 * 1024 * 1024;

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
  /** Shell lines run before the job (hydra-submitit-launcher's `setup`: `module load cuda`). */
  setup?: string[];
  /** sbatch's largest script in bytes (default {@link DEFAULT_MAX_SCRIPT_SIZE}). */
  maxScriptSize?: number;
  /** The tasks' working directory (`--chdir`): where the sweep was expanded. */
  workDir: string;
  /**
   * The output directory (absolute), where the `%x_%A_%a.out` logs and the
   * job files of overrides too long for an argument go; null: none given
   * (logs in the working directory; such a job makes the manifest need one).
   */
  logDir: string | null;
}

/**
 * One word of an `#SBATCH` line: bare when plainly safe, else in double
 * quotes with `\\` and `"` escaped, which is how sbatch splits those lines
 * (outside quotes a space ends the word and `#` starts a comment).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sbatchWord } from "./slurm.ts";
 * assert.equal(sbatchWord("--partition=gpu"), "--partition=gpu");
 * assert.equal(sbatchWord("--chdir=/w/sp ace"), '"--chdir=/w/sp ace"');
 * assert.equal(sbatchWord('--comment=a "b" #1'), '"--comment=a \\"b\\" #1"');
 * ```
 */
export function sbatchWord(word: string): string {
  return /^[-A-Za-z0-9_./=,:+@%]+$/.test(word) ? word : `"${word.replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * Refuses a value that cannot go on an `#SBATCH` line: a line break would
 * end the directive and start a line of the script.
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkDirective } from "./slurm.ts";
 * checkDirective("--partition", "gpu");
 * assert.throws(() => checkDirective("--partition", "debug\nrm -rf /"), /line break/);
 * ```
 */
export function checkDirective(what: string, value: string): void {
  if (/[\n\r]/.test(value)) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot put ${what} ${JSON.stringify(value)} on an #SBATCH line: it holds a line break`,
    );
  }
}

/** An `--sbatch` option as written: `account=ml` is `--account=ml`. */
const extraOption = (extra: string) => extra.startsWith("-") ? extra : `--${extra}`;

/**
 * Refuses an empty `--sbatch` option, or one that sets the job array: strata numbers the
 * tasks of each script itself (task T runs job START + T), so another
 * `--array` would run the wrong jobs or leave some out.
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSbatchExtra } from "./slurm.ts";
 * checkSbatchExtra("--account=ml");
 * assert.throws(() => checkSbatchExtra("--array=0-9"), /--array/);
 * assert.throws(() => checkSbatchExtra(""), /give an sbatch option/);
 * ```
 */
export function checkSbatchExtra(extra: string): void {
  checkDirective("--sbatch", extra);
  // an empty one would be a bare `#SBATCH --` line
  if (extra.trim() === "") {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot pass --sbatch ${
        JSON.stringify(extra)
      }: give an sbatch option, e.g. --sbatch account=ml`,
    );
  }
  if (/^(?:--array(?:$|[=\s])|-a)/.test(extraOption(extra))) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot pass --sbatch ${JSON.stringify(extra)}: strata writes each script's --array ` +
        `itself (use --parallel for %P, --max-array-size to split)`,
    );
  }
}

/**
 * An `--sbatch` option as the words of its `#SBATCH` line. `-p debug` and
 * `--comment a b` are an option and its value, as on sbatch's command line
 * (one quoted word would be the option ` debug`, or an unknown long option).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sbatchExtra } from "./slurm.ts";
 * assert.equal(sbatchExtra("-p debug"), "-p debug");
 * assert.equal(sbatchExtra("--comment a b"), '--comment "a b"');
 * assert.equal(sbatchExtra("qos=high"), "--qos=high");
 * ```
 */
export function sbatchExtra(extra: string): string {
  const option = extraOption(extra);
  const split = /^(-[A-Za-z]|--[A-Za-z][-A-Za-z0-9_]*)\s+(\S[^]*)$/.exec(option);
  return split ? `${split[1]} ${sbatchWord(split[2])}` : sbatchWord(option);
}

/** `0-N` or `0-N%P`: the task ids of an array of `tasks`, at most P at once. */
const arraySpec = (opts: SlurmOptions, tasks: number) =>
  `0-${tasks - 1}${opts.parallel ? `%${opts.parallel}` : ""}`;

const utf8 = new TextEncoder();
const pad = (n: number) => String(n).padStart(3, "0");

/** `%` is a file name pattern character of `--output` (`%%` is a `%`). */
const literalPattern = (path: string) => path.replaceAll("%", "%%");

/**
 * A GPU request as an `#SBATCH` option. SLURM's `--gpus=[TYPE:]N` takes the
 * type as given (a100:2) and counts GPUs per job, as `strata sweep --gpus`
 * says; the request is parsed first so a malformed one is refused here too.
 */
function gpuOption(gpus: string): string {
  const { type, count } = gpuRequest(gpus);
  return `--gpus=${type === null ? "" : `${type}:`}${count}`;
}

function header(opts: SlurmOptions, tasks: number): string[] {
  const options = [
    `--job-name=${opts.name}`,
    `--array=${arraySpec(opts, tasks)}`,
    `--output=${opts.logDir ? `${literalPattern(opts.logDir)}/` : ""}%x_%A_%a.out`,
    `--chdir=${opts.workDir}`,
  ];
  if (opts.partition) options.push(`--partition=${opts.partition}`);
  if (opts.time) options.push(`--time=${opts.time}`);
  if (opts.gpus) options.push(gpuOption(opts.gpus));
  if (opts.cpusPerTask) options.push(`--cpus-per-task=${opts.cpusPerTask}`);
  if (opts.mem) options.push(`--mem=${opts.mem}`);
  const lines = options.map((o) => {
    checkDirective("the option", o);
    return `#SBATCH ${sbatchWord(o)}`;
  });
  for (const extra of opts.sbatch ?? []) {
    checkSbatchExtra(extra);
    lines.push(`#SBATCH ${sbatchExtra(extra)}`);
  }
  return lines;
}

/**
 * An array script running jobs `start` to `start + jobs.length - 1`; `jobs`
 * are their override lists as JSON arrays, one line each.
 */
function arrayScript(
  run: RunSpec,
  opts: SlurmOptions,
  count: number,
  start: number,
  jobs: string[],
): string {
  const { head, tail } = runArgv(run);
  const end = start + jobs.length;
  return [
    "#!/bin/bash",
    `# strata sweep ${opts.name}: jobs ${start}-${end - 1} of ${count}, one array task each.`,
    "# Each task composes its job's config into a Hydra-style job dir with `strata run`.",
    ...header(opts, jobs.length),
    // as submitit's script runs them: before the job, without strata's `set -e`
    ...(opts.setup?.length ? ["# hydra.launcher.setup", ...opts.setup] : []),
    "set -euo pipefail",
    `STRATA_JOB_INDEX=$((\${SLURM_ARRAY_TASK_ID:?submit this script with sbatch} + ${start}))`,
    "# The task's job overrides as a JSON array (line k is task k-1), as the sweep expanded",
    "# when this script was written (@FILE: too long for one argument, in that file, beside",
    "# this script): `strata run` runs exactly these, and gives the job",
    '# $STRATA_JOB_OVERRIDES, shell-quoted (a Hydra app: eval "python app.py $STRATA_JOB_OVERRIDES").',
    `STRATA_JOB=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" <<'STRATA_JOBS'`,
    ...jobs,
    "STRATA_JOBS",
    ")",
    // resubmitted with a wider --array: said here, not as an empty --job-overrides
    `if [ -z "$STRATA_JOB" ]; then`,
    `  echo "strata: array task $SLURM_ARRAY_TASK_ID: this script holds tasks 0-${
      jobs.length - 1
    } (jobs ${start}-${end - 1} of the sweep)" >&2`,
    "  exit 2",
    "fi",
    "export STRATA_JOB_INDEX",
    `exec ${shJoin(head)} "$STRATA_JOB_INDEX" --job-overrides "$STRATA_JOB" ${shJoin(tail)}`,
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
    // `${a[@]+"${a[@]}"}`: an empty array's "${a[@]}" is an unbound variable
    // under `set -u` in bash < 4.4 (RHEL 7's 4.2, still on login nodes)
    '  id=$(sbatch --parsable ${dependency[@]+"${dependency[@]}"} "$script")',
    "  id=${id%%;*}",
    '  echo "$id"',
    chained ? '  dependency=("--dependency=afterany:$id")' : "  : # arrays run side by side",
    "done",
    "",
  ].join("\n");
}

/**
 * The sweep as SLURM array scripts (`array_000.sbatch`, ...) and `submit.sh`.
 * A sweep larger than MaxArraySize, or whose script would exceed sbatch's
 * `max_script_size`, is split into several arrays; task `t` of the array
 * starting at job `s` runs job `s + t`, with the overrides the script lists.
 * A job's overrides too long for one argument ({@link MAX_ARG_BYTES}) go to
 * `job_<index>.json` in the output directory, which its line names (`@FILE`).
 *
 * @throws {StrataError} `usage` for a line break in an `#SBATCH` value, or a
 *   job whose overrides alone exceed `max_script_size`.
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
  const scriptSize = opts.maxScriptSize ?? DEFAULT_MAX_SCRIPT_SIZE;
  // What a script holds besides its job lines (with room for wider numbers).
  const fixed = utf8.encode(arrayScript(run, opts, source.count, source.count, [])).length + 64;
  const files: ManifestFile[] = [];
  const summary = [`jobs: ${source.count}`];
  let bySize = false;
  let start = 0;
  let lines: string[] = [];
  let bytes = fixed;
  const flush = () => {
    const name = `array_${pad(files.length)}.sbatch`;
    const text = arrayScript(run, opts, source.count, start, lines);
    files.push({ name, text, executable: true });
    const end = start + lines.length;
    summary.push(`${name}: jobs ${start}-${end - 1} (--array=${arraySpec(opts, end - start)})`);
    start = end;
    lines = [];
    bytes = fixed;
  };
  const spilled: ManifestFile[] = [];
  for (const job of source.jobs()) {
    let line = JSON.stringify(job.overrides);
    if (utf8.encode(line).length > MAX_ARG_BYTES) {
      // Too long for one argument of `strata run`: the task reads it from a file.
      const name = `job_${job.index}.json`;
      spilled.push({ name, text: line + "\n" });
      line = `@${opts.logDir ?? "DIR"}/${name}`;
    }
    const lineBytes = utf8.encode(line).length + 1;
    if (fixed + lineBytes > scriptSize) {
      throw new StrataError(
        ErrorCode.Usage,
        `Cannot write job ${job.index} into an sbatch script: its overrides take ${lineBytes} ` +
          `bytes, over sbatch's max_script_size (${scriptSize} bytes)`,
      );
    }
    const full = lines.length === size;
    if (!full && bytes + lineBytes > scriptSize) bySize = true;
    if (full || bytes + lineBytes > scriptSize) flush();
    lines.push(line);
    bytes += lineBytes;
  }
  if (lines.length) flush();
  const why = `MaxArraySize ${size}, ${opts.maxArraySource}` +
    (bySize ? `; scripts under sbatch's max_script_size, ${scriptSize} bytes` : "");
  summary.splice(1, 0, `arrays: ${files.length} (${why})`);
  if (spilled.length) {
    summary.push(
      `job files: ${spilled.length} (overrides over ${MAX_ARG_BYTES} bytes, too long for one ` +
        `argument: --job-overrides @FILE)`,
    );
  }
  const names = files.map((f) => f.name);
  files.push(...spilled, {
    name: "submit.sh",
    text: submitScript(names, opts, source.count),
    executable: true,
  });
  const single = names.length === 1 && !spilled.length ? files[0].text : undefined;
  return { files, single, summary };
}
