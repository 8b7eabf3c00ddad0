import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { renderError } from "../../../core/errors.ts";
import { thrown } from "../../_errors.ts";
import { toContainer } from "../../../core/container.ts";

/** The rendered error of loading `text` as c.yaml: its first line and its caret line. */
const error = (text: string) => {
  const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
  assert.equal(e.code, "yaml-syntax");
  const lines = renderError(e).split("\n");
  return { head: lines[0], caret: lines[2] };
};

Deno.test("yaml syntax: an unclosed bracket is reported at the bracket, the end in the message", () => {
  // PyYAML: while parsing a flow sequence (2:12): expected ',' or ']', but got '<stream end>' (3:1)
  const e = error("trainer:\n  devices: [0, 1\n");
  assert.equal(
    e.head,
    "c.yaml:2:12: unclosed flow sequence: expected ',' or ']', but found the end of the file (at 3:1)",
  );
  assert.equal(e.caret, "               ^");
  // PyYAML: while parsing a flow mapping (1:8): expected ',' or '}', but got ']' (1:13)
  assert.equal(
    error("a: [1, {b: 2]\n").head,
    "c.yaml:1:8: unclosed flow mapping: expected ',' or '}', but found ']' (at 1:13)",
  );
  // PyYAML reads `1 b` as one plain scalar: expected ',' or '}', but got ':' (2:2)
  assert.match(
    error("a: {x: 1\nb: 2\n").head,
    /^c\.yaml:1:4: unclosed flow mapping: expected ',' or '}', but found ':' \(at 2:2\)/,
  );
});

Deno.test("yaml syntax: an extra closing bracket, a bad indent, a value holding a mapping", () => {
  assert.equal(
    error("a: [1, 2]]\n").head,
    "c.yaml:1:10: expected <block end>, but found ']': no flow sequence is open here",
  );
  assert.equal(
    error("a: {x: 1}}\n").head,
    "c.yaml:1:10: expected <block end>, but found '}': no flow mapping is open here",
  );
  // PyYAML: expected <block end>, but found '<block mapping start>' at 3:2
  assert.equal(
    error("a:\n  b: 1\n c: 2\n").head,
    "c.yaml:3:2: bad indentation: this line is indented by 1 space, which matches no enclosing block (indented by 0 or 2)",
  );
  assert.match(error("x:\n  - 1\n - 2\n").head, /^c\.yaml:3:2: bad indentation/);
  // after blank lines, a comment line, a line of spaces, in a CRLF file: at the bad line, as
  // PyYAML's problem_mark (5:4, 6:4), its indent and the levels of the lines with content
  const bad = (at: string) =>
    `c.yaml:${at}: bad indentation: this line is indented by 3 spaces, which matches no ` +
    "enclosing block (indented by 0 or 2 or 4)";
  for (
    const [text, at] of [
      ["a:\n  b:\n    c: 1\n\n   d: 2\n", "5:4"],
      ["a:\n  b:\n    c: 1\n\n\n   d: 2\n", "6:4"],
      ["a:\n  b:\n    c: 1\n# x\n   d: 2\n", "5:4"],
      ["a:\n  b:\n    c: 1\n  \n   d: 2\n", "5:4"],
      ["a:\r\n  b:\r\n    c: 1\r\n\r\n   d: 2\r\n", "5:4"],
    ]
  ) {
    const e = error(text);
    assert.equal(e.head, bad(at), JSON.stringify(text));
    assert.equal(e.caret, "       ^", JSON.stringify(text));
  }
  // PyYAML: mapping values are not allowed here, at the ':'
  assert.match(error("a: b: c\n").head, /^c\.yaml:1:5: mapping values are not allowed here/);
  assert.match(
    error("a:\n  b: 1\n    c: 2\n").head,
    /^c\.yaml:3:6: mapping values are not allowed here/,
  );
});

