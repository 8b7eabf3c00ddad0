/**
 * Reading the paths a diff side names: a path strata may not read is a located input error.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { osReason } from "../os_error.ts";
import { suggest } from "../suggest.ts";

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
export function usage(message: string, suggestions: string[] = []): never {
  throw new StrataError(ErrorCode.Usage, message, { suggestions });
}

/**
 * The paths spelt nearest to a `path` that does not exist: its first missing part swapped for
 * an entry of the directory above it spelt nearest (a run dir's time `10-00-1` for
 * `10-00-01`), the rest kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nearPaths } from "./_paths.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/outputs/2026-01-01_10-00-01`, { recursive: true });
 * assert.deepEqual(nearPaths(`${dir}/outputs/2026-01-01_10-00-1`), [`${dir}/outputs/2026-01-01_10-00-01`]);
 * assert.deepEqual(nearPaths(`${dir}/ouputs/2026-01-01_10-00-01`), [`${dir}/outputs/2026-01-01_10-00-01`]);
 * ```
 */
export function nearPaths(path: string): string[] {
  const parts = path.split("/");
  for (let i = parts.length - 1; i > 0; i--) {
    const above = parts.slice(0, i).join("/") || (path.startsWith("/") ? "/" : ".");
    if (isDir(above) !== true) continue;
    let names: string[];
    try {
      names = [...Deno.readDirSync(above)].map((e) => e.name);
    } catch {
      return [];
    }
    const rest = parts.slice(i + 1);
    return suggest(parts[i], names).map((n) => [...parts.slice(0, i), n, ...rest].join("/"));
  }
  return [];
}
