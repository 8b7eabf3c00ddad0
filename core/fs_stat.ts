/**
 * Asking the file system what is at a path, with "nothing there (or
 * unreadable)" as an answer instead of an exception: the small helpers
 * several commands need before they read or write.
 *
 * @module
 */

/**
 * What is at `path` (links followed), or undefined when nothing is (or it cannot be stat'ed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statOrUndefined } from "./fs_stat.ts";
 * assert.equal(statOrUndefined("/no/such/path"), undefined);
 * assert.ok(statOrUndefined(".")?.isDirectory);
 * ```
 */
export function statOrUndefined(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether `path` is a regular file (links followed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isFile } from "./fs_stat.ts";
 * assert.equal(isFile("."), false);
 * assert.equal(isFile("/no/such/file"), false);
 * ```
 */
export function isFile(path: string): boolean {
  return statOrUndefined(path)?.isFile ?? false;
}

/**
 * Whether anything is at `path`; with `links` a link counts even when
 * what it points to is not there (a dangling link is in the way of a write).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { existsAt } from "./fs_stat.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.symlinkSync(dir + "/gone", dir + "/link");
 * assert.equal(existsAt(dir + "/link"), false);
 * assert.equal(existsAt(dir + "/link", { links: true }), true);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function existsAt(path: string, opts: { links?: boolean } = {}): boolean {
  try {
    if (opts.links) Deno.lstatSync(path);
    else Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
