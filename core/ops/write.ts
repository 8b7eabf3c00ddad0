/**
 * Changing a config as OmegaConf's containers do, in place: `parent[k] = v`
 * (setValue), `del parent[k]` (deleteKey), `parent.pop(k)`, `list.append(v)`,
 * `node.merge_with(other)` (mergeInto). Struct and readonly flags are read
 * with inheritance, and each failure has OmegaConf's error type and message.
 *
 * @module
 */

import { mergeWith, noteMutation } from "../merge.ts";
import { canonicalKey, isInterpolation, type Key, nil, type Node } from "../node.ts";
import { resolveAt } from "../resolve/resolve.ts";
import { type Access, walk } from "./read.ts";
import {
  asIndex,
  chainKey,
  chainPath,
  childOf,
  ErrorCode,
  type Frame,
  keyError,
  type Path,
  StrataError,
} from "./walk.ts";

/** Options of {@link setValue}. */
export interface SetOptions {
  /** `parent[k] = v` (item, struct fails with `key`) or `setattr` (attr, struct fails with `attribute`). */
  access?: Access;
  /** Treat the parent as not in struct mode (OmegaConf.update's force_add). */
  forceAdd?: boolean;
}

function isSpecial(value: Node): boolean {
  return value.kind === "value" &&
    (value.type === "null" || value.type === "missing" || isInterpolation(value));
}

function listIndex(
  chain: readonly Frame[],
  key: Key,
  length: number,
  extra = 0,
  outOfRange = "list index out of range",
): number {
  const i = asIndex(key);
  if (i === undefined) {
    throw keyError(
      ErrorCode.Type,
      `ListConfig indices must be integers or slices, not ${
        typeof key === "string" ? "str" : typeof key
      }`,
      chain,
      key,
    );
  }
  const at = i < 0 ? i + length : i;
  if (at < 0 || at >= length + extra) throw keyError(ErrorCode.Index, outOfRange, chain, key);
  return at;
}

/**
 * Sets `key` of the container at `parentPath` to `value` (replacing a
 * container too). Setting `null`, `???` or an interpolation checks readonly
 * before struct, as OmegaConf does.
 *
 * @throws {StrataError} `key`/`attribute` (struct), `readonly`, `index`, `type`.
 * @example
 * ```ts
 * import { int, loadYaml, setValue } from "../../engine.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * setValue(cfg, ["a"], "b", int(2));
 * ```
 */
export function setValue(
  root: Node,
  parentPath: Path,
  key: Key,
  value: Node,
  opts: SetOptions = {},
): void {
  const chain = walk(root, parentPath);
  setIn(chain, key, value, opts);
}

/**
 * {@link setValue} on the container at the end of a walked chain, for
 * callers that already walked there (select.ts's update).
 *
 * @throws {StrataError} `key`/`attribute` (struct), `readonly`, `index`, `type`.
 * @example
 * ```ts
 * import { int, loadYaml } from "../../engine.ts";
 * import { setIn } from "./write.ts";
 * import { walk } from "./read.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * setIn(walk(cfg, ["a"]), "b", int(2));
 * ```
 */
export function setIn(chain: Frame[], key: Key, value: Node, opts: SetOptions = {}): void {
  const frame = chain.at(-1)!;
  const parent = frame.node;
  if (parent.kind === "list") {
    const i = listIndex(chain, key, parent.items.length);
    if (frame.readonly === true) {
      // at the container, or at the item written when it has no place (a composed root)
      const at = parent.origin ?? parent.items[i]?.origin;
      throw keyError(ErrorCode.Readonly, "ListConfig is read-only", chain, i, at);
    }
    noteMutation();
    parent.items[i] = value;
    return;
  }
  if (parent.kind !== "dict") {
    throw keyError(ErrorCode.Type, `Cannot set a key of a ${parent.type} value`, chain, key);
  }
  const existing = childOf(parent, key);
  const struct = frame.struct === true && !opts.forceAdd;
  // located at the struct dict written to (the value may come from code, not a file)
  const structError = () =>
    keyError(
      opts.access === "attr" ? ErrorCode.Attribute : ErrorCode.Key,
      `Key '${String(key)}' is not in struct`,
      chain,
      key,
    );
  if (!existing && struct && !isSpecial(value)) throw structError();
  if (frame.readonly === true) {
    throw keyError(
      ErrorCode.Readonly,
      "Cannot change read-only config container",
      chain,
      existing?.key ?? key,
      // at the container, or at the key written when it has no place (a composed root)
      parent.origin ?? existing?.node.origin,
    );
  }
  if (!existing && struct) throw structError();
  const k = existing?.key ?? key;
  noteMutation();
  parent.entries.set(canonicalKey(k), { key: k, node: value });
}

/**
 * `del parent[key]`.
 *
 * @throws {StrataError} `readonly`, `type` (struct mode), `key` (absent), `index`.
 * @example
 * ```ts
 * import { deleteKey, loadYaml } from "../../engine.ts";
 * deleteKey(loadYaml("a: 1\nb: 2"), [], "a");
 * ```
 */