Deno.test("yaml syntax: a closing bracket no flow collection matches is PyYAML's 'expected <block end>' in a block, its document errors at the top", () => {
  // PyYAML: while parsing a block mapping (1:1): expected <block end>, but found ']' (1:6);
  // an anchor (or tag) alone is an empty node, the ']' after it stray
  assert.equal(
    error("x: &a]\n").head,
    "c.yaml:1:6: expected <block end>, but found ']': no flow sequence is open here",
  );
  assert.match(error("- &a}\n").head, /^c\.yaml:1:5: expected <block end>, but found '\}'/);
  assert.match(
    error("x:\n  y: !!str ]\n").head,
    /^c\.yaml:2:12: expected <block end>, but found '\]'/,
  );
  // PyYAML: expected '<document start>', but found ']' after a complete root node
  assert.match(error("[1]]\n").head, /^c\.yaml:1:4: expected '<document start>', but found '\]'/);
  assert.match(error("&a ]\n").head, /^c\.yaml:1:4: expected '<document start>', but found '\]'/);
  // PyYAML: while parsing a block node: expected the node content, but found ']'
  assert.match(error("# c\n]\n").head, /^c\.yaml:2:1: expected the node content, but found '\]'/);
  assert.match(error("--- }\n").head, /^c\.yaml:1:5: expected the node content, but found '\}'/);
});

Deno.test("yaml syntax: an unclosed quote is reported at the quote; a tab says to indent with spaces", () => {
  assert.equal(
    error('a: "abc\nb: 2\n').head,
    "c.yaml:1:4: while scanning a quoted scalar: found unexpected end of stream (at 3:1)",
  );
  assert.match(error("a:\n\tb: 1\n").head, /^c\.yaml:2:1: .*'\\t'.*indents with spaces/);
  // a tab after a key's colon is no indentation: said as PyYAML's token rule (checker x30)
  assert.match(error("a:\t1\n").head, /^c\.yaml:1:3: .*'\\t'.*separates tokens with spaces/);
});

Deno.test("yaml syntax: text after a complete value, and a '#' right after a block scalar's header, in PyYAML's words", () => {
  // PyYAML: while parsing a block mapping (1:1): expected <block end>, but found '<scalar>' (1:8)
  const e = error("a: 'it's ok'\n");
  assert.match(e.head, /^c\.yaml:1:8: expected <block end>, but found '<scalar>': text after/);
  assert.equal(e.caret, "           ^");
  assert.match(error('- "x" y\n').head, /^c\.yaml:1:7: expected <block end>, but found '<scalar>'/);
  assert.match(error('a: "x" [1]\n').head, /^c\.yaml:1:8: expected <block end>, but found '\['/);
  assert.match(error("a: {b: 1} x\n").head, /^c\.yaml:1:11: expected <block end>/);
  // PyYAML: while scanning a block scalar: expected chomping or indentation indicators, but found '#' (1:5)
  assert.match(
    error("a: |#c\n  x\n").head,
    /^c\.yaml:1:5: while scanning a block scalar: expected chomping or indentation indicators, but found '#'/,
  );
  assert.match(error("a: >-#c\n  x\n").head, /^c\.yaml:1:6: while scanning a block scalar/);
});

Deno.test("yaml syntax: an anchor, alias or tag name running into '#' or '.' is PyYAML's scanner error, at that character", () => {
  // PyYAML: while scanning an anchor (1:4) expected alphabetic or numeric character, but found '#' (1:6)
  const anchor = "while scanning an anchor: expected alphabetic or numeric character, but found";
  const alias = "while scanning an alias: expected alphabetic or numeric character, but found";
  assert.equal(error("x: &a#c 1\n").head, `c.yaml:1:6: ${anchor} '#'`);
  assert.equal(error("x: &a#c 1\n").caret, "         ^");
  assert.equal(error("x: [&a#c 1]\n").head, `c.yaml:1:7: ${anchor} '#'`);
  assert.equal(error("&a#c x: 1\n").head, `c.yaml:1:3: ${anchor} '#'`);
  assert.equal(error("x: &a-b.c 1\n").head, `c.yaml:1:8: ${anchor} '.'`);
  assert.equal(error("x: &a 1\ny: *a#c\n").head, `c.yaml:2:6: ${alias} '#'`);
  assert.equal(error("x: &a 1\ny: [*a#c]\n").head, `c.yaml:2:7: ${alias} '#'`);
  // PyYAML: while scanning a tag (1:4) expected ' ', but found '#' (1:9)
  assert.equal(
    error("x: !!str#c 1\n").head,
    "c.yaml:1:9: while scanning a tag: expected ' ', but found '#'",
  );
  assert.equal(
    error("x: !foo#c 1\n").head,
    "c.yaml:1:8: while scanning a tag: expected ' ', but found '#'",
  );
  assert.equal(
    error("x: {a: !!str#c 1}\n").head,
    "c.yaml:1:13: while scanning a tag: expected ' ', but found '#'",
  );
  assert.equal(
    error("x: !<tag:yaml.org,2002:str#c> 1\n").head,
    "c.yaml:1:27: while parsing a tag: expected '>', but found '#'",
  );
  // a comment after a space is one, as in PyYAML
  assert.deepEqual(loadYaml("x: &a #c\n  1\ny: *a\nz: !!str #c\n  1\n").kind, "dict");
});

