import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { readFast } from "../../../core/yaml/fast.ts";
import { readFull } from "../../../core/yaml/full.ts";
import { toYaml } from "../../../core/yaml/emit.ts";
import { type DictNode, type Node, originOf } from "../../../core/node.ts";
import { treeOf } from "./_util.ts";

/** A tree with every node's origin, to compare the two readers exactly. */
function withOrigins(n: Node): unknown {
  const o = originOf(n.origin);
  const at = o ? `${o.line}:${o.col}` : "-";
  if (n.kind === "dict") {
    return [
      at,
      [...n.entries.values()].map((e) => [typeof e.key, String(e.key), withOrigins(e.node)]),
    ];
  }
  if (n.kind === "list") return [at, n.items.map(withOrigins)];
  return [at, n.type, String(n.value)];
}

/** What the fast reader reads, the full one reads the same; true when the fast one read it. */
function sameAsFull(text: string): boolean {
  const fast = readFast(text, "c.yaml");
  if (fast === undefined) return false;
  let full;
  try {
    full = readFull(text, "c.yaml");
  } catch (e) {
    assert.fail(`the fast reader read ${JSON.stringify(text)}, the full one failed: ${e}`);
  }
  assert.ok(!full.empty);
  assert.deepEqual(withOrigins(fast), withOrigins(full.root), JSON.stringify(text));
  return true;
}

Deno.test("the fast reader reads the block subset like the full reader, origins included", () => {
  const docs = [
    "a: 1\nb:\n  c: x # comment\n  d: 'q''s'\n  e: \"t\\tx\"\n",
    "list:\n- 1\n- k: v\n  j: [1, 'two', \"3\"]\n-\n- []\nnull_value:\nempty: {}\n",
    "- a: 1\n  b:\n    c: 2\n- x\n",
    "top:\n  # a comment line\n\n  key:   spaced   \n  url: http://h:80/x\n  interp: ${a.b}-${c}\n",
    "1: int key\n1.5: float key\ntrue: bool key\n'1': str key\n???: x\n",
    "a:   \n  b: 1\nc:  # trailing\n",
  ];
  const fastOnes = docs.filter(sameAsFull).length;
  assert.ok(fastOnes >= 5, `only ${fastOnes} of ${docs.length} documents took the fast path`);
});

Deno.test("the fast reader gives up on what it does not handle", () => {
  for (
    const text of [
      "a: &x 1\nb: *x\n",
      "a: !!python/tuple [1]\n",
      "a: !!str [1]\n",
      "a: !!str\n",
      "a: !!str # c\n",
      "a: !custom 1\n",
      "a: !!int 1.5\n",
      "a: |2\n  block\n",
      "a: |\n\n  block\n",
      "a: |\n  tab\there\n",
      "a:\n  b: |\n  x\n",
      "a: multi\n\n  line\n",
      "a: multi\n  - line\n",
      "a: {b:1}\n",
      "a: [b: 1]\n",
      "a: 'open\nquote'\n",
      "b:\n  a: 'open\n  quote'\n",
      "a: 'never closed\n  quote\n",
      "---\na: 1\n",
      "a:\n\tb: 1\n",
      "<<: {a: 1}\n",
      "a: 1\na: 2\n",
      "hello",
      "- - nested\n",
      "? a\n: 1\n",
    ]
  ) assert.equal(readFast(text, "c.yaml"), undefined, JSON.stringify(text));
});

Deno.test("the fast reader reads PyYAML's standard scalar tags as the full reader does", () => {
  const text = 'a: !!str 1\nb: !!float 2\nc:  !!int "3"\nd: !!bool yes\ne: !!null x\n' +
    "f: !!str 1.5 # comment\ng:\n- !!str 010\n- !!float '1e3'\nh: !!str a long value\n  wrapped\n";
  assert.ok(sameAsFull(text), "the fast reader gave up");
  const cfg = readFast(text, "c.yaml") as DictNode;
  const got = [...cfg.entries.values()].map((e) =>
    e.node.kind === "value" ? `${e.node.type}:${e.node.value}` : e.node.kind
  );
  assert.deepEqual(got, [
    "str:1",
    "float:2",
    "int:3",
    "bool:true",
    "null:null",
    "str:1.5",
    "list",
    "str:a long value wrapped",
  ]);
});