export function deleteKey(root: Node, parentPath: Path, key: Key): void {
  const chain = walk(root, parentPath);
  const frame = chain.at(-1)!;
  const parent = frame.node;
  if (parent.kind === "list") {
    if (frame.readonly === true) {
      throw keyError(
        ErrorCode.Readonly,
        "Cannot delete item from read-only ListConfig",
        chain,
        key,
      );
    }
    noteMutation();
    // ListConfig.__delitem__ deletes from its Python list: Python's own words
    const i = listIndex(chain, key, parent.items.length, 0, "list assignment index out of range");
    parent.items.splice(i, 1);
    return;
  }
  if (parent.kind !== "dict") {
    throw keyError(ErrorCode.Type, `Cannot delete from a ${parent.type} value`, chain, key);
  }
  if (frame.readonly === true || frame.struct === true) {
    const [code, mode] = frame.readonly === true
      ? [ErrorCode.Readonly, "read-only"]
      : [ErrorCode.Type, "struct"];
    // at the key deleted, not its container's first key (checker v40)
    const at = childOf(parent, key)?.node.origin;
    throw keyError(code, `DictConfig in ${mode} mode does not support deletion`, chain, key, at);
  }
  noteMutation();
  if (!parent.entries.delete(canonicalKey(key))) {
    throw keyError(ErrorCode.Key, `Key not found: '${String(key)}'`, chain, key);
  }
}

/**
 * `parent.pop(key[, fallback])`: the resolved value, removed.
 *
 * @throws {StrataError} `readonly`, `type` (struct mode), `key` (absent, no
 *   fallback), `missing-value` (`???` without fallback).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, pop, toContainer } from "../../engine.ts";
 * const cfg = loadYaml("a: 1\nb: 2");
 * assert.equal(toContainer(pop(cfg, [], "a")), 1);
 * assert.deepEqual(toContainer(cfg), { b: 2 });
 * ```
 */
