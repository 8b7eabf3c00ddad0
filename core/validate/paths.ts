/**
 * Path helpers validation needs: file URLs for dynamic imports, and config
 * option names that must stay inside their group.
 *
 * @module
 */

/**
 * The `file://` URL of an absolute path. node:url is imported here, when a
 * resolver module is loaded, not at start-up (a `node:` import costs every
 * run ~15 ms: core/path.ts says why).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFileUrl } from "./paths.ts";
 * assert.equal(await toFileUrl("/tmp/a b.ts"), "file:///tmp/a%20b.ts");
 * ```
 */
export async function toFileUrl(path: string): Promise<string> {
  const { pathToFileURL } = await import("node:url");
  return pathToFileURL(path).href;
}

/**
 * Whether a config path (`db/mysql`) would leave its config directory
 * (`../../etc/passwd`). A leading `/` is Hydra's path from the root of the
 * search path, not of the file system.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapesConfigDir } from "./paths.ts";
 * assert.equal(escapesConfigDir("../../etc/passwd"), true);
 * assert.equal(escapesConfigDir("/db_schema/base_mysql@_here_"), false);
 * ```
 */
export function escapesConfigDir(configPath: string): boolean {
  return configPath.split(/[\\/]/).includes("..");
}
