/**
 * Path helpers validation needs: file URLs for dynamic imports, and config
 * option names that must stay inside their group.
 *
 * @module
 */

import { pathToFileURL } from "node:url";

/**
 * The `file://` URL of an absolute path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFileUrl } from "./paths.ts";
 * assert.equal(toFileUrl("/tmp/a b.ts"), "file:///tmp/a%20b.ts");
 * ```
 */
export function toFileUrl(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Whether a config path (`db/mysql`) would leave its config directory
 * (`../../etc/passwd`, `/etc/passwd`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapesConfigDir } from "./paths.ts";
 * assert.equal(escapesConfigDir("../../etc/passwd"), true);
 * assert.equal(escapesConfigDir("db/mysql"), false);
 * ```
 */
export function escapesConfigDir(configPath: string): boolean {
  return configPath.startsWith("/") || configPath.split(/[\\/]/).includes("..");
}
