/**
 * The lexical pieces of OmegaConf 2.2's interpolation grammar
 * (OmegaConfGrammarLexer.g4): VALUE_MODE primitive tokens, ids and
 * interpolation keys, white space, and the escapes the visitor undoes.
 *
 * @module
 */

import type { Part, TokKind } from "./grammar.ts";

const INTU = "(?:0|[1-9](?:_?[0-9])*)";
const PF = `(?:${INTU}?\\.[0-9](?:_?[0-9])*|${INTU}\\.)`;
const EF = `(?:(?:${PF}|${INTU})[eE][+-]?[0-9](?:_?[0-9])*)`;
/**
 * VALUE_MODE primitive tokens, in the order the lexer tries them (the longest
 * match wins, the first on a tie).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VALUE_TOKENS } from "./grammar_tokens.ts";
 * assert.equal(VALUE_TOKENS[0][0], "FLOAT");
 * ```
 */
export const VALUE_TOKENS: [TokKind, RegExp][] = [
  ["FLOAT", new RegExp(`[+-]?(?:${EF}|${PF}|[Ii][Nn][Ff]|[Nn][Aa][Nn])`, "y")],
  ["INT", new RegExp(`[+-]?${INTU}`, "y")],
  ["BOOL", /[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]/y],
  ["NULL", /[Nn][Uu][Ll][Ll]/y],
  ["UNQ", /[/\-\\+.$%*@?|]/y],
  ["ID", /[a-zA-Z_][a-zA-Z0-9_-]*/y],
  ["ESC", /(?:\\\\|\\\(|\\\)|\\\[|\\\]|\\\{|\\\}|\\:|\\=|\\,|\\ |\\\t)+/y],
  ["WS", /[ \t]+/y],
];
/**
 * An id (a resolver name).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ID_RE, matchAt } from "./grammar_tokens.ts";
 * assert.equal(matchAt(ID_RE, "oc.env", 0), 2);
 * ```
 */
export const ID_RE = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
/**
 * A piece of an interpolation key between dots and brackets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INTER_KEY_RE, matchAt } from "./grammar_tokens.ts";
 * assert.equal(matchAt(INTER_KEY_RE, "a-b.c", 0), 3);
 * ```
 */
export const INTER_KEY_RE = /[^\\{}()[\]:. \t'"]+/y;

/**
 * The length of `re`'s (sticky) match at `i` in `s`, 0 when none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchAt } from "./grammar_tokens.ts";
 * assert.equal(matchAt(/[0-9]+/y, "ab12c", 2), 2);
 * ```
 */
export function matchAt(re: RegExp, s: string, i: number): number {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0].length : 0;
}

/**
 * The length of the spaces and tabs at `i` in `s`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wsAt } from "./grammar_tokens.ts";
 * assert.equal(wsAt("a \t b", 1), 3);
 * ```
 */
export function wsAt(s: string, i: number): number {
  let j = i;
  while (s[j] === " " || s[j] === "\t") j++;
  return j - i;
}

/**
 * `\\` pairs halved: the visitor's `text[1::2]` (an ESC token's text unescaped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { halve } from "./grammar_tokens.ts";
 * assert.equal(halve("\\:\\="), ":=");
 * ```
 */
export function halve(text: string): string {
  let out = "";
  for (let i = 1; i < text.length; i += 2) out += text[i];
  return out;
}

/**
 * Adjacent text pieces joined into one, empty ones dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeText } from "./grammar_tokens.ts";
 * assert.deepEqual(mergeText(["a", "", "b"]), ["ab"]);
 * ```
 */
export function mergeText(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (typeof p === "string" && typeof out[out.length - 1] === "string") {
      out[out.length - 1] += p;
    } else if (p !== "") out.push(p);
  }
  return out;
}

/** Single-character VALUE_MODE tokens, by their character. */
const PUNCT: Record<string, string> = {
  "[": "BRACKET_OPEN",
  "{": "BRACE_OPEN",
  "'": "QUOTE_OPEN_SINGLE",
  '"': "QUOTE_OPEN_DOUBLE",
};

