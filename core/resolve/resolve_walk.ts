/**
 * Walking a resolved config by key, as `cfg[k1][k2]...` reads it: the
 * resolution behind {@link resolveAt} (./resolve.ts), {@link selectAt}
 * (OmegaConf.select), {@link resolveDetached} and {@link dereferenceAt}.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, type Key, type Node } from "../node.ts";
import type { Evaluator } from "./evaluate.ts";
import {
  childLoc,
  inResolverResult,
  isPlainResult,
  type Loc,
  locFullKey,
  markLiteral,
  type Resolved,
} from "./loc.ts";
import { evaluator, flush, locate, materialize, noStackOverflow } from "./materialize.ts";
import { nodeAt } from "../ops/walk.ts";
import type { ResolveOptions } from "./resolve.ts";

/**
 * `cfg[key]` of a `???` value is an error (OmegaConf's MissingMandatoryValue).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { canonicalKey, type DictNode } from "../node.ts";
 * import { childLoc, rootLoc } from "./loc.ts";
 * import { notMissing } from "./resolve_walk.ts";
 * const root = loadYaml("a: ???\nb: 1") as DictNode;
 * const at = (k: string) => childLoc(rootLoc(root), k, root.entries.get(canonicalKey(k))!.node, false);
 * assert.throws(() => notMissing(at("a")), /Missing mandatory value: a/);
 * notMissing(at("b"));
 * ```
 */
export function notMissing(loc: Loc): void {
  if (loc.node.kind === "value" && loc.node.type === "missing") {
    throw new StrataError(ErrorCode.MissingValue, `Missing mandatory value: ${locFullKey(loc)}`, {
      fullKey: locFullKey(loc),
      origin: loc.node.origin,
    });
  }
}

/**
 * {@link resolveAt}'s work, run inside its stack-overflow guard.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toContainer } from "../../engine.ts";
 * import { resolveAtImpl } from "./resolve_walk.ts";
 * assert.equal(toContainer(resolveAtImpl(loadYaml("a: 1\nb: ${a}"), ["b"], {})), 1);
 * ```
 */
export function resolveAtImpl(root: Node, path: readonly Key[], opts: ResolveOptions): Node {
  const ev = evaluator(root, opts);
  try {
    return finish(ev, walkTo(ev, { node: root, loc: ev.root }, path));
  } finally {
    flush(ev, opts);
  }
}

/** What Python's int() reads, as OmegaConf's is_int checks a list index: ` 1`, `+1`, `1_0`. */
const SELECT_INT = /^\s*[+-]?\d+(_\d+)*\s*$/;

/**
 * {@link resolveAt} as OmegaConf.select reads: a key that is not there, an index out of range,
 * a `???` or a value that is no container on the way give null (no node); an index that is
 * not an int is still a ConfigTypeError. Hydra's `${hydra:...}` reads its node so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { selectAt } from "./resolve.ts";
 * const root = loadYaml("params: null\nl: [1]\nname: x");
 * assert.equal(selectAt(root, ["params", "x"]), null);
 * assert.equal(selectAt(root, ["name", "x"]), null);
 * assert.equal(selectAt(root, ["l", "5"]), null);
 * assert.throws(() => selectAt(root, ["l", "x"]), /Index 'x' \(str\) is not an int/);
 * ```
 */
export function selectAt(
  root: Node,
  path: readonly Key[],
  opts: ResolveOptions = {},
  child?: { key: Key; node: Node },
): Node | null {
  return walkResolved(root, child, path, opts, true);
}

/** The walk of resolveAt (child: resolveDetached's), by `cfg[k]` or, `select`, as OmegaConf.select. */
function walkResolved(
  root: Node,
  child: { key: Key; node: Node } | undefined,
  path: readonly Key[],
  opts: ResolveOptions,
  select: boolean,
): Node | null {
  return noStackOverflow(() => {
    const ev = evaluator(root, opts);
    try {
      const start = child === undefined
        ? { node: root, loc: ev.root }
        : { node: child.node, loc: childLoc(ev.root, child.key, child.node, false) };
      const cur = walkTo(ev, start, path, select);
      return cur === null ? null : finish(ev, cur);
    } finally {
      flush(ev, opts);
    }
  });
}

/**
 * {@link resolveAt} for `path` below `child`, a node whose parent is `root`
 * without being one of its keys: relative keys inside it climb into `root`,
 * absolute keys read `root`, where `child.key` is not found. That is Hydra's
 * HydraConfig node once `show_cfg` deleted `cfg.hydra` (`--cfg job`): its
 * `${hydra.job.num}` is an InterpolationKeyError there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, toContainer } from "../../engine.ts";
 * import { resolveDetached } from "./resolve.ts";
 * const root = loadYaml("name: x");
 * const hydra = loadYaml("a: ${..name}\nb: ${hydra.a}");
 * const child = { key: "hydra", node: hydra };
 * assert.equal(toContainer(resolveDetached(root, child, ["a"])), "x");
 * assert.throws(() => resolveDetached(root, child, ["b"]), /Interpolation key 'hydra.a' not found/);
 * ```
 */
