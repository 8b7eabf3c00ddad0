/**
 * The job's command line: its job name (Hydra names a job after its
 * script), the placeholders `{overrides}`, `{run_dir}` and `{job_num}`, and
 * the environment strata hands every job.
 *
 * @module
 */

import { basename } from "../path.ts";
import { shJoin } from "../manifest/command.ts";

/** Programs that run a script named by their first non-option argument. */
const INTERPRETERS =
  /^(python[\d.]*|pypy[\d.]*|bash|sh|zsh|node|deno|bun|Rscript|julia|ruby|perl)$/;

function stem(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Where the script of a command line is: `python -u train.py` → 2, `./eval`
 * → 0; -1 when it runs none (`python -c ...`, `python -m pkg`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scriptIndex } from "./command.ts";
 * assert.equal(scriptIndex(["python", "-u", "src/train.py", "lr=1"]), 2);
 * assert.equal(scriptIndex(["python", "-m", "pkg.train"]), -1);
 * ```
 */
export function scriptIndex(argv: readonly string[]): number {
  if (argv.length === 0 || argv[0].startsWith("{")) return -1;
  if (!INTERPRETERS.test(basename(argv[0]))) return 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-c" || a === "-m" || a === "-e") return -1;
    if (!a.startsWith("-")) return a.startsWith("{") ? -1 : i;
  }
  return -1;
}

/**
 * The job name Hydra would give: the script's stem (`python train.py` →
 * `train`, `./sweep.sh` → `sweep`), or null when the command runs no script.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scriptStem } from "./command.ts";
 * assert.equal(scriptStem(["python", "-u", "src/train.py", "lr=1"]), "train");
 * assert.equal(scriptStem(["./bin/eval"]), "eval");
 * assert.equal(scriptStem(["python", "-m", "pkg.train"]), null);
 * ```
 */
export function scriptStem(argv: readonly string[]): string | null {
  const i = scriptIndex(argv);
  return i < 0 ? null : stem(argv[i]);
}

/** What the placeholders of a job's command line stand for. */
export interface JobFields {
  /** The job's task overrides, one argument each for `{overrides}`. */
  overrides: string[];
  /** `{run_dir}`: the job's run directory. */
  runDir: string;
  /** `{job_num}`: the job number. */
  num: number;
}

/**
 * Expands `{overrides}` (an argument of its own: one argument per override),
 * `{run_dir}` and `{job_num}` (anywhere in an argument).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandCommand } from "./command.ts";
 * assert.deepEqual(
 *   expandCommand(["python", "app.py", "{overrides}", "hydra.run.dir={run_dir}"], {
 *     overrides: ["lr=0.1", "db=mysql"], runDir: "/out/3", num: 3,
 *   }),
 *   ["python", "app.py", "lr=0.1", "db=mysql", "hydra.run.dir=/out/3"],
 * );
 * ```
 */
export function expandCommand(argv: readonly string[], job: JobFields): string[] {
  return argv.flatMap((a) =>
    a === "{overrides}"
      ? job.overrides
      : [a.replaceAll("{run_dir}", job.runDir).replaceAll("{job_num}", String(job.num))]
  );
}

/**
 * The variables strata sets for a job: `STRATA_CONFIG` (the resolved
 * `config.yaml`), `STRATA_CONFIG_HASH` (its content hash, as `strata hash`
 * prints it), `STRATA_RUN_DIR`, `STRATA_JOB_NUM`, `STRATA_JOB_ID`, and
 * `STRATA_JOB_OVERRIDES` (the job's overrides, shell-quoted on one line: a
 * Hydra app takes them with `eval "python app.py $STRATA_JOB_OVERRIDES"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobEnvironment } from "./command.ts";
 * const env = jobEnvironment({
 *   config: "/o/config.yaml", hash: "ab12", runDir: "/o", num: 2, id: "2", overrides: ["lr=0.1", "x=a b"],
 * });
 * assert.equal(env.STRATA_JOB_NUM, "2");
 * assert.equal(env.STRATA_JOB_OVERRIDES, "lr=0.1 'x=a b'");
 * assert.equal(env.STRATA_CONFIG_HASH, "ab12");
 * ```
 */
export function jobEnvironment(
  job: {
    config: string;
    hash: string;
    runDir: string;
    num: number;
    id: string;
    overrides: readonly string[];
  },
): Record<string, string> {
  return {
    STRATA_JOB_OVERRIDES: shJoin(job.overrides),
    STRATA_CONFIG: job.config,
    STRATA_CONFIG_HASH: job.hash,
    STRATA_RUN_DIR: job.runDir,
    STRATA_JOB_NUM: String(job.num),
    STRATA_JOB_ID: job.id,
  };
}
