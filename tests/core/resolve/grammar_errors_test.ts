/**
 * Grammar errors after a resolver argument, a list item or a dict value are
 * worded as OmegaConf 2.2.2's ANTLR parser words them (each message below is
 * what `omegaconf.grammar_parser.parse` raised): the token the argument list,
 * list or dict expected next (`BRACE_CLOSE`, `BRACKET_CLOSE`), and whether the
 * offending token is one too many (`extraneous`), one too few (`missing`) or
 * neither (`mismatched`).
 */

import { create } from "../../../core/create.ts";
import assert from "node:assert/strict";
import { parseConfigValue, parseSingleElement } from "../../../core/resolve/grammar.ts";
import { GrammarError } from "../../../core/resolve/grammar_parser.ts";
import { LIST_START } from "../../../core/resolve/grammar_tokens.ts";
import { validateInterpolations } from "../../../core/resolve/validate.ts";
import { loadYaml } from "../../../core/yaml/load.ts";

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
Deno.test("grammar errors: a key or a resolver name that is neither, in ANTLR's words (no viable alternative, extraneous, mismatched)", () => {
  // each message is what omegaconf.grammar_parser.parse (2.2.2) raised for the text
  const cases: [string, string][] = [
    ["${}", "no viable alternative at input '${}'"],
    ["${ }", "no viable alternative at input '${ }'"],
    ["${.}", "extraneous input '}' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
    ["${:a}", "no viable alternative at input '${:'"],
    ["${ :a}", "no viable alternative at input '${ :'"],
    ["${a..b}", "no viable alternative at input '${a..'"],
    ["${a...b}", "no viable alternative at input '${a..'"],
    ["${.a..b}", "extraneous input '.' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a.}", "no viable alternative at input '${a.}'"],
    ["${a.b..c}", "no viable alternative at input '${a.b..'"],
    ["${..}", "extraneous input '}' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
    ["x${}y", "no viable alternative at input '${}'"],
    ["${[a]..b}", "extraneous input '.' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a.:x}", "no viable alternative at input '${a.:'"],
    ["${.a:x}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0]..b}", "extraneous input '.' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a..}", "no viable alternative at input '${a..'"],
    ["${a.b.}", "no viable alternative at input '${a.b.}'"],
    ["${ a..b}", "no viable alternative at input '${ a..'"],
    ["${a ..b}", "token recognition error at: ' .'"],
    ["${a[0].}", "mismatched input '}' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${.a.}", "mismatched input '}' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a[.]}", "mismatched input '.' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a[b}", "missing BRACKET_CLOSE at '}'"],
    // a dotted name in brackets (a logger's `datasets.arrow_dataset`): the `]` was due at the DOT
    ["${a[b.c]}", "missing BRACKET_CLOSE at '.'"],
    ["${a[b.c].d}", "missing BRACKET_CLOSE at '.'"],
    ["${a[b[0]}", "missing BRACKET_CLOSE at '['"],
    ["${a[${x}.c]}", "missing BRACKET_CLOSE at '.'"],
    // a slice (`${a[0:1]}`): the `]` was due at the colon
    ["${a[0:1]}", "mismatched input ':' expecting BRACKET_CLOSE"],
    ["${a[b][c:d]}", "mismatched input ':' expecting BRACKET_CLOSE"],
    ["${a[:c]}", "extraneous input ':' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a]}", "no viable alternative at input '${a]'"],
    ["${a[]}", "mismatched input ']' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${[}", "mismatched input '}' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${.a]}", "extraneous input ']' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[.b]}", "extraneous input '.' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a.b]}", "no viable alternative at input '${a.b]'"],
    ["${a[0]]}", "extraneous input ']' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0]b}", "extraneous input 'b' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0]]]}", "extraneous input ']' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a-b:x}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${.a:x}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a.b-c:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0]:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${.a.b:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a-b.c:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0].b:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a/b:x}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${.a[0]:x}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a.b-c:}", "extraneous input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a-b:}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${..a:x}", "mismatched input ':' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
  ];
  for (const [text, want] of cases) assert.equal(message(() => parseConfigValue(text)), want, text);
  // valid: a resolver name has no '-' (an INTER_KEY there), a key may
  for (const ok of ["${a-b}", "${a_b:x}", "${..a}", "${a[0].b}", "${${a}:x}"]) parseConfigValue(ok);
});

Deno.test("grammar errors: the engine's check refuses a resolver name with '-', as OmegaConf's create does", () => {
  // compose checks every ${...} in the WASM engine; the message is the TypeScript parser's
  assert.throws(
    () => validateInterpolations(loadYaml("x: ${a-b:x}")),
    /mismatched input ':' expecting \{BRACKET_OPEN, INTER_CLOSE, '\.'\}/,
  );
  validateInterpolations(loadYaml("x: ${a_b:x}\ny: ${a-b}\nz: ${oc.env:A-B,1}"));
});
Deno.test("grammar errors: a ${ left open at the end, in ANTLR's words", () => {
  // omegaconf.grammar_parser.parse (2.2.2): no viable alternative while it may still be a
  // key or a resolver's name, else what the key rule expected at <EOF>
  const cases: [string, string][] = [
    ["${.a", "mismatched input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0]", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[0].b", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${.a.b", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${-", "mismatched input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a-b.c", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a[", "mismatched input '<EOF>' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a[0", "mismatched input '<EOF>' expecting BRACKET_CLOSE"],
    ["${.", "extraneous input '<EOF>' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
    ["${..", "extraneous input '<EOF>' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
    ["${a.", "no viable alternative at input '${a.'"],
    ["${-.", "mismatched input '<EOF>' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${a-b[", "mismatched input '<EOF>' expecting {INTER_OPEN, ID, INTER_KEY}"],
    ["${-[0]", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${a.b", "no viable alternative at input '${a.b'"],
    ["${a", "no viable alternative at input '${a'"],
    ["${ a", "no viable alternative at input '${ a'"],
    ["${a.b-c", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
    ["${-.b", "extraneous input '<EOF>' expecting {BRACKET_OPEN, INTER_CLOSE, '.'}"],
  ];
  for (const [text, want] of cases) assert.equal(message(() => parseConfigValue(text)), want, text);
});

Deno.test("grammar errors: a ']' no key or resolver name can have", () => {
  // omegaconf.grammar_parser.parse (2.2.2)
  const cases: [string, string][] = [
    ["${]}", "no viable alternative at input '${]'"],
    ["${]", "no viable alternative at input '${]'"],
    ["${ ]}", "no viable alternative at input '${ ]'"],
    ["${a.]}", "no viable alternative at input '${a.]'"],
    ["${a.]", "no viable alternative at input '${a.]'"],
    ["${.]}", "extraneous input ']' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
    ["${..]", "extraneous input ']' expecting {INTER_OPEN, BRACKET_OPEN, ID, '.', INTER_KEY}"],
  ];
  for (const [text, want] of cases) assert.equal(message(() => parseConfigValue(text)), want, text);
});

Deno.test("grammar errors: a resolver's arguments, a list or a dict left open at the end", () => {
  // omegaconf.grammar_parser.parse (2.2.2): 'missing X at <EOF>' only where the end may follow
  // the close (the config value's own text), else 'mismatched input'; the expected token sets
  // after `${b:`, `[` and `{`
  const args =
    "{INTER_OPEN, BRACE_OPEN, BRACE_CLOSE, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, COMMA, BRACKET_OPEN, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const items =
    "{INTER_OPEN, BRACE_OPEN, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, COMMA, BRACKET_OPEN, BRACKET_CLOSE, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const firstKey = "{BRACE_CLOSE, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const key = "{FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const value =
    "{INTER_OPEN, BRACE_OPEN, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, BRACKET_OPEN, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const cases: [string, string][] = [
    ["${b:", `mismatched input '<EOF>' expecting ${args}`],
    ["${b: ", `mismatched input '<EOF>' expecting ${args}`],
    ["x${b:", `mismatched input '<EOF>' expecting ${args}`],
    ["${f:${b:", `mismatched input '<EOF>' expecting ${args}`],
    ["${b:x,${c:", `mismatched input '<EOF>' expecting ${args}`],
    ["${b:x", "missing BRACE_CLOSE at '<EOF>'"],
    ["${b:x,", "missing BRACE_CLOSE at '<EOF>'"],
    ["${b:'x' ", "mismatched input ' ' expecting BRACE_CLOSE"],
    ["${f:${b:x", "mismatched input '<EOF>' expecting BRACE_CLOSE"],
    ["${f:${b:'x' ", "missing BRACE_CLOSE at ' '"],
    ["${f:'${b:x", "mismatched input '<EOF>' expecting BRACE_CLOSE"],
    ["'${b:x", "missing BRACE_CLOSE at '<EOF>'"],
    ["${b:[", `mismatched input '<EOF>' expecting ${items}`],
    ["${b:x,[", `mismatched input '<EOF>' expecting ${items}`],
    ["${b:[1", "mismatched input '<EOF>' expecting BRACKET_CLOSE"],
    ["${b:[1,", "mismatched input '<EOF>' expecting BRACKET_CLOSE"],
    ["${b:['x' ", "mismatched input ' ' expecting BRACKET_CLOSE"],
    ["${b:[1 }", "missing BRACKET_CLOSE at ' }'"],
    ["${b:[[1}", "mismatched input '}' expecting BRACKET_CLOSE"],
    // right after `[`, ANTLR still chooses whether a sequence starts: no `]` is missing yet
    ["${b:[}", `mismatched input '}' expecting {${LIST_START.join(", ")}}`],
    ["${b:[ }", `mismatched input '}' expecting {${LIST_START.join(", ")}}`],
    ["${b:x,[}", `mismatched input '}' expecting {${LIST_START.join(", ")}}`],
    ["${b:[[}", `mismatched input '}' expecting {${LIST_START.join(", ")}}`],
    ["${b:[,}", "missing BRACKET_CLOSE at '}'"],
    ["${b:{", `mismatched input '<EOF>' expecting ${firstKey}`],
    ["${b:{a", "mismatched input '<EOF>' expecting COLON"],
    ["${b:{a:", `mismatched input '<EOF>' expecting ${value}`],
    ["${b:{a:1,", `mismatched input '<EOF>' expecting ${key}`],
  ];
  for (const [text, want] of cases) assert.equal(message(() => parseConfigValue(text)), want, text);
  // oc.decode's element: the end may follow its close
  assert.equal(message(() => parseSingleElement("[1")), "missing BRACKET_CLOSE at '<EOF>'");
  assert.equal(
    message(() => parseSingleElement("")),
    `mismatched input '<EOF>' expecting ${value}`,
  );
});

Deno.test("grammar errors: a dict's key or colon that is not there", () => {
  // omegaconf.grammar_parser.parse (2.2.2)
  const firstKey = "{BRACE_CLOSE, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const key = "{FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const value =
    "{INTER_OPEN, BRACE_OPEN, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, BRACKET_OPEN, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  const cases: [string, string][] = [
    ["${b:{,}}", `extraneous input ',' expecting ${firstKey}`],
    ["${b:{]}}", `extraneous input ']' expecting ${firstKey}`],
    ["${b:{'x':2}}", `mismatched input ''' expecting ${firstKey}`],
    ["${b:{${x}:2}}", `extraneous input '\${' expecting ${firstKey}`],
    ["${b:{${ x}:1}}", `extraneous input '\${ ' expecting ${firstKey}`],
    ["${b:{${x/y}:1}}", `mismatched input '\${' expecting ${firstKey}`],
    ["${b:{a:1,}}", `mismatched input '}' expecting ${key}`],
    ["${b:{a:1,,}}", `mismatched input ',' expecting ${key}`],
    ["${b:{a:1,'x':2}}", `mismatched input ''' expecting ${key}`],
    ["${b:{a}}", "mismatched input '}' expecting COLON"],
    ["${b:{a ]}}", "mismatched input ' ]' expecting COLON"],
    ["${b:{a,b}}", "mismatched input ',' expecting COLON"],
    ["${b:{a [1]}}", "missing COLON at '['"],
    ["${b:{a ${x}}}", "missing COLON at '${'"],
    ["${b:{a:}}", `mismatched input '}' expecting ${value}`],
    ["${b:{a:,}}", `mismatched input ',' expecting ${value}`],
  ];
  for (const [text, want] of cases) assert.equal(message(() => parseConfigValue(text)), want, text);
});

Deno.test("grammar: a character past the BMP is named whole in a token recognition error", () => {
  // omegaconf 2.2.2: "token recognition error at: '😀'" (was its first UTF-16 unit, '\ud83d')
  for (const [text, at] of [["${ident:😀}", "😀"], ["${a 😀}", " 😀"]]) {
    assert.throws(
      () => create({ a: text }),
      (e: Error) => e.message.startsWith(`token recognition error at: '${at}'`),
      text,
    );
  }
});
