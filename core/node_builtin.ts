/**
 * Node built-ins fetched where they are used, through Deno's `process`
 * global, instead of imported: the first `node:` import starts Deno's Node
 * compatibility layer, ~15 ms of every run (core/path.ts), and most runs
 * need no built-in at all.
 *
 * @module
 */

/**
 * The Node built-in `id` (`node:url`, `node:path`), without an import.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type * as NodePath from "node:path";
 * import { nodeBuiltin } from "./node_builtin.ts";
 * assert.equal(nodeBuiltin<typeof NodePath>("node:path").posix.join("a", "b"), "a/b");
 * ```
 */
export function nodeBuiltin<T>(id: string): T {
  const { process } = globalThis as unknown as {
    process: { getBuiltinModule(id: string): unknown };
  };
  return process.getBuiltinModule(id) as T;
}
