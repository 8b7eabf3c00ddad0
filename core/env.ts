/**
 * Which environment variables configs may read (`oc.env`, and
 * `hydra.job.env_copy`). By default every variable the process may read; for
 * untrusted configs in CI the CLI's `--no-env` denies all and `--env-allow
 * PATTERN` allows only matching names. The policy is the process's: the CLI
 * sets it once per command.
 *
 * @module
 */

import { ErrorCode, StrataError } from "./errors.ts";

/** Allow every name, none, or names matching one of the glob patterns (`*`, `?`). */
export type EnvPolicy = "all" | "none" | { allow: string[] };

/** What reading a variable gave. */
export type EnvRead =
  | { value: string }
  | { missing: true; note?: string }
  | { denied: string };

let policy: EnvPolicy = "all";
let allowRe: RegExp | undefined;

/**
 * Sets the policy; returns the previous one.
 *
 * @throws {StrataError} `usage` for anything but `"all"`, `"none"` or
 *   `{ allow: string[] }` (from plain JavaScript: a misspelled `"None"` must
 *   not leave every variable open).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readEnv, setEnvPolicy } from "../mod.ts";
 * const before = setEnvPolicy({ allow: ["CI_*"] });
 * assert.deepEqual(readEnv("HOME"), { denied: "not allowed by --env-allow CI_*" });
 * setEnvPolicy(before);
 * ```
 */
export function setEnvPolicy(next: EnvPolicy): EnvPolicy {
  if (!isPolicy(next)) {
    throw new StrataError(
      ErrorCode.Usage,
      `setEnvPolicy: the policy must be "all", "none" or { allow: string[] }, not ${
        JSON.stringify(next) ?? String(next)
      }`,
      { fullKey: "" },
    );
  }
  const prev = policy;
  policy = next;
  allowRe = typeof next === "object"
    ? new RegExp(`^(?:${next.allow.map(globSource).join("|")})$`)
    : undefined;
  return prev;
}

function isPolicy(p: unknown): p is EnvPolicy {
  if (p === "all" || p === "none") return true;
  if (typeof p !== "object" || p === null) return false;
  const allow = (p as { allow?: unknown }).allow;
  return Array.isArray(allow) && allow.every((g) => typeof g === "string");
}

function globSource(glob: string): string {
  return glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
}

/**
 * Reads an environment variable under the policy.
 *
 * @throws {Deno.errors.NotCapable} when Deno was not given env access: the
 *   CLI names the permission and how to grant it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readEnv, setEnvPolicy } from "../mod.ts";
 * const before = setEnvPolicy("none");
 * assert.deepEqual(readEnv("PATH"), { denied: "environment access is off (--no-env)" });
 * setEnvPolicy(before);
 * ```
 */
export function readEnv(name: string): EnvRead {
  if (policy === "none") return { denied: "environment access is off (--no-env)" };
  if (allowRe && !allowRe.test(name)) {
    return {
      denied: `not allowed by --env-allow ${(policy as { allow: string[] }).allow.join(",")}`,
    };
  }
  // a name no environment can hold ('', `A=B`) is unset, as os.environ[name] finds it
  if (name === "" || /[=\0]/.test(name)) return { missing: true };
  const given = overlay.get(name);
  if (given !== undefined) return { value: given };
  if (overlayOnly !== undefined) return { missing: true, note: overlayOnly(name) };
  const value = Deno.env.get(name);
  return value === undefined ? { missing: true } : { value };
}

let overlay: ReadonlyMap<string, string> = new Map();
/** Set when the overlay is the whole environment: why a name outside it reads as unset. */
let overlayOnly: ((name: string) => string) | undefined;

/**
 * Values `${oc.env:NAME}` reads in place of this process's: the environment
 * the configs will run in, when it is not this one (`strata sweep -f k8s
 * --env PROJECT_ROOT=/data` resolves the manifest's dirs as the pods will).
 * With `only` (what to say of a name it lacks), the overlay is that whole
 * environment: a name outside it reads as unset, with `only` as its note
 * (the pods have the variables `--env` gives them, not this shell's).
 * Returns the previous overlay (restoring it makes the overlay partial again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readEnv, setEnvOverlay } from "./env.ts";
 * const prev = setEnvOverlay(new Map([["STRATA_OVERLAY_X", "/data"]]));
 * assert.deepEqual(readEnv("STRATA_OVERLAY_X"), { value: "/data" });
 * setEnvOverlay(prev);
 * assert.deepEqual(readEnv("STRATA_OVERLAY_X"), { missing: true });
 * setEnvOverlay(new Map(), (name) => `${name} is not in --env`);
 * assert.deepEqual(readEnv("PATH"), { missing: true, note: "PATH is not in --env" });
 * setEnvOverlay(prev);
 * ```
 */
export function setEnvOverlay(
  values: ReadonlyMap<string, string>,
  only?: (name: string) => string,
): ReadonlyMap<string, string> {
  const prev = overlay;
  overlay = values;
  overlayOnly = only;
  return prev;
}
