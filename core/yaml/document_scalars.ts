/**
 * Scalars of an npm:yaml document as PyYAML and OmegaConf read them: tagged scalars constructed,
 * plain ones typed, flow-context indicators refused, and the text PyYAML keeps where npm:yaml
 * differs (U+2028/U+2029 line breaks, a block scalar at the end of an input without a newline).
 *
 * @module
 */

import type { Scalar } from "npm:yaml@2.9.1";
import { ErrorCode } from "../errors.ts";
import type { Node } from "../node.ts";
import { fail, type PathLink, pathText } from "./build.ts";
import { plainType, resolvePlainScalar, strValue } from "./scalar.ts";
import { constructTaggedScalar, TagError, YAML_TAG } from "./tags.ts";
import { scalarWithBreaks } from "./unicode_breaks.ts";
import { lineCol } from "./npm_parse.ts";
import { flowQuestionMark } from "./syntax_flow.ts";
import type { DocumentBuilder } from "./document_builder.ts";

/**
 * A scalar node of the document `b` builds (`DocumentBuilder.scalar`): constructed by its tag,
 * or typed as a plain scalar, at its origin.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isMap, LineCounter, type Scalar } from "npm:yaml@2.9.1";
 * import { parseDocuments } from "./npm_parse.ts";
 * import { DocumentBuilder } from "./document_builder.ts";
 * import { buildScalar } from "./document_scalars.ts";
 * const text = "a: 0x1f\n";
 * const lines = new LineCounter();
 * const { docs } = parseDocuments(text, lines);
 * const b = new DocumentBuilder(docs[0], lines, "c.yaml", text, new WeakMap());
 * const map = docs[0].contents;
 * if (!isMap(map)) throw new Error("a mapping");
 * const n = buildScalar(b, map.items[0].value as Scalar, false, undefined);
 * assert.equal(n.kind === "value" && n.type, "int");
 * ```
 */
export function buildScalar(
  b: DocumentBuilder,
  node: Scalar,
  inFlow: boolean,
  path: PathLink | undefined,
): Node {
  const origin = b.origin(node);
  const text = withUnicodeBreaks(
    b,
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
  // PyYAML resolves a scalar tagged `!` as an untagged plain one, in any style: `a: !` is None,
  // `! "1"` the int 1 (its parser sets `implicit` for the tag `!`)
  if (node.type !== "PLAIN" && tag !== "!") return strValue(text, origin);
  if (node.type !== "PLAIN") return resolveTagged(text, origin);
  if (inFlow && (text[0] === "?" || text[0] === ":")) {
    // PyYAML reads `?`/`:` in flow context as indicators, never as scalar text
    fail(ErrorCode.YamlSyntax, `expected the node content, but found '${text[0]}'`, origin);
  }
  if (inFlow && node.range && text.includes("?")) {
    const q = flowQuestionMark(b.source, node.range[0], node.range[1], b.added);
    if (q) {
      const at = { file: b.file, ...lineCol(b.lines, b.source, q.offset, b.added) };
      fail(ErrorCode.YamlSyntax, q.message, at);
    }
  }
  return resolveTagged(text, origin);
}

/** A plain scalar's value by PyYAML's implicit resolvers (`<<` and `=` have no constructor). */
function resolveTagged(text: string, origin: ReturnType<DocumentBuilder["origin"]>): Node {
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
 * The scalar's value as PyYAML reads it: npm:yaml's, or, where the scalar
 * spans a U+2028/U+2029 read as `\n` (or has empty lines after an escaped
 * line break), its text as written scanned again with PyYAML's folding,
 * which keeps those breaks (./unicode_breaks.ts).
 */
function withUnicodeBreaks(b: DocumentBuilder, node: Scalar, value: string): string {
  const rescan = b.unicodeBreaks !== undefined || node.type === "QUOTE_DOUBLE";
  if (!rescan || !node.range) return blockAtEof(b, node, value);
  const slice = b.source.slice(node.range[0], node.range[1]);
  const firstLine = b.lines.linePos(node.range[0]).line - 1;
  return scalarWithBreaks(node.type, slice, firstLine, b.unicodeBreaks, value) ??
    blockAtEof(b, node, value);
}

/**
 * PyYAML ends a block scalar with a line break only when one follows its
 * last content line in the input (clip and keep keep only the breaks that
 * exist); npm:yaml adds one at the end of an input that has none. Config
 * files that end without a newline are common.
 */
function blockAtEof(b: DocumentBuilder, node: Scalar, text: string): string {
  if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") return text;
  if (!text.endsWith("\n") || node.range === undefined || node.range === null) return text;
  const src = b.source.slice(node.range[0], node.range[1]);
  const last = src.search(/[^\s]\s*$/);
  return last >= 0 && !src.slice(last).includes("\n") ? text.slice(0, -1) : text;
}
