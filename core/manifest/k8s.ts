/**
 * A sweep as one Kubernetes Indexed Job: pod `i` (`JOB_COMPLETION_INDEX`)
 * runs job `i` through `strata run --job-index i --job-overrides @/strata/jobs/<i>`:
 * the job's override list as the sweep expanded when the manifest was written
 * (a JSON array), from ConfigMaps projected into `/strata/jobs/`, sharded so
 * that each fits the `last-applied-configuration` annotation of
 * `kubectl apply` (256 KiB, kubernetes/kubectl#712): ./k8s_configmaps.ts.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { runArgv, type RunSpec } from "./command.ts";
import type { PvcMount } from "./k8s_pod.ts";
import type { JobSource, Manifest, Resources, StreamedManifest } from "./types.ts";
import { gpuRequest, slurmMemQuantity, slurmTimeSeconds } from "./units.ts";
import { stringifyQuoted } from "./yaml_quote.ts";
import {
  checkJobSize,
  CONFIGMAP_MAX_BYTES,
  configMapJson,
  labels,
  shardName,
  shards,
} from "./k8s_configmaps.ts";

export { CONFIGMAP_MAX_BYTES } from "./k8s_configmaps.ts";

/** The API server's limit on `parallelism` in Indexed mode. */
export const MAX_INDEXED_PARALLELISM = 100_000;
/** Completions past which retries per index bring the API server's tighter limits. */
const COMPLETIONS_SOFT_LIMIT = 100_000;
/** `maxFailedIndexes` (required) and `parallelism` there, at most. */
const HIGH_COMPLETIONS_LIMIT = 10_000;
/** Where each pod finds the job override files (`/strata/jobs/<index>`). */
export const JOBS_MOUNT = "/strata/jobs";
/** The volume of `--pvc`'s claim. */
const RUNS_VOLUME = "strata-runs";
/** The node label NVIDIA GPU feature discovery sets to the GPU's product name. */
export const GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
/** A DNS-1123 label: what Job, ConfigMap, container and volume names must be. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The longest name we give a Job (room for `-jobs-NNNN` on its ConfigMaps, 63 in all). */
const MAX_NAME = 52;

/** Settings of {@link k8sObjects}. */
export interface K8sOptions extends Resources {
  /** The Job's name (a DNS-1123 label of at most 52 characters). */
  name: string;
  /** The container image (required: it holds strata, the config tree and the program). */
  image: string;
  /** `backoffLimitPerIndex`: retries of each index before it counts as failed (default 0). */
  backoffLimitPerIndex?: number;
  /** More environment variables of every pod (`--env`, read by ./k8s_pod.ts), in order. */
  env?: [string, string][];
  /** A PersistentVolumeClaim every pod mounts (`--pvc`): where the run dirs outlive the pod. */
  pvc?: PvcMount;
}

/**
 * Each index's retries, never unset: without them the Job counts every pod's
 * failure against one `backoffLimit` (6 by default), retries failed indexes
 * and, past it, kills the running pods and starts no other, so a few failing
 * jobs would stop the sweep. With them (0 by default) every job runs once and
 * one's failure stops no other, as with `strata run -m` and a SLURM array.
 */
const perIndexRetries = (opts: K8sOptions) => opts.backoffLimitPerIndex ?? 0;

/** A Kubernetes object as plain data. */
export type K8sObject = { apiVersion: string; kind: string } & Record<string, unknown>;

/**
 * Kubernetes expands `$(VAR)` in command and env and reads `$$` as one `$`, so every
 * `$` is doubled: `$(date)`, `$$` (a shell's pid) and `$HOME` all reach the pod as written.
 */
const literal = (s: string) => s.replaceAll("$", "$$$$");

/**
 * Refuses a Job name the API server would (not a DNS-1123 label, or no room
 * for the ConfigMaps' `-jobs-NNNN`), suggesting one it takes, so following
 * the advice works.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkJobName } from "./k8s.ts";
 * assert.throws(() => checkJobName("My Job"), /try --name my-job/);
 * checkJobName("my-job");
 * ```
 */