export function pop(root: Node, parentPath: Path, key: Key, fallback?: Node): Node {
  const chain = walk(root, parentPath);
  const frame = chain.at(-1)!;
  const parent = frame.node;
  if (parent.kind === "value") {
    throw keyError(ErrorCode.Type, `Cannot pop from a ${parent.type} value`, chain, key);
  }
  if (frame.readonly === true) {
    const msg = parent.kind === "list"
      ? "Cannot pop from read-only ListConfig"
      : "Cannot pop from read-only node";
    throw keyError(ErrorCode.Readonly, msg, chain, key, childOf(parent, key)?.node.origin);
  }
  if (parent.kind === "dict" && frame.struct === true) {
    throw keyError(
      ErrorCode.Type,
      "DictConfig in struct mode does not support pop",
      chain,
      key,
      childOf(parent, key)?.node.origin,
    );
  }
  const child = childOf(parent, key);
  if (!child) {
    if (fallback) return fallback;
    if (parent.kind === "list") {
      // ListConfig.pop reads the child first: Python's IndexError of a read
      throw keyError(ErrorCode.Index, "list index out of range", chain, key);
    }
    const e = keyError(ErrorCode.Key, `Key not found: '${String(key)}'`, chain, key);
    // DictConfig.pop names the full key below the root: `Key not found: 'zz' (path: 'a.zz')`
    if (chain.length <= 1) throw e;
    throw new StrataError(e.code, `${e.message} (path: '${e.fullKey}')`, e);
  }
  let value: Node = child.node;
  if (value.kind === "value" && value.type === "missing") {
    // ListConfig.pop resolves with default_value=None: a ??? item gives None
    if (parent.kind === "list") fallback ??= nil();
    if (!fallback) {
      const fk = chainKey(chain, child.key);
      throw new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${fk}`, {
        fullKey: fk,
        origin: value.origin,
      });
    }
    value = fallback;
  } else if (value.kind !== "value" || isInterpolation(value)) {
    value = resolveAt(root, chainPath(chain, child.key));
  }
  noteMutation();
  if (parent.kind === "list") parent.items.splice(child.key as number, 1);
  else parent.entries.delete(canonicalKey(child.key));
  return value;
}

/**
 * `node.append(value)` on the list at `path`.
 *
 * @throws {StrataError} `readonly` (full key of the new index), `type` (not a list).
 * @example
 * ```ts
 * import { append, int, loadYaml } from "../../engine.ts";
 * append(loadYaml("l: [1]"), ["l"], int(2));
 * ```
 */
export function append(root: Node, path: Path, value: Node): void {
  const chain = walk(root, path);
  const frame = chain.at(-1)!;
  const list = frame.node;
  if (list.kind !== "list") {
    throw notAList("append", chain);
  }
  if (frame.readonly === true) {
    throw keyError(ErrorCode.Readonly, "ListConfig is read-only", chain, list.items.length);
  }
  noteMutation();
  list.items.push(value);
}

/** `append`/`insert` on a node that is no list, located at it (the root too: its own chain). */
function notAList(verb: string, chain: readonly Frame[]): StrataError {
  const at = chain.length > 1 ? chain.slice(0, -1) : chain;
  return keyError(ErrorCode.Type, `${verb} needs a ListConfig`, at, chain.at(-1)!.key);
}

/**
 * `node.insert(index, value)` on the list at `path`: before `index`, which
 * is 0 to the length (the end), or negative from the end as in Python.
 *
 * @throws {StrataError} `readonly`, `type` (not a list, or an index that is
 *   no integer), `index` (out of range).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { insert, int, loadYaml, toContainer } from "../../engine.ts";
 * const cfg = loadYaml("l: [1, 3]");
 * insert(cfg, ["l"], 1, int(2));
 * assert.deepEqual(toContainer(cfg), { l: [1, 2, 3] });
 * ```
 */
export function insert(root: Node, path: Path, index: number, value: Node): void {
  const chain = walk(root, path);
  const frame = chain.at(-1)!;
  const list = frame.node;
  if (list.kind !== "list") {
    throw notAList("insert", chain);
  }
  if (!Number.isInteger(index)) {
    const msg = `list indices must be integers or slices, not ${
      typeof index === "string" ? "str" : "float"
    }`;
    throw keyError(ErrorCode.Type, msg, chain, index);
  }
  if (frame.readonly === true) {
    throw keyError(ErrorCode.Readonly, "Cannot insert into a read-only ListConfig", chain, index);
  }
  const n = list.items.length;
  if (index < -n || index > n) {
    throw keyError(ErrorCode.Index, "list assignment index out of range", chain, index);
  }
  noteMutation();
  list.items.splice(index < 0 ? n + index : index, 0, value);
}

/**
 * `node.merge_with(other)` on the container at `path`, in place, with the
 * node's inherited flags (readonly is honoured, as merge_with does).
 *
 * @throws {StrataError} the merge errors, with full keys from the root.
 * @example
 * ```ts
 * import { loadYaml, mergeInto } from "../../engine.ts";
 * const cfg = loadYaml("a: {x: 1}");
 * mergeInto(cfg, ["a"], loadYaml("y: 2"));
 * ```
 */
export function mergeInto(
  root: Node,
  path: Path,
  other: Node,
  opts: { forceAdd?: boolean } = {},
): void {
  const chain = walk(root, path);
  mergeAt(chain, other, opts.forceAdd ?? false);
}

/**
 * {@link mergeInto} on the node at the end of a walked chain, for callers
 * that already walked there (select.ts's update with merge).
 *
 * @throws {StrataError} `type` (not a container), and the errors of the merge.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toContainer } from "../../engine.ts";
 * import { mergeAt } from "./write.ts";
 * import { walk } from "./read.ts";
 * const cfg = loadYaml("a: {b: 1}");
 * mergeAt(walk(cfg, ["a"]), loadYaml("c: 2"), false);
 * assert.deepEqual(toContainer(cfg), { a: { b: 1, c: 2 } });
 * ```
 */
export function mergeAt(chain: Frame[], other: Node, forceAdd: boolean): void {
  const frame = chain.at(-1)!;
  const node = frame.node;
  if (node.kind === "value") {
    throw keyError(ErrorCode.Type, `Cannot merge into a ${node.type} value`, chain.slice(0, -1));
  }
  const flags = { ...node.flags };
  if (frame.struct !== undefined) flags.struct = forceAdd ? false : frame.struct;
  else if (forceAdd) flags.struct = false;
  if (frame.readonly !== undefined) flags.readonly = frame.readonly;
  let merged: Node;
  try {
    merged = mergeWith([{ ...node, flags } as Node, other], { method: "merge_with" });
  } catch (e) {
    if (!(e instanceof StrataError)) throw e;
    const prefix = chainKey(chain);
    const fk = e.fullKey === undefined || prefix === ""
      ? e.fullKey
      : e.fullKey === ""
      ? prefix
      : e.fullKey.startsWith("[")
      ? prefix + e.fullKey
      : `${prefix}.${e.fullKey}`;
    // merge's "at the root" is the node updated: said as its key (`update(cfg, "x.y", [1])`)
    const message = prefix === "" ? e.message : e.message.replace(
      /^(Cannot merge DictConfig with ListConfig) at (?:the root|'([^']*)') \(/,
      (_, head: string, k?: string) =>
        `${head} at '${
          k === undefined ? prefix : k.startsWith("[") ? prefix + k : `${prefix}.${k}`
        }' (`,
    );
    throw new StrataError(e.code, message, {
      fullKey: fk,
      origin: e.origin,
      related: e.related,
      suggestions: e.suggestions.map((s) => prefix ? `${prefix}.${s}` : s),
      objectType: e.objectType,
    });
  }
  const own = { ...node.flags };
  if (other.flags?.struct !== undefined) own.struct = other.flags.struct;
  if (other.flags?.readonly !== undefined) own.readonly = other.flags.readonly;
  noteMutation();
  if (merged.kind === "dict" && node.kind === "dict") node.entries = merged.entries;
  else if (merged.kind === "list" && node.kind === "list") node.items = merged.items;
  if (Object.keys(own).length > 0) node.flags = own;
}
