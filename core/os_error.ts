/**
 * An operating-system error (a file-system call that failed) in words for a
 * user: `not a directory: conf.yaml (in conf.yaml/app)`, not Deno's "Not a
 * directory (os error 20): stat 'conf.yaml/app'". Every message that carries
 * such an error is made here.
 *
 * @module
 */

import { dirname } from "./path.ts";

/** Deno's suffix naming the failed call and its path(s): `: stat '/a/b'`, `: rename 'a' -> 'b'`. */
const CALL_SUFFIX = /: [a-z_]+ '([^']*)'(?: -> '([^']*)')?$/;
const OS_CODE = /\s*\(os error \d+\)/;

/**
 * Whether `e` is an error of the operating system: one of Deno's file-system
 * error classes, or any error whose message carries `(os error N)`. Deno's
 * sandbox refusals (`NotCapable`) are not: they are strata's permissions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOsError } from "./os_error.ts";
 * assert.equal(isOsError(new Deno.errors.NotADirectory("Not a directory (os error 20)")), true);
 * assert.equal(isOsError(new Error("x")), false);
 * ```
 */
export function isOsError(e: unknown): e is Error {
  if (!(e instanceof Error) || e instanceof Deno.errors.NotCapable) return false;
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
 * ```
 */
export function osReason(e: unknown): string {
  for (const [cls, words] of REASONS) if (e instanceof cls) return words;
  const text = (e instanceof Error ? e.message : String(e)).replace(CALL_SUFFIX, "")
    .replace(OS_CODE, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * `<reason>: <path>`: the path the failed call names (a rename's target),
 * else `path`. A path that is not a directory names the part of it that is a
 * file, which is what the user has to change.
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
 * ```
 */
export function osErrorMessage(e: unknown, path?: string): string {
  const call = e instanceof Error ? CALL_SUFFIX.exec(e.message) : null;
  const named = call ? call[2] ?? call[1] : path;
  const reason = osReason(e);
  if (named === undefined) return reason;
  if (e instanceof Deno.errors.NotADirectory) {
    const file = fileOnTheWay(named);
    if (file !== undefined && file !== named) return `${reason}: ${file} (in ${named})`;
  }
  return `${reason}: ${named}`;
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
