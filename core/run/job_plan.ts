/**
 * One job's plan ({@link JobPlan}), from its composition: its run directory,
 * the `.hydra/` files, its log, env and resolved config, as Hydra 1.3.2
 * records them. Single runs and multirun jobs (./plan.ts) share it.
 *
 * @module
 */

import { configHash } from "../hash.ts";
import type { Composition } from "../compose/compose.ts";
import { parseOverride } from "../override/parse.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import {
  canonicalKey,
  clone,
  dict,
  type DictNode,
  list,
  type Node,
  type Origin,
  str,
} from "../node.ts";
import { withEscapedTexts } from "./escaped_texts.ts";
import { resolveLenient } from "./lenient.ts";
import { toYaml } from "../yaml/emit.ts";
import { checkEnvCopy, hydraOrigin, hydraString, jobChdir, jobEnv } from "./hydra_values.ts";
import { jobLogFile } from "./job_log_file.ts";
import type { RunOptions } from "./plan.ts";

/** One job's run directory and the files it gets. */
export interface JobPlan {
  /** `hydra.job.num`, or null for a single run. */
  num: number | null;
  /** The absolute run directory (`hydra.runtime.output_dir`). */
  dir: string;
  /** The job's task overrides (`hydra.overrides.task`). */
  overrides: string[];
  /**
   * Its `hydra.overrides.hydra` but `hydra.mode`: what a Hydra app launched
   * for this one job needs before the task overrides to compose the same
   * config (as Hydra's launchers do with `load_sweep_config`); the mode is
   * the launcher's, and a `hydra.mode=MULTIRUN` would make the app sweep.
   */
  hydraOverrides: string[];
  /**
   * `hydra.mode=RUN` when the job's configs set `hydra.mode: MULTIRUN` (an
   * `hparams_search` option does): an app launched for this one job reads
   * the mode back from its config and would sweep (one job, in
   * `hydra.sweep.dir`) instead of running in `{run_dir}`. It ends
   * `{overrides}` and `STRATA_JOB_OVERRIDES`; `.hydra/overrides.yaml` keeps
   * the task overrides, as Hydra records them. Empty otherwise.
   */
  runMode: string[];
  /** `hydra.job.name`. */
  jobName: string;
  /**
   * The job's log in its run dir, as `hydra.job_logging`'s file handler
   * names it (`<job name>.log` by default); null when no handler writes a
   * file (`hydra/job_logging=disabled`): strata's capture then goes to
   * `.strata/output.log` alone.
   */
  logFile: string | null;
  /** Set when it changes directory because hydra.job.chdir was left null (version_base 1.1). */
  chdirByDefault?: true;
  /** `hydra.job.chdir`: run the job inside its run dir. */
  chdir: boolean;
  /** Files relative to `dir` (`.hydra/config.yaml`, ...) and their text. */
  files: Map<string, string>;
  /** Where `hydra.output_subdir`, the dir of those files, was set: a warning's location. */
  outputSubdirAt?: Origin;
  /** The resolved job config, written as `config.yaml` beside `.hydra/`. */
  resolvedConfig: string;
  /** The content hash of the resolved config ({@link configHash}): `STRATA_CONFIG_HASH`. */
  configHash: string;
  /** `hydra.job.env_set`: environment variables the job gets. */
  env: Record<string, string>;
}

/**
 * The child `key` of a dict node; undefined for a key it lacks or a node that is no dict.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../node.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { child } from "./job_plan.ts";
 * const a = child(loadYaml("a: 1"), "a");
 * assert.equal(a?.kind === "value" && a.value, 1);
 * assert.equal(child(int(1), "a"), undefined);
 * ```
 */
export function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === "dict" ? node.entries.get(canonicalKey(key))?.node : undefined;
}

/**
 * Sets the value at `path` below `node`, keeping the key as written; does
 * nothing when a dict on the way is not there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type DictNode, str } from "../node.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toContainer } from "../container.ts";
 * import { setIn } from "./job_plan.ts";
 * const hydra = loadYaml("job:\n  id: ???") as DictNode;
 * setIn(hydra, ["job", "id"], str("3"));
 * setIn(hydra, ["nope", "id"], str("3"));
 * assert.deepEqual(toContainer(hydra), { job: { id: "3" } });
 * ```
 */
export function setIn(node: DictNode, path: string[], value: Node): void {
  let cur = node;
  for (const k of path.slice(0, -1)) {
    const next = child(cur, k);
    if (next?.kind !== "dict") return;
    cur = next;
  }
  const k = path.at(-1)!;
  const prev = cur.entries.get(canonicalKey(k));
  cur.entries.set(canonicalKey(k), { key: prev?.key ?? k, node: value });
}

