/**
 * An operating-system error (a file-system call that failed) in words for a
 * user: `not a directory: conf.yaml (in conf.yaml/app)`, not Deno's "Not a
 * directory (os error 20): stat 'conf.yaml/app'". Every message that carries
 * such an error is made here.
 *
 * @module
 */

import { dirname } from "./path.ts";
import { thrownText } from "./errors.ts";

/** Deno's suffix naming the failed call and its path(s): `: stat '/a/b'`, `: rename 'a' -> 'b'`. */
const CALL_SUFFIX = /: [a-z_]+ '([^']*)'(?: -> '([^']*)')?$/;
const OS_CODE = /\s*\(os error \d+\)/;
/**
 * Deno's refusal of a path its sandbox keeps from any program short of
 * `--allow-all` (devices, /proc, /sys), whatever `--allow-write` grants:
 * `Requires all access to "/proc/x", run again with the --allow-all flag`.
 */
const OFF_LIMITS = /^Requires all access to "(.*)", run again with/;
/**
 * Why such a path fails, in words for a user of the binary, who cannot pass
 * Deno's flags: strata's sandbox is not theirs to widen.
 */
const OFF_LIMITS_REASON = "off limits (strata does not touch devices, /proc or /sys)";

/** Whether `e` is Deno's refusal of a device, /proc or /sys path ({@link OFF_LIMITS}). */
function offLimits(e: unknown): e is Deno.errors.NotCapable {
  return e instanceof Deno.errors.NotCapable && OFF_LIMITS.test(e.message);
}

/**
 * Whether `e` is an error of the operating system: one of Deno's file-system
 * error classes, any error whose message carries `(os error N)`, or Deno's
 * refusal of a device, /proc or /sys path (a path strata cannot use, as one
 * the OS refuses). Deno's other sandbox refusals (`NotCapable`: env, run
 * access) are not: they are strata's permissions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOsError } from "./os_error.ts";
 * assert.equal(isOsError(new Deno.errors.NotADirectory("Not a directory (os error 20)")), true);
 * const proc = 'Requires all access to "/proc/x", run again with the --allow-all flag';
 * assert.equal(isOsError(new Deno.errors.NotCapable(proc)), true);
 * assert.equal(isOsError(new Error("x")), false);
 * ```
 */
export function isOsError(e: unknown): e is Error {
  if (!(e instanceof Error)) return false;
  if (e instanceof Deno.errors.NotCapable) return offLimits(e);
  return OS_CODE.test(e.message) || REASONS.some(([cls]) => e instanceof cls);
}

const REASONS: [new (...args: never[]) => Error, string][] = [
  [Deno.errors.NotFound, "no such file or directory"],
  [Deno.errors.NotADirectory, "not a directory"],
  [Deno.errors.IsADirectory, "is a directory"],
  [Deno.errors.PermissionDenied, "permission denied"],
  [Deno.errors.AlreadyExists, "already exists"],
  [Deno.errors.FilesystemLoop, "too many levels of symbolic links"],
];

/**
 * Why a file-system call failed, in words, without Deno's `(os error N)` and
 * call suffix: `not a directory`, `no such file or directory`, ...
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { osReason } from "./os_error.ts";
 * assert.equal(osReason(new Deno.errors.NotFound("No such file or directory (os error 2): readfile 'x'")), "no such file or directory");
 * assert.equal(osReason(new Error("No space left on device (os error 28)")), "no space left on device");
 * const proc = 'Requires all access to "/proc/x", run again with the --allow-all flag';
 * assert.doesNotMatch(osReason(new Deno.errors.NotCapable(proc)), /allow/);
 * ```
 */
export function osReason(e: unknown): string {
  if (offLimits(e)) return OFF_LIMITS_REASON;
  for (const [cls, words] of REASONS) if (e instanceof cls) return words;
  const text = thrownText(e).replace(CALL_SUFFIX, "")
    .replace(OS_CODE, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * `<reason>: <path>`: the path the failed call names (a rename's target),
 * else `path`. A path that is not a directory names the part of it that is a
 * file, which is what the user has to change. A device, /proc or /sys path
 * is `path` (what the user chose: Deno names the deepest directory a
 * recursive mkdir tried), else the one Deno names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { osErrorMessage } from "./os_error.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/f`, "");
 * const e = new Deno.errors.NotADirectory(`Not a directory (os error 20): stat '${dir}/f/x'`);
 * assert.equal(osErrorMessage(e), `not a directory: ${dir}/f (in ${dir}/f/x)`);
 * Deno.removeSync(dir, { recursive: true });
 * const proc = new Deno.errors.NotCapable('Requires all access to "/proc/x/y", run again with the --allow-all flag');
 * assert.equal(osErrorMessage(proc, "/proc/x"), "off limits (strata does not touch devices, /proc or /sys): /proc/x");
 * ```
 */
export function osErrorMessage(e: unknown, path?: string): string {
  if (offLimits(e)) return `${OFF_LIMITS_REASON}: ${path ?? OFF_LIMITS.exec(e.message)![1]}`;
  const call = e instanceof Error ? CALL_SUFFIX.exec(e.message) : null;
  const named = call ? call[2] ?? call[1] : path;
  const reason = osReason(e);
  if (named === undefined) return reason;
  if (e instanceof Deno.errors.NotADirectory) {
    const file = fileOnTheWay(named);
    if (file !== undefined && file !== named) return `${reason}: ${file} (in ${named})`;
  }
  if (e instanceof Deno.errors.PermissionDenied) {
    // a recursive mkdir refused: the directory it could not make, not the deepest one asked for
    const first = firstMissing(named);
    if (first !== named) return `${reason}: ${first} (creating ${named})`;
  }
  return `${reason}: ${named}`;
}

/** The first part of `path`, from the top, that is not there (all of it there: `path`). */
function firstMissing(path: string): string {
  const there = (p: string) => {
    try {
      Deno.statSync(p);
      return true;
    } catch {
      return false;
    }
  };
  let p = path;
  while (dirname(p) !== p && !there(dirname(p))) p = dirname(p);
  return there(p) ? path : p;
}

/** The nearest part of `path` (itself included) that exists and is not a directory, if any. */
function fileOnTheWay(path: string): string | undefined {
  for (let p = path;; p = dirname(p)) {
    try {
      return Deno.statSync(p).isDirectory ? undefined : p;
    } catch {
      if (dirname(p) === p) return undefined;
    }
  }
}
