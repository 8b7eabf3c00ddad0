/**
 * What commander imports from Node built-ins, in the bundle (tools/bundle.ts
 * points commander's `node:` imports here). The first `node:` import starts
 * Deno's Node compatibility layer, ~15 ms of every run, ~30 ms for the four
 * commander imports (bench/node_imports.ts). Commander needs an EventEmitter
 * to define its Command class, so that one is npm:eventemitter3 (the same
 * on/emit/listenerCount interface); process, path and util it touches only
 * on some paths (help, executable subcommands, env options), so those are the
 * real built-ins, fetched on first use through `process.getBuiltinModule`:
 * the same objects, so the same behaviour, paid for only when used.
 *
 * @module
 */

import { EventEmitter } from "eventemitter3";
import type * as NodePath from "node:path";
import type NodeProcess from "node:process";
import type * as NodeUtil from "node:util";

/** Deno's `process` global, read only when first used. */
interface ProcessGlobal {
  process: typeof NodeProcess & { getBuiltinModule(id: string): unknown };
}
const realProcess = () => (globalThis as unknown as ProcessGlobal).process;

/** A stand-in for `module` that loads it on first use and forwards everything to it. */
function lazy<T extends object>(module: () => T): T {
  let real: T | undefined;
  const load = () => real ??= module();
  return new Proxy({} as T, {
    get(_, key) {
      const m = load();
      const value = Reflect.get(m, key, m);
      return typeof value === "function" ? value.bind(m) : value;
    },
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => Reflect.has(load(), key),
  });
}

/**
 * Commander's base class.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EventEmitter } from "./bundle_shims.ts";
 * const e = new EventEmitter();
 * let got = "";
 * e.on("option:x", (v: string) => got = v);
 * assert.equal(e.emit("option:x", "1"), true);
 * assert.equal(got, "1");
 * assert.equal(e.listenerCount("option:y"), 0);
 * ```
 */
export { EventEmitter };

/**
 * `node:process`, loaded on first use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { process } from "./bundle_shims.ts";
 * assert.equal(process.platform, Deno.build.os);
 * ```
 */
export const process: typeof NodeProcess = lazy(realProcess);

/**
 * `node:path`, loaded on first use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { path } from "./bundle_shims.ts";
 * assert.equal(path.extname("a/b.js"), ".js");
 * ```
 */
export const path: typeof NodePath = lazy(() =>
  realProcess().getBuiltinModule("node:path") as typeof NodePath
);

/**
 * `node:util`'s stripVTControlCharacters, node:util loaded on first call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stripVTControlCharacters } from "./bundle_shims.ts";
 * assert.equal(stripVTControlCharacters("\x1b[1mhelp\x1b[22m"), "help");
 * ```
 */
export function stripVTControlCharacters(text: string): string {
  return (realProcess().getBuiltinModule("node:util") as typeof NodeUtil)
    .stripVTControlCharacters(text);
}
