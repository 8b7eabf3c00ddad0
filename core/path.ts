/**
 * POSIX path functions for the start-up path of `compose` (config dirs,
 * `.strata.yaml` lookup): the same results as node:path on POSIX
 * (tests/core/path_test.ts checks them against it on random paths), without
 * importing a Node built-in: the first `node:` import starts Deno's Node
 * compatibility layer, ~15 ms of every run (pre-commit's `validate`
 * included). Not npm:pathe: it
 * reads `\\` as a separator (`normalize("a\\b/../c")` is `a/c` there, `c`
 * in node:path), and a POSIX file name may hold one. On Windows (drive
 * letters, `\\` separators) every function is node:path's own, fetched when
 * this module loads.
 *
 * @module
 */

import type * as NodePath from "node:path";
import { nodeBuiltin } from "./node_builtin.ts";

/** node:path on Windows (fetched without an import: ./node_builtin.ts); else undefined. */
const windows = Deno.build.os === "windows" ? nodeBuiltin<typeof NodePath>("node:path") : undefined;

/**
 * The segments of `path` with `.` and empty ones dropped and `..` applied;
 * a `..` that would climb above the start is kept when `aboveStart`, else
 * dropped (an absolute path cannot climb above `/`).
 */
function segments(path: string, aboveStart: boolean): string[] {
  const out: string[] = [];
  for (const s of path.split("/")) {
    if (s === "" || s === ".") continue;
    if (s !== "..") out.push(s);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (aboveStart) out.push("..");
  }
  return out;
}

/**
 * Whether `path` is absolute (starts with `/`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAbsolute } from "./path.ts";
 * assert.equal(isAbsolute("/etc"), true);
 * assert.equal(isAbsolute("conf"), false);
 * ```
 */
export function isAbsolute(path: string): boolean {
  if (windows) return windows.isAbsolute(path);
  return path.startsWith("/");
}

/**
 * `path` with `.`, `..` and repeated slashes resolved; a trailing slash kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalize } from "./path.ts";
 * assert.equal(normalize("a//b/../c/"), "a/c/");
 * assert.equal(normalize("../x/./y"), "../x/y");
 * ```
 */
export function normalize(path: string): string {
  if (windows) return windows.normalize(path);
  if (path === "") return ".";
  const absolute = isAbsolute(path);
  const trailing = path.endsWith("/");
  const body = segments(path, !absolute).join("/");
  if (body === "") return absolute ? "/" : trailing ? "./" : ".";
  return (absolute ? "/" : "") + body + (trailing ? "/" : "");
}

/**
 * The non-empty `parts` joined with `/`, normalized.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "./path.ts";
 * assert.equal(join("conf/", "db", "mysql.yaml"), "conf/db/mysql.yaml");
 * assert.equal(join("", ""), ".");
 * ```
 */
export function join(...parts: string[]): string {
  if (windows) return windows.join(...parts);
  const joined = parts.filter((p) => p !== "").join("/");
  return joined === "" ? "." : normalize(joined);
}

/**
 * The absolute path `parts` lead to from the working directory, right to
 * left up to the first absolute one; no trailing slash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolve } from "./path.ts";
 * assert.equal(resolve("/srv", "conf/", "../x"), "/srv/x");
 * assert.equal(resolve("conf"), Deno.cwd() + "/conf");
 * ```
 */
export function resolve(...parts: string[]): string {
  if (windows) return windows.resolve(...parts);
  let path = "";
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(path); i--) {
    if (parts[i] !== "") path = path === "" ? parts[i] : `${parts[i]}/${path}`;
  }
  if (!isAbsolute(path)) path = path === "" ? Deno.cwd() : `${Deno.cwd()}/${path}`;
  return "/" + segments(path, false).join("/");
}

/**
 * The directory part of `path` (trailing slashes ignored).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dirname } from "./path.ts";
 * assert.equal(dirname("/a/b/"), "/a");
 * assert.equal(dirname("file"), ".");
 * assert.equal(dirname("/"), "/");
 * ```
 */
export function dirname(path: string): string {
  if (windows) return windows.dirname(path);
  // the slash before the last segment (trailing slashes skipped), looking no
  // further left than index 1: a leading slash is the root, and `//x` keeps
  // both slashes as POSIX allows; slashes before that one are kept (`a//b` -> `a/`)
  let end = path.length - 1;
  while (end >= 1 && path[end] === "/") end--;
  while (end >= 1 && path[end] !== "/") end--;
  if (end < 1) return isAbsolute(path) ? "/" : ".";
  return isAbsolute(path) && end === 1 ? "//" : path.slice(0, end);
}

/**
 * The path from `from` to `to` (both resolved first); `""` when they are the
 * same.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relative } from "./path.ts";
 * assert.equal(relative("/srv/app", "/srv/conf/db"), "../conf/db");
 * assert.equal(relative("/srv", "/srv"), "");
 * ```
 */
export function relative(from: string, to: string): string {
  if (windows) return windows.relative(from, to);
  const a = segments(resolve(from), false);
  const b = segments(resolve(to), false);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}

/**
 * The last segment of `path` (trailing slashes ignored). (node:path's
 * `suffix` argument is not offered: nothing here strips one.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { basename } from "./path.ts";
 * assert.equal(basename("/srv/conf/db.yaml"), "db.yaml");
 * assert.equal(basename("/srv/conf/"), "conf");
 * assert.equal(basename("/"), "");
 * ```
 */
export function basename(path: string): string {
  if (windows) return windows.basename(path);
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/**
 * The separator of the directories in `PATH`: `:` (`;` on Windows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { delimiter } from "./path.ts";
 * assert.equal("/usr/bin:/bin".split(delimiter).length, Deno.build.os === "windows" ? 1 : 2);
 * ```
 */
export const delimiter: string = windows ? windows.delimiter : ":";