export function checkJobName(name: string): void {
  if (!DNS_1123_LABEL.test(name) || name.length > MAX_NAME) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot name the Job '${name}': a Kubernetes name is lowercase letters, digits and '-', ` +
        `starting and ending with a letter or digit, at most ${MAX_NAME} characters: ` +
        `try --name ${jobNameLike(name)}`,
    );
  }
}

/** A DNS-1123 label of at most {@link MAX_NAME} characters close to `name` (`My_Job` → `my-job`). */
function jobNameLike(name: string): string {
  const label = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, MAX_NAME)
    .replace(/^-+|-+$/g, "");
  return label === "" ? "strata-sweep" : label;
}

function resources(opts: Resources): Record<string, Record<string, string | number>> {
  const requests: Record<string, string | number> = {};
  const limits: Record<string, string | number> = {};
  if (opts.cpusPerTask) requests.cpu = String(opts.cpusPerTask);
  // SLURM's --mem=0 is all of the node's memory: no request or limit
  const memory = opts.mem ? slurmMemQuantity(opts.mem) : undefined;
  if (memory !== undefined) requests.memory = limits.memory = memory;
  if (opts.gpus) limits["nvidia.com/gpu"] = gpuRequest(opts.gpus).count;
  return {
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
}

/**
 * The sweep as Kubernetes objects: the job ConfigMaps, then the Indexed Job.
 *
 * @throws {StrataError} `usage` for a bad name, parallelism over 10^5,
 *   malformed `--time`, `--mem` or `--gpus`, or an object `kubectl apply`
 *   could not record (a job's overrides, or the Job, over 256 KiB).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { k8sObjects } from "./k8s.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2,3"] }), null, null);
 * const run = {
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["a=1,2,3"], command: ["python", "train.py"],
 * };
 * const [map, job] = k8sObjects(jobs, run, { name: "sw", image: "app:1" });
 * assert.deepEqual(map.data, { "0": '["a=1"]\n', "1": '["a=2"]\n', "2": '["a=3"]\n' });
 * assert.equal((job.spec as { completions: number }).completions, 3);
 * ```
 */
export function k8sObjects(source: JobSource, run: RunSpec, opts: K8sOptions): K8sObject[] {
  const parallelism = checkJob(source.count, run, opts);
  const maps = [...shards(source, opts.name)];
  const job = jobObject(source.count, parallelism, maps.length, run, opts);
  checkJobSize(job);
  return [...maps, job];
}

/** Refuses what the API server would (a bad name, too much parallelism); the parallelism. */
function checkJob(count: number, run: RunSpec, opts: K8sOptions): number {
  checkJobName(opts.name);
  // The API server's limits: parallelism ≤ 10^5 in Indexed mode, and ≤ 10^4
  // when retries are counted per index of more than 10^5 completions.
  const limit = count > COMPLETIONS_SOFT_LIMIT ? HIGH_COMPLETIONS_LIMIT : MAX_INDEXED_PARALLELISM;
  const parallelism = opts.parallel ?? Math.min(count, limit);
  if (parallelism > limit) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot run ${parallelism} pods at once: an Indexed Job's parallelism is at most ${limit}` +
        (limit < MAX_INDEXED_PARALLELISM ? " over 10^5 jobs (retries are counted per index)" : ""),
    );
  }
  // What the Job is made of is checked too, before any ConfigMap is written.
  if (opts.time) slurmTimeSeconds(opts.time);
  resources(opts);
  // with one ConfigMap; each further one adds ~50 bytes, checked again once they are known
  checkJobSize(jobObject(count, parallelism, 1, run, opts));
  return parallelism;
}

/** The Indexed Job, its pods reading the `maps` ConfigMaps `NAME-jobs-0` .. `-<maps - 1>`. */
function jobObject(
  count: number,
  parallelism: number,
  maps: number,
  run: RunSpec,
  opts: K8sOptions,
): K8sObject {
  const { head, tail } = runArgv(run);
  const container = {
    name: "job",
    image: opts.image,
    command: [
      ...head.map(literal),
      "$(JOB_COMPLETION_INDEX)",
      "--job-overrides",
      `@${JOBS_MOUNT}/$(JOB_COMPLETION_INDEX)`,
      ...tail.map(literal),
    ],
    env: [
      {
        name: "JOB_COMPLETION_INDEX",
        valueFrom: {
          fieldRef: {
            fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
          },
        },
      },
      { name: "STRATA_JOB_OVERRIDES_FILE", value: `${JOBS_MOUNT}/$(JOB_COMPLETION_INDEX)` },
      // `$(VAR)` in a value would be expanded too: given as written
      ...(opts.env ?? []).map(([name, value]) => ({ name, value: literal(value) })),
    ],
    resources: resources(opts),
    volumeMounts: [
      { name: "strata-jobs", mountPath: JOBS_MOUNT, readOnly: true },
      ...(opts.pvc ? [{ name: RUNS_VOLUME, mountPath: opts.pvc.mountPath }] : []),
    ],
  };
  const podSpec: Record<string, unknown> = {
    restartPolicy: "Never",
    containers: [container],
    volumes: [
      {
        name: "strata-jobs",
        projected: {
          sources: Array.from({ length: maps }, (_, k) => ({
            configMap: { name: shardName(opts.name, k) },
          })),
        },
      },
      ...(opts.pvc
        ? [{ name: RUNS_VOLUME, persistentVolumeClaim: { claimName: opts.pvc.claim } }]
        : []),
    ],
  };
  // A GPU type picks nodes by NVIDIA GPU feature discovery's product label
  // (the device plugin's resource has no type).
  const gpuType = opts.gpus ? gpuRequest(opts.gpus).type : null;
  if (gpuType !== null) podSpec.nodeSelector = { [GPU_PRODUCT_LABEL]: gpuType };
  // SLURM's --time=0 is no limit; the API server refuses activeDeadlineSeconds: 0.
  const deadline = opts.time ? slurmTimeSeconds(opts.time) : 0;
  if (deadline > 0) podSpec.activeDeadlineSeconds = deadline;
  const job: K8sObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: opts.name, labels: labels(opts.name) },
    spec: {
      completionMode: "Indexed",
      completions: count,
      parallelism,
      backoffLimitPerIndex: perIndexRetries(opts),
      // The API server requires maxFailedIndexes (at most 10^4) with retries per
      // index of over 10^5 completions: the Job fails once that many jobs have.
      ...(count > COMPLETIONS_SOFT_LIMIT ? { maxFailedIndexes: HIGH_COMPLETIONS_LIMIT } : {}),
      template: { metadata: { labels: labels(opts.name) }, spec: podSpec },
    },
  };
  return job;
}

