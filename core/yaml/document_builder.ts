/**
 * Config nodes from an npm:yaml document, in OmegaConf's dialect: scalars
 * typed as PyYAML and OmegaConf read them, tags, merge keys (`<<`), `!!omap`,
 * anchors and aliases (with a cap on what aliases copy), each node placed
 * where PyYAML would place it.
 *
 * @module
 */

import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "npm:yaml@2.9.1";
import { ErrorCode, StrataError } from "../errors.ts";
import {
  clone,
  type DictNode,
  type ListNode,
  type Node,
  type NodeOrigin,
  type Origin,
} from "../node.ts";
import { childPath, DictBuilder, fail, keyOf, type PathLink, pathText } from "./build.ts";
import { resolvePlainScalar } from "./scalar.ts";
import { YAML_TAG } from "./tags.ts";
import { emptyPropsStart } from "./props.ts";
import { lineCol } from "./npm_parse.ts";
import { AliasCopies } from "./alias_copies.ts";
import { buildScalar } from "./document_scalars.ts";

/**
 * A node of an npm:yaml document.
 *
 * @example
 * ```ts
 * import type { YNode } from "./document_builder.ts";
 * const none: YNode | null = null;
 * ```
 */
export type YNode = YAMLMap | YAMLSeq | Scalar | Alias;

/**
 * Builds config nodes from one npm:yaml document; an instance per document
 * (it remembers anchors and what aliases copied, ./alias_copies.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineCounter } from "npm:yaml@2.9.1";
 * import { parseDocuments } from "./npm_parse.ts";
 * import { DocumentBuilder, type YNode } from "./document_builder.ts";
 * const text = "a: 1\n";
 * const lines = new LineCounter();
 * const { docs } = parseDocuments(text, lines);
 * const b = new DocumentBuilder(docs[0], lines, "c.yaml", text, new WeakMap());
 * assert.equal(b.node(docs[0].contents as YNode, false, undefined).kind, "dict");
 * ```
 */
export class DocumentBuilder {
  private built = new Map<unknown, Node>();
  private copies = new AliasCopies();
  private building = new Set<unknown>();
  /**
   * Each anchor's node, as the builder meets them in document order (an
   * alias refers to an anchor before it): aliases are looked up here, in
   * O(1). PyYAML's composer refuses a name given twice.
   */
  private anchors = new Map<string, YNode>();
  constructor(
    readonly doc: Document,
    readonly lines: LineCounter,
    readonly file: string,
    /** The input text (PyYAML's block scalars at its end depend on it). */
    readonly source: string,
    /** Where the props (anchor, tag) of a node token start (./props.ts). */
    readonly starts: WeakMap<object, number>,
    /** Spaces added at line starts (./flow_indent.ts, ./quoted_indent.ts). */
    readonly added?: Map<number, number>,
    /**
     * Tags PyYAML reads longer than npm:yaml (`[!!str, 1]`: `!!str,`), by
     * the offset of their `!`: the characters it adds (./prop_names.ts).
     */
    readonly tagTails?: Map<number, string>,
    /**
     * The text as written, where ./prop_names.ts rewrote `source` (same
     * offsets): its `&a: 1` reads as an empty key written `:`.
     */
    readonly written: string = source,
    /**
     * The lines (0-based) of `source` a U+2028/U+2029 ended, read there as
     * `\n` (./unicode_breaks.ts): which one it was.
     */
    readonly unicodeBreaks?: ReadonlyMap<number, string>,
  ) {}

  /**
   * Where the `:` of a key that is no text at all is (npm:yaml's empty key of
   * `: x`, right before it or spaces before it), else undefined.
   */
  private bareColon(key: Scalar): number | undefined {
    const r = key.range;
    if (!r || r[0] !== r[1] || key.tag !== undefined || key.anchor) return undefined;
    let p = r[0];
    while (this.source[p] === " ") p++;
    if (this.source[p] !== ":" || this.written[p] !== ":") return undefined;
    // nothing before it on its line but a list item's `- ` or a flow collection's `{`, `[`
    // or `,` (`&a: 1` is an anchored empty key, which PyYAML reads)
    let q = p - 1;
    while (this.source[q] === " ") q--;
    const item = this.source[q] === "-" && q < p - 1 && " \n".includes(this.source[q - 1] ?? "\n");
    return q < 0 || "\n{[,".includes(this.source[q]) || item ? p : undefined;
  }