Deno.test("yaml syntax: an empty alias and an undefined tag handle in PyYAML's words, at its place", () => {
  // PyYAML: while scanning an alias (1:4) expected alphabetic or numeric character, but found '\n' (1:5)
  assert.equal(
    error("x: *\n").head,
    "c.yaml:1:5: while scanning an alias: expected alphabetic or numeric character, but found '\\n'",
  );
  assert.equal(
    error("x: [*]\n").head,
    "c.yaml:1:6: while scanning an alias: expected alphabetic or numeric character, but found ']'",
  );
  assert.equal(
    error("x: & 1\n").head,
    "c.yaml:1:5: while scanning an anchor: expected alphabetic or numeric character, but found ' '",
  );
  // PyYAML: while parsing a node found undefined tag handle '!e!' (1:4)
  assert.equal(
    error("x: !e!x 1\n").head,
    "c.yaml:1:4: while parsing a node: found undefined tag handle '!e!'",
  );
  assert.equal(
    error("x: [!e!x, 1]\n").head,
    "c.yaml:1:5: while parsing a node: found undefined tag handle '!e!'",
  );
});

Deno.test("yaml syntax: text after a value inside a flow collection, in PyYAML's flow words and places", () => {
  // each place and "but got" is PyYAML's (yaml.safe_load, 5.4 and 6.0)
  const cases: [string, string][] = [
    // the usual one: an interpolation left unquoted in a flow mapping
    [
      "s: {a: 1, b: ${x}}\n",
      "1:15: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '{'",
    ],
    [
      "s: [1, a ${x}]\n",
      "1:11: while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got '{'",
    ],
    [
      "s: {a: 'q' z}\n",
      "1:12: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '<scalar>'",
    ],
    [
      "s: {a: {b: 1} c}\n",
      "1:15: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '<scalar>'",
    ],
    [
      's: [x, "y" z]\n',
      "1:12: while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got '<scalar>'",
    ],
    [
      "s: [[1] 2]\n",
      "1:9: while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got '<scalar>'",
    ],
    [
      "s:\n  - {a: 1,\n     b: 'q' z}\n",
      "3:13: while parsing a flow mapping (opened at 2:5): expected ',' or '}', but got '<scalar>'",
    ],
  ];
  for (const [text, want] of cases) {
    const e = error(text);
    assert.ok(e.head.startsWith(`c.yaml:${want}`), `${text}: ${e.head}`);
  }
  // after a flow collection that is closed, the block parser's words stay
  assert.match(
    error("s: [1] x\n").head,
    /^c\.yaml:1:8: expected <block end>, but found '<scalar>'/,
  );
});

