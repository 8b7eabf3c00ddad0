/**
 * Walking a config tree the way OmegaConf's containers do: a chain of frames
 * from the root, each with the flags it has after inheritance (a node's own
 * struct/readonly flag, else its parent's), so every operation can check
 * struct and readonly mode and name the full key of what it touched.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import {
  canonicalKey,
  type ContainerNode,
  fullKey,
  type Key,
  keyText,
  type Node,
  type NodeOrigin,
  selectKey,
} from "../node.ts";
import { suggest } from "../suggest.ts";

/** A path from the root: dict keys and list indexes (`["a", 0, "b"]`). */
export type Path = readonly Key[];

/** One node on a walk from the root, with its effective flags. */
export interface Frame {
  node: Node;
  /** The key in the parent (undefined for the root). */
  key?: Key;
  /** Whether the parent is a list (so the key prints as `[i]`). */
  inList: boolean;
  /** Effective struct flag (own, else inherited; undefined when nothing up the chain sets it). */
  struct?: boolean;
  /** Effective readonly flag (own, else inherited; undefined when unset). */
  readonly?: boolean;
}

/**
 * The root frame of a tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { rootFrame } from "./walk.ts";
 * const d = dict();
 * d.flags = { struct: true };
 * assert.ok(rootFrame(d).struct);
 * ```
 */
export function rootFrame(root: Node): Frame {
  return {
    node: root,
    inList: false,
    struct: root.flags?.struct,
    readonly: root.flags?.readonly,
  };
}

/**
 * The frame of `node` held under `key` by the container of `parent`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { childFrame, rootFrame } from "./walk.ts";
 * const root = dict([["a", int(1)]]);
 * assert.equal(childFrame(rootFrame(root), "a", int(1)).key, "a");
 * ```
 */
export function childFrame(parent: Frame, key: Key, node: Node): Frame {
  return {
    node,
    key,
    inList: parent.node.kind === "list",
    struct: node.flags?.struct ?? parent.struct,
    readonly: node.flags?.readonly ?? parent.readonly,
  };
}

/**
 * The full key (`a.b[0]`) of a chain of frames, optionally with one more key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { chainKey, rootFrame } from "./walk.ts";
 * assert.equal(chainKey([rootFrame(dict())], "x"), "x");
 * ```
 */
export function chainKey(chain: readonly Frame[], extra?: Key): string {
  const keys: Key[] = [];
  const inList: boolean[] = [];
  for (const f of chain.slice(1)) {
    keys.push(f.key as Key);
    inList.push(f.inList);
  }
  if (extra !== undefined) {
    keys.push(extra);
    inList.push(chain.at(-1)?.node.kind === "list");
  }
  return fullKey(keys, inList);
}

/**
 * The keys of a chain (for resolveAt), optionally with one more.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { chainPath, childFrame, rootFrame } from "./walk.ts";
 * const root = dict([["a", dict([["b", int(1)]])]]);
 * const a = childFrame(rootFrame(root), "a", [...root.entries.values()][0].node);
 * assert.deepEqual(chainPath([rootFrame(root), a], "b"), ["a", "b"]);
 * ```
 */
export function chainPath(chain: readonly Frame[], extra?: Key): Key[] {
  const out = chain.slice(1).map((f) => f.key as Key);
  if (extra !== undefined) out.push(extra);
  return out;
}

/**
 * A list index from a path segment as Python's `int()` reads it (`"1"`, `1`,
 * `"-1"`, `" 1_0"`); undefined when the segment is not an int.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asIndex } from "./walk.ts";
 * assert.equal(asIndex("2"), 2);
 * ```
 */
export function asIndex(seg: Key): number | undefined {
  if (typeof seg === "number" && Number.isInteger(seg)) return seg;
  // Python's int(): surrounding spaces, a sign, single underscores between digits
  if (typeof seg === "string" && /^[+-]?\d+(_\d+)*$/.test(seg.trim())) {
    return Number(seg.trim().replaceAll("_", ""));
  }
  return undefined;
}

/**
 * The child of a container under `seg` (list indexes may be negative), or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int, list } from "../../engine.ts";
 * import { childOf } from "./walk.ts";
 * assert.deepEqual(childOf(list([int(1), int(2)]), -1), { key: 1, node: { kind: "value", type: "int", value: 2 } });
 * assert.equal(childOf(list([int(1)]), 5), undefined);
 * ```
 */
export function childOf(node: ContainerNode, seg: Key): { key: Key; node: Node } | undefined {
  if (node.kind === "dict") {
    const e = node.entries.get(canonicalKey(seg));
    return e ? { key: e.key, node: e.node } : undefined;
  }
  let i = asIndex(seg);
  if (i === undefined) return undefined;
  if (i < 0) i += node.items.length;
  if (i < 0 || i >= node.items.length) return undefined;
  return { key: i, node: node.items[i] };
}

/**
 * A located error about the key `key` of the container at the end of `chain`.
 *
 * @example
 * ```ts ignore
 * throw keyError(ErrorCode.Key, "Missing key c", chain, "c");
 * ```
 */
export function keyError(
  code: ErrorCode,
  message: string,
  chain: readonly Frame[],
  key?: Key,
  origin?: NodeOrigin,
): StrataError {
  const parent = chain.at(-1)!.node;
  let suggestions: string[] = [];
  if (key !== undefined && parent.kind === "dict" && (code === "key" || code === "attribute")) {
    // spelt as a key path reads them back: `p[obs.state]`, not the dotted full key
    const keys = chain.slice(1).map((f) => f.key as Key);
    const inList = chain.slice(1).map((f) => f.inList);
    suggestions = suggest(keyText(key), [...parent.entries.values()].map((e) => keyText(e.key)))
      .flatMap((s) => selectKey([...keys, s], [...inList, false]) ?? []);
  }
  return new StrataError(code, message, {
    fullKey: chainKey(chain, key),
    origin: origin ?? parent.origin,
    suggestions,
    objectType: parent.kind === "list" ? "list" : "dict",
  });
}

/**
 * Every key path of a tree (containers too), spelt as a key path reads them
 * back ({@link selectKey}), for did-you-mean; a key no key path can name is left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyPaths } from "./walk.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(keyPaths(loadYaml("p: {obs.state: [2]}")), ["p", "p[obs.state]", "p[obs.state][0]"]);
 * ```
 */
export function keyPaths(root: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node, path: Key[], idx: boolean[]) => {
    const text = path.length > 0 ? selectKey(path, idx) : "";
    if (text === undefined) return;
    if (text !== "") out.push(text);
    if (n.kind === "dict") {
      for (const e of n.entries.values()) walk(e.node, [...path, e.key], [...idx, false]);
    } else if (n.kind === "list") n.items.forEach((c, i) => walk(c, [...path, i], [...idx, true]));
  };
  walk(root, [], []);
  return out;
}

/** Re-exported for the ops modules. */
export { ErrorCode, StrataError };

/**
 * The node at a path as written (no interpolation is resolved), or undefined
 * when the path does not exist.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nodeAt } from "./walk.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * assert.deepEqual(nodeAt(loadYaml("a: {b: [1, '${x}']}"), ["a", "b", "1"])?.kind, "value");
 * assert.equal(nodeAt(loadYaml("a: 1"), ["a", "b"]), undefined);
 * ```
 */
export function nodeAt(root: Node | undefined, path: readonly Key[]): Node | undefined {
  let node = root;
  for (const seg of path) {
    if (!node || node.kind === "value") return undefined;
    node = childOf(node, seg)?.node;
  }
  return node;
}
