/**
 * The interpolation evaluator (TypeScript reference): resolves `${...}` strings
 * of a tree with OmegaConf 2.2's semantics — key selection (`_select_impl`),
 * relative keys, node vs string interpolation, resolver calls, cycle and
 * parent-reference detection. The WASM engine (./engine.ts) plans whole trees
 * and hands what needs resolvers to this evaluator.
 *
 * @module
 */

import { absentKeyHint } from "./absent_key_hint.ts";
import { ErrorCode } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import {
  canonicalKey,
  FloatKey,
  isInterpolationString,
  type Key,
  keyText,
  type Node,
  type Origin,
  originOf,
  str,
  type ValueNode,
} from "../node.ts";
import type { Element, Interp, Part } from "./grammar.ts";
import { GrammarError } from "./grammar_parser.ts";
import { pyStr, pyType } from "./pystr.ts";
import { elementValue } from "./elements.ts";
import { Fail } from "./fail.ts";
import {
  childLoc,
  isPlainResult,
  type Loc,
  locFullKey,
  plainMark,
  type Resolved,
  rootLoc,
  stringTooLong,
  tooManyNodes,
} from "./loc.ts";
import { parseCached, resolverCache } from "./caches.ts";
import { keySuggestions, oddKeyNamed, selectKey } from "./select_key.ts";
import type { OwnRoot, ResolverTable } from "./resolver_call.ts";
import { ownRoots, resolverInterp } from "./resolver_run.ts";

export { Fail };

/**
 * The evaluator of one tree: resolves positions ({@link Loc}) on demand,
 * memoizing results and collecting warnings. resolve.ts drives it over a
 * whole tree; the WASM engine hands it what needs resolvers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int, str } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { childLoc } from "./loc.ts";
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
  /** Where the warning at the same index of {@link warnings} is about, when known. */
  readonly warningOrigins: (Origin | undefined)[] = [];
  private virtual = 0;
  /** use_cache results of this tree: OmegaConf keeps them on the root config, across reads. */
  readonly cache: Map<string, Node>;
  /**
   * Failed resolver calls by position and arguments: the WASM engine's host
   * round records a failure here as data, and the node's re-evaluation (for
   * OmegaConf's message and location) gets the same failure without running
   * the resolver again.
   */
  readonly failed = new Map<string, Fail>();
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
      id: at.id + plainMark(node) + "\u0002" + this.virtual++,
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
    if (isPlainResult(loc)) return { node: n, loc };
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
      for (const w of parsed.warnings) this.warnSeq(w, loc);
      const r = this.parts(parsed.parts, loc, true);
      this.memo.set(loc.id, r);
      return r;
    } catch (e) {
      if (e instanceof Fail && e.at === undefined) {
        e.at = { fullKey: locFullKey(loc), text: n.value as string, origin: n.origin, id: loc.id };
      }
      throw e;
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

  /** A warning about the value at `loc` (located at its node's origin). */
  warnAt(message: string, loc: Loc): void {
    this.warningOrigins[this.warnings.length] = originOf(loc.node.origin);
    this.warnings.push(message);
  }

  /** OmegaConf's warning of a sequence with missing elements (`[1,,2]`), at the value holding it. */
  warnSeq(text: string, loc: Loc): void {
    this.warningOrigins[this.warnings.length] = originOf(loc.node.origin);
    this.warnings.push(
      `UserWarning: In the sequence \`${text}\` some elements are missing: please replace them with empty quoted strings. See https://github.com/omry/omegaconf/issues/572 for details.`,
    );
  }

  /** Text pieces: a lone interpolation keeps its value; anything else is a string. */
  parts(parts: Part[], loc: Loc, top: boolean): Resolved {
    if (parts.length === 1 && typeof parts[0] !== "string" && top) {
      return this.pieceOf(parts[0], loc, top);
    }
    let out = "";
    for (const p of parts) {
      out += typeof p === "string" ? p : pyStr(this.pieceOf(p, loc, top).node);
      // checked at every piece: a doubling chain stops at the limit, not at V8's
      if (out.length > LIMITS.resolvedStringChars) throw stringTooLong(out.length);
    }
    return { node: str(out, (loc.node as ValueNode).origin), loc };
  }

  /** One interpolation of a value; at the top, a failure of its own names its text ({@link Fail.piece}). */
  private pieceOf(i: Interp, loc: Loc, top: boolean): Resolved {
    if (!top) return this.interp(i, loc);
    try {
      return this.interp(i, loc);
    } catch (e) {
      if (e instanceof Fail && e.at === undefined && e.piece === undefined) e.piece = i.text;
      throw e;
    }
  }

  interp(i: Interp, loc: Loc): Resolved {
    return i.t === "node" ? this.nodeInterp(i.key, loc) : resolverInterp(this, i, loc);
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
    const r = this.selectFrom(loc.parent ?? this.root, text, true, loc.node);
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
  selectFrom(base: Loc, key: string, strict: boolean, holder?: Node): Resolved {
    const found = this.trySelect(base, key);
    if (found === "missing-key") {
      // OmegaConf names a relative key without its leading dots (`${..a.zz}`: 'a.zz')
      const named = key.replace(/^\.+/, "");
      // what the tree's maker knows of an absolute key it lacks (a group no defaults list chose)
      const odd = oddKeyNamed(this, base, key);
      const hint = odd
        ? odd.node.origin && {
          message:
            `the key ${keyText(odd.key)} here is ${oddKeyType(odd.key)}: an interpolation's ` +
            "key path names string keys only, so none reaches it",
          origin: odd.node.origin,
        }
        : named === key
        ? absentKeyHint(this.root.node, key)
        : undefined;
      throw new Fail(
        ErrorCode.InterpolationKey,
        `Interpolation key '${named}' not found`,
        undefined,
        hint && [hint],
        undefined,
        keySuggestions(this, base, key, holder),
      );
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
    return selectKey(this, base, key, selecting, byResolver);
  }

  /** Whether `loc` is the root of an {@link OwnRoot} result (absolute keys inside read its config). */
  isOwnRoot(loc: Loc): boolean {
    return this.ownRootLocs.has(loc);
  }

  /** An argument element's value: scalars typed as OmegaConf types them (./elements.ts). */
  element(el: Element, loc: Loc): Node {
    return elementValue(this, el, loc);
  }
}

/** A key that is no string, as its type is said: `a float key`. */
function oddKeyType(key: Key): string {
  if (key instanceof FloatKey) return "a float key";
  if (typeof key === "boolean") return "a bool key";
  if (key === null) return "a None key";
  return "an int key";
}
