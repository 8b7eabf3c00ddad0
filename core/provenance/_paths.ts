/**
 * Reading the paths a diff side names: a path strata may not read is a located input error.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { osReason } from "../os_error.ts";

/**
 * A path strata may not read (permission) or cannot (a symlink loop): a
 * located input error, as the conf tree's files get; any other error is thrown as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unreadable } from "./_paths.ts";
 * assert.throws(() => unreadable("a.yaml", new Deno.errors.PermissionDenied("no")), /cannot read config file/);
 * ```
 */
export function unreadable(path: string, e: unknown): never {
  if (!(e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.FilesystemLoop)) {
    throw e;
  }
  throw new StrataError(ErrorCode.Input, `cannot read config file: ${osReason(e)}`, {
    origin: { file: path },
  });
}

/**
 * Whether `path` is a directory: undefined when there is nothing there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isDir } from "./_paths.ts";
 * assert.equal(isDir(Deno.makeTempDirSync()), true);
 * assert.equal(isDir("/no/such/path"), undefined);
 * ```
 */
export function isDir(path: string): boolean | undefined {
  try {
    return Deno.statSync(path).isDirectory;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) {
      return undefined;
    }
    return unreadable(path, e);
  }
}

/**
 * Bad usage (exit 2): a side that names no config strata can read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usage } from "./_paths.ts";
 * assert.throws(() => usage("no such side"), /no such side/);
 * ```
 */
export function usage(message: string): never {
  throw new StrataError(ErrorCode.Usage, message);
}
