/**
 * OmegaConf 2.2's interpolation grammar (OmegaConfGrammarLexer/Parser.g4),
 * re-expressed as a hand-written lexer + recursive-descent parser that yields a
 * small AST (the parser is in ./grammar_parser.ts, its tokens in
 * ./grammar_tokens.ts). Escapes are applied while parsing, exactly where OmegaConf's
 * visitor applies them, so evaluation only concatenates.
 *
 * This is the TypeScript form of the grammar (used by `oc.decode` and the
 * reference resolver); asm/assembly/interp/ holds the WASM form that validates
 * and plans whole trees.
 *
 * @module
 */

import { Parser } from "./grammar_parser.ts";
import { wsAt } from "./grammar_tokens.ts";

/** A piece of a string: literal text, or an interpolation. */
export type Part = string | Interp;

/** `${a.b}`, `${..x}`, `${a[0]}`, `${foo.${bar}}`. */
export interface NodeInterp {
  t: "node";
  /** The key path pieces: `.`, `[`, `]`, key names, nested interpolations. */
  key: Part[];
  /** Source text, for messages. */
  text: string;
}

/** `${name:arg,...}`. */
export interface ResolverInterp {
  t: "res";
  /** Name pieces joined with `.` (a piece may be an interpolation). */
  name: Part[];
  args: Arg[];
  text: string;
}

/** An interpolation. */
export type Interp = NodeInterp | ResolverInterp;

/** Token kinds of VALUE_MODE primitives. */
export type TokKind = "ID" | "NULL" | "INT" | "FLOAT" | "BOOL" | "UNQ" | "COLON" | "ESC" | "WS";

/** A primitive's token; `s` is already unescaped for ESC. */
export interface Tok {
  k: TokKind;
  s: string;
}

/** An element of a resolver argument list or of `oc.decode`. */
export type Element =
  | { t: "prim"; toks: (Tok | Interp)[] }
  | { t: "quoted"; parts: Part[] }
  | { t: "list"; items: Arg[] }
  | { t: "dict"; pairs: { key: Tok[]; value: Element }[] };

/** A sequence element with its source text (empty elements have `el: null`). */
export interface Arg {
  el: Element | null;
  text: string;
}

/** A parse result: the pieces of a config value string. */
export interface ConfigValue {
  parts: Part[];
  /** `some elements are missing` warnings, by sequence text. */
  warnings: string[];
}

/**
 * Parses a config value string (one that contains `${`) into pieces.
 * Throws {@link GrammarError} (./grammar_parser.ts) when it does not parse.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigValue } from "./grammar.ts";
 * assert.equal(parseConfigValue("lr_${lr}").parts.length, 2);
 * ```
 */
export function parseConfigValue(s: string): ConfigValue {
  const p = new Parser(s);
  const parts = p.text("");
  return { parts, warnings: p.warnings };
}

/**
 * Parses an `oc.decode` input: one element in VALUE_MODE (grammar, not YAML).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSingleElement } from "./grammar.ts";
 * assert.equal(parseSingleElement("[1, a]").el.t, "list");
 * ```
 */
export function parseSingleElement(s: string): { el: Element; warnings: string[] } {
  const p = new Parser(s);
  if (s.length === 0) {
    p.fail(
      "mismatched input '<EOF>' expecting {INTER_OPEN, BRACE_OPEN, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, BRACKET_OPEN, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}",
    );
  }
  const el = p.element();
  if (p.i < s.length) {
    const ws = wsAt(s, p.i);
    const c = s[p.i + ws];
    if (c === "}") p.fail(`extraneous input '}' expecting <EOF>`);
    p.unexpected("<EOF>", ["EOF"]);
  }
  return { el, warnings: p.warnings };
}