Deno.test("yaml syntax: a line with no ':' and a key among a list's items, in PyYAML's words and places", () => {
  // PyYAML's context mark is the place; its problem mark is "(at ...)"
  const simple = (at: string, next: string) =>
    `c.yaml:${at}: while scanning a simple key: could not find expected ':' (at ${next}): ` +
    "a line of a block is 'key: value' or '- item'";
  assert.equal(error("x: 1\ny\nz: 2\n").head, simple("2:1", "3:1"));
  assert.equal(error("a:\n  b: 1\n  c\n  d: 2\n").head, simple("3:3", "4:3"));
  assert.equal(error("x: 1\n# c\n\n  # d\ny\n").head, simple("5:1", "6:1"));
  assert.equal(error("x: 1\n'y' # c\n").head, simple("2:1", "3:1"));
  assert.equal(error("- a\nb\n").head, simple("2:1", "3:1"));
  assert.equal(error("a:\n  - 1\n  - 2\n  b\n").head, simple("4:3", "5:1"));
  // a flow collection alone on a line of a mapping is taken for a key too
  assert.equal(error("k: \n{a: b}\n").head, simple("2:1", "3:1"));
  assert.equal(error("a: 1\n[x] # c\nb: 2\n").head, simple("2:1", "3:1"));
  const among = (at: string, opened: string) =>
    `c.yaml:${at}: while parsing a block collection (opened at ${opened}): expected <block end>, ` +
    "but found '?': a mapping key among the items of a list";
  assert.ok(error("- a\n- b\nc: 1\n").head.startsWith(among("3:1", "1:1")));
  assert.ok(error("a:\n  - 1\n  - x: 2\n    y: 3\n  b: 2\n").head.startsWith(among("5:3", "2:3")));
  // a line at no block's indentation stays a bad indentation, as PyYAML's "<block end>" says
  assert.match(error("a:\n  b: 1\n c\n").head, /^c\.yaml:3:2: bad indentation/);
  assert.match(error("a:\n  b: 1\n c: 2\n").head, /^c\.yaml:3:2: bad indentation/);
});

Deno.test("yaml syntax: a missing ',' and an empty item in a flow collection, a key over two lines", () => {
  const comma = (at: string, what: string, opened: string, close: string) =>
    `c.yaml:${at}: while parsing a flow ${what} (opened at ${opened}): expected ',' or '${close}', ` +
    "but got ':': a ',' is missing before the key";
  assert.ok(error("s: {a: 1 b: 2}\n").head.startsWith(comma("1:11", "mapping", "1:4", "}")));
  assert.ok(error("s: [a: 1 b: 2]\n").head.startsWith(comma("1:11", "sequence", "1:4", "]")));
  assert.ok(error("s: {a: {b: 1 c: 2}}\n").head.startsWith(comma("1:15", "mapping", "1:8", "}")));
  assert.ok(error("s: {a: 1\n  b: 2}\n").head.startsWith(comma("2:4", "mapping", "1:4", "}")));
  const empty = "while parsing a flow node: expected the node content, but found ','";
  assert.ok(error("s: [1,, 2]\n").head.startsWith(`c.yaml:1:7: ${empty}`));
  assert.ok(error("s: {a: 1,, b: 2}\n").head.startsWith(`c.yaml:1:10: ${empty}`));
  // `b` then `  c: 1` is the plain `b c`: where a key had to be, PyYAML misses its ':' ...
  assert.ok(
    error("a: x\nb\n  c: 1\n").head.startsWith(
      "c.yaml:2:1: while scanning a simple key: could not find expected ':' (at 3:4)",
    ),
  );
  // ... elsewhere the ':' is a mapping value the plain scalar cannot hold
  assert.match(
    error("a:\n  b\n    c: 1\n").head,
    /^c\.yaml:3:6: mapping values are not allowed here/,
  );
});

Deno.test("yaml syntax: a list item among a mapping's keys, a list item's value going on over lines", () => {
  const among = (at: string, opened: string) =>
    `c.yaml:${at}: while parsing a block mapping (opened at ${opened}): expected <block end>, ` +
    "but found '-': a list item among the keys of a mapping";
  assert.ok(error("a: 1\n- b\n").head.startsWith(among("2:1", "1:1")));
  assert.ok(error("a:\n  b: 1\n  - c\n").head.startsWith(among("3:3", "2:3")));
  assert.ok(error("x: 0\na: 1\nb:\n  c: 2\n- d\n").head.startsWith(among("5:1", "1:1")));
  // `- 1` then `    y: 2`: the plain `1 y`, then a ':' it cannot hold (PyYAML, at the ':')
  const mapping =
    /^c\.yaml:3:6: mapping values are not allowed here: the plain value started at 2:5/;
  assert.match(error("x:\n  - 1\n    y: 2\n").head, mapping);
  assert.match(error("x:\n  - 1\n   {y: 2}\n").head, mapping);
  assert.match(
    error("a:\n  b\n  c: 1\n").head,
    /^c\.yaml:3:4: mapping values are not allowed here/,
  );
  assert.equal(
    loadYaml("a:\n- 1\n", { file: "c.yaml" }).kind,
    "dict",
    "a list at its key's indentation is fine",
  );
});

