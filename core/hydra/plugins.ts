/**
 * The Hydra plugins strata has built in, by plugin type, as Hydra's
 * `--info plugins` lists the installed ones (`Hydra._print_plugins`): strata
 * runs no Python and discovers no `hydra_plugins` package, so the list is
 * what it implements itself, under the names of Hydra's core plugins.
 *
 * @module
 */

/**
 * Plugin types in the order Hydra prints them, each with strata's built-in
 * plugins of that type (Hydra's core plugins in module order: what a bare
 * `pip install hydra-core` lists). SearchPathPlugin has none, so Hydra
 * prints no section for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BUILTIN_PLUGINS } from "./plugins.ts";
 * assert.deepEqual(BUILTIN_PLUGINS.find(([t]) => t === "Launcher")?.[1], ["BasicLauncher"]);
 * ```
 */
export const BUILTIN_PLUGINS: readonly (readonly [string, readonly string[]])[] = [
  // file:// directories; pkg:// (Hydra's own hydra.conf); structured:// (Hydra's schemas)
  ["ConfigSource", [
    "FileConfigSource",
    "ImportlibResourcesConfigSource",
    "StructuredConfigSource",
  ]],
  // `strata completions bash|fish|zsh`
  ["CompletionPlugin", ["BashCompletion", "FishCompletion", "ZshCompletion"]],
  ["Launcher", ["BasicLauncher"]],
  ["Sweeper", ["BasicSweeper"]],
  ["SearchPathPlugin", []],
];