/** Where the run dirs go, at the head of the manifest: without a volume, nowhere that lasts. */
function storageComment(pvc: PvcMount | undefined): string {
  return pvc
    ? `# The run dirs go to PersistentVolumeClaim ${pvc.claim}, mounted at ${pvc.mountPath}.\n`
    : "# Each pod writes its run dir (hydra.sweep.dir) inside its container, and it is lost\n" +
      "# when the pod ends: mount storage there with strata sweep --pvc CLAIM[:MOUNT_PATH].\n";
}

/**
 * The sweep as one multi-document YAML file for `kubectl apply -f`, produced
 * a ConfigMap at a time as `chunks` is read: memory stays flat however many
 * jobs there are. `summary` is complete once `chunks` has been read.
 *
 * @throws {StrataError} as {@link k8sObjects}: the request's errors at once,
 *   the jobs' (when `source` composes them) as `chunks` is read.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { k8sStream } from "./k8s.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2"] }), null, null);
 * const run = {
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["a=1,2"], command: ["./train"],
 * };
 * const m = k8sStream(jobs, run, { name: "sw", image: "app:1" });
 * assert.equal(m.name, "sweep.yaml");
 * assert.match([...m.chunks].join(""), /completionMode: Indexed/);
 * assert.equal(m.summary[2], "ConfigMaps: 1 (job override lists, at most 262144 bytes each)");
 * ```
 */
export function k8sStream(source: JobSource, run: RunSpec, opts: K8sOptions): StreamedManifest {
  const parallelism = checkJob(source.count, run, opts);
  const summary = [
    `jobs: ${source.count}`,
    `Job ${opts.name}: completions ${source.count}, parallelism ${parallelism}`,
  ];
  function* chunks(): Generator<string> {
    yield `# strata sweep ${opts.name}: ${source.count} jobs, one Indexed Job pod each.\n` +
      storageComment(opts.pvc);
    let maps = 0;
    for (const map of shards(source, opts.name)) {
      yield `---\n${configMapJson(map)}`;
      maps++;
    }
    const job = jobObject(source.count, parallelism, maps, run, opts);
    checkJobSize(job);
    yield `---\n${stringifyQuoted(job)}`;
    summary.push(
      `ConfigMaps: ${maps} (job override lists, at most ${CONFIGMAP_MAX_BYTES} bytes each)`,
    );
  }
  return { name: "sweep.yaml", chunks: chunks(), summary };
}

/**
 * The sweep as one multi-document YAML file for `kubectl apply -f`, in
 * memory ({@link k8sStream} writes it a piece at a time).
 *
 * @throws {StrataError} as {@link k8sObjects}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { k8sManifest } from "./k8s.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2"] }), null, null);
 * const run = {
 *   strata: ["strata"], configDir: "conf", configName: "config", searchPath: [], link: [],
 *   overrides: ["a=1,2"], command: ["./train"],
 * };
 * const m = k8sManifest(jobs, run, { name: "sw", image: "app:1" });
 * assert.equal(m.files[0].name, "sweep.yaml");
 * assert.match(m.single!, /completionMode: Indexed/);
 * ```
 */
export function k8sManifest(source: JobSource, run: RunSpec, opts: K8sOptions): Manifest {
  const stream = k8sStream(source, run, opts);
  const text = [...stream.chunks].join("");
  return { files: [{ name: stream.name, text }], single: text, summary: stream.summary };
}
