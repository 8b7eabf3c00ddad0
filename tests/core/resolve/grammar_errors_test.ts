/**
 * Grammar errors after a resolver argument, a list item or a dict value are
 * worded as OmegaConf 2.2.2's ANTLR parser words them (each message below is
 * what `omegaconf.grammar_parser.parse` raised): the token the argument list,
 * list or dict expected next (`BRACE_CLOSE`, `BRACKET_CLOSE`), and whether the
 * offending token is one too many (`extraneous`), one too few (`missing`) or
 * neither (`mismatched`).
 */

import assert from "node:assert/strict";
import { parseConfigValue, parseSingleElement } from "../../../core/resolve/grammar.ts";
import { GrammarError } from "../../../core/resolve/grammar_parser.ts";

const message = (parse: () => unknown): string => {
  try {
    parse();
  } catch (e) {
    if (e instanceof GrammarError) return e.message;
    throw e;
  }
  throw new Error("expected a GrammarError");
};

Deno.test("grammar errors: a bracketed key in a resolver argument is 'expecting BRACE_CLOSE'", () => {
  const cases: [string, string][] = [
    ["${oc.select:lst[0]}", "mismatched input '[' expecting BRACE_CLOSE"],
    ["${oc.select:a.b[0],x}", "mismatched input '[' expecting BRACE_CLOSE"],
    ["${oc.select:x,a[1]}", "mismatched input '[' expecting BRACE_CLOSE"],
    ["x ${f: a [0] } y", "mismatched input '[' expecting BRACE_CLOSE"],
    ["${f:${x}[0]}", "mismatched input '[' expecting BRACE_CLOSE"],
    ["${f:a[}", "extraneous input '[' expecting BRACE_CLOSE"],
    ["${f:a{}", "extraneous input '{' expecting BRACE_CLOSE"],
    ["${f:a]}", "extraneous input ']' expecting BRACE_CLOSE"],
    ["${f:a]]}", "mismatched input ']' expecting BRACE_CLOSE"],
    ["${f:a,]}", "extraneous input ']' expecting BRACE_CLOSE"],
    ["${f:a'b'}", "mismatched input ''' expecting BRACE_CLOSE"],
    ["${f:'a' 'b'}", "mismatched input ' ' expecting BRACE_CLOSE"],
    ["${f:a,[1]xyz}", "extraneous input 'xyz' expecting BRACE_CLOSE"],
    ["${f:a,[1]xyz q}", "mismatched input 'xyz' expecting BRACE_CLOSE"],
    ["${f:[1] :}", "extraneous input ' :' expecting BRACE_CLOSE"],
    // in a list, in a dict
    ["${f:[a[0], 1]}", "mismatched input '[' expecting BRACKET_CLOSE"],
    ["${f:[[1]x]}", "extraneous input 'x' expecting BRACKET_CLOSE"],
    ["${f:{k:a[0]}}", "mismatched input '[' expecting {BRACE_CLOSE, COMMA}"],
    ["${f:{k:[1]x}}", "extraneous input 'x' expecting {BRACE_CLOSE, COMMA}"],
    // a token that may follow the `}` (the text goes on, or the primitive the resolver is in)
    ["${f:[1]${x}}", "missing BRACE_CLOSE at '${'"],
    ["${f:[1]\\, x}", "missing BRACE_CLOSE at '\\,'"],
    ["${g:${f:[1]x y}}", "missing BRACE_CLOSE at 'x'"],
    ["${g:${f:[1] [}}", "missing BRACE_CLOSE at ' '"],
    ['${g:"${f:[1]x y}"}', "mismatched input 'x' expecting BRACE_CLOSE"],
    ["${f:[[1]${x}]}", "mismatched input '${' expecting BRACKET_CLOSE"],
  ];
  for (const [text, expected] of cases) {
    assert.equal(message(() => parseConfigValue(text)), expected, text);
  }
});

Deno.test("grammar errors: after oc.decode's element, 'expecting <EOF>' with the whole offending token", () => {
  const cases: [string, string][] = [
    ["a[0]", "mismatched input '[' expecting <EOF>"],
    ["[a[0]]", "mismatched input '[' expecting BRACKET_CLOSE"],
    ["'a' x", "mismatched input ' ' expecting <EOF>"],
    ["'a'x", "extraneous input 'x' expecting <EOF>"],
    ["[1]]", "extraneous input ']' expecting <EOF>"],
    ["1,2", "mismatched input ',' expecting <EOF>"],
    ["1 , 2", "mismatched input ' , ' expecting <EOF>"],
  ];
  for (const [text, expected] of cases) {
    assert.equal(message(() => parseSingleElement(text)), expected, text);
  }
});
