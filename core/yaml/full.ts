/**
 * The full YAML reader: npm:yaml parses the syntax (failsafe schema, known
 * tags left unresolved, so every scalar arrives as text with its style and
 * tag) and this module builds config nodes from its document in OmegaConf's
 * dialect. It handles everything: flow style, anchors, tags, block scalars.
 *
 * @module
 */

import {
  type Alias,
  Composer,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "npm:yaml@2.9.1";
import { ErrorCode, StrataError } from "../errors.ts";
import { clone, type DictNode, type ListNode, type Node, type Origin } from "../node.ts";
import {
  childPath,
  DictBuilder,
  fail,
  keyOf,
  MAX_DEPTH,
  type PathLink,
  pathText,
} from "./build.ts";
import { codePointCol } from "./columns.ts";
import { plainType, resolvePlainScalar, strValue } from "./scalar.ts";
import { constructTaggedScalar, TagError, YAML_TAG } from "./tags.ts";
import { checkTabs } from "./tabs.ts";
import { describeSyntaxError } from "./syntax_error.ts";
import { type Reindented, reindentQuoted } from "./quoted_indent.ts";
import { reindentFlow } from "./flow_indent.ts";
import { emptyPropsStart, propsStarts } from "./props.ts";
import { blockDepthCrossing } from "./fast_deep.ts";

type YNode = YAMLMap | YAMLSeq | Scalar | Alias;

const TOO_DEEP = `the document nests deeper than ${MAX_DEPTH} levels`;

/** What the full reader found: no document, or the root node. */
export type FullResult = { empty: true } | { empty: false; root: Node };

/**
 * The most nodes aliases may copy in one document. Each `*alias` is a deep
 * copy, so nested aliases grow exponentially ("billion laughs"): past this
 * the document is refused instead of running for minutes.
 */
const MAX_ALIAS_NODES = 1_000_000;

function countNodes(n: Node): number {
  if (n.kind === "value") return 1;
  let count = 1;
  const children = n.kind === "dict" ? [...n.entries.values()].map((e) => e.node) : n.items;
  for (const c of children) count += countNodes(c);
  return count;
}

/**
 * Line and code-point column of an offset (the line counter's column counts
 * UTF-16 units); `added`: spaces ./flow_indent.ts and ./quoted_indent.ts
 * added at line starts, taken off again.
 */
function lineCol(
  lines: LineCounter,
  text: string,
  offset: number,
  added?: Map<number, number>,
): { line: number; col: number } {
  const { line, col } = lines.linePos(offset);
  const c = codePointCol(text, offset - col + 1, offset);
  return { line, col: Math.max(1, c - (added?.get(line - 1) ?? 0)) };
}

/** The source line of `origin` (without spaces the reindenting added) and a caret at its column. */
function snippetAt(
  text: string,
  origin: Origin,
  added?: Map<number, number>,
): { text: string; start: number } | undefined {
  if (origin.line === undefined || origin.col === undefined) return undefined;
  const line = (text.split("\n", origin.line)[origin.line - 1] ?? "")
    .slice(added?.get(origin.line - 1) ?? 0);
  return { text: line, start: [...line].slice(0, origin.col - 1).join("").length };
}

class Builder {
  private built = new Map<unknown, Node>();
  private sizes = new Map<unknown, number>();
  private aliasNodes = 0;
  private building = new Set<unknown>();
  /** Each anchor's node: PyYAML's composer refuses a name given twice. */
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
  ) {}

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

  scalar(node: Scalar, inFlow: boolean, path: PathLink | undefined): Node {
    const origin = this.origin(node);
    const text = this.blockAtEof(
      node,
      node.value === null || node.value === undefined ? "" : String(node.value),
    );
    const tag = node.tag;
    if (tag !== undefined && tag !== "!") {
      const v = constructTaggedScalar(tag, text, origin);
      if (v instanceof TagError) {
        fail(
          v.unsupported ? ErrorCode.UnsupportedValue : ErrorCode.YamlConstruct,
          v.message,
          origin,
          v.unsupported ? pathText(path) : undefined,
        );
      }
      return v;
    }
    if (node.type !== "PLAIN" || tag === "!") return strValue(text, origin);
    if (inFlow && (text[0] === "?" || text[0] === ":")) {
      // PyYAML reads `?`/`:` in flow context as indicators, never as scalar text
      fail(ErrorCode.YamlSyntax, `expected the node content, but found '${text[0]}'`, origin);
    }
    const t = plainType(text);
    if (t === "merge" || t === "value") {
      fail(
        ErrorCode.YamlConstruct,
        `could not determine a constructor for the tag '${YAML_TAG}${t}'`,
        origin,
      );
    }
    return resolvePlainScalar(text, origin);
  }

  /**
   * PyYAML ends a block scalar with a line break only when one follows its
   * last content line in the input (clip and keep keep only the breaks that
   * exist); npm:yaml adds one at the end of an input that has none. Config
   * files that end without a newline are common.
   */
  private blockAtEof(node: Scalar, text: string): string {
    if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") return text;
    if (!text.endsWith("\n") || node.range === undefined || node.range === null) return text;
    const src = this.source.slice(node.range[0], node.range[1]);
    const last = src.search(/[^\s]\s*$/);
    return last >= 0 && !src.slice(last).includes("\n") ? text.slice(0, -1) : text;
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
        b.merge(this.mergeSources(pair.value as YNode | null, path, origin));
        continue;
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
      const value = this.node(pair.value as YNode | null, !!node.flow, child, keyValue.origin);
      b.add(
        key,
        keyValue.type === "str" || keyValue.type === "missing",
        value,
        keyValue.origin,
        origin,
      );
    }
    return b.finish(origin);
  }

  mergeSources(src: YNode | null, path: PathLink | undefined, at: Origin): DictNode[] {
    const resolved = isAlias(src) ? src.resolve(this.doc) as YNode | undefined : src;
    const items = isSeq(resolved) ? (resolved.items as YNode[]) : [src];
    const out: DictNode[] = [];
    for (const s of items) {
      const m = s === null ? undefined : this.node(s, false, path);
      if (m === undefined || m.kind !== "dict") {
        fail(
          ErrorCode.YamlConstruct,
          isSeq(resolved)
            ? "while constructing a mapping: expected a mapping for merging"
            : "while constructing a mapping: expected a mapping or list of mappings for merging",
          m?.origin ?? at,
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
      items.push(this.node(item as YNode | null, flow, childPath(path, i, true, origin)));
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

  node(node: YNode | null, inFlow: boolean, path: PathLink | undefined, at?: Origin): Node {
    if (node === null || node === undefined) return resolvePlainScalar("", at);
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as YNode | undefined;
      if (target === undefined) {
        fail(ErrorCode.YamlSyntax, `found undefined alias '${node.source}'`, this.origin(node));
      }
      const done = this.built.get(target);
      if (done !== undefined) {
        let size = this.sizes.get(target);
        if (size === undefined) this.sizes.set(target, size = countNodes(done));
        this.aliasNodes += size;
        if (this.aliasNodes > MAX_ALIAS_NODES) {
          fail(
            ErrorCode.YamlConstruct,
            `aliases expand to more than ${MAX_ALIAS_NODES} nodes`,
            this.origin(node),
            pathText(path),
          );
        }
        return clone(done);
      }
      if (this.building.has(target)) {
        fail(ErrorCode.YamlConstruct, "recursive alias: a node contains itself", this.origin(node));
      }
      return this.node(target, inFlow, path);
    }
    let out: Node;
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
    }
    return out;
  }
}

/**
 * Whether npm:yaml's error is its YAML 1.2 rule that a comment follows white
 * space, where PyYAML reads a comment: its scanner starts one at any `#`
 * between tokens, so right after a flow indicator or a closing quote
 * (`[a,#c`, `{x: 1}#c`, `"x"#c`) it is a comment. After a block scalar's
 * `|` or `>` PyYAML refuses it too, so that error stays.
 */
function commentPyYamlReads(text: string, err: { code: string; pos: [number, number] }): boolean {
  return err.code === "MISSING_CHAR" && text[err.pos[0]] === "#" &&
    ",[]{}:\"'".includes(text[err.pos[0] - 1]);
}

/**
 * npm:yaml's documents of `text`, its lines counted in `lines` (what
 * parseAllDocuments does, keeping the syntax tree for ./props.ts).
 */
function parse(text: string, lines: LineCounter): { docs: Document[]; tokens: unknown[] } {
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const composer = new Composer({
    schema: "failsafe",
    uniqueKeys: false,
    merge: false,
    resolveKnownTags: false,
    keepSourceTokens: true,
  });
  const docs: Document[] = [...composer.compose(tokens)];
  for (const d of docs) {
    if (d.errors.length > 0) d.errors = d.errors.filter((e) => !commentPyYamlReads(text, e));
  }
  return { docs, tokens };
}

/** {@link propsStarts}, when the text can hold props at all (most files have none). */
function starts(text: string, tokens: unknown[]): WeakMap<object, number> {
  return text.includes("!") || text.includes("&") ? propsStarts(tokens) : new WeakMap();
}

/**
 * Reads YAML text with npm:yaml and builds the config nodes.
 *
 * @throws {StrataError} yaml-syntax, yaml-construct, key-validation, unsupported-value.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFull } from "./full.ts";
 * const r = readFull("a: &x 1\nb: *x\n", "c.yaml");
 * assert.equal(r.empty, false);
 * ```
 */
export function readFull(text: string, file: string): FullResult {
  let lines = new LineCounter();
  let { docs, tokens } = parse(text, lines);
  let quoted: Reindented | undefined;
  let added: Map<number, number> | undefined;
  if (docs.some((d) => d.errors.length > 0)) {
    // perhaps lines of a flow collection or a quoted scalar that PyYAML reads
    // at any indent: flow collections first, their lines hold quoted scalars
    const flow = reindentFlow(text);
    quoted = reindentQuoted(flow?.text ?? text);
    if (flow !== undefined || quoted !== undefined) {
      text = quoted?.text ?? flow!.text;
      added = new Map(flow?.added);
      for (const [line, n] of quoted?.added ?? []) added.set(line, (added.get(line) ?? 0) + n);
      lines = new LineCounter();
      ({ docs, tokens } = parse(text, lines));
    }
  }
  checkTabs(text, file, added);
  const at = (offset: number | undefined): Origin => {
    return offset === undefined ? { file } : { file, ...lineCol(lines, text, offset, added) };
  };
  // a syntax error is placed where the problem starts (an unclosed quote or
  // bracket), with the place the parser gave up in its message
  const syntax = (message: string, offset: number): never => {
    const origin = at(offset);
    throw new StrataError(ErrorCode.YamlSyntax, message, {
      origin,
      snippet: snippetAt(text, origin, added),
    });
  };
  const scanError = quoted?.error;
  const firstError = Math.min(...docs.flatMap((d) => d.errors.map((e) => e.pos[0])));
  if (scanError !== undefined && !(firstError < scanError.scalarStart)) {
    const where = at(scanError.offset);
    syntax(
      `while scanning a quoted scalar: found ${scanError.message} (at ${where.line}:${where.col})`,
      scanError.scalarStart,
    );
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      if (err.message.includes("Maximum call stack size exceeded")) {
        // npm:yaml reports its own stack overflow as a document error, where
        // its stack ran out (which varies): placed where the nesting crosses
        const crossing = blockDepthCrossing(text, MAX_DEPTH);
        const origin = crossing
          ? { file, line: crossing.line, col: crossing.col - (added?.get(crossing.line - 1) ?? 0) }
          : at(err.pos[0]);
        fail(ErrorCode.YamlConstruct, TOO_DEEP, origin);
      }
      const r = describeSyntaxError(text, { ...err, offset: err.pos[0] }, added);
      syntax(r.message, r.offset);
    }
  }
  if (docs.length > 1) {
    fail(
      ErrorCode.YamlSyntax,
      "expected a single document in the stream, but found another document",
      at(docs[1].range?.[0]),
    );
  }
  if (docs.length === 0 || docs[0].contents === null) return { empty: true };
  const b = new Builder(docs[0], lines, file, text, starts(text, tokens), added);
  return { empty: false, root: b.node(docs[0].contents as YNode, false, undefined) };
}
