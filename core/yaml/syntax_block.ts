/**
 * PyYAML's words for the mistakes of block lines, for ./syntax_error.ts: a
 * line that is neither `key: value` nor `- item`, a key among a list's items
 * or an item among a mapping's keys, and a plain scalar going on over deeper
 * lines up to a `: ` (a key where one had to be, or a mapping value it cannot
 * hold).
 *
 * @module
 */

import { enclosingFlow } from "./syntax_flow.ts";
import {
  contentStart,
  enclosingIndents,
  lineScalar,
  lineStart,
  mappingAbove,
  nextTokenAfterLine,
  place,
  sequenceAbove,
  startsLine,
  type SyntaxReport,
} from "./syntax_lines.ts";

/**
 * A line of a block that is neither `key: value` nor `- item` (`y` alone,
 * PyYAML: "while scanning a simple key ... could not find expected ':'"),
 * or a mapping key at the indentation of a block sequence's items (PyYAML:
 * "while parsing a block collection ... expected <block end>, but found
 * '?'"); `undefined` for any other error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockLineMistake } from "./syntax_block.ts";
 * const text = "x: 1\ny\nz: 2\n";
 * const r = blockLineMistake(text, "MISSING_CHAR", "Implicit map keys need to be followed by map values", 5);
 * assert.equal(r?.offset, 5);
 * assert.match(r?.message ?? "", /^while scanning a simple key: could not find expected ':' \(at 3:1\)/);
 * ```
 */
export function blockLineMistake(
  text: string,
  code: string,
  message: string,
  offset: number,
  added?: Map<number, number>,
): SyntaxReport | undefined {
  const implicit = code === "MISSING_CHAR" &&
      /^Implicit map keys need to be followed/.test(message) ||
    /^Implicit keys need to be on a single line/.test(message);
  const afterValue = code === "UNEXPECTED_TOKEN" && /^Unexpected \S+ at node end/.test(message);
  const indent = code === "BAD_INDENT" && /same column/.test(message) ||
    code === "BLOCK_AS_IMPLICIT_KEY" && /block sequence/.test(message);
  if (!implicit && !afterValue && !indent) return undefined;
  // npm:yaml may place it on a comment line before the line it is about
  const at = afterValue ? lineStart(text, offset) : contentStart(text, offset);
  if (!implicit && (at !== offset && !indent || !startsLine(text, at))) return undefined;
  if (enclosingFlow(text, at) !== undefined) return undefined;
  if (/^-(\s|$)/.test(text.slice(at, at + 2))) {
    // `- b` under `a: 1`, at the keys' indentation
    const map = mappingAbove(text, at);
    if (map === undefined) return undefined;
    return {
      message: `while parsing a block mapping (opened at ${place(text, map, added)}): ` +
        "expected <block end>, but found '-': a list item among the keys of a mapping " +
        "(a mapping and a list cannot share one block: give the list a key of its own)",
      offset: at,
    };
  }
  if (implicit && flowOnLine(text, at)) {
    // `{a: b}` alone on a line of a mapping: PyYAML takes the flow collection for a key
    return {
      message: "while scanning a simple key: could not find expected ':' (at " +
        `${place(text, nextTokenAfterLine(text, at, true), added)}): a line of a block is ` +
        "'key: value' or '- item'",
      offset: at,
    };
  }
  const what = lineScalar(text, at);
  const seq = sequenceAbove(text, at);
  // under `indent`, a line at no block's indentation is the "bad indentation" below
  if (indent && seq === undefined) return undefined;
  if (what === "key") {
    if (seq === undefined) return undefined;
    return {
      message: `while parsing a block collection (opened at ${place(text, seq, added)}): ` +
        "expected <block end>, but found '?': a mapping key among the items of a list " +
        "(a list and a mapping cannot share one block: make the key an item, '- key: value', " +
        "or give the list a key of its own)",
      offset: at,
    };
  }
  if (what === "scalar") {
    return {
      message: "while scanning a simple key: could not find expected ':' (at " +
        `${place(text, nextTokenAfterLine(text, at, !/['"]/.test(text[at])), added)}): ` +
        "a line of a block is " +
        "'key: value' or '- item'",
      offset: at,
    };
  }
  return undefined;
}

/**
 * For a plain scalar starting a line (or a list item's value) at `offset`
 * and going on over lines deeper than its block up to a `: `: that `:`, and
 * whether PyYAML required a key there (at its block's indentation).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { multilineKey } from "./syntax_block.ts";
 * assert.deepEqual(multilineKey("a: x\nb\n  c: 1\n", 5), { colon: 10, required: true });
 * assert.deepEqual(multilineKey("a:\n  b\n    c: 1\n", 5), { colon: 12, required: false });
 * ```
 */
export function multilineKey(
  text: string,
  offset: number,
): { colon: number; required: boolean } | undefined {
  // a list item's value (`- 1`) is never a required key: it is deeper than its `-`
  const item = /^ *(?:- +)+$/.test(text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset));
  if (!startsLine(text, offset) && !item || lineScalar(text, offset) !== "scalar") return undefined;
  const next = nextTokenAfterLine(text, offset, true);
  if (text[next] === "#") return undefined; // a comment ends a plain scalar
  const column = (at: number) => at - (text.lastIndexOf("\n", at - 1) + 1);
  // PyYAML's plain scalar goes on over lines deeper than the block it is in
  const indents = enclosingIndents(text, offset);
  const required = !item && indents.includes(column(offset));
  const block = item
    ? text.lastIndexOf("-", offset) - (text.lastIndexOf("\n", offset - 1) + 1)
    : required
    ? column(offset)
    : Math.max(-1, ...indents.filter((n) => n < column(offset)));
  if (next >= text.length || column(next) <= block) return undefined;
  const colon = /:(?=\s|$)/g;
  colon.lastIndex = next;
  const m = colon.exec(text);
  if (m === null) return undefined;
  // PyYAML requires a key at the indentation of the block around it
  return { colon: m.index, required };
}

/** Whether a flow collection starts at `at` and closes on its line, with nothing but a comment after. */
function flowOnLine(text: string, at: number): boolean {
  if (text[at] !== "[" && text[at] !== "{") return false;
  let depth = 0;
  for (let p = at; p < text.length && text[p] !== "\n"; p++) {
    const c = text[p];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, p + 1);
      if (close < 0 || text.slice(p, close).includes("\n")) return false;
      p = close;
    } else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      if (--depth === 0) return /^[ \t]*(#.*)?(\r?\n|$)/.test(text.slice(p + 1));
    }
  }
  return false;
}
