/**
 * Struct and readonly flags: `OmegaConf.set_struct` / `set_readonly` (a
 * `null` value means "inherit from the parent") and `is_struct` /
 * `is_readonly` (the flag after inheritance, `undefined` when nothing up the
 * chain sets it, as OmegaConf returns None).
 *
 * @module
 */

import type { Flags, Node } from "../node.ts";
import { noteMutation } from "../merge.ts";
import { walk } from "./read.ts";
import type { Path } from "./walk.ts";

function setFlag(root: Node, path: Path, flag: keyof Flags, value: boolean | null): void {
  const node = walk(root, path).at(-1)!.node;
  noteMutation();
  const flags = { ...node.flags };
  if (value === null) delete flags[flag];
  else flags[flag] = value;
  if (Object.keys(flags).length === 0) delete node.flags;
  else node.flags = flags;
}

/**
 * `OmegaConf.set_struct(node_at_path, value)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isStruct, loadYaml, setStruct } from "../../engine.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * setStruct(cfg, [], true);
 * assert.ok(isStruct(cfg, ["a"]));
 * ```
 */
export function setStruct(root: Node, path: Path, value: boolean | null): void {
  setFlag(root, path, "struct", value);
}

/**
 * `OmegaConf.set_readonly(node_at_path, value)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isReadonly, loadYaml, setReadonly } from "../../engine.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * setReadonly(cfg, ["a"], true);
 * assert.equal(isReadonly(cfg, []), undefined);
 * ```
 */
export function setReadonly(root: Node, path: Path, value: boolean | null): void {
  setFlag(root, path, "readonly", value);
}

/**
 * `OmegaConf.is_struct(node_at_path)`: inherited; undefined when never set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isStruct, loadYaml } from "../../engine.ts";
 * assert.equal(isStruct(loadYaml("a: 1"), []), undefined);
 * ```
 */
export function isStruct(root: Node, path: Path): boolean | undefined {
  return walk(root, path).at(-1)!.struct;
}

/**
 * `OmegaConf.is_readonly(node_at_path)`: inherited; undefined when never set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isReadonly, loadYaml } from "../../engine.ts";
 * assert.equal(isReadonly(loadYaml("a: 1"), ["a"]), undefined);
 * ```
 */
export function isReadonly(root: Node, path: Path): boolean | undefined {
  return walk(root, path).at(-1)!.readonly;
}
