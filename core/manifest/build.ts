/**
 * From a sweep and the scheduler flags to a manifest: what every format
 * shares (the task's `strata run` command, the pinned time, the name)
 * is decided here, the format's own shape in slurm.ts, k8s.ts, github.ts.
 *
 * @module
 */

import { dirname, join, relative, resolve } from "../path.ts";
import { ErrorCode, formatWarning, StrataError } from "../errors.ts";
import { canonicalKey, originOf } from "../node.ts";
import { noJobsError } from "../sweep/entries.ts";
import { JobIds } from "../sweep/job_id.ts";
import type { ProjectSweepOptions } from "../sweep/types.ts";
import { currentStrata, type RunSpec } from "./command.ts";
import { githubManifest } from "./github.ts";
import { checkJobName, k8sManifest, type K8sOptions, k8sStream } from "./k8s.ts";
import { checkPvc, k8sEnv, k8sPvc, type PvcMount } from "./k8s_pod.ts";
import { checkDirective, checkSbatchExtra, slurmManifest } from "./slurm.ts";
import { unknownSbatchOption } from "./sbatch_options.ts";
import { type ClusterLimits, clusterMaxArraySize } from "./slurm_cluster.ts";
import { checkManifestJobDirs, checkRunDirsKept } from "./job_dirs.ts";
import { launcherSettings } from "./launcher.ts";
import { SWEEP_NAME, sweepNameLike } from "./sweep_name.ts";
import {
  asTasksSee,
  clockFreeSweepDir,
  resolvedSweepDir,
  sweepDirEnvWarning,
  sweepMaster,
} from "./sweep_dir.ts";
import { formatNow } from "../run/now.ts";
import { configJobName, scriptStem } from "../run/command.ts";
import type { JobSource, Manifest, Resources, StreamedManifest } from "./types.ts";
import { gpuRequest, slurmMemQuantity, slurmTimeSeconds } from "./units.ts";
import { clockNow } from "../strftime.ts";

/** The scheduler formats. */
export type ManifestFormat = "slurm" | "k8s" | "github";

/** Everything a manifest is made from, as the user asked for it. */
export interface ManifestRequest extends Resources {
  /** The target scheduler. */
  format: ManifestFormat;
  /** The sweep (config dir, name, search path, overrides, links) as given. */
  sweep: ProjectSweepOptions;
  /** The command each job runs (after `--`). */
  command: string[];
  /**
   * The `--resolvers` modules the sweep was given, passed on to each task's `strata run`
   * (`.strata.yaml`'s module the task finds itself); their functions are `sweep.resolvers`.
   */
  resolverFiles?: string[];
  /** The sweep's config identity (see `configIdentity`). */
  identity: string;
  /** How tasks call strata; default: SLURM as this process was started, else `strata`. */
  strataCmd?: string[];
  /** The SLURM job / Kubernetes Job / workflow name; default `strata-<sweep hash>`. */
  name?: string;
  /** The output directory or file, when there is one. */
  out?: string;
  /** k8s: the container image. */
  image?: string;
  /** k8s: `backoffLimitPerIndex`. */
  backoffLimitPerIndex?: number;
  /** k8s: `--env NAME=VALUE` / `--env NAME` (its value here), as given. */
  env?: string[];
  /** k8s: `--pvc CLAIM[:MOUNT_PATH]`, as given. */
  pvc?: string;
  /** github: the runner labels of the jobs that run the sweep (default `ubuntu-latest`). */
  runsOn?: string[];
  /** github: the action that installs strata on the runners (`owner/repo@ref`). */
  strataAction?: string;
  /** slurm: `--partition`. */
  partition?: string;
  /** slurm: more `#SBATCH` options. */
  sbatch?: string[];
  /** slurm: shell lines each script runs before its job (the launcher's `setup`). */
  setup?: string[];
  /** slurm: MaxArraySize; default from `scontrol show config`, else 1001. */
  maxArraySize?: number;
  /**
   * slurm: the cluster's limits, read ahead with `readClusterLimits` (which gives up on a
   * controller that does not answer); default: read by `scontrol show config` here, waiting as
   * long as scontrol does.
   */
  cluster?: ClusterLimits;
  /** The time every task's `${now:...}` formats (`strata run --now`); default now. */
  now?: Date;
  /** false (`--no-validate`): jobs are not composed, so neither are their dirs checked. */
  validate?: boolean;
}

