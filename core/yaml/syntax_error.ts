/**
 * Words npm:yaml's syntax errors as a YAML user expects them (PyYAML's
 * terms) and places them where the problem starts: an unclosed `[` or `{`
 * is reported at the bracket, not at the end of the file where the parser
 * noticed it; a bad indentation at the line's first character.
 *
 * @module
 */

import { blockLineMistake, multilineKey } from "./syntax_block.ts";
import {
  CLOSE,
  enclosingFlow,
  flowExpected,
  NAMES,
  strayExpected,
  unclosedFlow,
} from "./syntax_flow.ts";
import {
  contentStart,
  directiveAfterContent,
  enclosingIndents,
  itemAbove,
  lineScalar,
  lineStart,
  place,
  sequenceAbove,
  startsLine,
  type SyntaxReport,
} from "./syntax_lines.ts";
import { badEscape, openingQuote, quotedEnd } from "./syntax_quoted.ts";

export type { SyntaxReport };

/** What full.ts knows of an npm:yaml error. */
export interface YamlLibError {
  /** npm:yaml's error code (`BAD_INDENT`, `UNEXPECTED_TOKEN`, ...). */
  code: string;
  /** npm:yaml's message. */
  message: string;
  /** Where npm:yaml noticed it. */
  offset: number;
}

/** What is at `offset`, as PyYAML names it: a character, or the end of the file. */
function found(text: string, offset: number): string {
  if (/^\s*$/.test(text.slice(offset))) return "the end of the file";
  const rest = text.slice(offset).replace(/^\s+/, "");
  return `'${[...rest][0]}'`;
}

/** PyYAML's "mapping values are not allowed here" for the plain value that starts at `offset`. */
function mappingValues(text: string, offset: number, added?: Map<number, number>): string {
  return `mapping values are not allowed here: the plain value started at ${
    place(text, offset, added)
  } cannot hold a mapping (quote it if ': ' is part of the text, or indent the mapping on its ` +
    "own lines under a key)";
}

function spaces(n: number): string {
  return `${n} space${n === 1 ? "" : "s"}`;
}

/**
 * Where PyYAML stops in a flow collection left open when the next line goes
 * on with a plain scalar (`[1, 2` then `b: 3`): the scalar before the line
 * break continues there (`2 b`), so the token it meets is the `:` of `b: 3`.
 * Undefined when the text before does not end in a plain scalar, or the line
 * has no such `:` before a flow indicator or a comment.
 */
