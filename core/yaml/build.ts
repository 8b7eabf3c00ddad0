/**
 * What both YAML readers (the fast block reader and the full npm:yaml path)
 * share once the syntax is read: turning key scalars into OmegaConf keys,
 * OmegaConf's duplicate-key rule, `<<` merge keys, full keys for errors.
 * Keeping it in one place is what keeps the two readers' semantics equal.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import {
  canonicalKey,
  clone,
  type DictNode,
  type Entry,
  FloatKey,
  type Key,
  keyText,
  type Node,
  type NodeOrigin,
  originOf,
  type ValueNode,
} from "../node.ts";

/** A path from the root, as a linked list (cheap to extend, turned into text only on errors). */
export interface PathLink {
  parent: PathLink | undefined;
  key: Key;
  /** The key is a list index. */
  index: boolean;
  /** How many containers deep the value sits (1 for a key of the root). */
  depth: number;
}

/**
 * The deepest nesting a config may have. Every later stage (merge, resolve,
 * emit) walks the tree recursively, and so does npm:yaml, which runs out of
 * stack somewhere past 800 levels; PyYAML composes two Python frames per
 * level and stops near 500 too. A deeper document is a `limit` error of the
 * file (LIMITS.nesting, as a deep JS object or override), the same for both
 * readers, rather than a stack overflow downstream.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { childPath, MAX_DEPTH, type PathLink } from "./build.ts";
 * let p: PathLink | undefined;
 * for (let i = 0; i < MAX_DEPTH; i++) p = childPath(p, 0, true, undefined);
 * assert.equal(p?.depth, 500, "one level more is a `limit` error");
 * ```
 */
export const MAX_DEPTH: number = LIMITS.nesting;

/**
 * The path of a child of `parent`; fails past {@link MAX_DEPTH}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { childPath, pathText } from "./build.ts";
 * assert.equal(pathText(childPath(childPath(undefined, "l", false, undefined), 0, true, undefined)), "l[0]");
 * ```
 */
export function childPath(
  parent: PathLink | undefined,
  key: Key,
  index: boolean,
  origin: NodeOrigin | undefined,
): PathLink {
  const depth = (parent?.depth ?? 0) + 1;
  if (depth > MAX_DEPTH) {
    fail(
      ErrorCode.Limit,
      `the document nests deeper than ${MAX_DEPTH} levels`,
      origin,
      pathText(parent),
    );
  }
  return { parent, key, index, depth };
}

/**
 * The OmegaConf full key of a path (`a.b[0].c`, `""` for the root).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathText } from "./build.ts";
 * const l = { parent: undefined, key: "l", index: false, depth: 1 };
 * assert.equal(pathText({ parent: l, key: 0, index: true, depth: 2 }), "l[0]");
 * ```
 */
export function pathText(path: PathLink | undefined): string {
  const parts: PathLink[] = [];
  for (let p = path; p; p = p.parent) parts.push(p);
  let out = "";
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (p.index) out += `[${keyText(p.key)}]`;
    else out += out === "" ? keyText(p.key) : "." + keyText(p.key);
  }
  return out;
}

/**
 * Throws a StrataError at an origin.
 *
 * @example
 * ```ts ignore
 * import { fail } from "./build.ts";
 * fail("yaml-construct", "found duplicate key a", { file: "c.yaml", line: 2, col: 1 });
 * ```
 */
export function fail(
  code: typeof ErrorCode[keyof typeof ErrorCode],
  message: string,
  origin: NodeOrigin | undefined,
  fullKey?: string,
): never {
  throw new StrataError(code, message, { origin, fullKey });
}

const PY_TYPE: Record<string, string> = { null: "NoneType", bytes: "bytes" };

/**
 * The OmegaConf key a scalar key node stands for; `null` and bytes keys are refused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { float, FloatKey } from "../../engine.ts";
 * import { keyOf } from "./build.ts";
 * assert.deepEqual(keyOf(float(1.5), undefined), new FloatKey(1.5));
 * ```
 */
export function keyOf(value: ValueNode, parent: PathLink | undefined): Key {
  switch (value.type) {
    case "str":
      return value.value as string;
    case "missing":
      return "???";
    case "int":
      return value.value as number | bigint;
    case "float":
      return new FloatKey(value.value as number);
    case "bool":
      return value.value as boolean;
    default:
      return fail(
        ErrorCode.KeyValidation,
        `Incompatible key type '${PY_TYPE[value.type] ?? value.type}'`,
        value.origin,
        pathText(parent),
      );
  }
}

/**
 * Collects the entries of one mapping: explicit keys in order (a repeated
 * string key is an error, a repeated non-string key keeps its first position
 * and takes the last value, like a Python dict) and `<<` merge sources.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../../engine.ts";
 * import { DictBuilder } from "./build.ts";
 * const b = new DictBuilder();
 * b.add("a", true, int(1), undefined, undefined);
 * assert.equal(b.finish(undefined).entries.size, 1);
 * ```
 */
export class DictBuilder {
  private entries = new Map<string, Entry>();
  private merged: DictNode[] | undefined;

  /**
   * Adds one key. `strTagged` says the key scalar has the str tag: only those
   * take part in OmegaConf's duplicate check (on the key's text), so `yes:`
   * and `on:` collapse silently while `a:` and `'a':` are an error.
   * `path` is the key's own path: a duplicate names it as the config would
   * (`a.c.d`), turned into text only when it fails.
   */
  add(
    key: Key,
    strTagged: boolean,
    node: Node,
    keyOrigin: NodeOrigin | undefined,
    valueAt: NodeOrigin | undefined,
    path?: PathLink,
  ) {
    const ck = canonicalKey(key);
    const old = this.entries.get(ck);
    if (old === undefined) {
      this.entries.set(ck, { key, node });
      return;
    }
    if (strTagged && typeof old.key === "string") {
      const at = originOf(valueAt);
      fail(
        ErrorCode.YamlConstruct,
        `while constructing a mapping (at ${at?.line ?? "?"}:${
          at?.col ?? "?"
        }): found duplicate key ${keyText(key)}`,
        keyOrigin,
        path === undefined ? undefined : pathText(path),
      );
    }
    old.node = node;
  }

  /**
   * Adds the sources of one `<<` entry, in PyYAML's flattening order: a
   * sequence of mappings contributes its last mapping's pairs first.
   */
  merge(sources: DictNode[]) {
    this.merged ??= [];
    for (let i = sources.length - 1; i >= 0; i--) this.merged.push(sources[i]);
  }

  /** The dict: merged pairs first (in flattening order), then explicit ones. */
  finish(origin: NodeOrigin | undefined): DictNode {
    if (this.merged === undefined) {
      return origin ? { kind: "dict", entries: this.entries, origin } : {
        kind: "dict",
        entries: this.entries,
      };
    }
    const out = new Map<string, Entry>();
    const put = (e: Entry, copy: boolean) => {
      const node = copy ? clone(e.node) : e.node;
      const ck = canonicalKey(e.key);
      const old = out.get(ck);
      if (old) old.node = node;
      else out.set(ck, { key: e.key, node });
    };
    for (const src of this.merged) for (const e of src.entries.values()) put(e, true);
    for (const e of this.entries.values()) put(e, false);
    return origin ? { kind: "dict", entries: out, origin } : { kind: "dict", entries: out };
  }
}
