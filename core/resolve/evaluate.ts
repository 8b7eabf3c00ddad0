/**
 * The interpolation evaluator (TypeScript reference): resolves `${...}` strings
 * of a tree with OmegaConf 2.2's semantics — key selection (`_select_impl`),
 * relative keys, node vs string interpolation, resolver calls, cycle and
 * parent-reference detection. The WASM engine (./engine.ts) plans whole trees
 * and hands what needs resolvers to this evaluator.
 *
 * @module
 */

import { ErrorCode, isStrataError, pythonErrorClass } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import {
  canonicalKey,
  FloatKey,
  fullKey,
  isInterpolationString,
  type Key,
  type Node,
  str,
  type ValueNode,
} from "../node.ts";
import {
  type Element,
  GrammarError,
  type Interp,
  parseConfigValue,
  type Part,
  type ResolverInterp,
  type Tok,
} from "./grammar.ts";
import { pyStr } from "./pystr.ts";
import { elementFromTokens } from "./elements.ts";
import { Fail } from "./fail.ts";

/** Where a node sits: its parent chain, for relative keys and full keys. */
export interface Loc {
  node: Node;
  parent: Loc | null;
  key: Key;
  inList: boolean;
  /** A unique id of the position (memo key). */
  id: string;
}

export { Fail };

/** The resolved value of a position, with the position of a container result. */
export interface Resolved {
  node: Node;
  loc: Loc;
}

/** What a resolver implementation receives. */
export interface ResolverCall {
  args: Node[];
  argTexts: string[];
  /**
   * Where each argument that is a config node (`${src.in}`, a lone
   * interpolation) sits; undefined for the others.
   */
  argLocs?: (Loc | undefined)[];
  /** The node holding the interpolation and its parent container. */
  loc: Loc;
  ev: Evaluator;
}

/**
 * A resolver's result that is a config of its own (a library `Config`): its
 * interpolations read that config (`root`, the result being the node at
 * `path` in it), not the config being resolved, as a DictConfig a Python
 * resolver makes with `OmegaConf.create` reads itself. `oc.create` and plain
 * data results sit where the interpolation is, as OmegaConf's `oc.create`
 * (which passes `parent=`) does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { OwnRoot } from "./evaluate.ts";
 * const root = dict([["m", dict([["x", int(1)]])]]);
 * assert.deepEqual(new OwnRoot(root, ["m"]).path, ["m"]);
 * ```
 */
export class OwnRoot {
  /**
   * @param root the config the result belongs to
   * @param path the result's keys in `root` (none: the root itself)
   */
  constructor(readonly root: Node, readonly path: readonly Key[] = []) {}
}

/** Result nodes that are {@link OwnRoot}s, for use_cache hits (the cache keeps nodes). */
const ownRoots = new WeakMap<Node, OwnRoot>();

/** The class a resolver's exception is named by: OmegaConf's for a StrataError. */
function errorClass(e: unknown): string {
  if (isStrataError(e)) return pythonErrorClass(e.code);
  return e instanceof Error ? e.name : "Error";
}

/** A resolver as the evaluator calls it. */
export type ResolverImpl = (call: ResolverCall) => Node | Resolved;

/** Resolver lookup: built-ins, the registry and per-call resolvers. */
export type ResolverTable = (
  name: string,
) => { impl: ResolverImpl; useCache?: boolean } | undefined;

const parseCache = new Map<string, ReturnType<typeof parseConfigValue>>();

/**
 * Parses a config value string, caching by text (configs repeat strings).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCached } from "./evaluate.ts";
 * assert.equal(parseCached("${a}").parts.length, 1);
 * ```
 */
export function parseCached(text: string): ReturnType<typeof parseConfigValue> {
  let p = parseCache.get(text);
  if (!p) {
    p = parseConfigValue(text);
    if (parseCache.size > 50_000) parseCache.clear();
    parseCache.set(text, p);
  }
  return p;
}

/**
 * The root position of a tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { rootLoc } from "./evaluate.ts";
 * assert.equal(rootLoc(dict()).id, "");
 * ```
 */