function continuedScalarColon(text: string, stop: number): number | undefined {
  let p = stop - 1;
  while (p >= 0 && /\s/.test(text[p])) p--;
  if (p < 0 || ",[{]}'\"".includes(text[p])) return undefined;
  // a comment ends the scalar (PyYAML then meets a key: '?')
  if (/(^|\s)#/.test(text.slice(text.lastIndexOf("\n", p) + 1, p + 1))) return undefined;
  for (let i = stop; i < text.length && text[i] !== "\n"; i++) {
    const c = text[i];
    if (",[]{}".includes(c) || (c === "#" && /\s/.test(text[i - 1]))) return undefined;
    if (c === ":" && (i + 1 >= text.length || /\s/.test(text[i + 1]))) return i;
  }
  return undefined;
}

/**
 * Rewords and relocates one npm:yaml syntax error of `text`; an error it
 * does not know keeps npm:yaml's words and place. `added`: spaces full.ts
 * added at line starts (./flow_indent.ts, ./quoted_indent.ts), taken off the
 * columns the message names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeSyntaxError } from "./syntax_error.ts";
 * const text = "a: [1, 2\n";
 * const r = describeSyntaxError(text, {
 *   code: "BAD_INDENT",
 *   message: "Flow sequence in block collection must be sufficiently indented and end with a ]",
 *   offset: 9,
 * });
 * assert.equal(r.offset, 3);
 * assert.equal(r.message, "unclosed flow sequence: expected ',' or ']', but found the end of the file (at 2:1)");
 * ```
 */
export function describeSyntaxError(
  text: string,
  err: YamlLibError,
  added?: Map<number, number>,
): SyntaxReport {
  const { code, message, offset } = err;
  const directive = directiveAfterContent(text, offset);
  if (directive !== undefined) {
    // `%YAML 1.1` below the document's content (checker v56 #2): PyYAML reads it as a
    // directive, which must come before a document, and fails at what follows it
    return {
      message: `expected '<document start>': the directive '${directive.text}' comes after the ` +
        "document's content (directives go at the top of the file, before '---')",
      offset: directive.offset,
    };
  }
  if (
    /^Block scalar(s with more-indented leading empty lines| lines must not be less indented| values in collections must be indented)/
      .test(message)
  ) {
    // a tab in a line's indentation below a block scalar: PyYAML's block ends at the tab, which
    // then cannot start a token (as ./tabs.ts says of tabs elsewhere); on the block's first line
    // (`a: |` then a tab) npm:yaml says the block is not indented (checker v60 #5)
    const start = lineStart(text, offset);
    const tab = /^ *\t/.exec(text.slice(start));
    if (tab !== null) {
      return {
        message: "while scanning for the next token: found character '\\t' that cannot start " +
          "any token (YAML indents with spaces, never tabs)",
        offset: start + tab[0].length - 1,
      };
    }
  }
  if (
    /^(Flow (sequence|map) in block collection|Flow (sequence|map) must end with)/.test(message)
  ) {
    const flow = unclosedFlow(text, offset);
    if (flow !== undefined) {
      const expected = `expected ',' or '${CLOSE[flow.open]}'`;
      let stop = offset + (/^\s*/.exec(text.slice(offset))?.[0].length ?? 0);
      // `[1, 2` then `b: 3`: PyYAML reads on `2 b` as one plain scalar and stops at the ':'
      const colon = continuedScalarColon(text, stop);
      const what = colon === undefined ? found(text, offset) : "':'";
      if (colon !== undefined) stop = colon;
      // no hint at indentation: PyYAML reads a flow collection's lines at any
      // indent, and full.ts indents those of one PyYAML closes
      // (./flow_indent.ts): this one PyYAML does not close either
      return {
        message: `unclosed ${NAMES[flow.open]}: ${expected}, but found ${what} (at ${
          place(text, stop, added)
        })`,
        offset: flow.offset,
      };
    }
  }
  if (code === "MISSING_CHAR" && /^Comments must be separated/.test(message)) {
    // full.ts lets through the ones PyYAML reads as comments; a block scalar's header is left
    const header = /[|>][-+0-9]*$/.test(text.slice(lineStart(text, offset), offset));
    return {
      message: header
        ? "while scanning a block scalar: expected chomping or indentation indicators, " +
          "but found '#' (a comment needs a space before it)"
        : "a comment needs a space before its '#'",
      offset,
    };
  }
  const extra = /^Unexpected flow-(seq|map)-end token/.exec(message);
  if (code === "UNEXPECTED_TOKEN" && extra) {
    const close = extra[1] === "seq" ? "]" : "}";
    const name = extra[1] === "seq" ? "flow sequence" : "flow mapping";
    return {
      message: `${strayExpected(text, offset)}, but found '${close}': no ${name} is open here`,
      offset,
    };
  }
  const after =
    /^Unexpected (scalar|double-quoted-scalar|single-quoted-scalar|flow-seq-start|flow-map-start|anchor|alias|tag|explicit-key-ind) at node end/
      .exec(message);
  const content = /^(Unexpected : in flow map|Implicit keys of flow sequence pairs)/.test(message);
  if (content && (text[offset] === ":" || text[offset] === "-")) {
    // `{a: : b}`, `[- 2]`: PyYAML's flow parser wanted a node there
    return {
      message: `while parsing a flow node: expected the node content, but found '${text[offset]}'`,
      offset,
    };
  }
  if (/^Unexpected map-value-ind token in YAML stream/.test(message) && text[offset] === ":") {
    const opened = sequenceAbove(text, offset);
    if (opened !== undefined && startsLine(text, offset)) {
      return {
        message: `while parsing a block collection (opened at ${place(text, opened, added)}): ` +
          "expected <block end>, but found ':' (a ':' with no key before it)",
        offset,
      };
    }
    if (strayExpected(text, offset) === "expected '<document start>'") {
      // `a` then `: x`: the document's node is the scalar `a`; the ':' starts another
      return {
        message: "expected '<document start>', but found '<block mapping start>' (a key's ':' " +
          "belongs on its line: 'key: value')",
        offset,
      };
    }
  }
  if (/^Sequence item without - indicator/.test(message)) {
    // a line inside a list item, less indented than the item's content (`- x: 1` then `   y: 2`):
    // PyYAML's parser ends the item's block there and wants the list's end
    // (npm:yaml may name a blank or comment line before it)
    let start = offset;
    for (let m; (m = /^[ \t]*(#[^\n]*)?\r?\n/.exec(text.slice(start))) !== null;) {
      start += m[0].length;
    }
    start += /^ */.exec(text.slice(start))![0].length;
    const item = itemAbove(text, start);
    if (item !== undefined && startsLine(text, start)) {
      const what = lineScalar(text, start) === "key" ? "<block mapping start>" : "<scalar>";
      return {
        message: `while parsing a block collection (opened at ${place(text, item, added)}): ` +
          `expected <block end>, but found '${what}' (indent it as the item's first line, or ` +
          "start a new item with '- ')",
        offset: start,
      };
    }
  }
  if (/^Unexpected (block-seq-ind on same line with key|seq-item-ind at node end)/.test(message)) {
    return {
      message: "sequence entries are not allowed here: a list under a key starts on the next " +
        "line ('key:', then '  - item' below it), or is written [a, b]",
      offset,
    };
  }
  // `msg: %s`: a '%' starts a directive only at a line's start; elsewhere PyYAML's scanner finds
  // no token it starts (checker x34)
  const reserved = /^Plain value cannot start with (?:reserved|directive indicator) character (.)/
    .exec(message);
  if (reserved) {
    return {
      message: `while scanning for the next token: found character '${reserved[1]}' that cannot ` +
        `start any token (quote the value: '${reserved[1]}...')`,
      offset,
    };
  }
  if (/^Invalid escape sequence/.test(message) && text[offset] === "\\") {
    return badEscape(text, offset, added);
  }
  const indicator = /^Plain value cannot start with flow indicator character (.)/.exec(message);
  if (indicator) {
    const where = enclosingFlow(text, offset) === undefined ? "block" : "flow";
    return {
      message: `while parsing a ${where} node: expected the node content, but found ` +
        `'${indicator[1]}' (quote the value if it starts with '${indicator[1]}')`,
      offset,
    };
  }
  if (/^Alias cannot be an empty string/.test(message) && text[offset] === "*") {
    // `x: * `: PyYAML's scanner wants the alias's name right after the `*`
    const c = text[offset + 1];
    const what = c === undefined ? "\\x00" : c === "\n" ? "\\n" : c === "\t" ? "\\t" : c;
    return {
      message: "while scanning an alias: expected alphabetic or numeric character, but found " +
        `'${what}'`,
      offset: offset + 1,
    };
  }
  const flowStart = /^Unexpected flow-(map|seq)-start token/.exec(message);
  if (flowStart) {
    const flow = enclosingFlow(text, offset);
    if (flow !== undefined) {
      return flowExpected(text, flow, offset, added);
    }
  }
  if (/^Unexpected , in flow (sequence|map)$/.test(message)) {
    return {
      message: "while parsing a flow node: expected the node content, but found ',': an empty " +
        "item (take out the extra ',', or write null)",
      offset,
    };
  }
  if (
    /^(Block collections are not allowed within flow|Implicit keys need to be on a single line)/
      .test(message)
  ) {
    // `{a: 1 b: 2}` (also over lines): PyYAML reads the plain `1 b` and stops at the `:` after it
    const flow = enclosingFlow(text, offset);
    const colon = /:(?=[\s,\]}]|$)/g;
    colon.lastIndex = offset;
    const m = colon.exec(text);
    if (flow !== undefined && m !== null) {
      return {
        message:
          `while parsing a ${NAMES[flow.open]} (opened at ${place(text, flow.offset, added)}): ` +
          `expected ',' or '${CLOSE[flow.open]}', but got ':': a ',' is missing before the key ` +
          "(or quote the value if ': ' is part of it)",
        offset: m.index,
      };
    }
    const key = multilineKey(text, offset);
    if (flow === undefined && key !== undefined) {
      // `b` then `  c: 1`: PyYAML reads the plain `b c` over both lines, and its `:` finds
      // the key's line gone: an error where a key had to be (a sibling's indentation)
      return key.required
        ? {
          message: `while scanning a simple key: could not find expected ':' (at ${
            place(text, key.colon, added)
          }): a line of a block is 'key: value' or '- item'`,
          offset,
        }
        : { message: mappingValues(text, offset, added), offset: key.colon };
    }
  }
  const blockLine = blockLineMistake(text, code, message, offset, added);
  if (blockLine !== undefined) return blockLine;
  const missing = /^Missing , (?:or : )?between flow (map|sequence) items/.exec(message);
  if (code === "UNEXPECTED_TOKEN" && after || code === "MISSING_CHAR" && missing) {
    // inside a flow collection (`{a: 1, b: ${x}}`, `[x, "y" z]`), PyYAML's
    // flow parser meets the text after a complete value
    const flow = enclosingFlow(text, offset);
    if (flow !== undefined) {
      return flowExpected(text, flow, offset, added);
    }
  }
  if (code === "UNEXPECTED_TOKEN" && after) {
    // text after a complete value (`a: 'it's ok'`, `a: "x" y`, `a: [1] x`):
    // PyYAML's "expected <block end>, but found '<scalar>'", at that text
    const what = after[1] === "flow-seq-start"
      ? "'['"
      : after[1] === "flow-map-start"
      ? "'{'"
      : after[1] === "explicit-key-ind"
      ? "'?'"
      : /^(anchor|alias|tag)$/.test(after[1])
      ? `'<${after[1]}>'`
      : "'<scalar>'";
    // the value is a quoted one over several lines (`b: "` left open, closed by the first `"` of
    // a later line): say where it opened, not how to quote (checker v30)
    const open = openingQuote(text, offset);
    if (open !== undefined) {
      const kind = text[open] === '"' ? "double" : "single";
      return {
        message: `expected <block end>, but found ${what}: the ${kind}-quoted value opened at ` +
          `${place(text, open, added)} runs to the ${text[open]} before this (a ${
            text[open]
          } left open there?)`,
        offset,
      };
    }
    return {
      message: `expected <block end>, but found ${what}: text after the value that ends before ` +
        `it (quote the whole value; inside '...' a ' is written '')`,
      offset,
    };
  }
  if (
    code === "BAD_INDENT" && /same column/.test(message) ||
    code === "BLOCK_AS_IMPLICIT_KEY" && /block sequence/.test(message)
  ) {
    // npm:yaml places it at the start of the line after the block's last item, which may be
    // blank or a comment: the bad line is the next one with content
    const at = contentStart(text, offset);
    const indent = at - (text.lastIndexOf("\n", at - 1) + 1);
    const levels = enclosingIndents(text, at).filter((n) => n !== indent);
    return {
      message: `bad indentation: this line is indented by ${spaces(indent)}, ` +
        `which matches no enclosing block (indented by ${levels.join(" or ")})`,
      offset: at,
    };
  }
  if (code === "BLOCK_AS_IMPLICIT_KEY" && /Nested mappings/.test(message)) {
    // a quoted value with text after it on its line (`a: "xx" b: c`): PyYAML's parser ends the
    // value at its quote and meets a scalar where the mapping ended (checker v56)
    const end = quotedEnd(text, offset);
    if (end !== undefined) {
      const at = end + (/^ */.exec(text.slice(end))?.[0].length ?? 0);
      const next = text[at];
      const what = next === "[" ? "'['" : next === "{" ? "'{'" : "'<scalar>'";
      return {
        message: `expected <block end>, but found ${what}: text after the value that ends ` +
          "before it (quote the whole value; inside '...' a ' is written '')",
        offset: at,
      };
    }
    const colon = /:(?=[ \n]|$)/g;
    colon.lastIndex = offset;
    const m = colon.exec(text);
    if (m !== null) {
      return { message: mappingValues(text, offset, added), offset: m.index };
    }
  }
  const handle = /^Could not resolve tag: (.*!)/.exec(message);
  if (code === "TAG_RESOLVE_FAILED" && handle) {
    // `!e!x` without a `%TAG !e! ...` directive
    return { message: `while parsing a node: found undefined tag handle '${handle[1]}'`, offset };
  }
  return { message: message.split("\n")[0], offset };
}
