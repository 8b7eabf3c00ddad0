/**
 * What a Kubernetes pod needs besides its command, as `strata sweep -f k8s`
 * takes it: environment variables (`--env NAME=VALUE`, or `--env NAME` for
 * the value where strata runs, as `docker run -e NAME` does) and a
 * PersistentVolumeClaim for the run dirs (`--pvc CLAIM[:MOUNT_PATH]`). A pod
 * writes its job's dir into its own container otherwise, and it is lost when
 * the pod ends; a config that reads `${oc.env:PROJECT_ROOT}` fails there
 * without the variable.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { normalize } from "../path.ts";

/** Where the pods read their job override files (k8s.ts mounts the ConfigMaps there). */
const JOBS_MOUNT = "/strata/jobs";
/** Variables the Job sets itself: a second definition would replace strata's. */
const RESERVED = ["JOB_COMPLETION_INDEX", "STRATA_JOB_OVERRIDES_FILE"];
/** A name any shell, Python's `os.environ` and Kubernetes take. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A claim's name: a DNS-1123 subdomain (lowercase, digits, '-', '.'), at most 253 characters. */
const CLAIM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A PersistentVolumeClaim mounted into every pod. */
export interface PvcMount {
  /** The claim's name. */
  claim: string;
  /** Where the pods see it (absolute). */
  mountPath: string;
}

function usage(message: string): StrataError {
  return new StrataError(ErrorCode.Usage, message);
}

/**
 * The variables `--env` gives every pod, in order: `NAME=VALUE` as written,
 * `NAME` alone with its value here (`lookup`). Refused (usage): a name that
 * is not `[A-Za-z_][A-Za-z0-9_]*`, a name given twice, one the Job sets
 * itself, `NAME` alone when it is not set here.
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { k8sEnv } from "./k8s_pod.ts";
 * const here = (name: string) => name === "PROJECT_ROOT" ? "/app" : undefined;
 * assert.deepEqual(k8sEnv(["WANDB_MODE=offline", "PROJECT_ROOT"], here), [
 *   ["WANDB_MODE", "offline"],
 *   ["PROJECT_ROOT", "/app"],
 * ]);
 * assert.throws(() => k8sEnv(["1X=a"], here), /--env '1X=a'/);
 * assert.throws(() => k8sEnv(["HOME_DIR"], here), /not set here/);
 * ```
 */
export function k8sEnv(
  specs: readonly string[],
  lookup: (name: string) => string | undefined,
): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (!ENV_NAME.test(name)) {
      throw usage(
        `Cannot use --env '${spec}': give NAME=VALUE (or NAME, for its value here), NAME ` +
          "being letters, digits and '_', not starting with a digit",
      );
    }
    if (RESERVED.includes(name)) {
      throw usage(`Cannot use --env ${name}: the Job sets ${name} itself (strata's task reads it)`);
    }
    if (seen.has(name)) throw usage(`Cannot use --env ${name} twice: give it once`);
    seen.add(name);
    const value = eq < 0 ? lookup(name) : spec.slice(eq + 1);
    if (value === undefined) {
      throw usage(
        `Cannot use --env ${name}: it is not set here, so there is no value to give the pods: ` +
          `set it, or give --env ${name}=VALUE`,
      );
    }
    out.push([name, value]);
  }
  return out;
}

/** `--pvc`'s claim and its mount path as written (undefined: the sweep dir), checked. */
function pvcParts(spec: string): { claim: string; path?: string } {
  const colon = spec.indexOf(":");
  const claim = colon < 0 ? spec : spec.slice(0, colon);
  if (claim.length > 253 || !CLAIM_NAME.test(claim)) {
    throw usage(
      `Cannot use --pvc '${spec}': give CLAIM[:MOUNT_PATH], CLAIM being the name of a ` +
        "PersistentVolumeClaim (lowercase letters, digits, '-' and '.')",
    );
  }
  if (colon < 0) return { claim };
  const path = spec.slice(colon + 1);
  if (!path.startsWith("/") || path.split("/").includes("..")) {
    throw usage(
      `Cannot use --pvc '${spec}': the mount path must be absolute, without '..' ` +
        `(e.g. --pvc ${claim}:/data)`,
    );
  }
  const mountPath = normalize(path).replace(/(.)\/$/, "$1");
  if (mountPath === JOBS_MOUNT || mountPath.startsWith(JOBS_MOUNT + "/")) {
    throw usage(
      `Cannot use --pvc '${spec}': ${JOBS_MOUNT} holds the job override lists: mount it elsewhere`,
    );
  }
  return { claim, path: mountPath };
}

