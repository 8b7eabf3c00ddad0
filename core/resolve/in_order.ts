/**
 * `OmegaConf.resolve` as it runs: it walks a container in key order and
 * sets each value in place, and a value whose resolution raises
 * InterpolationToMissingValueError (its interpolation reaches a `???`, even
 * inside a resolver's result or a container it points at) is set to `???`.
 * Later values read what the earlier ones left: `${oc.select:d.y,3}` after
 * `d.y: ${missing}` was set to `???` gives 3, before it gives `???`; an
 * escaped `\${x}` set to the text `${x}` is an interpolation to them; a
 * string printing a container shows the values set before it. Used where
 * strata prints what Hydra's `--cfg ... --resolve` prints and for the
 * library's `resolve()`, only once a whole resolution failed that way or left
 * `${` text: a value is resolved alone, and a container alone too when it
 * resolves whole without such text.
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { isPlainValue } from "./loc.ts";
import {
  canonicalKey,
  type ContainerNode,
  dict,
  type DictNode,
  fullKey,
  isInterpolation,
  type Key,
  list,
  missing,
  type Node,
} from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { dereferenceAt, resolveAt, type ResolveOptions } from "./resolve.ts";
import { scopedResolvers, scopeResolvers } from "./resolvers.ts";
import { shareResolverCache } from "./caches.ts";
import { holdsInterpolationText, validateInterpolations } from "./validate.ts";

/** Whether `e` is OmegaConf's InterpolationToMissingValueError, which `OmegaConf.resolve` catches. */
function toMissing(e: unknown): boolean {
  return isStrataError(e) && e.code === ErrorCode.InterpolationToMissing;
}

function isContainer(n: Node | undefined): n is ContainerNode {
  return n !== undefined && n.kind !== "value";
}

/**
 * One `OmegaConf.resolve` pass over a tree: {@link InOrder.resolve} gives a
 * node resolved (what `to_yaml` then prints) and leaves in {@link InOrder.root}
 * each value it set (a `???` too), so later reads see it. The input tree is not
 * changed: the containers on the way to a changed value are copied.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InOrder } from "./in_order.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * import type { DictNode } from "../node.ts";
 * const root = loadYaml("m: ???\nd:\n  x: 1\n  y: ${m}\nv: ${oc.dict.values:d}\ns: ${oc.select:d.y,3}\n");
 * const run = new InOrder(root as DictNode);
 * assert.equal(toYaml(run.resolve([])), "m: ???\nd:\n  x: 1\n  'y': ???\nv:\n- 1\n- ???\ns: 3\n");
 * assert.equal(toYaml(root), "m: ???\nd:\n  x: 1\n  'y': ${m}\nv: ${oc.dict.values:d}\ns: ${oc.select:d.y,3}\n");
 * ```
 */
export class InOrder {
  /** The tree as the pass left it: the input, with the values it set to `???`. */
  root: DictNode;
  #opts: ResolveOptions;
  /** The containers this pass copied (its own, to change in place). */
  #own = new Set<Node>();
  /** The containers being resolved (`a: {b: ${a}}` is a cycle, not a recursion). */
  #walking = new Set<string>();

  /** A pass over `root` with `opts`' resolvers. */
  constructor(root: DictNode, opts: ResolveOptions = {}) {
    this.root = root;
    this.#opts = opts;
  }