export function rootLoc(node: Node): Loc {
  return { node, parent: null, key: null, inList: false, id: "" };
}

/**
 * The position of a child.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { childLoc, rootLoc } from "./evaluate.ts";
 * assert.equal(childLoc(rootLoc(dict()), "a", int(1), false).id, "\u0001sa");
 * ```
 */
export function childLoc(parent: Loc, key: Key, node: Node, inList: boolean): Loc {
  const ck = inList ? "n" + String(key) : canonicalKey(key);
  return { node, parent, key, inList, id: parent.id + "\u0001" + ck };
}

/**
 * The OmegaConf full key of a position (`a.b[0]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { childLoc, locFullKey, rootLoc } from "./evaluate.ts";
 * assert.equal(locFullKey(childLoc(rootLoc(dict()), "a", int(1), false)), "a");
 * ```
 */
export function locFullKey(loc: Loc): string {
  const keys: Key[] = [];
  const idx: boolean[] = [];
  for (let l: Loc | null = loc; l && l.parent; l = l.parent) {
    // a resolver's result has no key of its own in OmegaConf: full keys below it start there
    if (isVirtual(l.id)) break;
    keys.unshift(l.key);
    idx.unshift(l.inList);
  }
  return fullKey(keys, idx);
}

const INT_RE = /^\s*[+-]?\d+(_\d+)*\s*$/;
/** Whether an id is a resolver result's position ({@link Evaluator.virtualLoc}: `id \u0002 n`). */
function isVirtual(id: string): boolean {
  const at = id.lastIndexOf("\u0002");
  return at >= 0 && /^\d+$/.test(id.slice(at + 1));
}