/**
 * A short, stable name for the sweep: a hash of its config identity and its
 * overrides and links (and `also`: a k8s Job's image and clock), as a DNS-1123 label.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepName } from "./build.ts";
 * const sweep = { configDir: "conf", configName: "config", overrides: ["lr=1,2"] };
 * assert.match(sweepName(sweep, "0123456789abcdef"), /^strata-[0-9a-f]{10}$/);
 * ```
 */
export function sweepName(
  sweep: ProjectSweepOptions,
  identity: string,
  also: readonly string[] = [],
): string {
  const links = (sweep.link ?? []).map((l) => `--link=${l.join(",")}`);
  const hash = new JobIds(identity).of([
    "\u0000sweep",
    ...(sweep.overrides ?? []),
    ...links,
    ...also.map((a) => `\u0000${a}`),
  ]);
  return `strata-${hash.slice(0, 10)}`;
}

/**
 * Refuses a request that cannot make a manifest, before any job is composed:
 * a k8s request without an image, a name a scheduler cannot take, malformed
 * `--time`, `--mem`, `--gpus`, `--env` or `--pvc`, a blank `--partition` or
 * `--sbatch`, a line break in either.
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRequest } from "./build.ts";
 * assert.throws(() => checkRequest({ format: "k8s" }), /without an image/);
 * assert.throws(() => checkRequest({ format: "slurm", mem: "lots" }), /--mem/);
 * assert.throws(() => checkRequest({ format: "slurm", name: "my sweep" }), /Cannot name/);
 * assert.throws(() => checkRequest({ format: "slurm", partition: "a\nb" }), /line break/);
 * assert.throws(() => checkRequest({ format: "slurm", partition: "" }), /--partition ""/);
 * ```
 */
export function checkRequest(
  req: Pick<
    ManifestRequest,
    "format" | "image" | "name" | "time" | "mem" | "gpus" | "partition" | "sbatch" | "env" | "pvc"
  >,
): void {
  if (req.env !== undefined) k8sEnv(req.env, (name) => Deno.env.get(name));
  if (req.pvc !== undefined) checkPvc(req.pvc);
  if (req.partition !== undefined) checkPartition(req.partition);
  for (const option of req.sbatch ?? []) checkSbatchExtra(option);
  if (req.format === "k8s" && !req.image) {
    throw new StrataError(
      ErrorCode.Usage,
      "Cannot write a Kubernetes Job without an image: give --image (it must hold strata, " +
        "the config tree and the program)",
    );
  }
  // An image reference holds no whitespace: the pod would never pull one that does.
  if (req.format === "k8s" && /\s/.test(req.image!)) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot use --image ${JSON.stringify(req.image)}: an image reference holds no spaces`,
    );
  }
  // Each format's own rule, checked alone: a rule looser than the format's
  // would suggest names the format then refuses.
  if (req.name !== undefined && req.format === "k8s") checkJobName(req.name);
  else if (req.name !== undefined && !SWEEP_NAME.test(req.name)) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot name the sweep '${req.name}': use letters, digits, '.', '_' and '-', ` +
        `starting with a letter or digit: try --name ${sweepNameLike(req.name)}`,
    );
  }
  if (req.time !== undefined) slurmTimeSeconds(req.time);
  if (req.mem !== undefined) slurmMemQuantity(req.mem);
  if (req.gpus !== undefined) gpuRequest(req.gpus);
}

/** A SLURM job or GitHub workflow name strata writes unquoted (`#SBATCH --job-name=`, a shell word). */

/**
 * Refuses a partition sbatch could not take: an empty one would otherwise be
 * dropped (the cluster's default partition, not what was asked), a space
 * would make an `#SBATCH` word sbatch refuses.
 */
function checkPartition(partition: string): void {
  checkDirective("--partition", partition);
  if (partition === "" || /\s/.test(partition)) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot use --partition ${JSON.stringify(partition)}: give a partition name, or names ` +
        `separated by commas (leave the option out for the cluster's default partition)`,
    );
  }
}

/** A path as a task on another machine sees it: absolute on a shared file system, else as given. */
function placed(path: string, shared: boolean): string {
  return shared && !path.includes("://") ? resolve(path) : path;
}

