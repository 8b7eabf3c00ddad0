/**
 * What strata says of a `pkg://` search path entry it cannot read (strata runs no Python, so a
 * package's configs are not there): Hydra's "is not available" warning, and a related line of a
 * composition that fails for a config the package would have held.
 *
 * @module
 */

import type { ConfigSource } from "./source.ts";

/**
 * The hint for a Python package strata cannot read (`benchmarl.conf`): the directory to name
 * instead, with `--search-path` first, as it leaves the Python app's `pkg://` entry alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { packageHint } from "./package_hint.ts";
 * assert.match(packageHint("my_app.conf"), /--search-path my_app\/conf .*file:\/\/my_app\/conf/);
 * ```
 */
export function packageHint(module: string): string {
  const dir = module.replaceAll(".", "/");
  return `strata reads no Python package: name its directory instead, with --search-path ${dir} ` +
    `(which leaves the Python app's pkg:// alone) or file://${dir} (relative to where strata runs)`;
}

/**
 * The `pkg://` sources of a search path that strata cannot read and that no `--search-path`
 * directory stands in for. A directory stands in for a package when its path ends with the
 * package's last name (`--search-path benchmarl/conf` or `vendor/conf` for
 * `pkg://benchmarl.conf`; nuplan's `conf/config/common` for
 * `pkg://nuplan.planning.script.config.common`): a user who names such a directory has taken
 * the package's place, wherever its checkout keeps it, and every message repeating the
 * warning would be noise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unreadPackages } from "./package_hint.ts";
 * import { DirSource, EmbeddedSource } from "./source.ts";
 * const pkg = new EmbeddedSource("hydra.searchpath in main", "pkg", "my_app.conf", {}, false);
 * assert.deepEqual(unreadPackages([pkg]), [pkg]);
 * assert.deepEqual(unreadPackages([pkg, new DirSource("src/my_app/conf", "command-line")]), []);
 * assert.deepEqual(unreadPackages([pkg, new DirSource("checkout/conf/", "command-line")]), []);
 * assert.deepEqual(unreadPackages([pkg, new DirSource("vendor/colorlog_conf", "command-line")]), [pkg]);
 * ```
 */
export function unreadPackages(sources: readonly ConfigSource[]): ConfigSource[] {
  const lastNames = new Set(
    sources.filter((s) => s.provider === "command-line" && s.scheme === "file")
      .map((s) => s.path.replaceAll("\\", "/").replace(/\/+$/, "").split("/").at(-1)),
  );
  return sources.filter((s) =>
    s.scheme === "pkg" && !s.available() && !lastNames.has(s.path.split(".").at(-1))
  );
}