Deno.test("yaml syntax: a list on its key's line, a value starting with ','", () => {
  const entries =
    "sequence entries are not allowed here: a list under a key starts on the next line";
  assert.ok(error("devices: - 0\n").head.startsWith(`c.yaml:1:10: ${entries}`));
  assert.ok(error("a:\n  b: - 1\n").head.startsWith(`c.yaml:2:6: ${entries}`));
  assert.ok(error("a: 'x'- b\n").head.startsWith(`c.yaml:1:7: ${entries}`));
  assert.ok(
    error("a: ,x\n").head.startsWith(
      "c.yaml:1:4: while parsing a block node: expected the node content, but found ','",
    ),
  );
});

Deno.test("yaml syntax: a bad escape in double quotes (a Windows path), a value starting with '@'", () => {
  // PyYAML: its context mark (the quote) in the words, its problem mark as the place
  assert.equal(
    error('data: "C:\\data\\train"\n').head,
    "c.yaml:1:11: while scanning a double-quoted scalar (opened at 1:7): found unknown escape " +
      "character 'd' (in \"...\", a \\ starts an escape: write \\\\ for a backslash, or quote with '...')",
  );
  assert.equal(
    error('a: "line1\n  x\\q"\n').head.split(" (in")[0],
    "c.yaml:2:5: while scanning a double-quoted scalar (opened at 1:4): found unknown escape character 'q'",
  );
  assert.equal(
    error('a: "\\u12"\n').head,
    "c.yaml:1:7: while scanning a double-quoted scalar (opened at 1:4): expected escape sequence " +
      "of 4 hexadecimal numbers, but found '\"'",
  );
  assert.equal(
    error("email: @me\n").head,
    "c.yaml:1:8: while scanning for the next token: found character '@' that cannot start any " +
      "token (quote the value: '@...')",
  );
});

Deno.test("yaml syntax: what to do inside a flow collection: quote ${...}, a quoted value's text, a ','", () => {
  assert.equal(
    error("x: {a: ${b}}\n").head,
    "c.yaml:1:9: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '{' " +
      "(inside [...] or {...}, quote a value that holds ${...}: '${b}')",
  );
  assert.match(error("x: [1, ${a.b}]\n").head, /got '\{' \(inside .*: '\$\{a\.b\}'\)$/);
  assert.match(error("- [${a.b}, 2]\n").head, /^c\.yaml:1:5: while parsing a flow sequence/);
  assert.match(error("s: {a: 'q' z}\n").head, /but got '<scalar>': text after the quoted value/);
  assert.equal(
    error("x: [1, [2] 3]\n").head,
    "c.yaml:1:12: while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got " +
      "'<scalar>': a ',' is missing before it",
  );
  assert.match(error("x: [[1] [2]]\n").head, /^c\.yaml:1:9: .* but got '\['/);
  // after the collection closes it is text after the value, as before
  assert.match(
    error("x: [a]b]\n").head,
    /^c\.yaml:1:7: expected <block end>, but found '<scalar>'/,
  );
});