function runSpec(
  req: ManifestRequest,
  master: ReturnType<typeof sweepMaster>,
): { run: RunSpec; sweepDir: string } {
  // SLURM tasks share this machine's file system: absolute paths, and strata
  // as this process runs it. Pods and runners have their own: paths stay
  // relative to their working directory, and strata is on their PATH.
  const shared = req.format === "slurm";
  const { sweep } = req;
  // Each task resolves its dirs as job I of `strata run -m` does, at the
  // time the manifest is written (`--now`): the same sweep dir for all, and
  // per job what hydra.sweep.dir/subdir give it (a dir may hold a swept
  // key). Resolved here first, so that a failing interpolation stops the
  // manifest, not every task.
  const now = req.now ?? clockNow();
  const sweepDir = resolvedSweepDir(sweep, now, master);
  const run = {
    strata: req.strataCmd ?? (shared ? currentStrata() : ["strata"]),
    configDir: placed(sweep.configDir, shared),
    configName: sweep.configName,
    searchPath: (sweep.searchPath ?? []).map((p) => placed(p, shared)),
    resolvers: (req.resolverFiles ?? []).map((p) => placed(p, shared)),
    link: (sweep.link ?? []).map((l) => l.join(",")),
    overrides: [...(sweep.overrides ?? [])],
    now: formatNow(now),
    ...(sweep.versionBase === undefined ? {} : { versionBase: sweep.versionBase }),
    command: req.command,
  };
  return { run, sweepDir };
}

/**
 * What every format shares: the request checked, with the defaults the
 * config's launcher gives the flags not given (./launcher.ts), the task's
 * command, the name, and what to warn of.
 */
function prepare(
  jobs: JobSource,
  given: ManifestRequest,
): {
  req: ManifestRequest;
  run: RunSpec;
  name: string;
  sweepDir: string;
  /** k8s `--pvc`: the claim and where it is mounted. */
  pvc?: PvcMount;
  warnings: string[];
} {
  checkRequest(given);
  if (jobs.count === 0) throw noJobsError(jobs.empty ?? []);
  const now = given.now ?? clockNow();
  // hydra.job.name as the tasks get it: `strata run --job-index -- CMD` names it after CMD
  const composed = sweepMaster(
    given.sweep,
    scriptStem(given.command) ?? configJobName(given.sweep.configName),
  );
  // pods and runners start in their own working directory (hydra.runtime.cwd there), SLURM
  // tasks in this one
  const master = given.format === "slurm" ? composed : asTasksSee(composed);
  const launcher = launcherSettings(master, given.format, given, given.sweep.resolvers);
  const req: ManifestRequest = {
    ...given,
    ...launcher.resources,
    sbatch: [...launcher.sbatch, ...(given.sbatch ?? [])],
    setup: launcher.setup,
    now,
  };
  const { run, sweepDir } = runSpec(req, master);
  // a GitHub matrix job runs on a runner of its own, a pod without --pvc in a container of its
  // own: two jobs with one job dir read and write no common file (SLURM's tasks and --pvc's pods do)
  const apart = req.format === "github" || (req.format === "k8s" && req.pvc === undefined);
  checkManifestJobDirs(req.sweep, req.command, { ...req, now, apart });
  // a Job's pod template cannot change: a k8s sweep written again with another image or clock
  // (`--now`, in every command) is another Job, not an apply that Kubernetes refuses (v33)
  const also = req.format === "k8s" ? [req.image ?? "", run.now ?? ""] : [];
  const name = req.name ?? launcher.name ?? sweepName(req.sweep, req.identity, also);
  const warnings = launcher.warning ? [launcher.warning] : [];
  // a misspelt option is found here, in CI, not when the script is submitted on the cluster
  if (req.format === "slurm") {
    for (const option of given.sbatch ?? []) {
      const unknown = unknownSbatchOption(option);
      if (unknown !== undefined) warnings.push(`warning: ${unknown}\n`);
    }
  }
  // pods and runners keep the run dirs in one place (--pvc, the artifact)
  const pvc = req.format === "k8s" && req.pvc !== undefined
    ? k8sPvc(req.pvc, sweepDir, clockFreeSweepDir(req.sweep, now, master))
    : undefined;
  const keptAt = pvc !== undefined
    ? pvc.mountPath
    : req.format === "github"
    ? resolve(sweepDir)
    : undefined;
  if (keptAt !== undefined) {
    const warning = checkRunDirsKept(req, { keptAt, sweepDir, now, master });
    if (warning) warnings.push(warning);
  }
  // a launcher's `array_parallelism` (submitit's 256 by default) does not bound the batches as
  // the user's --parallel does: warned unless it is at or below the batch size (checker v33)
  const batches = batchSizeWarning(master, given.parallel, req.parallel);
  if (batches) warnings.push(batches);
  if (req.format === "github") {
    warnings.push(...runnerPathNotes(run));
    const envRead = sweepDirEnvWarning(req.sweep, now, sweepDir, master);
    if (envRead) warnings.push(envRead);
    const limit = hostedTimeWarning(req.time, req.runsOn);
    if (limit) warnings.push(limit);
  }
  return { req, run, sweepDir, name, warnings, ...(pvc ? { pvc } : {}) };
}

