/**
 * The job ConfigMaps of a Kubernetes sweep (./k8s.ts): the jobs' override
 * lists sharded so that each ConfigMap, and the Job, fits the
 * `last-applied-configuration` annotation of `kubectl apply` (256 KiB,
 * kubernetes/kubectl#712).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import type { K8sObject } from "./k8s.ts";
import type { JobSource } from "./types.ts";

/**
 * What a ConfigMap may hold here: client-side `kubectl apply` copies the whole
 * object, as JSON, into an annotation, and annotations are capped at 256 KiB.
 */
export const CONFIGMAP_MAX_BYTES = 262_144;
/** What a shard's data is filled to (JSON-encoded): under the cap, so its other fields fit too. */
const SHARD_BUDGET = 240_000;
/** The annotation `kubectl apply` records an object in; its key counts against the cap too. */
const LAST_APPLIED_KEY = "kubectl.kubernetes.io/last-applied-configuration";

const utf8 = new TextEncoder();

/**
 * The job ConfigMaps, one at a time: a sweep's overrides never sit in memory whole.
 *
 * @throws {StrataError} `usage` for a job whose overrides alone pass what a ConfigMap may hold.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planSweep, SweepExpansion } from "../sweep/expand.ts";
 * import { shards } from "./k8s_configmaps.ts";
 * const jobs = new SweepExpansion(planSweep({ overrides: ["a=1,2"] }), null, null);
 * const [map, ...more] = [...shards(jobs, "sw")];
 * assert.deepEqual(map.data, { "0": '["a=1"]\n', "1": '["a=2"]\n' });
 * assert.equal(more.length, 0);
 * ```
 */
export function* shards(source: JobSource, name: string): Generator<K8sObject> {
  let data: Record<string, string> = {};
  let bytes = 0;
  let made = 0;
  const shard = (): K8sObject => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: shardName(name, made++), labels: labels(name) },
    data,
  });
  for (const job of source.jobs()) {
    const key = String(job.index);
    // A JSON array: an override may hold a newline, so one per line would be ambiguous.
    const value = JSON.stringify(job.overrides) + "\n";
    const size = key.length + utf8.encode(JSON.stringify(value)).length + 4;
    // One job's list is one file of the projected volume: it cannot be split over shards.
    if (size > SHARD_BUDGET) throw jobTooBig(job.index, job.overrides, size);
    if (bytes > 0 && bytes + size > SHARD_BUDGET) {
      yield shard();
      data = {};
      bytes = 0;
    }
    data[key] = value;
    bytes += size;
  }
  if (bytes > 0) yield shard();
}

/** A job whose override list alone passes what a ConfigMap may hold, naming its longest override. */
function jobTooBig(index: number, overrides: string[], size: number): StrataError {
  const longest = overrides.reduce((
    a,
    b,
  ) => (utf8.encode(b).length > utf8.encode(a).length ? b : a));
  const key = longest.slice(0, Math.max(0, longest.indexOf("="))) || longest.slice(0, 40);
  return new StrataError(
    ErrorCode.Usage,
    `Cannot put job ${index} into a Kubernetes ConfigMap: its overrides take ${size} bytes, ` +
      `over the ${SHARD_BUDGET} bytes one ConfigMap may hold under kubectl apply's ` +
      `${CONFIGMAP_MAX_BYTES}-byte annotation cap (its longest override, '${key}', takes ` +
      `${utf8.encode(longest).length} bytes)`,
  );
}

/**
 * Refuses a Job that `kubectl apply` could not record (its command holds the sweep's overrides).
 *
 * @throws {StrataError} `usage` for a Job over 256 KiB as JSON.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkJobSize } from "./k8s_configmaps.ts";
 * checkJobSize({ apiVersion: "batch/v1", kind: "Job" });
 * assert.throws(
 *   () => checkJobSize({ apiVersion: "batch/v1", kind: "Job", spec: "x".repeat(300_000) }),
 *   /Cannot write the Kubernetes Job/,
 * );
 * ```
 */
export function checkJobSize(job: K8sObject): void {
  const size = utf8.encode(JSON.stringify(job)).length + LAST_APPLIED_KEY.length;
  if (size > CONFIGMAP_MAX_BYTES) {
    throw new StrataError(
      ErrorCode.Usage,
      `Cannot write the Kubernetes Job: it takes ${size} bytes as JSON (its pods' command holds ` +
        `the sweep's overrides), over the ${CONFIGMAP_MAX_BYTES} bytes of kubectl apply's ` +
        `last-applied-configuration annotation: sweep such values from the config ` +
        `(hydra.sweeper.params), not the command line`,
    );
  }
}

/**
 * The name of the Job `name`'s ConfigMap `k`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shardName } from "./k8s_configmaps.ts";
 * assert.equal(shardName("sw", 2), "sw-jobs-2");
 * ```
 */
export const shardName = (name: string, k: number) => `${name}-jobs-${k}`;

/**
 * The labels of the sweep `name`'s objects (its Job, pods and ConfigMaps).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { labels } from "./k8s_configmaps.ts";
 * assert.equal(labels("sw")["strata/sweep"], "sw");
 * ```
 */
export function labels(name: string): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "strata", "strata/sweep": name };
}

/**
 * A ConfigMap as one JSON document (JSON is YAML), one data entry per line:
 * YAML readers take a 10^5-entry block mapping far more slowly than JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configMapJson } from "./k8s_configmaps.ts";
 * const map = { apiVersion: "v1", kind: "ConfigMap", data: { "0": "[]\n", "1": "[]\n" } };
 * assert.equal(configMapJson(map), '{"apiVersion":"v1","kind":"ConfigMap","data":{\n"0":"[]\\n",\n"1":"[]\\n"\n}}\n');
 * assert.deepEqual(JSON.parse(configMapJson(map)), map);
 * ```
 */
export function configMapJson(map: K8sObject): string {
  const { data, ...rest } = map as K8sObject & { data: Record<string, string> };
  const entries = Object.entries(data).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `${JSON.stringify(rest).slice(0, -1)},"data":{\n${entries.join(",\n")}\n}}\n`;
}