Deno.test("yaml syntax: where PyYAML's scan of a key with no ':' stops, and lists in a mapping's blocks", () => {
  const at = (text: string) => /\(at (\d+:\d+)\)/.exec(error(text).head)?.[1];
  // a plain key's scan stops at the next line's first character, a comment's too
  assert.equal(at("a:\n  b: 1\n  c\nd: 1\n"), "4:1");
  assert.equal(at("a: 1\nb\n\n# c\n  d: 2\n"), "4:1");
  assert.equal(at("a: 1\nb\n  # c\nd: 1\n"), "3:3");
  // a quoted key's at its next token, past comments; at the end of the text
  assert.equal(at('a: 1\n"b"\n# c\nd: 1\n'), "4:1");
  assert.equal(at("a: 1\nb"), "2:2");
  const among = (at: string, opened: string) =>
    `c.yaml:${at}: while parsing a block mapping (opened at ${opened}): expected <block end>, ` +
    "but found '-'";
  // after a nested mapping, after comment lines, in a mapping held by a list item
  assert.ok(error("a:\n  b: 1\n- x\n").head.startsWith(among("3:1", "1:1")));
  assert.ok(error("x:\n  a: 1\n  - b\n").head.startsWith(among("3:3", "2:3")));
  assert.ok(error("a: 1 # c\n# d\n- b\n").head.startsWith(among("3:1", "1:1")));
  assert.ok(error("- a: 1\n  - b\n").head.startsWith(among("2:3", "1:3")));
  assert.ok(error("a: &a 1\n- *a:b\n").head.startsWith(among("2:1", "1:1")));
  // at a column no block has, it stays a bad indentation
  assert.match(
    error("x:\n  - 1\n - 2\n").head,
    /^c\.yaml:3:2: bad indentation: .* matches no enclosing block \(indented by 0 or 2\)$/,
  );
});

Deno.test("yaml syntax: a ':' with no key before it is PyYAML's parser error, not a null key", () => {
  // npm:yaml reads an empty key there; PyYAML (and so Hydra) fails to parse
  const bare = "(a ':' with no key before it)";
  assert.equal(
    error("s: 1\n: d\n").head,
    `c.yaml:2:1: while parsing a block mapping (opened at 1:1): expected <block end>, but found ':' ${bare}`,
  );
  assert.ok(
    error("a:\n  b: 1\n  : 2\n").head.startsWith(
      "c.yaml:3:3: while parsing a block mapping (opened at 2:3)",
    ),
  );
  assert.ok(error("a: 1\n  : 2\n").head.includes("found '<block mapping start>'"));
  assert.equal(
    error("k: [a, : b]\n").head,
    `c.yaml:1:8: while parsing a flow node: expected the node content, but found ':' ${bare}`,
  );
  assert.ok(
    error("a:\n  - : 1\n").head.startsWith(
      "c.yaml:2:5: while parsing a block mapping (opened at 2:5): expected <block end>, but found ':'",
    ),
  );
  // an explicit empty key and a null key load, and OmegaConf refuses them as keys
  for (const text of ["?\n: x\n", "null: 1\n"]) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(e.code, "key-validation");
  }
});

Deno.test("yaml syntax: a node where PyYAML wants none, and a ':' after a list's items", () => {
  const node = (c: string) =>
    `while parsing a flow node: expected the node content, but found '${c}'`;
  assert.equal(error("k: {a: : bb}\n").head, `c.yaml:1:8: ${node(":")}`);
  assert.equal(error("p: [1, [- 2, 3]]\n").head, `c.yaml:1:9: ${node("-")}`);
  assert.ok(
    error("p: [1] !t\n").head.startsWith("c.yaml:1:8: expected <block end>, but found '<tag>'"),
  );
  assert.ok(
    error('p: "x" &a\n').head.startsWith("c.yaml:1:8: expected <block end>, but found '<anchor>'"),
  );
  assert.ok(
    error("- a\n- b\n: c\n").head.startsWith(
      "c.yaml:3:1: while parsing a block collection (opened at 1:1): expected <block end>, but found ':'",
    ),
  );
});

