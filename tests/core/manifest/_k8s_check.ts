/**
 * Checks generated Kubernetes objects offline: the API schema through
 * npm:kubernetes-models' `validate()`, plus what it does not check and the
 * API server would refuse (or we promise): an image, restartPolicy Never or
 * OnFailure, 0 ≤ parallelism ≤ 10^5 (and, with retries per index of over
 * 10^5 completions, ≤ 10^4 and a maxFailedIndexes ≤ 10^4), DNS-1123 names of at most 63
 * characters, every volumeMount backed by a volume, ConfigMap keys
 * `[-._a-zA-Z0-9]+` and ConfigMap data of at most 1,048,576 bytes.
 *
 * @module
 */

import { Job } from "kubernetes-models/batch/v1";
import { ConfigMap } from "kubernetes-models/v1";

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIGMAP_MAX_BYTES = 1_048_576;
/** Annotations' cap: client-side `kubectl apply` records the whole object in one (kubectl#712). */
const LAST_APPLIED_MAX_BYTES = 262_144;
const utf8 = new TextEncoder();

// deno-lint-ignore no-explicit-any
type Obj = any;

function schemaProblems(obj: Obj): string[] {
  try {
    if (obj.kind === "Job") new Job(obj).validate();
    else if (obj.kind === "ConfigMap") new ConfigMap(obj).validate();
    else return [`unexpected kind ${obj.kind}`];
    return [];
  } catch (e) {
    return [`schema: ${e instanceof Error ? e.message : String(e)}`];
  }
}

function name(where: string, value: unknown): string[] {
  return typeof value === "string" && value.length <= 63 && DNS_1123_LABEL.test(value)
    ? []
    : [`${where}: '${value}' is not a DNS-1123 name of at most 63 characters`];
}

function jobProblems(job: Obj): string[] {
  const out = name("Job name", job.metadata?.name);
  const applied = utf8.encode(JSON.stringify(job)).length;
  if (applied > LAST_APPLIED_MAX_BYTES) {
    out.push(
      `Job is ${applied} bytes as JSON, more than kubectl apply's last-applied annotation takes`,
    );
  }
  const spec = job.spec ?? {};
  const p = spec.parallelism;
  if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p <= 100_000)) {
    out.push(`parallelism ${p} is not in 0..100000`);
  }
  // The API server's rules for retries per index of over 10^5 completions
  // (pkg/apis/batch/validation: completionsSoftLimit).
  if (spec.backoffLimitPerIndex !== undefined && spec.completions > 100_000) {
    if (spec.maxFailedIndexes === undefined) {
      out.push("maxFailedIndexes must be specified when completions is above 100000");
    } else if (spec.maxFailedIndexes > 10_000) {
      out.push(`maxFailedIndexes ${spec.maxFailedIndexes} is over 10000`);
    }
    if (p > 10_000) out.push(`parallelism ${p} is over 10000 with backoffLimitPerIndex`);
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    out.push("backoffLimitPerIndex is required when maxFailedIndexes is specified");
  }
  const pod = spec.template?.spec ?? {};
  if (!["Never", "OnFailure"].includes(pod.restartPolicy)) {
    out.push(`restartPolicy '${pod.restartPolicy}' is not Never or OnFailure`);
  }
  const volumes = new Set<string>();
  for (const v of pod.volumes ?? []) {
    out.push(...name("volume name", v.name));
    volumes.add(v.name);
  }
  for (const c of pod.containers ?? []) {
    out.push(...name("container name", c.name));
    if (typeof c.image !== "string" || c.image.trim() === "") {
      out.push(`container '${c.name}' has no image`);
    }
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name)) out.push(`volumeMount '${m.name}' has no volume`);
    }
  }
  return out;
}

function configMapProblems(map: Obj): string[] {
  const out = name("ConfigMap name", map.metadata?.name);
  let bytes = 0;
  for (const [k, v] of Object.entries(map.data ?? {})) {
    if (!CONFIGMAP_KEY.test(k)) out.push(`ConfigMap key '${k}' is not [-._a-zA-Z0-9]+`);
    bytes += utf8.encode(k).length + utf8.encode(String(v)).length;
  }
  if (bytes > CONFIGMAP_MAX_BYTES) {
    out.push(
      `ConfigMap ${map.metadata?.name} holds ${bytes} bytes, more than ${CONFIGMAP_MAX_BYTES}`,
    );
  }
  const applied = utf8.encode(JSON.stringify(map)).length;
  if (applied > LAST_APPLIED_MAX_BYTES) {
    out.push(
      `ConfigMap ${map.metadata?.name} is ${applied} bytes as JSON, more than kubectl apply's ` +
        `last-applied annotation takes (${LAST_APPLIED_MAX_BYTES})`,
    );
  }
  return out;
}

/**
 * Every problem of the objects, as messages naming the object (empty when all pass).
 *
 * @example
 * ```ts ignore
 * assert.deepEqual(k8sProblems(objects), []);
 * ```
 */
export function k8sProblems(objects: Obj[]): string[] {
  const out: string[] = [];
  for (const obj of objects) {
    const problems = [
      ...schemaProblems(obj),
      ...(obj.kind === "Job"
        ? jobProblems(obj)
        : obj.kind === "ConfigMap"
        ? configMapProblems(obj)
        : []),
    ];
    for (const p of problems) out.push(`${obj.kind} ${obj.metadata?.name}: ${p}`);
  }
  return out;
}