/**
 * Checks `--pvc CLAIM[:MOUNT_PATH]` as written, before the sweep is composed
 * ({@link k8sPvc} then places it).
 *
 * @throws {StrataError} `usage`, as {@link k8sPvc} for what it reads.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkPvc } from "./k8s_pod.ts";
 * checkPvc("runs:/data");
 * assert.throws(() => checkPvc("runs:data"), /must be absolute/);
 * ```
 */
export function checkPvc(spec: string): void {
  pvcParts(spec);
}

/**
 * Reads `--pvc CLAIM[:MOUNT_PATH]` against the sweep dir (`sweepDir`,
 * `hydra.sweep.dir` resolved as the tasks resolve it). Without a mount path
 * the claim is mounted at the sweep dir (its part that reads no clock,
 * `clockFree`, when that is absolute), which must then be absolute: a
 * relative one is under the image's working directory, which strata does not
 * know. Refused (usage): a claim name that is not a DNS-1123 subdomain; a
 * mount path that is not absolute, holds `..`, or is (or is under)
 * `/strata/jobs`, where the job lists are; a sweep dir that is relative or
 * outside the mount path (the run dirs would not be on the volume).
 *
 * @throws {StrataError} `usage`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { k8sPvc } from "./k8s_pod.ts";
 * assert.deepEqual(k8sPvc("runs:/data", "/data/x"), { claim: "runs", mountPath: "/data" });
 * assert.deepEqual(k8sPvc("runs", "/data/sweep"), { claim: "runs", mountPath: "/data/sweep" });
 * assert.deepEqual(k8sPvc("runs", "/data/s/2026-01-02", "/data/s"), { claim: "runs", mountPath: "/data/s" });
 * assert.throws(() => k8sPvc("runs", "multirun/x"), /relative/);
 * assert.throws(() => k8sPvc("runs:/data", "multirun/x"), /absolute hydra.sweep.dir under the mount/);
 * assert.throws(() => k8sPvc("runs:/data", "/scratch/x"), /would not be on the volume/);
 * assert.throws(() => k8sPvc("Runs:/data", "/x"), /--pvc 'Runs:\/data'/);
 * ```
 */
export function k8sPvc(spec: string, sweepDir: string, clockFree = sweepDir): PvcMount {
  const { claim, path } = pvcParts(spec);
  if (path === undefined && clockFree.startsWith("/") && normalize(clockFree) !== "/") {
    // the dated part of the sweep dir on the volume: the next sweep gets a dir of its own there,
    // not the same mount point with its job dirs over this one's (checker x32)
    return { claim, mountPath: normalize(clockFree).replace(/(.)\/$/, "$1") };
  }
  if (path === undefined) {
    if (!sweepDir.startsWith("/")) {
      throw usage(
        `Cannot mount --pvc ${claim} at the sweep dir: hydra.sweep.dir is '${sweepDir}', ` +
          "relative to the image's working directory, which strata does not know: give " +
          `--pvc ${claim}:/MOUNT/PATH and a hydra.sweep.dir under it ` +
          "(hydra.sweep.dir=/MOUNT/PATH/...)",
      );
    }
    return { claim, mountPath: normalize(sweepDir).replace(/(.)\/$/, "$1") };
  }
  const dir = normalize(sweepDir);
  if (!dir.startsWith("/")) {
    // the pods would write under the image's working directory, not the mount
    throw usage(
      `Cannot use --pvc '${spec}': hydra.sweep.dir is '${sweepDir}', relative to the image's ` +
        `working directory, so the run dirs would not be on the volume: set an absolute ` +
        `hydra.sweep.dir under the mount (hydra.sweep.dir=${path === "/" ? "" : path}/...)`,
    );
  }
  if (path !== "/" && dir !== path && !dir.startsWith(path + "/")) {
    throw usage(
      `Cannot use --pvc '${spec}': hydra.sweep.dir is '${sweepDir}', not under ${path}, so ` +
        `the run dirs would not be on the volume: set hydra.sweep.dir=${path}/... or mount ` +
        "the claim there",
    );
  }
  return { claim, mountPath: path };
}