Deno.test("yaml syntax: an empty alias, a '{' inside a flow mapping, a ':' after a root scalar", () => {
  const alias = "while scanning an alias: expected alphabetic or numeric character, but found";
  assert.equal(error("x:\n* - 1\n").head, `c.yaml:2:2: ${alias} ' '`);
  assert.equal(error("a: 1\nb: *").head, `c.yaml:2:5: ${alias} '\\x00'`);
  assert.ok(
    error("k: {a: b{a:}\n").head.startsWith(
      "c.yaml:1:9: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '{'",
    ),
  );
  assert.ok(
    error("[k: {a- : b}\n").head.startsWith(
      "c.yaml:1:1: unclosed flow sequence: expected ',' or ']'",
    ),
  );
  assert.ok(
    error("a\n: x\n").head.startsWith(
      "c.yaml:2:1: expected '<document start>', but found '<block mapping start>'",
    ),
  );
});

Deno.test("yaml syntax: a '?' in an unquoted value inside [...] or {...} is PyYAML's error, not part of the value", () => {
  // PyYAML ends a plain scalar at '?' in flow context (yaml.safe_load: "while parsing a flow
  // sequence ... expected ',' or ']', but got '?'"); quoted, or outside brackets, it is text
  const hint = " (inside [...] and {...} a '?' ends an unquoted value: quote the value)";
  assert.equal(
    error("urls: [http://h/x?y=1]\n").head,
    "c.yaml:1:18: while parsing a flow sequence (opened at 1:7): expected ',' or ']', but got '?'" +
      hint,
  );
  assert.equal(
    error("k: {a?: b}\n").head,
    "c.yaml:1:6: while parsing a flow mapping (opened at 1:4): expected ',' or '}', but got '?'" +
      hint,
  );
  assert.equal(
    error("k: [1,\n  2, a ?b]\n").head,
    "c.yaml:2:8: while parsing a flow sequence (opened at 1:4): expected ',' or ']', but got '?'" +
      hint,
  );
  assert.deepEqual(toContainer(loadYaml('k: ["a?b", {x: "?"}]\nq: a?b\n')), {
    k: ["a?b", { x: "?" }],
    q: "a?b",
  });
});