  /** The characters PyYAML's tag of `node` has past npm:yaml's (`,` of `!!str,`), if any. */
  private tagTail(node: YNode): string | undefined {
    if (!this.tagTails?.size || node.tag === undefined || !node.range) return undefined;
    // the props are the last tokens before the content (its tag, perhaps an anchor after it)
    let p = node.range[0];
    for (let n = 0; n < 2; n++) {
      while (p > 0 && " \t\n".includes(this.source[p - 1])) p--;
      while (p > 0 && !" \t\n[{,".includes(this.source[p - 1])) p--;
      if (this.source[p] === "!") return this.tagTails.get(p);
    }
    return undefined;
  }

  /** Where a node starts, PyYAML's start_mark: at its anchor or tag when it has one. */
  private start(node: YNode | null | undefined): number | undefined {
    if (!node?.range) return undefined;
    const token = (node as { srcToken?: object }).srcToken;
    let at = (token && this.starts.get(token)) ?? node.range[0];
    if (token === undefined && (node.tag !== undefined || node.anchor)) {
      at = emptyPropsStart(this.source, at);
    }
    if (isMap(node) && isPair(node.items[0])) {
      // a block mapping starts where its first key does, props included (`!!str k: 1`)
      const key = this.start(node.items[0].key as YNode | null);
      if (key !== undefined && key < at) at = key;
    }
    return at;
  }

  origin(node: YNode | null | undefined): Origin {
    const at = this.start(node);
    if (at === undefined) return { file: this.file };
    return { file: this.file, ...lineCol(this.lines, this.source, at, this.added) };
  }

  /** A scalar node, as PyYAML and OmegaConf read it (./document_scalars.ts). */
  scalar(node: Scalar, inFlow: boolean, path: PathLink | undefined): Node {
    return buildScalar(this, node, inFlow, path);
  }