/**
 * A warning when the sweeper runs its jobs in batches (`hydra.sweeper.max_batch_size`, which
 * `strata run -m` honours as BasicSweeper does: a batch starts when the one before ended, and
 * one with a failed job is the last): a manifest submits every job at once, so say how to bound
 * that (`--parallel N` runs N at a time; nothing stops the rest when one fails).
 */
function batchSizeWarning(
  master: ReturnType<typeof sweepMaster>,
  parallel: number | undefined,
  effective: number | undefined,
): string | undefined {
  const size = master.hydra.kind === "dict"
    ? master.hydra.entries.get(canonicalKey("sweeper"))?.node
    : undefined;
  const node = size?.kind === "dict"
    ? size.entries.get(canonicalKey("max_batch_size"))?.node
    : undefined;
  if (node?.kind !== "value" || typeof node.value !== "number" || parallel !== undefined) {
    return undefined;
  }
  if (effective !== undefined && effective <= node.value) return undefined;
  const o = originOf(node.origin);
  return formatWarning(
    `hydra.sweeper.max_batch_size is ${node.value}: the manifest submits every job at once ` +
      "(strata run -m runs them in batches, a failed one the last); " +
      `--parallel ${node.value} runs at most ${node.value} at a time`,
    o?.file !== undefined || o?.override !== undefined ? o : undefined,
  ) + "\n";
}

/**
 * A warning when `--time` (or the launcher's `timeout_min`) passes the 6 hours GitHub gives a
 * job on its own runners (`ubuntu-latest`, the default; not `self-hosted` ones, which run up to
 * 5 days): the workflow's `timeout-minutes` does not lift that limit.
 */
function hostedTimeWarning(time: string | undefined, labels: string[] | undefined) {
  if (time === undefined || (labels ?? []).includes("self-hosted")) return undefined;
  const minutes = Math.ceil(slurmTimeSeconds(time) / 60);
  if (minutes <= 360) return undefined;
  return `warning: the jobs' time limit is ${minutes} minutes, and GitHub stops a job on its ` +
    "own runners at 6 hours (360): use --runs-on self-hosted,... for longer jobs, or split them\n";
}

/**
 * A runner has the checkout and nothing else of this machine: a `--search-path` outside the
 * repository is not there at all; a config dir or a `--resolvers` module outside it fails every
 * job (checker x29).
 */
function runnerPathNotes(
  run: { configDir: string; searchPath: readonly string[]; resolvers?: readonly string[] },
): string[] {
  const root = gitRoot(Deno.cwd()) ?? Deno.cwd();
  const outside = (p: string) => !p.includes("://") && relative(root, resolve(p)).startsWith("..");
  const out: string[] = [];
  if (outside(run.configDir)) {
    out.push(
      `warning: the config dir ${run.configDir} is outside the repository (${root}), so the ` +
        "runners' checkout has no such directory: every job would fail to find its configs " +
        "(commit the config dir to the repository)\n",
    );
  }
  for (const p of (run.resolvers ?? []).filter(outside)) {
    out.push(
      `warning: --resolvers ${p} is outside the repository (${root}), so the runners' checkout ` +
        "has no such file: every job would fail to load it (commit it to the repository)\n",
    );
  }
  for (const p of run.searchPath.filter(outside)) {
    out.push(
      `note: --search-path ${p} is outside the repository (${root}), so the runners' checkout ` +
        "has no such directory: their jobs would not find its configs (copy them into the " +
        "repository, or vendor the plugin's conf)\n",
    );
  }
  return out;
}

/** The Job's settings: the request's, with `--env` and `--pvc` read. */
function k8sOptions(req: ManifestRequest, name: string, pvc: PvcMount | undefined): K8sOptions {
  return {
    ...req,
    name,
    image: req.image!,
    env: k8sEnv(req.env ?? [], (v) => Deno.env.get(v)),
    pvc,
  };
}