Deno.test("yaml: a quote left open and closed by one on a later line says where the value opened (checker v30)", () => {
  // PyYAML: "expected <block end>, but found '<scalar>'" at 4:6, the value running from 2:6
  const e = thrown(() => loadYaml('a:\n  b: "\n  c: 1\nd: ["x"]\n', { file: "c.yaml" }));
  assert.equal(e.code, "yaml-syntax");
  assert.equal(
    e.message,
    "expected <block end>, but found '<scalar>': the double-quoted value opened at 2:6 runs to " +
      'the " before this (a " left open there?)',
  );
  assert.deepEqual(e.origin, { file: "c.yaml", line: 4, col: 6 });
  // a value closed on its own line keeps the quoting hint
  const one = thrown(() => loadYaml("a: 'it's ok'\n", { file: "c.yaml" }));
  assert.match(one.message, /text after the value that ends before it \(quote the whole value/);
});

Deno.test("syntax: a plain value starting with '%' is PyYAML's 'cannot start any token', with the quote hint '@' gets (checker x34)", () => {
  for (const [text, line, col] of [["msg: %s\n", 1, 6], ["a:\n  - %x\n", 2, 5]] as const) {
    const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
    assert.equal(
      e.message,
      "while scanning for the next token: found character '%' that cannot start any token " +
        "(quote the value: '%...')",
      text,
    );
    assert.deepEqual([e.origin?.line, e.origin?.col], [line, col], text);
  }
});

Deno.test("yaml syntax: a line inside a list item less indented than its content is PyYAML's <block end> error at that line (checker w49 #3)", () => {
  // PyYAML 6 (python3-omegaconf): line 4, column 4 (1-based), opened at line 3, column 3
  const found = (at: string, opened: string, what: string) =>
    `c.yaml:${at}: while parsing a block collection (opened at ${opened}): expected <block end>, ` +
    `but found '${what}' (indent it as the item's first line, or start a new item with '- ')`;
  assert.equal(
    error("a: 1\ntransforms:\n  - _target_: a\n   bad: [1]\n").head,
    found("4:4", "3:3", "<block mapping start>"),
  );
  assert.equal(error("l:\n  - x: 1\n   y\n").head, found("3:4", "2:3", "<scalar>"));
  // past a blank line and a comment
  assert.equal(
    error("l:\n  - x: 1\n\n   # c\n   y: 2\n").head,
    found("5:4", "2:3", "<block mapping start>"),
  );
});

Deno.test("yaml syntax: a quoted value with 'key: value' text after it is PyYAML's <block end> error after the quote, not a plain value's (checker v56 #1)", () => {
  // PyYAML 6 (python3-omegaconf): ParserError ... expected <block end>, but found '<scalar>'
  const after = (at: string, what = "'<scalar>'") =>
    `c.yaml:${at}: expected <block end>, but found ${what}: text after the value that ends ` +
    "before it (quote the whole value; inside '...' a ' is written '')";
  assert.equal(error('a: "xx" b: c\n').head, after("1:9"));
  assert.equal(error("a: 'x''y' b: c\n").head, after("1:11"));
  assert.equal(error('k:\n  a: "xx" b: c\n').head, after("2:11"));
  assert.equal(error('a: "x\\"y" [1]: c\n').head, after("1:11", "'['"));
  // a plain value keeps PyYAML's scanner error
  assert.match(error("a: x b: c\n").head, /^c\.yaml:1:7: mapping values are not allowed here/);
});

Deno.test("yaml syntax: a % directive after the document's content says so, not 'quote the value' (checker v56 #2)", () => {
  const directive = (at: string, d: string) =>
    `c.yaml:${at}: expected '<document start>': the directive '${d}' comes after the ` +
    "document's content (directives go at the top of the file, before '---')";
  assert.equal(error("a: 1\n%YAML 1.1\n").head, directive("2:1", "%YAML 1.1"));
  assert.equal(error("a: 1\n%YAML 1.1\nb: 2\n").head, directive("2:1", "%YAML 1.1"));
  assert.equal(error("# c\na: 1\n%TAG ! x\n- 1\n").head, directive("3:1", "%TAG ! x"));
  // a '%' inside a value keeps PyYAML's scanner error
  assert.match(error("a: %x\n").head, /found character '%' that cannot start any token/);
});

Deno.test("yaml syntax: a tab indenting a line below a block scalar is PyYAML's tab error, at the tab", () => {
  // PyYAML: while scanning for the next token / found character '\t' that cannot start any token
  // (3:1 and 4:3 below; npm:yaml said "Block scalar lines must not be less indented")
  const tab =
    "found character '\\t' that cannot start any token (YAML indents with spaces, never tabs)";
  assert.equal(
    error("blk: |\n  one\n\tlead: tab\n").head,
    `c.yaml:3:1: while scanning for the next token: ${tab}`,
  );
  assert.equal(
    error("a:\n  blk: |\n    one\n  \tx: 1\n").head,
    `c.yaml:4:3: while scanning for the next token: ${tab}`,
  );
  // the block's first line (PyYAML 2:1 and 3:1; npm:yaml said "Block scalar values in collections
  // must be indented", checker v60 #5)
  assert.equal(error("a: |\n\tx\n").head, `c.yaml:2:1: while scanning for the next token: ${tab}`);
  assert.equal(
    error("k:\n  a: >-\n\tx\n").head,
    `c.yaml:3:1: while scanning for the next token: ${tab}`,
  );
});

Deno.test("yaml syntax: a tab on a block scalar's header line is PyYAML's block scalar error (checker v60 #1)", () => {
  // PyYAML: while scanning a block scalar / expected chomping or indentation indicators, but
  // found '\t' (1:5, 2:6); after a space: expected a comment or a line break (1:7)
  const rest = "but found '\\t' (a block scalar's header line holds its indicators, then spaces " +
    "and a comment)";
  assert.equal(
    error("a: |\t\n  x\n").head,
    `c.yaml:1:5: while scanning a block scalar: expected chomping or indentation indicators, ${rest}`,
  );
  assert.equal(
    error("a: 1\nb: |-\t# c\n  y\n").head,
    `c.yaml:2:6: while scanning a block scalar: expected chomping or indentation indicators, ${rest}`,
  );
  assert.equal(
    error("a: |  \t\n  x\n").head,
    `c.yaml:1:7: while scanning a block scalar: expected a comment or a line break, ${rest}`,
  );
});