Deno.test("property: tagged scalars read fast as the full reader reads them, or not at all", () => {
  const tag = fc.constantFrom("!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str  ");
  fc.assert(
    fc.property(fc.array(fc.tuple(tag, piece), { minLength: 1, maxLength: 5 }), (pairs) => {
      const text = pairs.map(([t, v], i) => `k${i}: ${t}${v}`).join("\n") + "\n";
      try {
        sameAsFull(text);
      } catch (e) {
        // what the fast reader read, the full one reads too; an error is the full reader's alone
        if (readFast(text, "c.yaml") !== undefined) throw e;
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("the fast reader reads block scalars as the full reader does", () => {
  const text = "a: |\n  one\n    two\n\n  three\nb: >-\n  folded\n  line\n\n  para\n" +
    "c: |+\n  kept\n\n\nd: >\n  x\n    more\n  y\ne:\n- |\n  item # not a comment\n" +
    "- >+ # a comment\n   z\nf: |-\n  last";
  assert.ok(sameAsFull(text), "the fast reader gave up");
  const cfg = readFast(text, "c.yaml") as DictNode;
  const a = cfg.entries.get("a")!.node;
  assert.equal(a.kind === "value" && a.value, "one\n  two\n\nthree\n");
});

Deno.test("property: block scalars read fast as the full reader reads them, or not at all", () => {
  const header = fc.constantFrom("|", ">", "|-", ">-", "|+", ">+", "| # c", ">-  ");
  const bodyLine = fc.oneof(
    fc.constantFrom("", " ", "  ", "   "),
    fc.tuple(fc.constantFrom("", " ", "  "), piece).map(([sp, v]) => sp + v),
  );
  const doc = fc.tuple(
    fc.constantFrom(0, 2),
    fc.boolean(),
    header,
    fc.array(bodyLine, { minLength: 0, maxLength: 6 }),
    fc.constantFrom("", "next: 1\n", "# end\n", "\n"),
    fc.constantFrom(2, 3),
  );
  fc.assert(
    fc.property(doc, ([ind, dash, h, body, after, step]) => {
      const pad = " ".repeat(ind);
      const head = ind === 0 ? "" : "top:\n";
      const lead = dash ? `${pad}- ` : `${pad}k: `;
      const lines = body.map((l) => " ".repeat(ind + step) + l);
      const text = head + lead + h + "\n" + lines.join("\n") + (lines.length ? "\n" : "") +
        (ind === 0 ? after : "");
      try {
        sameAsFull(text);
      } catch (e) {
        if (readFast(text, "c.yaml") !== undefined) throw e;
      }
    }),
    { numRuns: 4000 },
  );
});

const tree = treeOf(["${a.b}", "x: y", "1e3", "yes", "", "a #b", "it's", 'q"', "-x", "~"]);

Deno.test("property: on emitted configs the fast reader equals the full reader", () => {
  fc.assert(
    fc.property(tree.filter((t) => t.kind !== "value"), (cfg) => {
      sameAsFull(toYaml(cfg));
    }),
    { numRuns: 500 },
  );
});

/** Keys and values near the reader's shortcuts: typed-looking first characters, indicators, quotes. */
const piece = fc.oneof(
  fc.string({
    unit: fc.constantFrom(..."ab _-:#'\"?.,[]{}&*!|>%@`yYnNtTfFoO019+e~<=$\\"),
    maxLength: 8,
  }),
  fc.constantFrom(
    "1",
    "1.5",
    "yes",
    "no",
    "null",
    "~",
    "???",
    "<<",
    "=",
    "0x1F",
    "1:30",
    "'q'",
    '"d"',
  ),
);

Deno.test("property: on raw block documents the fast reader equals the full reader or gives up", () => {
  const line = fc.tuple(
    fc.oneof(fc.constant(0), fc.nat({ max: 3 })),
    fc.oneof(fc.constant(false), fc.boolean()),
    piece,
    piece,
  );
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
      const text = lines.map(([ind, dash, k, v]) =>
        "  ".repeat(ind) + (dash ? "- " : "") + k + ":" + (v === "" ? "" : " " + v)
      ).join("\n") + "\n";
      sameAsFull(text);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("the fast reader reads long scalars wrapped as PyYAML wraps them", () => {
  const text = [
    "model:",
    "  description: a long description that goes past eighty characters",
    "    so it wraps",
    "  note: 'a quoted: one that",
    "    wraps too'",
    '  escaped: "tab\\there and',
    '    \\"more\\" \\',
    '    joined"',
    "",
  ].join("\n");
  assert.ok(sameAsFull(text), "the fast reader gave up");
  const cfg = readFast(text, "c.yaml");
  assert.deepEqual(
    toYaml(cfg as DictNode),
    [
      "model:",
      "  description: a long description that goes past eighty characters so it wraps",
      "  note: 'a quoted: one that wraps too'",
      '  escaped: "tab\\there and \\"more\\" joined"',
      "",
    ].join("\n"),
  );
});

Deno.test("property: on documents with wrapped scalars the fast reader equals the full reader or gives up", () => {
  const text = fc.oneof(piece, fc.stringMatching(/^[a-z][a-z' ]{0,8}[a-z]$/));
  const cont = fc.array(fc.tuple(fc.nat({ max: 4 }), text), { maxLength: 3 });
  const value = fc.oneof(
    fc.tuple(text, cont).map(([v, more]) => ({ v, more })),
    fc.tuple(fc.constantFrom("'", '"'), text, cont, fc.nat({ max: 4 }), text).map(
      ([q, a, more, ind, b]) => ({ v: q + a, more: [...more, [ind, b + q] as [number, string]] }),
    ),
  );
  // mostly top-level keys: a nested line after a scalar is an error, which says little here
  const line = fc.tuple(
    fc.constantFrom(0, 0, 0, 1),
    fc.constantFrom(false, false, true),
    piece,
    value,
  );
  let multi = 0;
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
      const text = lines.map(([ind, dash, k, { v, more }]) =>
        "  ".repeat(ind) + (dash ? "- " : "") + k + ": " + v +
        more.map(([i, m]) =>
          "\n" + " ".repeat(i) + m
        ).join("")
      ).join("\n") + "\n";
      if (sameAsFull(text) && lines.some(([, , , { more }]) => more.length > 0)) multi++;
    }),
    { numRuns: 4000 },
  );
  assert.ok(multi > 50, `only ${multi} documents with wrapped scalars took the fast path`);
});

Deno.test("the fast reader reads Windows line ends as the full reader does", () => {
  const text = "a: 1\r\nb:\r\n  c: long\r\n    text # note\r\n  d: 'x\r\n\r\n    y'\r\n";
  assert.ok(sameAsFull(text), "the fast reader gave up");
  assert.equal(readFast("a: x\rb: 1\n", "c.yaml"), undefined, "a lone CR is a line break too");
});

Deno.test("property: JSON, at the root or as a block value, is read fast and as the full reader reads it", () => {
  const doc = fc.jsonValue({ maxDepth: 4 }).filter((v) => typeof v === "object" && v !== null);
  let fast = 0, all = 0;
  fc.assert(
    fc.property(doc, fc.constantFrom(undefined, 1, 2, 4), fc.boolean(), (v, indent, nested) => {
      const json = JSON.stringify(v, null, indent);
      const text = nested ? "a:\n  b: " + json.replaceAll("\n", "\n   ") + "\nc: 1\n" : json;
      all++;
      if (sameAsFull(text)) fast++;
    }),
    { numRuns: 1500 },
  );
  assert.ok(fast >= all * 0.95, `only ${fast} of ${all} JSON documents took the fast path`);
});

Deno.test("the fast reader reads YAML flow collections over lines, and gives up on the rest", () => {
  for (
    const text of [
      '{"a":1,"b":[1.0,"x",null,true,{}],"c":{"d":[]}}',
      "a: {b: 1, c: [x, 'y z', -1, 1e-05]}\n",
      "- [1, [2, [3]]]\n- {k: {j: v}}\n",
      '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}\n',
      "a: [\n    1, 2\n  ]  # done\n",
      // as PyYAML reads them: a trailing comma, comments, lines at any indentation (vissl's lists)
      "a: {b: 1,}\n",
      "a: [1, 2,]\n",
      "a: {b: 1, # c\n  d: 2}\n",
      'a: {\n"b": 1}\n',
      "a: [\n1]\n",
      'PARAMS: [\n  ["mlp", {"dims": [2048, 2048], "use_relu": True}],\n  ["mlp", {"dims": [2]}],\n]\nx: 1\n',
      "a:\n  b: [\n 1, # c\n 2 # d\n]\n  c: 3\n",
      "a: [#c\n 1]\n",
      "- [\n  a,\n]\n- b\n",
      "a: [\n  # only\n]\n",
    ]
  ) assert.ok(sameAsFull(text), JSON.stringify(text));
  for (
    const text of [
      "{a: 1} x\n",
      '{"a": 1}\n---\n',
      "[a\n b]\n",
      "a: [,]\n",
      "a: [1,,]\n",
      "a: [x#c]\n",
      "a: [\n---\n]\n",
    ]
  ) {
    assert.equal(readFast(text, "c.yaml"), undefined, JSON.stringify(text));
  }
});

Deno.test("property: flow collections with comments, trailing commas and lines at any indentation read as the full reader reads them", () => {
  // between tokens: what PyYAML skips there (spaces, line breaks at any indentation, comments)
  const gap = fc.constantFrom(" ", "", "\n", "\n  ", "\n    ", " # c\n", "\n# c\n  ", "  #c\n ");
  const scalar = fc.constantFrom("1", "x", "'q s'", '"d"', "1.5", "true", "null", "a b");
  type Flow = string | Flow[];
  const flow: fc.Arbitrary<Flow> = fc.letrec<{ v: Flow }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("v"), { maxLength: 3 }),
    ),
  })).v;
  const write = (v: Flow, gaps: string[], map: boolean, comma: boolean): string => {
    if (typeof v === "string") return v;
    const g = () => gaps[(gaps.length && v.length) % gaps.length] ?? " ";
    const items = v.map((x, i) => (map ? `k${i}: ` : "") + write(x, gaps.slice(1), !map, comma));
    const [open, close] = map ? ["{", "}"] : ["[", "]"];
    return open + g() + items.join("," + g()) + (comma && items.length > 0 ? "," : "") + g() +
      close;
  };
  let fast = 0, all = 0;
  fc.assert(
    fc.property(
      fc.array(flow, { minLength: 1, maxLength: 3 }),
      fc.array(gap, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      (v, gaps, map, comma, nested) => {
        const value = write(v, gaps, map, comma);
        const text = nested
          ? `outer:\n  key: ${value}\n  after: 1\nlast: 2\n`
          : `key: ${value}\nlast: 2\n`;
        all++;
        if (sameAsFull(text)) fast++;
      },
    ),
    { numRuns: 1500 },
  );
  assert.ok(fast >= all * 0.5, `only ${fast} of ${all} flow documents took the fast path`);
});
