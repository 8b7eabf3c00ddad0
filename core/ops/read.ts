/**
 * Reading a config as OmegaConf's containers do: `cfg[a][b]` / `cfg.a.b`
 * (getItem), `parent.get(k, default)` (getMethod), `k in parent` (contains),
 * `OmegaConf.is_missing` / `is_interpolation` / `missing_keys`, `keys`, `len`.
 * A leaf that is read is resolved; a container is returned fully resolved.
 *
 * @module
 */

import { isInterpolation, type Key, nil, type Node } from "../node.ts";
import { dereferenceAt, resolveAt } from "../resolve/resolve.ts";
import { isPlainValue } from "../resolve/loc.ts";
import {
  asIndex,
  chainKey,
  chainPath,
  childFrame,
  childOf,
  ErrorCode,
  type Frame,
  keyError,
  type Path,
  rootFrame,
  StrataError,
} from "./walk.ts";

/** Python's name of a key's type, as a refused list index names it. */
function pyKeyType(seg: Key): string {
  if (typeof seg === "string") return "str";
  if (typeof seg === "boolean") return "bool";
  return seg === null ? "NoneType" : "float";
}

/** How a key is read: `cfg[k]` (item) or `cfg.k` (attribute); they fail with different errors. */
export type Access = "item" | "attr";