/**
 * The sweep's Kubernetes manifest (`req.format` k8s), produced a piece at a
 * time: what `strata sweep -f k8s` writes, in memory that stays flat.
 *
 * @throws {StrataError} as {@link buildManifest}; a job's composition error
 *   as the chunks are read.
 * @example
 * ```ts ignore
 * import { expandSweep } from "../sweep/expand.ts";
 * import { buildK8sStream } from "./build.ts";
 * const sweep = { configDir: "conf", configName: "config", overrides: ["lr=1,2"] };
 * const m = buildK8sStream(expandSweep(sweep), {
 *   format: "k8s", sweep, command: ["python", "train.py"], identity: "0123456789abcdef", image: "app:1",
 * });
 * for (const chunk of m.chunks) console.log(chunk);
 * ```
 */
export function buildK8sStream(jobs: JobSource, request: ManifestRequest): StreamedManifest {
  const { req, run, name, pvc, warnings } = prepare(jobs, request);
  return { ...k8sStream(jobs, run, k8sOptions(req, name, pvc)), warnings };
}

/**
 * The sweep's manifest for `req.format`.
 *
 * @throws {StrataError} `usage` for a sweep without jobs, a k8s request
 *   without an image and malformed resource flags; resolution errors of
 *   `hydra.sweep.dir`; job composition errors when `jobs` validates.
 * @example
 * ```ts ignore
 * import { expandSweep } from "../sweep/expand.ts";
 * import { buildManifest } from "./build.ts";
 * const sweep = { configDir: "conf", configName: "config", overrides: ["lr=1,2"] };
 * const m = buildManifest(expandSweep(sweep), {
 *   format: "k8s", sweep, command: ["python", "train.py"], identity: "0123456789abcdef", image: "app:1",
 * });
 * ```
 */
export function buildManifest(jobs: JobSource, request: ManifestRequest): Manifest {
  const { req, run, name, sweepDir, pvc, warnings } = prepare(jobs, request);
  return { ...formatManifest(jobs, req, run, name, sweepDir, pvc), warnings };
}

function formatManifest(
  jobs: JobSource,
  req: ManifestRequest,
  run: RunSpec,
  name: string,
  sweepDir: string,
  pvc: PvcMount | undefined,
): Manifest {
  switch (req.format) {
    case "slurm": {
      const cluster = req.cluster ?? clusterMaxArraySize();
      const limit = req.maxArraySize !== undefined
        ? { ...cluster, size: req.maxArraySize, source: "from --max-array-size" }
        : cluster;
      return slurmManifest(jobs, run, {
        ...req,
        name,
        maxArraySize: limit.size,
        maxArraySource: limit.source,
        maxScriptSize: limit.scriptSize,
        workDir: Deno.cwd(),
        logDir: req.out ? resolve(req.out) : null,
      });
    }
    case "k8s":
      return k8sManifest(jobs, run, k8sOptions(req, name, pvc));
    case "github": {
      const out = resolve(req.out ?? "sweep");
      const root = gitRoot(Deno.cwd());
      if (root !== undefined && relative(root, out).startsWith("..")) {
        throw new StrataError(
          ErrorCode.Usage,
          `Cannot write the workflow's matrices to '${req.out}': it is outside the ` +
            `repository (${root}) whose checkout the workflow reads them from`,
        );
      }
      // no repository found: the workflow takes the working directory for the checkout's root
      if (root === undefined && relative(Deno.cwd(), out).startsWith("..")) {
        throw new StrataError(
          ErrorCode.Usage,
          `Cannot write the workflow's matrices to '${req.out}': it is outside the working ` +
            `directory, which the workflow takes for the root of the checkout it reads them ` +
            `from (no git repository holds ${Deno.cwd()})`,
        );
      }
      return githubManifest(jobs, run, {
        ...req,
        name,
        dir: relative(Deno.cwd(), out) || ".",
        // Runners start at the checkout's root; the paths are relative to here.
        workDir: root === undefined ? undefined : relative(root, Deno.cwd()) || undefined,
        sweepDir,
      });
    }
  }
}

/**
 * The root of the git repository that holds `dir` (a directory with `.git`), if any.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gitRoot } from "./build.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/.git`);
 * Deno.mkdirSync(`${dir}/sub`);
 * assert.equal(gitRoot(`${dir}/sub`), Deno.realPathSync(dir));
 * ```
 */
export function gitRoot(dir: string): string | undefined {
  for (let d = resolve(dir);; d = dirname(d)) {
    try {
      Deno.statSync(join(d, ".git"));
      return d;
    } catch { /* not the root: look further up */ }
    if (dirname(d) === d) return undefined;
  }
}