export function resolveDetached(
  root: Node,
  child: { key: Key; node: Node },
  path: readonly Key[],
  opts: ResolveOptions = {},
): Node {
  return walkResolved(root, child, path, opts, false)!;
}

/** The container result fully resolved; a leaf as it is. */
function finish(ev: Evaluator, cur: Resolved): Node {
  if (cur.node.kind === "value") return cur.node;
  // a resolver's plain dict or list stays marked as one (isPlainValue): a
  // value to OmegaConf (`type(cfg.a)` is dict), which readers do not walk into
  return isPlainResult(cur.loc) ? markLiteral(materialize(ev, cur)) : materialize(ev, cur);
}

/**
 * `cfg[k1][k2]...` from `start`: each step's interpolation resolved, not what is below the last.
 * With `select`, what finds nothing is null, as in OmegaConf.select ({@link selectAt}).
 */
function walkTo(ev: Evaluator, start: Resolved, path: readonly Key[], select?: false): Resolved;
function walkTo(
  ev: Evaluator,
  start: Resolved,
  path: readonly Key[],
  select: boolean,
): Resolved | null;
function walkTo(
  ev: Evaluator,
  start: Resolved,
  path: readonly Key[],
  select = false,
): Resolved | null {
  let cur = start;
  for (const seg of path) {
    const n = cur.node;
    let loc: Loc;
    if (n.kind === "dict") {
      const e = n.entries.get(canonicalKey(seg));
      if (!e) {
        if (select) return null;
        throw new StrataError(ErrorCode.Key, `Key '${String(seg)}' is not in the config`, {
          fullKey: locFullKey(childLoc(cur.loc, seg, n, false)),
          origin: n.origin,
        });
      }
      loc = childLoc(cur.loc, e.key, e.node, false);
    } else if (n.kind === "list") {
      const i = Number(seg);
      if (select && !SELECT_INT.test(String(seg))) {
        // OmegaConf's _select_one raises TypeError, which select reports as ConfigTypeError
        throw new StrataError(ErrorCode.Type, `Index '${String(seg)}' (str) is not an int`, {
          fullKey: locFullKey(childLoc(cur.loc, seg, n, false)),
          origin: n.origin,
        });
      }
      if (!Number.isInteger(i) || i < 0 || i >= n.items.length) {
        if (select) return null;
        throw new StrataError(ErrorCode.Index, `list index out of range`, {
          fullKey: locFullKey(cur.loc),
          origin: n.origin,
        });
      }
      loc = childLoc(cur.loc, i, n.items[i], true);
    } else if (select) {
      return null; // select_node turns "not a container" into None
    } else {
      throw new StrataError(
        ErrorCode.Type,
        `Cannot index a ${n.type} value with '${String(seg)}'`,
        {
          fullKey: locFullKey(cur.loc),
          origin: n.origin,
        },
      );
    }
    if (select && loc.node.kind === "value" && loc.node.type === "missing") return null;
    notMissing(loc);
    try {
      cur = ev.resolve(loc);
    } catch (e) {
      locate(e, loc);
    }
  }
  return cur;
}

/**
 * What OmegaConf's `_dereference_node` gives for `path`: a leaf's resolved
 * value, or a container. A container that is a node of the tree itself (the
 * target of `${a}` or `${oc.select:a}`) comes back unresolved with its path
 * (`to_object` walks it there, in key order); any other (a resolver's new
 * value) fully resolved, with no path, or with `shallow` as the resolver made
 * it (a ListConfig of `oc.dict.values`, whose items resolve when read).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * import { dereferenceAt } from "./resolve.ts";
 * const root = loadYaml("a: {x: '${b}'}\nb: 1\nc: ${oc.select:a}");
 * assert.deepEqual(dereferenceAt(root, ["c"]).treePath, ["a"]);
 * const x = dereferenceAt(root, ["a", "x"]).node;
 * assert.equal(x.kind === "value" && x.value, 1);
 * ```
 */
export function dereferenceAt(
  root: Node,
  path: readonly Key[],
  opts: ResolveOptions & { shallow?: boolean } = {},
): { node: Node; treePath?: Key[] } {
  return noStackOverflow(() => {
    const ev = evaluator(root, opts);
    try {
      const cur = walkTo(ev, { node: root, loc: ev.root }, path);
      if (cur.node.kind !== "value" && !inResolverResult(cur.loc.id)) {
        const keys: Key[] = [];
        for (let l: Loc | null = cur.loc; l?.parent; l = l.parent) keys.unshift(l.key);
        if (nodeAt(root, keys) === cur.node) return { node: cur.node, treePath: keys };
      }
      if (opts.shallow && cur.node.kind !== "value" && !isPlainResult(cur.loc)) {
        return { node: cur.node };
      }
      return { node: finish(ev, cur) };
    } finally {
      flush(ev, opts);
    }
  });
}
