/**
 * The full YAML reader: npm:yaml parses the syntax (failsafe schema, known
 * tags left unresolved, so every scalar arrives as text with its style and
 * tag) and this module builds config nodes from its document in OmegaConf's
 * dialect. It handles everything: flow style, anchors, tags, block scalars.
 * The parsing is in ./npm_parse.ts, the building in ./document_builder.ts;
 * this module retries with reindented lines and places errors.
 *
 * @module
 */

import { failAtFirstDuplicate } from "./duplicate_order.ts";
import { Alias, type Document, isScalar, LineCounter, visit } from "npm:yaml@2.9.1";
import { ErrorCode, StrataError } from "../errors.ts";
import type { Node, Origin } from "../node.ts";
import { fail, MAX_DEPTH } from "./build.ts";
import { checkTabs } from "./tabs.ts";
import { checkYamlVersion } from "./directives.ts";
import { checkExplicitKeys } from "./explicit_keys.ts";
import { implicitKeyProblem } from "./implicit_keys.ts";
import { describeSyntaxError } from "./syntax_error.ts";
import { place } from "./syntax_lines.ts";
import { type PropsScan, scanProps } from "./prop_names.ts";
import { type Reindented, reindentQuoted } from "./quoted_indent.ts";
import { reindentFlow } from "./flow_indent.ts";
import { blockDepthCrossing } from "./fast_deep.ts";
import { readFast } from "./fast.ts";
import { lineCol, parseDocuments, propsStartsOf } from "./npm_parse.ts";
import { DocumentBuilder, type YNode } from "./document_builder.ts";
import { replaceUnicodeBreaks } from "./unicode_breaks.ts";

/** How many times a text ./prop_names.ts rewrote is scanned again. */
const MAX_PASSES = 64;

const TOO_DEEP = `the document nests deeper than ${MAX_DEPTH} levels`;

/**
 * The full key where a document too deep for npm:yaml's stack crosses the
 * limit: the text up to that line nests only one level past it, which
 * npm:yaml reads and the builder reports with its key. Undefined when that
 * text reads otherwise (a flow collection or block scalar cut short).
 */
function keyAtCrossing(text: string, line: number): string | undefined {
  const cut = text.split("\n", line).join("\n") + "\n";
  // the cut text crosses on its last line: read, it cannot overflow again
  if (cut.length >= text.length) return undefined;
  try {
    readFull(cut, "");
  } catch (e) {
    if (e instanceof StrataError && e.message === TOO_DEEP) return e.fullKey;
  }
  return undefined;
}

/**
 * Throws the fast reader's `limit` error for a flow collection that nests too
 * deep (placed where it crosses, with its full key), when the fast reader
 * reads the text that far; returns otherwise.
 */
function flowCrossing(text: string, file: string): void {
  try {
    readFast(text, file);
  } catch (e) {
    if (e instanceof StrataError && e.message === TOO_DEEP) throw e;
  }
}