/**
 * The VALUE_MODE token at `i` as OmegaConf's lexer cuts it: its kind and its
 * text, for the names an error message gives (`BRACE_CLOSE` and
 * `BRACKET_CLOSE` take the spaces before them, `COMMA` and `COLON` those
 * around them, as the lexer's `WS? ',' WS?` rules do).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueToken } from "./grammar_tokens.ts";
 * assert.deepEqual(valueToken("a xyz}", 2), { k: "ID", text: "xyz" });
 * assert.deepEqual(valueToken("a  }", 1), { k: "BRACE_CLOSE", text: "  }" });
 * assert.deepEqual(valueToken("a  [", 1), { k: "WS", text: "  " });
 * ```
 */
export function valueToken(s: string, i: number): { k: string; text: string } {
  const ws = wsAt(s, i);
  const c = s[i + ws];
  const closing: Record<string, string> = { "}": "BRACE_CLOSE", "]": "BRACKET_CLOSE" };
  if (c === ":" || c === ",") {
    return { k: c === ":" ? "COLON" : "COMMA", text: s.slice(i, i + ws + 1 + wsAt(s, i + ws + 1)) };
  }
  if (c !== undefined && c in closing) return { k: closing[c], text: s.slice(i, i + ws + 1) };
  if (ws > 0) return { k: "WS", text: s.slice(i, i + ws) };
  if (c === undefined) return { k: "EOF", text: "<EOF>" };
  if (s.startsWith("${", i)) return { k: "INTER_OPEN", text: "${" };
  if (c in PUNCT) return { k: PUNCT[c], text: c };
  let best = { k: "ERROR", text: c };
  for (const [k, re] of VALUE_TOKENS) {
    const n = matchAt(re, s, i);
    if (n > best.text.length || (n > 0 && best.k === "ERROR")) {
      best = { k, text: s.slice(i, i + n) };
    }
  }
  return best;
}

// The token sets ANTLR names in "expecting {...}", in its token order.

/** What a resolver's arguments may start with (`UNQ` is OmegaConf's UNQUOTED_CHAR). */
export const ARGUMENT_START = [
  "INTER_OPEN",
  "BRACE_OPEN",
  "BRACE_CLOSE",
  "QUOTE_OPEN_SINGLE",
  "QUOTE_OPEN_DOUBLE",
  "COMMA",
  "BRACKET_OPEN",
  "COLON",
  "FLOAT",
  "INT",
  "BOOL",
  "NULL",
  "UNQUOTED_CHAR",
  "ID",
  "ESC",
  "WS",
];
/** What an element may start with: after a dict's COLON, or oc.decode's whole input. */
export const ELEMENT_START = [
  "INTER_OPEN",
  "BRACE_OPEN",
  "QUOTE_OPEN_SINGLE",
  "QUOTE_OPEN_DOUBLE",
  "BRACKET_OPEN",
  "COLON",
  "FLOAT",
  "INT",
  "BOOL",
  "NULL",
  "UNQUOTED_CHAR",
  "ID",
  "ESC",
  "WS",
];
/** What a list may go on with after its `[`: an item, a comma or its `]`. */
export const LIST_START = [
  "INTER_OPEN",
  "BRACE_OPEN",
  "QUOTE_OPEN_SINGLE",
  "QUOTE_OPEN_DOUBLE",
  "COMMA",
  "BRACKET_OPEN",
  "BRACKET_CLOSE",
  "COLON",
  "FLOAT",
  "INT",
  "BOOL",
  "NULL",
  "UNQUOTED_CHAR",
  "ID",
  "ESC",
  "WS",
];
/** What a dict key is made of (`UNQ` is OmegaConf's UNQUOTED_CHAR). */
export const KEY_KINDS = ["FLOAT", "INT", "BOOL", "NULL", "UNQ", "ID", "ESC", "WS"];
/** The tokens a primitive goes on with: what may follow an interpolation inside one. */
export const PRIMITIVE_KINDS = [
  "ID",
  "NULL",
  "INT",
  "FLOAT",
  "BOOL",
  "UNQ",
  "COLON",
  "ESC",
  "WS",
  "INTER_OPEN",
];