  map(node: YAMLMap, path: PathLink | undefined): Node {
    const tag = node.tag;
    if (tag === YAML_TAG + "set" || tag === YAML_TAG + "timestamp") {
      fail(
        ErrorCode.UnsupportedValue,
        "Value 'set' is not a supported primitive type",
        this.origin(node),
        pathText(path),
      );
    }
    if (tag !== undefined && tag !== "!" && tag !== YAML_TAG + "map") {
      this.badTag(tag, node, "mapping");
    }
    const origin = this.origin(node);
    const b = new DictBuilder();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      if (
        isScalar(keyNode) && keyNode.type === "PLAIN" && keyNode.tag === undefined &&
        keyNode.value === "<<"
      ) {
        b.merge(this.mergeSources(pair.value as YNode | null, path, this.origin(keyNode)));
        continue;
      }
      const colon = isScalar(keyNode) ? this.bareColon(keyNode) : undefined;
      if (colon !== undefined) {
        // `: x`, `{: b}`: a value where PyYAML's parser wants a key (npm:yaml reads an empty key)
        const at = { file: this.file, ...lineCol(this.lines, this.source, colon, this.added) };
        const message = node.flow
          ? "while parsing a flow node: expected the node content, but found ':'"
          : `while parsing a block mapping (opened at ${origin.line}:${origin.col}): ` +
            `expected <block end>, but found ${
              at.col === origin.col ? "':'" : "'<block mapping start>'"
            }`;
        fail(ErrorCode.YamlSyntax, `${message} (a ':' with no key before it)`, at);
      }
      if (keyNode !== null && !isScalar(keyNode) && !isAlias(keyNode)) {
        fail(ErrorCode.YamlConstruct, "found unhashable key", this.origin(keyNode));
      }
      const keyValue = keyNode === null
        ? resolvePlainScalar("", origin)
        : this.node(keyNode, !!node.flow, path);
      if (keyValue.kind !== "value") {
        fail(ErrorCode.YamlConstruct, "found unhashable key", keyValue.origin);
      }
      const key = keyOf(keyValue, path);
      const child = childPath(path, key, false, keyValue.origin);
      const value = this.node(
        pair.value as YNode | null,
        !!node.flow,
        child,
        keyValue.origin,
        true,
      );
      b.add(
        key,
        keyValue.type === "str" || keyValue.type === "missing",
        value,
        keyValue.origin,
        origin,
        child,
      );
    }
    return b.finish(origin);
  }

  /**
   * The node an alias names: the anchor of its name the builder met last.
   * npm:yaml's `Alias.resolve` scans the document from its start for every
   * alias (quadratic in a file of many aliases); it stays the answer only
   * for an anchor the builder skipped (on a `<<` key) or an undefined alias.
   */
  private target(alias: Alias): YNode | undefined {
    return this.anchors.get(alias.source) ?? alias.resolve(this.doc) as YNode | undefined;
  }

  /** Counts the copy `alias` makes of `target` (built as `done`); fails past a limit. */
  private charge(alias: Alias, target: YNode, done: Node, path: PathLink | undefined): void {
    const over = this.copies.copy(target, done, alias.source, this.origin(target));
    if (over !== undefined) fail(ErrorCode.Limit, over, this.origin(alias), pathText(path));
  }

  mergeSources(src: YNode | null, path: PathLink | undefined, at: NodeOrigin): DictNode[] {
    const resolved = isAlias(src) ? this.target(src) : src;
    if (isAlias(src) && isSeq(resolved)) {
      if (this.building.has(resolved)) {
        fail(ErrorCode.YamlConstruct, "recursive alias: a node contains itself", this.origin(src));
      }
      const done = this.built.get(resolved);
      if (done?.kind === "list") {
        // `<<: *list`: the list's mappings as built (and counted as a copy), not
        // built again: lists of mappings that merge such lists would grow
        // exponentially, uncounted
        this.charge(src, resolved, done, path);
        return done.items.map((m) =>
          m.kind === "dict" ? m : notMergeable("expected a mapping for merging", m, at)
        );
      }
    }
    const items = isSeq(resolved) ? (resolved.items as YNode[]) : [src];
    const out: DictNode[] = [];
    for (const s of items) {
      const m = s === null ? undefined : this.node(s, false, path);
      if (m === undefined || m.kind !== "dict") {
        notMergeable(
          isSeq(resolved)
            ? "expected a mapping for merging"
            : "expected a mapping or list of mappings for merging",
          m,
          at,
        );
      }
      out.push(m);
    }
    return out;
  }

  seq(node: YAMLSeq, path: PathLink | undefined): Node {
    const tag = node.tag;
    const origin = this.origin(node);
    if (tag === YAML_TAG + "omap" || tag === YAML_TAG + "pairs") return this.pairs(node, path);
    if (tag !== undefined && tag !== "!" && tag !== YAML_TAG + "seq") {
      this.badTag(tag, node, "sequence");
    }
    const items: Node[] = [];
    const flow = !!node.flow;
    node.items.forEach((item, i) => {
      items.push(
        this.node(item as YNode | null, flow, childPath(path, i, true, origin), undefined, true),
      );
    });
    return { kind: "list", items, origin };
  }

  /** `!!omap` / `!!pairs`: a list of `[key, value]` lists, as OmegaConf stores tuples. */
  pairs(node: YAMLSeq, path: PathLink | undefined): ListNode {
    const items: Node[] = [];
    node.items.forEach((item, i) => {
      const here = childPath(path, i, true, this.origin(node));
      if (!isMap(item) || item.items.length !== 1) {
        fail(
          ErrorCode.YamlConstruct,
          "while constructing an ordered map: expected a single mapping item",
          this.origin(item as YNode),
        );
      }
      const pair = item.items[0];
      const k = this.node(pair.key as YNode | null, true, here);
      const v = this.node(pair.value as YNode | null, true, here);
      items.push({ kind: "list", items: [k, v], origin: this.origin(item) });
    });
    return { kind: "list", items, origin: this.origin(node) };
  }

  badTag(tag: string, node: YNode, kind: string): never {
    const name = tag.startsWith(YAML_TAG) ? tag.slice(YAML_TAG.length) : "";
    if (["str", "int", "float", "bool", "null", "binary", "timestamp"].includes(name)) {
      fail(ErrorCode.YamlConstruct, `expected a scalar node, but found ${kind}`, this.origin(node));
    }
    return fail(
      ErrorCode.YamlConstruct,
      `could not determine a constructor for the tag '${tag}'`,
      this.origin(node),
    );
  }

  /**
   * An alias's copy as a mapping's value or a list's item: placed where the alias is written
   * (`B: *io` on its own line), its children where the anchor's are, so explain, --origins and
   * diff name what the user wrote there (checker v61). A key or a merge source keeps the
   * anchor's place, where PyYAML's errors about that node point.
   */
  private placed(alias: Alias, copy: Node, place: boolean): Node {
    if (!place) return copy;
    // (clone shares a leaf: a copy of its own, not the anchor's moved)
    const own = copy.kind === "value" ? { ...copy } : copy;
    own.origin = this.origin(alias);
    return own;
  }

  node(
    node: YNode | null,
    inFlow: boolean,
    path: PathLink | undefined,
    at?: NodeOrigin,
    placeAlias = false,
  ): Node {
    if (node === null || node === undefined) return resolvePlainScalar("", at);
    if (isAlias(node)) {
      const target = this.target(node);
      if (target === undefined) {
        fail(ErrorCode.YamlSyntax, `found undefined alias '${node.source}'`, this.origin(node));
      }
      const done = this.built.get(target);
      if (done !== undefined) {
        this.charge(node, target, done, path);
        return this.placed(node, clone(done), placeAlias);
      }
      if (this.building.has(target)) {
        fail(ErrorCode.YamlConstruct, "recursive alias: a node contains itself", this.origin(node));
      }
      const first = this.node(target, inFlow, path);
      return placeAlias ? this.placed(node, clone(first), true) : first;
    }
    const tail = this.tagTail(node);
    if (tail !== undefined) {
      // `!!str,` names no tag OmegaConf's loader constructs
      fail(
        ErrorCode.YamlConstruct,
        `could not determine a constructor for the tag '${node.tag}${tail}'`,
        this.origin(node),
      );
    }
    let out: Node;
    const mark = this.copies.mark();
    if (node.anchor) {
      const first = this.anchors.get(node.anchor);
      if (first !== undefined && first !== node) {
        const at = this.origin(first);
        fail(
          ErrorCode.YamlSyntax,
          `found duplicate anchor '${node.anchor}'; first occurrence at ${at.line}:${at.col}, ` +
            "second occurrence here",
          this.origin(node),
        );
      }
      this.anchors.set(node.anchor, node);
      this.building.add(node);
    }
    if (isMap(node)) out = this.map(node, path);
    else if (isSeq(node)) out = this.seq(node, path);
    else if (isScalar(node)) out = this.scalar(node, inFlow, path);
    else return fail(ErrorCode.YamlConstruct, "unsupported YAML node", this.origin(node));
    if (node.anchor) {
      this.building.delete(node);
      this.built.set(node, out);
      this.copies.built(node, mark);
    }
    return out;
  }
}

/**
 * PyYAML's error for a `<<` whose value is no mapping: placed at the `<<` key, where the mistake
 * is written (the anchor merged may be far away), naming what was found there (checker x34).
 */
function notMergeable(expected: string, found: Node | undefined, at: NodeOrigin): never {
  const kind = found === undefined || found.kind === "value" ? "scalar" : "sequence";
  throw new StrataError(
    ErrorCode.YamlConstruct,
    `while constructing a mapping: ${expected}, but found ${kind}`,
    {
      origin: at,
      related: found?.origin !== undefined
        ? [{ message: `the ${kind} merged`, origin: found.origin }]
        : [],
    },
  );
}