/** What the full reader found: no document, or the root node. */
export type FullResult = { empty: true } | { empty: false; root: Node };

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
  // PyYAML's U+2028/U+2029 line breaks, as `\n` for npm:yaml; the scalars
  // that span one are read again from the text as written (./unicode_breaks.ts)
  const unicode = replaceUnicodeBreaks(text);
  if (unicode !== undefined) text = unicode.text;
  let lines = new LineCounter();
  let { docs, tokens } = parseDocuments(text, lines);
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
      ({ docs, tokens } = parseDocuments(text, lines));
    }
  }
  // PyYAML's scanner reads some anchors and tags otherwise than npm:yaml
  // (`&a:b 1`, `[!!str, 1]`): npm:yaml reads the text rewritten to match
  // (same offsets), errors show it as written
  const shown = text;
  let props = /[&*!]/.test(text) ? scanProps(text, tokens) : undefined;
  for (let pass = 1; props?.text !== undefined; pass++) {
    text = props.text;
    lines = new LineCounter();
    ({ docs, tokens } = parseDocuments(text, lines));
    // npm:yaml's misreading of an alias key (`*a: 1` as the alias `a:`) can
    // hide the next from it (`*a: 1\n*b: 2`): the rewritten text is scanned
    // again, a bounded number of times (past it npm:yaml's error stands)
    const again = props.aliases.length > 0 && props.error === undefined && pass < MAX_PASSES;
    props = again ? scanProps(text, tokens, props) : { ...props, text: undefined };
  }
  checkTabs(text, file, added);
  checkYamlVersion(text, file);
  checkExplicitKeys(text, tokens, file);
  const at = (offset: number | undefined): Origin => {
    return offset === undefined ? { file } : { file, ...lineCol(lines, text, offset, added) };
  };
  // a syntax error is placed where the problem starts (an unclosed quote or
  // bracket), with the place the parser gave up in its message
  const syntax = (message: string, offset: number): never => {
    const origin = at(offset);
    throw new StrataError(ErrorCode.YamlSyntax, message, {
      origin,
      snippet: snippetAt(shown, origin, added),
    });
  };
  const scanError = quoted?.error;
  // a loop, not Math.min(...): npm:yaml reports an error per line after an unclosed
  // flow, and spreading 60,000 of them overflows the call stack
  const firstError = earliest(docs.flatMap((d) => d.errors), () => true);
  if (scanError !== undefined && !(firstError < scanError.scalarStart)) {
    // (by the text's own line breaks: npm:yaml's line counter stops at the unclosed quote)
    syntax(
      `while scanning a quoted scalar: found ${scanError.message} (at ${
        place(text, scanError.offset, added)
      })`,
      scanError.scalarStart,
    );
  }
  // PyYAML's scanner refuses an anchor, alias or tag name npm:yaml takes (`&a#c`)
  // (a scanner error: before npm:yaml's failing to resolve a tag's handle, and
  // worded as PyYAML words an empty name: before npm:yaml's 'Alias cannot be an
  // empty string')
  const badName = props?.error;
  const firstSyntax = earliest(
    docs.flatMap((d) => d.errors),
    (e) => e.code !== "TAG_RESOLVE_FAILED" && e.code !== "BAD_ALIAS",
  );
  if (badName !== undefined && !(firstSyntax < (badName.from ?? badName.offset))) {
    syntax(badName.message, badName.offset);
  }
  // a key PyYAML's scanner gives up on (too long, or its ':' on a later line in a flow
  // collection), which npm:yaml reads
  const keyProblem = implicitKeyProblem(text, tokens, added);
  if (keyProblem !== undefined && !(firstSyntax < keyProblem.from)) {
    syntax(keyProblem.message, keyProblem.offset);
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      if (err.message.includes("Maximum call stack size exceeded")) {
        // npm:yaml reports its own stack overflow as a document error, where
        // its stack ran out (which varies): placed where the nesting crosses
        const crossing = blockDepthCrossing(text, MAX_DEPTH);
        // a flow collection too deep: the fast reader places it and names its key
        if (!crossing) flowCrossing(text, file);
        const origin = crossing
          ? { file, line: crossing.line, col: crossing.col - (added?.get(crossing.line - 1) ?? 0) }
          : at(err.pos[0]);
        fail(ErrorCode.Limit, TOO_DEEP, origin, crossing && keyAtCrossing(text, crossing.line));
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
  const starts = propsStartsOf(text, tokens);
  if (props !== undefined && props.anchors.length > 0) attachAnchors(docs[0], props, starts);
  if (props !== undefined && props.aliases.length > 0) restoreAliases(docs[0], props);
  const b = new DocumentBuilder(
    docs[0],
    lines,
    file,
    text,
    starts,
    added,
    props?.tags,
    shown,
    unicode?.breaks,
  );
  try {
    return { empty: false, root: b.node(docs[0].contents as YNode, false, undefined) };
  } catch (e) {
    // of several duplicate keys, the one PyYAML's constructor checks first (./duplicate_order.ts)
    if (e instanceof StrataError && / found duplicate key /.test(e.message)) {
      failAtFirstDuplicate(docs[0].contents as YNode, b);
    } else if (e instanceof StrataError && e.code !== ErrorCode.YamlSyntax) {
      failAtFirstDuplicate(docs[0].contents as YNode, b, true);
    }
    throw withUnhashableContext(e, shown, added);
  }
}

/** PyYAML's "found unhashable key", at a key that is a mapping or a list. */
const UNHASHABLE = "found unhashable key";

/**
 * "found unhashable key" with its source line and caret, and, at a `{{`, what
 * it likely is: an unrendered Jinja (cookiecutter) template, which YAML reads
 * as a flow mapping whose key is a mapping.
 */
function withUnhashableContext(e: unknown, text: string, added?: Map<number, number>): unknown {
  if (!(e instanceof StrataError) || e.message !== UNHASHABLE || e.snippet) return e;
  const origin = e.origin;
  const snippet = origin ? snippetAt(text, origin, added) : undefined;
  if (snippet === undefined) return e;
  const template = /\{\s*\{/.test(snippet.text.slice(Math.max(0, snippet.start - 1)));
  return new StrataError(e.code, e.message, {
    ...e,
    snippet,
    related: template
      ? [...e.related, {
        message: "'{{ ... }}' is a flow mapping to YAML, whose key is a mapping: an unrendered " +
          "Jinja (cookiecutter) template? Render it first, or quote the value ('{{ x }}')",
        origin: {},
      }]
      : e.related,
  });
}

/**
 * Gives back the anchors ./prop_names.ts blanked (`&a:b 1`) to the plain
 * scalars PyYAML puts them on, which start at their props (the `&`).
 */
function attachAnchors(doc: Document, props: PropsScan, starts: WeakMap<object, number>): void {
  const at = new Map(props.anchors.map((a) => [a.at, a]));
  visit(doc, {
    Scalar(_, node) {
      const a = node.range ? at.get(node.range[0]) : undefined;
      if (a === undefined || !isScalar(node)) return;
      node.anchor = a.name;
      const token = (node as { srcToken?: object }).srcToken;
      if (token !== undefined) starts.set(token, Math.min(starts.get(token) ?? a.amp, a.amp));
    },
  });
}

/**
 * Turns back into aliases the quoted scalars ./prop_names.ts put in the
 * place of aliases PyYAML ends before a `:` (`*a: 1`, `[*a:b]`).
 */
function restoreAliases(doc: Document, props: PropsScan): void {
  const at = new Map(props.aliases.map((a) => [a.at, a.name]));
  visit(doc, {
    Scalar(_, node) {
      const name = node.range ? at.get(node.range[0]) : undefined;
      if (name === undefined) return;
      const alias = new Alias(name);
      alias.range = node.range;
      return alias;
    },
  });
}

/** The smallest start offset of the errors that pass `keep` (Infinity for none). */
function earliest<E extends { code: string; pos: [number, number] }>(
  errors: readonly E[],
  keep: (e: E) => boolean,
): number {
  let min = Infinity;
  for (const e of errors) if (keep(e) && e.pos[0] < min) min = e.pos[0];
  return min;
}
