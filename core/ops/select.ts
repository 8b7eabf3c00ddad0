/**
 * Dotted-key operations on a whole config: `OmegaConf.select` and
 * `OmegaConf.update` (2.2 semantics: `merge` defaults to true), and the key
 * splitter they share (`a.b[0].c`).
 *
 * @module
 */

import { dict, isInterpolation, type Key, type Node } from "../node.ts";
import { dereferenceAt, resolveAt } from "../resolve/resolve.ts";
import { isPlainValue } from "../resolve/loc.ts";
import { walk } from "./read.ts";
import { mergeAt, setIn } from "./write.ts";
import {
  asIndex,
  chainKey,
  chainPath,
  childFrame,
  childOf,
  ErrorCode,
  type Frame,
  rootFrame,
  StrataError,
} from "./walk.ts";

/**
 * Splits a dotted key as OmegaConf does: `a.b[0].c` → `["a", "b", "0", "c"]`,
 * `.a` → `["", "a"]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitKey } from "../../engine.ts";
 * assert.deepEqual(splitKey("a.b[1].c"), ["a", "b", "1", "c"]);
 * ```
 */
export function splitKey(key: string): string[] {
  const head = /^(\.)*[^.[]*/.exec(key)![0];
  const tokens = head.split(".");
  if (head.length === key.length) return tokens;
  if (key[head.length] === "[" && tokens.at(-1) === "") tokens.pop();
  for (const m of key.slice(head.length).matchAll(/\.([^.[]*)|\[(.*?)\]/g)) {
    tokens.push(m[1] !== undefined ? m[1] : m[2]);
  }
  return tokens;
}

/**
 * {@link splitKey} for a key path a user names on the command line (`strata
 * explain KEY`, `--package KEY`), refusing one whose text OmegaConf's split
 * would drop: `[a.b]c]` reads as `[a.b]`, so the key `a.b]c` (a key holding
 * `]` and a `.` or `[`) cannot be named, and `[a.b]c]` would print the node
 * `a.b` under the name asked for. OmegaConf.select drops the text silently;
 * here it is a `usage` error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readKeyPath } from "./select.ts";
 * assert.deepEqual(readKeyPath("d[a.b].x"), ["d", "a.b", "x"]);
 * assert.throws(() => readKeyPath("[a.b]c]"), /drops 'c\]'/);
 * ```
 */
export function readKeyPath(key: string): string[] {
  const head = /^(\.)*[^.[]*/.exec(key)![0];
  let at = head.length;
  for (const m of key.slice(at).matchAll(/\.([^.[]*)|\[(.*?)\]/g)) {
    if (head.length + m.index !== at) break;
    at += m[0].length;
  }
  if (at < key.length) {
    throw new StrataError(
      ErrorCode.Usage,
      `Key '${key}' cannot be read: OmegaConf's key syntax reads '${key.slice(0, at)}' of it ` +
        `and drops '${key.slice(at)}' (${
          key.slice(at).includes("]")
            ? "a key holding ']' and a '.' or '[' cannot be named in a key path"
            : "a '[' without its ']'"
        })`,
      { fullKey: key },
    );
  }
  return splitKey(key);
}

/** Options of {@link select}. */
export interface SelectOptions {
  /** Returned when the key is absent or `???` (not when resolution fails). */
  default?: Node;
  /** Raise `missing-value` on `???` instead of returning the default. */
  throwOnMissing?: boolean;
  /** Raise resolution errors (default); false returns None instead. */
  throwOnResolutionFailure?: boolean;
}

const NOT_FOUND = Symbol("not found");

/**
 * The node an interpolation on the way stands for, as OmegaConf's select
 * dereferences it: a container of the tree as it is (only what the rest of
 * the key reaches is resolved), any other value resolved.
 */
function dereferenced(root: Node, chain: Frame[], quiet: boolean): Node | undefined {
  try {
    return dereferenceAt(root, chainPath(chain), { shallow: true }).node;
  } catch (e) {
    if (quiet && e instanceof StrataError) return undefined;
    throw e;
  }
}

function selectNode(root: Node, key: string, opts: SelectOptions): Node | typeof NOT_FOUND {
  const rest = key.startsWith(".") ? key.slice(1) : key;
  if (rest.startsWith(".")) {
    throw new StrataError(ErrorCode.Key, `Error resolving key '${key}'`, {
      fullKey: key,
      origin: root.origin,
    });
  }
  if (rest === "") return resolveAt(root, []); // the whole config, resolved as any container
  return selectSegments(root, splitKey(rest), key, opts);
}

function selectSegments(
  root: Node,
  segs: readonly Key[],
  key: string,
  opts: SelectOptions,
): Node | typeof NOT_FOUND {
  const throwRes = opts.throwOnResolutionFailure ?? true;
  const chain = [rootFrame(root)];
  for (let i = 0; i < segs.length; i++) {
    const node = chain.at(-1)!.node;
    // a resolver's plain dict or list is a value: select gives None in it, as in a scalar
    if (node.kind === "value" || isPlainValue(node)) return NOT_FOUND;
    if (node.kind === "list" && asIndex(segs[i]) === undefined) {
      if (!throwRes) return NOT_FOUND;
      throw new StrataError(ErrorCode.Type, `Index '${segs[i]}' (str) is not an int`, {
        fullKey: key,
        origin: node.origin,
      });
    }
    const child = node.kind === "list" && Number(segs[i]) < 0 ? undefined : childOf(node, segs[i]);
    if (!child) return NOT_FOUND;
    chain.push(childFrame(chain.at(-1)!, child.key, child.node));
    const leaf = child.node;
    if (leaf.kind === "value" && leaf.type === "missing") {
      if (opts.throwOnMissing) {
        const fk = chainKey(chain);
        throw new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${fk}`, {
          fullKey: fk,
          origin: leaf.origin,
        });
      }
      if (i < segs.length - 1) return NOT_FOUND;
      return NOT_FOUND;
    }
    if (leaf.kind === "value" && isInterpolation(leaf)) {
      const r = dereferenced(root, chain, !throwRes);
      if (r === undefined) return NOT_FOUND;
      chain[chain.length - 1] = { ...chain.at(-1)!, node: r };
    }
  }
  const last = chain.at(-1)!.node;
  return last.kind === "value" ? last : resolveAt(root, chainPath(chain));
}

/**
 * `OmegaConf.select(cfg, key, ...)`: the resolved value at a dotted key, or
 * the default (None when omitted) when the key is absent or `???`.
 *
 * @throws {StrataError} resolution errors (unless throwOnResolutionFailure is
 *   false), `missing-value` with throwOnMissing, `key` for `..` above the root.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, select, toContainer } from "../../engine.ts";
 * assert.equal(toContainer(select(loadYaml("a: {b: [1, 2]}"), "a.b[1]")), 2);
 * ```
 */
export function select(root: Node, key: string, opts: SelectOptions = {}): Node {
  const found = selectNode(root, key, opts);
  if (found !== NOT_FOUND) return found;
  return opts.default ?? { kind: "value", type: "null", value: null };
}

/**
 * {@link select} at a path already split into keys (list indexes as digits),
 * for callers that hold keys rather than a dotted text (a key may hold a `.`).
 *
 * @throws {StrataError} as {@link select}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toContainer } from "../../engine.ts";
 * import { selectPath } from "./select.ts";
 * assert.equal(toContainer(selectPath(loadYaml("a: {b: [1, 2]}"), ["a", "b", "1"])), 2);
 * ```
 */
export function selectPath(root: Node, path: readonly Key[], opts: SelectOptions = {}): Node {
  const found = path.length === 0 ? root : selectSegments(root, path, path.join("."), opts);
  if (found !== NOT_FOUND) return found;
  return opts.default ?? { kind: "value", type: "null", value: null };
}

/** Options of {@link update}. */
export interface UpdateOptions {
  /** Merge a dict or list value into an existing container (default true, as in 2.2). */
  merge?: boolean;
  /** Add the whole path even in struct mode. */
  forceAdd?: boolean;
}

/**
 * `OmegaConf.update(cfg, key, value, merge=, force_add=)`, in place: missing
 * or non-container steps of the path become `{}`.
 *
 * @throws {StrataError} `attribute` (struct mode, last key), `key` (struct
 *   mode, a step or a merged sub-key), `readonly`, `index`.
 * @example
 * ```ts
 * import { int, loadYaml, update } from "../../engine.ts";
 * const cfg = loadYaml("a: {}");
 * update(cfg, "x.y", int(1));
 * ```
 */
export function update(
  root: Node,
  key: string | readonly Key[],
  value: Node,
  opts: UpdateOptions = {},
): void {
  // keys already split (a view's path, `a[b.c]`): a dot inside one is part of it
  const segs = typeof key === "string" ? splitKey(key) : key;
  const forceAdd = opts.forceAdd ?? false;
  let chain = walk(root, []);
  for (let i = 0; i < segs.length - 1; i++) {
    const parent = chain.at(-1)!.node;
    const seg: Key = parent.kind === "list" ? asIndex(segs[i]) ?? segs[i] : segs[i];
    const child = parent.kind === "value" ? undefined : childOf(parent, seg);
    if (!child || child.node.kind === "value") setIn(chain, seg, dict(), { forceAdd });
    const next = childOf(chain.at(-1)!.node as Exclude<Node, { kind: "value" }>, seg)!;
    chain = [...chain, childFrame(chain.at(-1)!, next.key, next.node)];
  }
  const parent = chain.at(-1)!.node;
  const lastSeg = segs.at(-1)!;
  const last: Key = parent.kind === "list" ? asIndex(lastSeg) ?? lastSeg : lastSeg;
  if ((opts.merge ?? true) && value.kind !== "value" && parent.kind !== "value") {
    const child = childOf(parent, last);
    if (child && child.node.kind !== "value") {
      mergeAt([...chain, childFrame(chain.at(-1)!, child.key, child.node)], value, forceAdd);
      return;
    }
  }
  setIn(chain, last, value, { forceAdd, access: parent.kind === "dict" ? "attr" : "item" });
}