  /**
   * The node at `path` resolved as `OmegaConf.resolve` leaves it (a `???`
   * and a value that reaches one are `???`), after the values before it in
   * this pass. Any other failure throws.
   */
  resolve(path: readonly Key[]): Node {
    const node = nodeAt(this.root, path);
    if (node === undefined) return resolveAt(this.root, path, this.#opts); // the located error
    if (node.kind === "value") {
      if (node.type === "missing" || !isInterpolation(node)) return node;
      return this.#leaf(path, node);
    }
    const id = JSON.stringify(path.map(String));
    if (this.#walking.has(id)) return resolveAt(this.root, path, this.#opts);
    try {
      // resolved whole, it is what the walk leaves unless a value holds `${` text, which a
      // later value reads as an interpolation (an escaped `\${x}`), or prints a container
      // whose values the walk has not set yet (`x_${d}`): then resolved child by child
      const whole = resolveAt(this.root, path, this.#opts);
      if (!holdsInterpolationText(whole)) return this.#set(path, whole);
    } catch (e) {
      if (!toMissing(e)) throw e;
    }
    this.#walking.add(id);
    try {
      return this.#children(path, node);
    } finally {
      this.#walking.delete(id);
    }
  }

  /** A container resolved child by child, in key order. */
  #children(path: readonly Key[], node: ContainerNode): ContainerNode {
    if (node.kind === "list") {
      const items = list(node.items.map((_, i) => this.resolve([...path, i])), node.origin);
      if (node.flags) items.flags = { ...node.flags };
      return items;
    }
    const out = dict([], node.origin);
    // the flags stay with the container (OmegaConf.resolve resolves it in place)
    if (node.flags) out.flags = { ...node.flags };
    for (const [k, e] of node.entries) {
      out.entries.set(k, { key: e.key, node: this.resolve([...path, e.key]) });
    }
    return out;
  }

  /** An interpolation: its value, `???` when it reaches one, or its container result resolved. */
  #leaf(path: readonly Key[], node: Node): Node {
    let first: unknown;
    let got: Node | undefined;
    try {
      got = this.#notPlain(path, node, resolveAt(this.root, path, this.#opts));
    } catch (e) {
      if (!toMissing(e)) throw e;
      first = e;
    }
    // set in place, as OmegaConf.resolve sets it: a string holding `${` is an interpolation
    // again (it must parse, GrammarParseError at its key), which later values read as one
    if (got !== undefined) return this.#set(path, this.#parsed(path, got));
    let deref: { node: Node; treePath?: Key[] };
    try {
      deref = dereferenceAt(this.root, path, { ...this.#opts, shallow: true });
    } catch (e) {
      if (!toMissing(e)) throw e;
      return this.#set(path, missing(node.origin));
    }
    // `${d}`: OmegaConf resolves `d` in place, then copies it here
    if (deref.treePath) {
      if (this.#walking.has(JSON.stringify(deref.treePath.map(String)))) throw first;
      return this.#set(path, this.resolve(deref.treePath));
    }
    // a resolver's new container (`oc.dict.values`' list of `${d.x}`): put here, then resolved
    if (isContainer(deref.node)) {
      this.#set(path, deref.node);
      return this.resolve(path);
    }
    throw first;
  }

  /** A resolved value OmegaConf sets: a string holding `${` must parse (strict validation). */
  #parsed(path: readonly Key[], got: Node): Node {
    if (got.kind !== "value" || got.type !== "str" || !(got.value as string).includes("${")) {
      return got;
    }
    try {
      validateInterpolations(got);
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      throw new StrataError(e.code, e.message, {
        fullKey: fullKey(path, this.#inList(path)),
        origin: got.origin,
      });
    }
    return got;
  }

  /** Which keys of `path` are list indexes. */
  #inList(path: readonly Key[]): boolean[] {
    const inList: boolean[] = [];
    let at: Node | undefined = this.root;
    for (const key of path) {
      inList.push(at?.kind === "list");
      at = at === undefined ? undefined : nodeAt(at, [key]);
    }
    return inList;
  }

  /**
   * `got`, unless it is a resolver's plain list or dict and the pass refuses
   * those (`refusePlainResults`): OmegaConf.resolve cannot set one as the
   * value at `path`, as a whole resolution refuses it there (refusePlain).
   */
  #notPlain(path: readonly Key[], node: Node, got: Node): Node {
    // a resolver's scalar is a value OmegaConf sets as any other (only its dict or list is refused)
    if (!this.#opts.refusePlainResults || got.kind === "value" || !isPlainValue(got)) return got;
    throw new StrataError(
      ErrorCode.UnsupportedValue,
      `Value '${got.kind}' is not a supported primitive type`,
      { fullKey: fullKey(path, this.#inList(path)), origin: node.origin },
    );
  }

  /** Puts `node` at `path` of {@link InOrder.root}, copying the containers on the way once. */
  #set(path: readonly Key[], node: Node): Node {
    if (!this.#own.has(this.root)) {
      const copy = this.#copy(this.root) as DictNode;
      // the copy is the same config to its reads: a composition's `${hydra:...}`
      // and the use_cache results stay with it (OmegaConf.resolve works in place)
      const own = scopedResolvers(this.root);
      if (own) scopeResolvers(copy, own);
      shareResolverCache(this.root, copy);
      this.root = copy;
    }
    let parent: ContainerNode = this.root;
    for (const [i, key] of path.entries()) {
      let child: Node | undefined = node;
      if (i < path.length - 1) {
        child = nodeAt(parent, [key]);
        if (!isContainer(child)) return node; // not a path of the tree: nothing to keep
        if (!this.#own.has(child)) child = this.#copy(child);
      }
      if (parent.kind === "list") parent.items[Number(key)] = child;
      else {
        const ck = canonicalKey(key);
        parent.entries.set(ck, { key: parent.entries.get(ck)?.key ?? key, node: child });
      }
      if (isContainer(child)) parent = child;
    }
    return node;
  }

  /** A container's own copy, one level deep (its children are shared until changed). */
  #copy(n: ContainerNode): ContainerNode {
    const out: ContainerNode = n.kind === "list"
      ? { kind: "list", items: [...n.items] }
      : { kind: "dict", entries: new Map(n.entries) };
    if (n.origin) out.origin = n.origin;
    if (n.flags) out.flags = { ...n.flags };
    this.#own.add(out);
    return out;
  }
}
