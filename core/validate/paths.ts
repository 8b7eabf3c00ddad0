/**
 * Path helpers validation needs: file URLs for dynamic imports, and config
 * option names that must stay inside their group.
 *
 * @module
 */

import type * as NodeUrl from "node:url";
import { nodeBuiltin } from "../node_builtin.ts";

/**
 * The `file://` URL of an absolute path (node:url without an import:
 * ../node_builtin.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFileUrl } from "./paths.ts";
 * assert.equal(toFileUrl("/tmp/a b.ts"), "file:///tmp/a%20b.ts");
 * ```
 */
export function toFileUrl(path: string): string {
  return nodeBuiltin<typeof NodeUrl>("node:url").pathToFileURL(path).href;
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