function missingValue(chain: readonly Frame[]): StrataError {
  const fk = chainKey(chain);
  return new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${fk}`, {
    fullKey: fk,
    origin: chain.at(-1)!.node.origin,
  });
}

/**
 * The frames from the root to `path`, read as `cfg[k1][k2]...`: interpolations
 * on the way are resolved, `???` on the way and absent keys fail as OmegaConf
 * fails (struct mode: "Key 'k' is not in struct"). A resolver's plain dict or
 * list on the way is indexed only when `intoPlain` (by default for item access,
 * as Python indexes the dict); otherwise it is a `type` error, as a scalar is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { walk } from "./read.ts";
 * assert.equal(walk(loadYaml("a: {b: 1}"), ["a", "b"]).length, 3);
 * ```
 */
export function walk(
  root: Node,
  path: Path,
  access: Access = "item",
  intoPlain: boolean = access === "item",
): Frame[] {
  // (an untyped caller's path left out or given as a string: said, not a TypeError: checker w59)
  if (!Array.isArray(path)) {
    throw new StrataError(
      ErrorCode.Usage,
      `a path is an array of keys (["a", "b", 0]), not ${
        path === undefined
          ? "undefined"
          : typeof path === "string"
          ? "a string"
          : typeof path === "object" && path !== null && "kind" in path
          ? "a config node"
          : typeof path
      }: the arguments are (root, path, ...)`,
    );
  }
  const chain = [rootFrame(root)];
  for (const seg of path) {
    let frame = chain.at(-1)!;
    const written = frame.node;
    if (frame.node.kind === "value") {
      if (frame.node.type === "missing") throw missingValue(chain);
      if (isInterpolation(frame.node)) {
        // followed as OmegaConf dereferences it: a container of the tree itself
        // (`cfg.d.b` with `d: ${a}` is `a.b`), not a resolved copy of all of it
        frame = { ...frame, node: dereferenceAt(root, chainPath(chain), { shallow: true }).node };
        chain[chain.length - 1] = frame;
      }
    }
    const node = frame.node;
    if (node.kind === "value") {
      throw keyError(ErrorCode.Type, `Cannot index a ${node.type} value with '${String(seg)}'`, [
        ...chain,
      ]);
    }
    // a resolver's plain dict or list is a value, not a config: `cfg["a"]["s"]`
    // with `a: ${r:}` returning {"s": 1} indexes the Python dict, `cfg.a.s` is
    // an AttributeError on it
    if (!intoPlain && isPlainValue(node)) {
      throw keyError(
        ErrorCode.Type,
        `Cannot index a plain ${node.kind} value (a resolver's result, not a config) ` +
          `with '${String(seg)}'`,
        [...chain],
        undefined,
        node.origin ?? written.origin,
      );
    }
    const child = childOf(node, seg);
    if (!child) {
      if (node.kind === "list" && access === "item" && asIndex(seg) === undefined) {
        // `cfg.l["x"]`: OmegaConf's ListConfig takes ints (and slices) only
        throw keyError(
          ErrorCode.KeyValidation,
          `ListConfig indices must be integers or slices, not ${pyKeyType(seg)}`,
          chain,
          seg,
        );
      }
      if (node.kind === "list") {
        throw keyError(ErrorCode.Index, "list index out of range", chain, seg);
      }
      const code = access === "attr" ? ErrorCode.Attribute : ErrorCode.Key;
      const msg = frame.struct === true
        ? `Key '${String(seg)}' is not in struct`
        : `Missing key ${String(seg)}`;
      throw keyError(code, msg, chain, seg);
    }
    chain.push(childFrame(frame, child.key, child.node));
  }
  return chain;
}

/**
 * `cfg[k1][k2]...` (or `cfg.k1.k2` with access "attr"): the resolved leaf, or
 * the container fully resolved.
 *
 * @throws {StrataError} `key`/`attribute` (absent key), `index`, `missing-value`,
 *   and the interpolation errors of the leaf.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getItem, loadYaml, toContainer } from "../../engine.ts";
 * assert.equal(toContainer(getItem(loadYaml("a: 1\nb: ${a}"), ["b"])), 1);
 * ```
 */
export function getItem(root: Node, path: Path, access: Access = "item"): Node {
  const chain = walk(root, path, access);
  const leaf = chain.at(-1)!.node;
  if (leaf.kind === "value") {
    if (leaf.type === "missing") throw missingValue(chain);
    if (!isInterpolation(leaf)) return leaf;
  }
  return resolveAt(root, chainPath(chain));
}

/**
 * `parent.get(key, default)`: the resolved value, or `fallback` (None when
 * omitted) when the key is absent or `???`, in struct mode too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getMethod, int, loadYaml } from "../../engine.ts";
 * assert.deepEqual(getMethod(loadYaml("a: 1"), [], "zz", int(5)), int(5));
 * ```
 */
export function getMethod(root: Node, parentPath: Path, key: Key, fallback?: Node): Node {
  const chain = walk(root, parentPath);
  const parent = chain.at(-1)!.node;
  const child = parent.kind === "value" ? undefined : childOf(parent, key);
  if (!child || (child.node.kind === "value" && child.node.type === "missing")) {
    return fallback ?? nil();
  }
  return getItem(root, [...chainPath(chain), child.key]);
}

/**
 * `key in parent`: a key holding `???` does not count; an interpolation
 * counts even when it fails to resolve.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { contains, loadYaml } from "../../engine.ts";
 * assert.equal(contains(loadYaml("a: 1\nm: ???"), [], "m"), false);
 * ```
 */
export function contains(root: Node, parentPath: Path, key: Key): boolean {
  const parent = walk(root, parentPath).at(-1)!.node;
  if (parent.kind === "list") {
    return parent.items.some((n) => n.kind === "value" && n.value === key);
  }
  if (parent.kind !== "dict") return false;
  const child = childOf(parent, key);
  return child !== undefined && !(child.node.kind === "value" && child.node.type === "missing");
}

function rawChild(root: Node, parentPath: Path, key: Key): Node | undefined {
  const parent = walk(root, parentPath).at(-1)!.node;
  return parent.kind === "value" ? undefined : childOf(parent, key)?.node;
}

/**
 * `OmegaConf.is_missing(parent, key)`: the key holds `???` itself (an
 * interpolation to `???` is not missing; an absent key is not missing).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isMissing, loadYaml } from "../../engine.ts";
 * assert.ok(isMissing(loadYaml("a: ???"), [], "a"));
 * ```
 */
export function isMissing(root: Node, parentPath: Path, key: Key): boolean {
  const n = rawChild(root, parentPath, key);
  return n !== undefined && n.kind === "value" && n.type === "missing";
}

/**
 * `OmegaConf.is_interpolation(parent, key)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInterpolationAt, loadYaml } from "../../engine.ts";
 * assert.ok(isInterpolationAt(loadYaml("a: ${b}\nb: 1"), [], "a"));
 * ```
 */
export function isInterpolationAt(root: Node, parentPath: Path, key: Key): boolean {
  const n = rawChild(root, parentPath, key);
  return n !== undefined && isInterpolation(n);
}

/**
 * `sorted(OmegaConf.missing_keys(cfg))`: full keys of every `???` (under
 * the node at `path`). Other
 * values are read, so an interpolation to `???` raises, as in OmegaConf.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, missingKeys } from "../../engine.ts";
 * assert.deepEqual(missingKeys(loadYaml("a: ???\nb:\n  c: ???\n")), ["a", "b.c"]);
 * ```
 */
export function missingKeys(root: Node, path: Path = []): string[] {
  const out = new Set<string>();
  const gather = (chain: Frame[]): void => {
    const node = chain.at(-1)!.node;
    const children: [Key, Node][] = node.kind === "dict"
      ? [...node.entries.values()].map((e) => [e.key, e.node])
      : node.kind === "list"
      ? node.items.map((n, i) => [i, n])
      : [];
    for (const [key, child] of children) {
      const next = [...chain, childFrame(chain.at(-1)!, key, child)];
      if (child.kind === "value" && child.type === "missing") out.add(chainKey(next));
      else if (child.kind !== "value") gather(next);
      else if (isInterpolation(child)) resolveAt(root, chainPath(next));
    }
  };
  // under `path`, the keys are still full keys from the root (`missing_keys(cfg.d)` gives `d.x`)
  gather(walk(root, path));
  return [...out].sort();
}

/**
 * `list(node.keys())` of the dict at `path` (list indexes for a list).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keysAt, loadYaml } from "../../engine.ts";
 * assert.deepEqual(keysAt(loadYaml("b: 1\na: 2"), []), ["b", "a"]);
 * ```
 */
export function keysAt(root: Node, path: Path): Key[] {
  const node = walk(root, path).at(-1)!.node;
  if (node.kind === "dict") return [...node.entries.values()].map((e) => e.key);
  if (node.kind === "list") return node.items.map((_, i) => i);
  return [];
}

/**
 * `len(node)` of the container at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lengthAt, loadYaml } from "../../engine.ts";
 * assert.equal(lengthAt(loadYaml("l: [1, 2]"), ["l"]), 2);
 * ```
 */
export function lengthAt(root: Node, path: Path): number {
  const node = walk(root, path).at(-1)!.node;
  return node.kind === "dict" ? node.entries.size : node.kind === "list" ? node.items.length : 0;
}
