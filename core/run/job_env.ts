/**
 * A job's environment: what `strata run` adds for the job (`STRATA_*`,
 * `hydra.job.env_set`) and the process environment it runs with.
 *
 * @module
 */

import { posixQuote } from "../manifest/command.ts";
import { runsPythonModule } from "./command.ts";

/**
 * The longest `STRATA_JOB_OVERRIDES` a job gets, in UTF-8 bytes: Linux caps one
 * variable (like one argument) at 128 KiB, and a longer one makes the job's
 * program fail to start (exit 127). Half of it leaves room for the name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_ENV_OVERRIDES_BYTES } from "./job_env.ts";
 * assert.ok(MAX_ENV_OVERRIDES_BYTES < 128 * 1024);
 * ```
 */
export const MAX_ENV_OVERRIDES_BYTES = 65_536;

/**
 * The variables strata sets for a job: `STRATA_CONFIG` (the resolved
 * `config.yaml`), `STRATA_CONFIG_HASH` (its content hash, as `strata hash`
 * prints it), `STRATA_RUN_DIR`, `STRATA_JOB_NUM`, `STRATA_JOB_ID`, and
 * `STRATA_JOB_OVERRIDES` (the job's overrides, quoted for any POSIX shell: a
 * Hydra app takes them with `eval "python app.py $STRATA_JOB_OVERRIDES"`, in
 * dash as in bash; a newline or tab in a value stays in it, inside its quotes).
 * Overrides longer than {@link MAX_ENV_OVERRIDES_BYTES} are not set (an empty
 * value would run the app without them); `overridesTooLong` then says so, and
 * the job reads them from `.hydra/overrides.yaml`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobEnvironment } from "./job_env.ts";
 * const job = { config: "/o/config.yaml", hash: "ab12", runDir: "/o", num: 2, id: "2" };
 * const { env } = jobEnvironment({ ...job, overrides: ["lr=0.1", "x=a b"] });
 * assert.equal(env.STRATA_JOB_NUM, "2");
 * assert.equal(env.STRATA_JOB_OVERRIDES, "lr=0.1 'x=a b'");
 * assert.equal(env.STRATA_CONFIG_HASH, "ab12");
 * const big = jobEnvironment({ ...job, overrides: ["x=" + "a".repeat(70_000)] });
 * assert.equal("STRATA_JOB_OVERRIDES" in big.env, false);
 * assert.equal(big.overridesTooLong, 70_002);
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
): { env: Record<string, string>; overridesTooLong?: number } {
  const env: Record<string, string> = {
    STRATA_CONFIG: job.config,
    STRATA_CONFIG_HASH: job.hash,
    STRATA_RUN_DIR: job.runDir,
    STRATA_JOB_NUM: String(job.num),
    STRATA_JOB_ID: job.id,
  };
  // quoted for any POSIX shell (`eval` in dash too): a value's newline stays
  // in the variable, inside its quotes
  const line = job.overrides.map(posixQuote).join(" ");
  const bytes = line.length > MAX_ENV_OVERRIDES_BYTES / 3
    ? new TextEncoder().encode(line).length
    : line.length;
  if (bytes > MAX_ENV_OVERRIDES_BYTES) return { env, overridesTooLong: bytes };
  return { env: { STRATA_JOB_OVERRIDES: line, ...env } };
}

/**
 * A job process's whole environment: strata's own launch environment
 * (`base`, with `PYTHONUNBUFFERED` so Python's output reaches the log as it
 * is written), `hydra.job.env_set` (`extra`), then {@link jobEnvironment}'s
 * variables. A job run in its run dir (`chdir`) as `python -m pkg.train`
 * gets the launch dir (`cwd`) first on `PYTHONPATH`, as Hydra's app imports
 * `pkg` before changing directory. Overrides too long for a variable leave
 * `STRATA_JOB_OVERRIDES` unset, an inherited one included (it would name
 * another job's overrides).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobProcessEnv } from "./job_env.ts";
 * const job = { config: "/o/config.yaml", hash: "ab", runDir: "/o", num: 0, id: "0", overrides: [] };
 * const { env } = jobProcessEnv({ STRATA_JOB_OVERRIDES: "x=1" }, "/w", {
 *   ...job, argv: ["python", "-m", "pkg.train"], chdir: true, extra: {},
 * });
 * assert.equal(env.PYTHONPATH, "/w");
 * assert.equal(env.STRATA_JOB_OVERRIDES, "");
 * ```
 */
export function jobProcessEnv(
  base: Record<string, string>,
  cwd: string,
  job: Parameters<typeof jobEnvironment>[0] & {
    argv: readonly string[];
    chdir: boolean;
    extra: Record<string, string>;
  },
): { env: Record<string, string>; overridesTooLong?: number } {
  const own = jobEnvironment(job);
  const path = base.PYTHONPATH ? `${cwd}:${base.PYTHONPATH}` : cwd;
  const env: Record<string, string> = {
    PYTHONUNBUFFERED: "1",
    ...base,
    ...(job.chdir && runsPythonModule(job.argv) ? { PYTHONPATH: path } : {}),
    ...job.extra,
    ...own.env,
  };
  if (own.overridesTooLong !== undefined) delete env.STRATA_JOB_OVERRIDES;
  return { env, overridesTooLong: own.overridesTooLong };
}