/**
 * The plan of the job composed as `c`, `num` (null for a single run), in
 * `dir`: sets `hydra.runtime.output_dir`, resolves the config (values that
 * do not resolve are kept) and the job's name, log, chdir and env.
 *
 * @throws {StrataError} a `hydra.job.name` that cannot name a log file; what does not resolve in `hydra`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose } from "../compose/compose.ts";
 * import { jobPlan } from "./job_plan.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "lr: 0.1\nx: ${lr}\n");
 * const options = { configDir: conf, configName: "config", jobName: "train" };
 * const job = jobPlan(compose(options), null, "/work/out", new Date(), options);
 * assert.equal(job.resolvedConfig, "lr: 0.1\nx: 0.1\n");
 * assert.equal(job.files.get(".hydra/config.yaml"), "lr: 0.1\nx: ${lr}\n");
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function jobPlan(
  c: Composition,
  num: number | null,
  dir: string,
  now: Date,
  options: RunOptions,
  light = false,
): JobPlan {
  checkEnvCopy(c); // Hydra copies it when it composes, before the job exists
  setIn(c.hydra, ["runtime", "output_dir"], str(dir));
  const job = child(c.hydra, "job");
  const texts = (name: string) => {
    const node = child(child(c.hydra, "overrides"), name);
    return node?.kind === "list"
      ? node.items.map((n) => String((n as { value: unknown }).value))
      : [];
  };
  const overrides = texts("task");
  const hydraOverrides = texts("hydra").filter((t, i) => parseOverride(t, i).key !== "hydra.mode");
  const files = new Map<string, string>();
  const sub = child(c.hydra, "output_subdir");
  // hydra.output_subdir: null means Hydra writes no .hydra/ files.
  if (sub?.kind === "value" && sub.type !== "null") {
    // read as Hydra reads it (`Path(hydra.output_subdir)`): resolved
    const at = hydraString(c, "output_subdir", now, options.resolvers);
    // `''` is the run dir itself; an absolute path is that path (write.ts's inRunDir)
    const trimmed = at.replace(/\/+$/, "");
    const sub = at === "" ? "" : trimmed === "" ? "/" : `${trimmed}/`;
    files.set(`${sub}config.yaml`, toYaml(c.config));
    files.set(`${sub}hydra.yaml`, toYaml(dict([["hydra", c.hydra]])));
    files.set(`${sub}overrides.yaml`, toYaml(list(overrides.map((o) => str(o)))));
  }
  // the values kept as written (the app resolves them): left interpolations in the file
  const kept = new Set<Node>();
  // (a multirun's plan of a job not started yet: its config is resolved when it starts, so a
  // resolver of the project's runs once per value, not once more ahead: checker x51 #2)
  const resolved = light ? undefined : resolveLenient(c, {
    resolvers: hydraResolvers(c.hydra, now, c.config, false, options.resolvers),
    onUnresolved: options.onUnresolved,
    instead: (u) => {
      const node = clone(u.node);
      kept.add(node);
      return node;
    },
  });
  if (resolved !== undefined) options.onResolved?.(resolved);
  const name = child(job, "name");
  // the log is `${hydra.job.name}.log`: resolved (`name: ${model.name}`)
  const jobName = name?.kind === "value"
    ? hydraString(c, "job.name", now, options.resolvers)
    : "app";
  // ... in the job's dir: a name with a '/' names a file in a dir that does
  // not exist (Hydra's FileHandler fails there too); refused before any file
  // of the run is written
  if (/[/\0]/.test(jobName)) {
    throw new StrataError(
      ErrorCode.Validation,
      `hydra.job.name ${JSON.stringify(jobName)} cannot name the job's log ` +
        `(<run dir>/<job name>.log): it holds a '/' or a NUL`,
      { fullKey: "hydra.job.name", origin: name?.origin },
    );
  }
  const chdir = jobChdir(c, now, options.resolvers);
  const cwd = chdir ? dir : (options.cwd ?? Deno.cwd());
  return {
    env: jobEnv(c, now, options.resolvers),
    num,
    dir,
    overrides,
    hydraOverrides,
    runMode: c.configMode === "MULTIRUN" ? ["hydra.mode=RUN"] : [],
    jobName,
    logFile: jobLogFile(c, dir, cwd, jobName, now, options.resolvers),
    chdir,
    // Hydra's run_job warns when it changes directory for an app below version_base 1.2 that left
    // hydra.job.chdir null
    ...(chdir && isNull(child(child(c.hydra, "job"), "chdir")) ? { chdirByDefault: true } : {}),
    files,
    outputSubdirAt: hydraOrigin(c, "output_subdir"),
    resolvedConfig: resolved === undefined ? "" : toYaml(withEscapedTexts(resolved, kept)),
    configHash: resolved === undefined ? "" : configHash(resolved),
  };
}

/**
 * Hydra's warning when a job changes directory because the app (below version_base 1.2) left
 * hydra.job.chdir null: said when such a job starts ({@link JobPlan.chdirByDefault}).
 *
 * @example
 * ```ts
 * import { CHDIR_WARNING } from "./job_plan.ts";
 * CHDIR_WARNING.startsWith("Future Hydra versions"); // true
 * ```
 */
export const CHDIR_WARNING = "Future Hydra versions will no longer change working directory at " +
  "job runtime by default.\nSee https://hydra.cc/docs/1.2/upgrades/1.1_to_1.2/" +
  "changes_to_job_working_dir/ for more information.";

function isNull(n: Node | undefined): boolean {
  return n === undefined || (n.kind === "value" && n.type === "null");
}