/** Python's `split_key`: `a[0].b` → a, 0, b; leading dots are handled by the caller. */
function splitKey(key: string): string[] {
  const head = /^[^.[]*/.exec(key)![0];
  const out = head === "" && key.startsWith("[") ? [] : [head];
  const rest = /\.([^.[]*)|\[(.*?)\]/g;
  rest.lastIndex = head.length;
  for (let m = rest.exec(key); m; m = rest.exec(key)) {
    out.push(m[1] !== undefined ? m[1] : m[2]);
    if (m[0] === "") rest.lastIndex++;
  }
  return out;
}

/**
 * The error for a string past {@link LIMITS}.resolvedStringChars.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stringTooLong } from "./evaluate.ts";
 * assert.equal(stringTooLong(2 ** 27).code, "limit");
 * ```
 */
export function stringTooLong(length: number): Fail {
  return new Fail(
    ErrorCode.Limit,
    `the resolved string has ${length} characters or more, over the limit of ` +
      `${LIMITS.resolvedStringChars} (64 Mi)`,
  );
}

/**
 * The error for a resolution past {@link LIMITS}.resolvedNodes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tooManyNodes } from "./evaluate.ts";
 * assert.equal(tooManyNodes().code, "limit");
 * ```
 */
export function tooManyNodes(): Fail {
  return new Fail(
    ErrorCode.Limit,
    `resolving copies more than ${LIMITS.resolvedNodes} nodes (the limit): ` +
      "interpolations copy containers that hold copies",
  );
}

const caches = new WeakMap<Node, Map<string, Node>>();

/** Resolver results that are plain values, not config nodes: see {@link markLiteral}. */
const literals = new WeakSet<Node>();
/** Marks a position inside a {@link markLiteral} result (ids are built by appending). */
const LITERAL = "\u0004";

/**
 * Marks a resolver's result as a plain value: OmegaConf 2.2 keeps a dict or
 * list a resolver returns (not a DictConfig) as an opaque value, whose
 * strings are never interpolations (`{"s": "${x}"}` stays `${x}`, at any
 * depth). Returns `node`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, str } from "../../engine.ts";
 * import { Evaluator, markLiteral } from "./evaluate.ts";
 * const got = markLiteral(dict([["s", str("${x}")]]));
 * const ev = new Evaluator(dict(), () => ({ impl: () => got }));
 * assert.equal(ev.virtualLoc(got, ev.root).id.includes("\u0004"), true);
 * ```
 */
export function markLiteral<T extends Node>(node: T): T {
  literals.add(node);
  return node;
}

/**
 * Whether a resolved position is (or is inside) a resolver's plain dict or
 * list ({@link markLiteral}): a value to OmegaConf, not a config node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { Evaluator, isPlainResult, markLiteral } from "./evaluate.ts";
 * const ev = new Evaluator(dict(), () => undefined);
 * assert.equal(isPlainResult(ev.virtualLoc(markLiteral(dict()), ev.root)), true);
 * assert.equal(isPlainResult(ev.root), false);
 * ```
 */
export function isPlainResult(loc: Loc): boolean {
  return loc.id.includes(LITERAL);
}

/**
 * The use_cache results (`register_new_resolver(..., use_cache=True)`) of the
 * tree `root`, by resolver name and argument texts: every resolution of the
 * tree sees them, so `${seed:}` gives one value however often it is read, as
 * OmegaConf's cache on the root config does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { resolverCache } from "./evaluate.ts";
 * const root = dict();
 * assert.equal(resolverCache(root), resolverCache(root));
 * ```
 */
export function resolverCache(root: Node): Map<string, Node> {
  let cache = caches.get(root);
  if (!cache) caches.set(root, cache = new Map());
  return cache;
}

/**
 * Makes the tree `to` share the use_cache results of `from` (a wrapper built
 * around a config for one resolution, such as the job config with `hydra`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict } from "../../engine.ts";
 * import { resolverCache, shareResolverCache } from "./evaluate.ts";
 * const a = dict();
 * const b = dict();
 * shareResolverCache(a, b);
 * assert.equal(resolverCache(b), resolverCache(a));
 * ```
 */
export function shareResolverCache(from: Node, to: Node): void {
  caches.set(to, resolverCache(from));
}

/**
 * The evaluator of one tree: resolves positions ({@link Loc}) on demand,
 * memoizing results and collecting warnings. resolve.ts drives it over a
 * whole tree; the WASM engine hands it what needs resolvers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../../engine.ts";
 * import { childLoc, Evaluator } from "./evaluate.ts";
 * const b = str("${a}");
 * const ev = new Evaluator(dict([["a", int(1)], ["b", b]]), () => undefined);
 * assert.deepEqual(ev.resolve(childLoc(ev.root, "b", b, false)).node, { kind: "value", type: "int", value: 1 });
 * ```
 */
export class Evaluator {
  readonly memo = new Map<string, Resolved>();
  readonly active = new Map<string, Loc>();
  readonly root: Loc;
  readonly warnings: string[] = [];
  private virtual = 0;
  /** use_cache results of this tree: OmegaConf keeps them on the root config, across reads. */
  private cache: Map<string, Node>;
  /**
   * Failed resolver calls by position and arguments: the WASM engine's host
   * round records a failure here as data, and the node's re-evaluation (for
   * OmegaConf's message and location) gets the same failure without running
   * the resolver again.
   */
  private failed = new Map<string, Fail>();
  /** The root positions {@link ownRootLoc} made. */
  private ownRootLocs = new WeakSet<Loc>();
  /** Nodes copied so far, against {@link LIMITS}.resolvedNodes. */
  private copied = 0;
  /** How many container copies (interpolation targets) are being built. */
  copying = 0;

  constructor(root: Node, readonly resolvers: ResolverTable) {
    this.root = rootLoc(root);
    this.cache = resolverCache(root);
  }

  /**
   * Counts `n` nodes about to be created, when inside a copy.
   *
   * @throws {Fail} `limit` past {@link LIMITS}.resolvedNodes.
   */
  countNodes(n: number): void {
    if (this.copying === 0) return;
    this.copied += n;
    if (this.copied > LIMITS.resolvedNodes) throw tooManyNodes();
  }

  /**
   * A fresh position for a container a resolver created under `parent`
   * (inside a {@link markLiteral} result, nothing is an interpolation).
   */
  virtualLoc(node: Node, at: Loc): Loc {
    return {
      node,
      parent: at.parent,
      key: at.key,
      inList: at.inList,
      id: at.id + (literals.has(node) ? LITERAL : "") + "\u0002" + this.virtual++,
    };
  }

  /**
   * The position of an {@link OwnRoot} result called at `at`: under a root
   * of its own, so absolute keys inside it read its config.
   */
  ownRootLoc(own: OwnRoot, at: Loc): Loc {
    let loc: Loc = {
      node: own.root,
      parent: null,
      key: at.key,
      inList: at.inList,
      id: at.id + "\u0002" + this.virtual++,
    };
    this.ownRootLocs.add(loc);
    for (const k of own.path) {
      const n = loc.node;
      const child = n.kind === "list"
        ? n.items[k as number]
        : n.kind === "dict"
        ? n.entries.get(canonicalKey(k))?.node
        : undefined;
      if (!child) break;
      loc = childLoc(loc, k, child, n.kind === "list");
    }
    ownRoots.set(loc.node, own);
    return loc;
  }

  /** The value of a position: itself, or what its interpolation resolves to. */
  resolve(loc: Loc): Resolved {
    const n = loc.node;
    if (n.kind !== "value" || n.type !== "str" || !isInterpolationString(n.value as string)) {
      return { node: n, loc };
    }
    // a string in a plain value a resolver returned is text, as in OmegaConf
    if (loc.id.includes(LITERAL)) return { node: n, loc };
    const done = this.memo.get(loc.id);
    if (done) return done;
    if (this.active.has(loc.id)) throw this.cycle(loc);
    this.active.set(loc.id, loc);
    try {
      let parsed;
      try {
        parsed = parseCached(n.value as string);
      } catch (e) {
        if (e instanceof GrammarError) throw new Fail(ErrorCode.Grammar, e.message);
        throw e;
      }
      for (const w of parsed.warnings) this.warnSeq(w);
      const r = this.parts(parsed.parts, loc, true);
      this.memo.set(loc.id, r);
      return r;
    } finally {
      this.active.delete(loc.id);
    }
  }

  /** The cycle error: the whole cycle `a -> b -> a` and each member's origin. */
  private cycle(loc: Loc): Fail {
    const chain = [...this.active.values()];
    const members = chain.slice(chain.findIndex((l) => l.id === loc.id));
    const keys = [...members, loc].map(locFullKey);
    const related = members.map((l) => ({
      message: `'${locFullKey(l)}' is part of the cycle`,
      origin: l.node.origin ?? {},
    }));
    return new Fail(
      ErrorCode.InterpolationResolution,
      `Recursive interpolation detected: ${keys.join(" -> ")}`,
      undefined,
      related,
    );
  }

  warnSeq(text: string): void {
    this.warnings.push(
      `UserWarning: In the sequence \`${text}\` some elements are missing: please replace them with empty quoted strings. See https://github.com/omry/omegaconf/issues/572 for details.`,
    );
  }

  /** Text pieces: a lone interpolation keeps its value; anything else is a string. */
  parts(parts: Part[], loc: Loc, top: boolean): Resolved {
    if (parts.length === 1 && typeof parts[0] !== "string" && top) {
      return this.interp(parts[0], loc);
    }
    let out = "";
    for (const p of parts) {
      out += typeof p === "string" ? p : pyStr(this.interp(p, loc).node);
      // checked at every piece: a doubling chain stops at the limit, not at V8's
      if (out.length > LIMITS.resolvedStringChars) throw stringTooLong(out.length);
    }
    return { node: str(out, (loc.node as ValueNode).origin), loc };
  }

  interp(i: Interp, loc: Loc): Resolved {
    return i.t === "node" ? this.nodeInterp(i.key, loc) : this.resolverInterp(i, loc);
  }

  /** A key piece that is an interpolation must give a string. */
  private keyPiece(p: Part, loc: Loc): string {
    if (typeof p === "string") return p;
    const v = this.interp(p, loc).node;
    if (v.kind !== "value" || v.type !== "str") {
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `The following interpolation is used to denote a config key and thus should return a string, but instead returned \`${
          pyStr(v)
        }\` of type \`<class '${pyType(v)}'>\`: ${p.text}`,
      );
    }
    return v.value as string;
  }

  nodeInterp(key: Part[], loc: Loc): Resolved {
    const text = key.map((p) => this.keyPiece(p, loc)).join("");
    const r = this.selectFrom(loc.parent ?? this.root, text, true);
    // a node may not point at one of its own ancestors
    if (r.node.kind !== "value" && (loc.id + "\u0001").startsWith(r.loc.id + "\u0001")) {
      throw new Fail(ErrorCode.InterpolationResolution, "Interpolation to parent node detected");
    }
    return r;
  }

  /**
   * `_select_impl` from `base` (the parent container for relative keys):
   * throws InterpolationKey for absent keys, InterpolationToMissing for `???`.
   */
  selectFrom(base: Loc, key: string, strict: boolean): Resolved {
    const found = this.trySelect(base, key);
    if (found === "missing-key") {
      // OmegaConf names a relative key without its leading dots (`${..a.zz}`: 'a.zz')
      const named = key.replace(/^\.+/, "");
      throw new Fail(ErrorCode.InterpolationKey, `Interpolation key '${named}' not found`);
    }
    if (found.node.kind === "value" && found.node.type === "missing" && strict) {
      throw new Fail(
        ErrorCode.InterpolationToMissing,
        `MissingMandatoryValue while resolving interpolation: Missing mandatory value: ${
          locFullKey(found.loc)
        }`,
      );
    }
    return found;
  }

  /**
   * Like {@link selectFrom} but reports an absent key as "missing-key"; with
   * `selecting`, a scalar on the way too, as `OmegaConf.select` (and
   * `oc.select`) gives None for the ConfigTypeError an interpolation raises.
   * `byResolver`: a resolver selects (`oc.select`, `oc.dict.keys`, ...), so a
   * key above the root is the ConfigKeyError it raised, as OmegaConf wraps it.
   */
  trySelect(
    base: Loc,
    key: string,
    selecting = false,
    byResolver = false,
  ): Resolved | "missing-key" {
    let from: Loc = this.root;
    // inside an OwnRoot result, absolute keys read the result's own config
    for (let top: Loc | null = base; top; top = top.parent) {
      if (!top.parent && this.ownRootLocs.has(top)) from = top;
    }
    let rest = key;
    if (key.startsWith(".")) {
      from = base;
      rest = key.slice(1);
      while (rest.startsWith(".")) {
        if (!from.parent) {
          throw byResolver
            ? new Fail(
              ErrorCode.InterpolationResolution,
              `ConfigKeyError raised while resolving interpolation: Error resolving key '${key}'`,
            )
            : new Fail(
              ErrorCode.InterpolationKey,
              `ConfigKeyError while resolving interpolation: Error resolving key '${key}'`,
            );
        }
        from = from.parent;
        rest = rest.slice(1);
      }
    }
    if (rest === "") return { node: from.node, loc: from };
    const split = splitKey(rest);
    let cur: Resolved | null = { node: from.node, loc: from };
    for (let i = 0; i < split.length; i++) {
      if (cur === null) return "missing-key";
      const child = this.child(cur, split[i]);
      if (child === null) return "missing-key";
      if (child.node.kind === "value" && child.node.type === "missing") {
        if (i < split.length - 1) {
          // `${oc.select:m.x,0}` selects without throw_on_missing: a `???` on
          // the way is the ConfigTypeError select turns into its default; any
          // other resolver sees the MissingMandatoryValue wrapped as its error
          if (selecting) return "missing-key";
          const what = `Missing mandatory value: ${locFullKey(child)}`;
          throw byResolver
            ? new Fail(
              ErrorCode.InterpolationResolution,
              `MissingMandatoryValue raised while resolving interpolation: ${what}`,
            )
            : new Fail(
              ErrorCode.InterpolationToMissing,
              `MissingMandatoryValue while resolving interpolation: ${what}`,
            );
        }
        return { node: child.node, loc: child };
      }
      const r = this.resolve(child);
      if (i === split.length - 1) return r;
      // a resolver's plain dict or list is a value to OmegaConf (not a
      // container): selecting into it is the error a scalar gives
      if (r.node.kind === "value" || r.loc.id.includes(LITERAL)) {
        if ((r.node.kind === "value" && r.node.type === "null") || selecting) return "missing-key";
        throw new Fail(
          ErrorCode.InterpolationResolution,
          `ConfigTypeError raised while resolving interpolation: Error trying to access ${rest}: node \`${
            split.slice(0, i + 1).join(".")
          }\` is not a container and thus cannot contain \`${split[i + 1]}\``,
        );
      }
      cur = r;
    }
    return cur === null ? "missing-key" : cur;
  }

  /** One step of a key path: a dict's string key or a list's int index. */
  private child(c: Resolved, k: string): Loc | null {
    const n = c.node;
    if (n.kind === "dict") {
      const e = n.entries.get("s" + k);
      return e ? childLoc(c.loc, e.key, e.node, false) : null;
    }
    if (n.kind === "list") {
      if (!INT_RE.test(k)) {
        throw new Fail(
          ErrorCode.InterpolationResolution,
          `TypeError raised while resolving interpolation: Index '${k}' (str) is not an int`,
        );
      }
      const i = Number(k.replaceAll("_", ""));
      if (i < 0 || i >= n.items.length) return null;
      return childLoc(c.loc, i, n.items[i], true);
    }
    return null;
  }

  resolverInterp(r: ResolverInterp, loc: Loc): Resolved {
    const name = r.name.map((p) => {
      if (typeof p === "string") return p;
      const v = this.interp(p, loc).node;
      if (v.kind !== "value" || v.type !== "str") {
        throw new Fail(
          ErrorCode.InterpolationResolution,
          `The name of a resolver must be a string, but the interpolation ${p.text} resolved to \`${
            pyStr(v)
          }\` which is of type <class '${pyType(v)}'>`,
        );
      }
      return v.value as string;
    }).join("");
    const entry = this.resolvers(name);
    if (!entry) {
      throw new Fail(ErrorCode.UnsupportedInterpolation, `Unsupported interpolation type ${name}`);
    }
    const args: Node[] = [];
    const argTexts: string[] = [];
    const argLocs: (Loc | undefined)[] = [];
    for (const a of r.args) {
      const el = a.el;
      if (el?.t === "prim" && el.toks.length === 1 && "t" in el.toks[0]) {
        // a lone interpolation gives the node itself, which keeps its place
        const got = this.interp(el.toks[0] as Interp, loc);
        args.push(got.node);
        argLocs.push(got.node.kind === "value" ? undefined : got.loc);
      } else {
        args.push(el ? this.element(el, loc) : str(""));
        argLocs.push(undefined);
      }
      argTexts.push(a.text);
    }
    return this.callResolver(name, args, argTexts, loc, argLocs);
  }

  /**
   * A resolver call the WASM engine batched for node `loc`: the node counts as
   * being resolved while the resolver runs, as when this evaluator resolves it
   * (so a cycle through the resolver names the same members).
   */
  callResolverFor(
    name: string,
    args: Node[],
    argTexts: string[],
    loc: Loc,
    argLocs?: (Loc | undefined)[],
  ): Resolved {
    if (this.active.has(loc.id)) return this.callResolver(name, args, argTexts, loc, argLocs);
    this.active.set(loc.id, loc);
    try {
      return this.callResolver(name, args, argTexts, loc, argLocs);
    } finally {
      this.active.delete(loc.id);
    }
  }

  /**
   * Calls resolver `name` with evaluated arguments (the WASM engine's host
   * rounds come here too, through {@link callResolverFor}): the registry, use_cache, and errors as OmegaConf
   * wraps them.
   */
  callResolver(
    name: string,
    args: Node[],
    argTexts: string[],
    loc: Loc,
    argLocs?: (Loc | undefined)[],
  ): Resolved {
    const entry = this.resolvers(name);
    if (!entry) {
      throw new Fail(ErrorCode.UnsupportedInterpolation, `Unsupported interpolation type ${name}`);
    }
    const cacheKey = name + "\u0000" + argTexts.join("\u0000");
    if (entry.useCache) {
      const hit = this.cache.get(cacheKey);
      if (hit) {
        const own = ownRoots.get(hit);
        return { node: hit, loc: own ? this.ownRootLoc(own, loc) : this.virtualLoc(hit, loc) };
      }
    }
    const failKey = loc.id + "\u0003" + cacheKey;
    const failed = this.failed.get(failKey);
    if (failed) throw failed;
    let out: Node | Resolved;
    try {
      out = entry.impl({ args, argTexts, argLocs, loc, ev: this });
    } catch (e) {
      // A Fail comes from evaluating inside a built-in (a cycle, a missing key):
      // it depends on what is being resolved, so it is not kept.
      if (e instanceof Fail) throw e;
      // a JS stack overflow (`oc.decode` of "[[[...]]]" 5,000 deep) is Python's RecursionError
      const overflow = e instanceof RangeError && /call stack/i.test(e.message);
      const fail = new Fail(
        ErrorCode.InterpolationResolution,
        overflow
          ? "RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison"
          : `${errorClass(e)} raised while resolving interpolation: ${
            e instanceof Error ? e.message : String(e)
          }`,
      );
      this.failed.set(failKey, fail);
      throw fail;
    }
    const res: Resolved = "loc" in out && "node" in out
      ? out as Resolved
      : { node: out as Node, loc: this.virtualLoc(out as Node, loc) };
    if (entry.useCache) this.cache.set(cacheKey, res.node);
    return res;
  }

  /** An argument element's value: scalars typed as OmegaConf types them. */
  element(el: Element, loc: Loc): Node {
    switch (el.t) {
      case "quoted":
        return el.parts.length === 1 && typeof el.parts[0] !== "string"
          ? str(pyStr(this.interp(el.parts[0], loc).node))
          : this.parts(el.parts, loc, false).node;
      case "prim": {
        if (el.toks.length === 1 && "t" in el.toks[0]) {
          return this.interp(el.toks[0] as Interp, loc).node;
        }
        const parts = el.toks.map((t) => ("t" in t ? pyStr(this.interp(t, loc).node) : t));
        return elementFromTokens(parts as (string | Tok)[]);
      }
      case "list":
        return {
          kind: "list",
          items: el.items.map((a) => (a.el ? this.element(a.el, loc) : str(""))),
        };
      case "dict": {
        const entries = new Map();
        for (const p of el.pairs) {
          const k = elementFromTokens(p.key);
          const kv = k as ValueNode;
          const key = kv.type === "float" ? new FloatKey(kv.value as number) : kv.value as Key;
          // like a Python dict, `{1: a, true: c}` keeps the first key (1) and the last value
          const ck = canonicalKey(key);
          const node = this.element(p.value, loc);
          entries.set(ck, { key: entries.get(ck)?.key ?? key, node });
        }
        return { kind: "dict", entries };
      }
    }
  }
}

/**
 * Python's type name of a value node (`int`, `str`, `DictConfig`...).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int } from "../../engine.ts";
 * import { pyType } from "./evaluate.ts";
 * assert.equal(pyType(int(1)), "int");
 * ```
 */
export function pyType(n: Node): string {
  if (n.kind === "dict") return "DictConfig";
  if (n.kind === "list") return "ListConfig";
  return {
    int: "int",
    float: "float",
    str: "str",
    bool: "bool",
    null: "NoneType",
    missing: "str",
    bytes: "bytes",
  }[
    n.type
  ];
}
