import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { createConfig, toYaml as configToYaml } from "../../../mod.ts";
import { toYaml, toYamlGeneral } from "../../../core/yaml/emit.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import {
  bool,
  dict,
  float,
  FloatKey,
  int,
  list,
  missing,
  nil,
  type Node,
  str,
} from "../../../core/node.ts";

const y = (text: string, sortKeys = false) => toYaml(loadYaml(text), { sortKeys });

Deno.test("strings that read back as bool/int/float/null/date are single-quoted", () => {
  assert.equal(
    y("a: 'y'\nb: 'n'\nc: '1e3'\nd: '5e-5'\ne: 'yes'\nf: '0x10'\ng: '2024-01-15'\nh: 'null'\ni: '1:30'"),
    "a: 'y'\nb: 'n'\nc: '1e3'\nd: '5e-5'\ne: 'yes'\nf: '0x10'\ng: '2024-01-15'\nh: 'null'\ni: '1:30'\n",
  );
  assert.equal(y("a: ???\nb: None\nc: 0.5e\nd: ${x.y}"), "a: ???\nb: None\nc: 0.5e\nd: ${x.y}\n");
  // PyYAML 6's dumper wants a digit after a leading dot for a float: `._` and `._5` stay plain
  // (OmegaConf.to_yaml, checked with python3-omegaconf 2.2.2 / PyYAML 6.0)
  assert.equal(
    toYaml(dict([["a", str("._")], ["b", str("._5")], ["c", str(".5")], ["d", str(".1_")]])),
    "a: ._\nb: ._5\nc: '.5'\nd: '.1_'\n",
  );
});

Deno.test("floats as PyYAML writes them", () => {
  assert.equal(
    toYaml(
      dict([["a", float(1e-5)], ["b", float(1e20)], ["c", float(Infinity)], ["d", float(NaN)], [
        "e",
        float(1000),
      ], ["f", float(-0)]]),
    ),
    "a: 1.0e-05\nb: 1.0e+20\nc: .inf\nd: .nan\ne: 1000.0\nf: -0.0\n",
  );
});

Deno.test("indicators, whitespace and special characters choose the quoting style", () => {
  assert.equal(
    y("a: 'a: b'\nb: ' lead'\nc: ''\nd: \"tab\\there\"\ne: \"bell\\a\"\nf: q's"),
    "a: 'a: b'\nb: ' lead'\nc: ''\nd: \"tab\\there\"\ne: \"bell\\a\"\nf: q's\n",
  );
});

Deno.test("multi-line strings are single-quoted with doubled newlines", () => {
  assert.equal(y('a: "line1\\nline2\\n"\nb: x'), "a: 'line1\n\n  line2\n\n  '\nb: x\n");
});

Deno.test("long strings fold at width 80; keys of 128+ characters use ? syntax", () => {
  const words = Array(30).fill("word").join(" ");
  assert.equal(
    toYaml(dict([["a", str(words)]])),
    "a: " + Array(16).fill("word").join(" ") + "\n  " + Array(14).fill("word").join(" ") + "\n",
  );
  const k = "k".repeat(130);
  assert.equal(toYaml(dict([[k, int(1)]])), `? ${k}\n: 1\n`);
  assert.equal(toYaml(dict([["", int(1)]])), "? ''\n: 1\n");
});

Deno.test("unicode is written as is; empty containers inline; nested lists", () => {
  assert.equal(y('name: café\nемодзи: "\\U0001F600"'), "name: café\nемодзи: 😀\n");
  assert.equal(
    y("a: {}\nb: []\nm: [[1, 2], [], [[3]]]"),
    "a: {}\nb: []\nm:\n- - 1\n  - 2\n- []\n- - - 3\n",
  );
  assert.equal(toYaml(dict()), "{}\n");
  assert.equal(toYaml(list()), "[]\n");
  assert.equal(y("items:\n  - name: a\n    v: [x]"), "items:\n- name: a\n  v:\n  - x\n");
});

Deno.test("non-string keys and sort_keys", () => {
  assert.equal(
    toYaml(dict([[true, str("a")], [new FloatKey(1.5), str("b")], [2, nil()], [null, missing()]])),
    "true: a\n1.5: b\n2: null\nnull: ???\n",
  );
  assert.equal(y("z: 1\na: 2\nm:\n  y: 1\n  b: 2", true), "a: 2\nm:\n  b: 2\n  'y': 1\nz: 1\n");
  // str and int keys cannot be compared in Python: the order is kept
  assert.equal(toYaml(dict([["b", int(1)], [1, int(2)]]), { sortKeys: true }), "b: 1\n1: 2\n");
});

Deno.test("!!binary values are written as a base64 literal block", () => {
  assert.equal(y("a: !!binary aGVsbG8=\nb: 1"), "a: !!binary |\n  aGVsbG8=\nb: 1\n");
});

const text = fc.array(
  fc.constantFrom(
    "a",
    " ",
    ":",
    "#",
    "-",
    "'",
    '"',
    "\n",
    "\t",
    "é",
    "1",
    "e",
    ".",
    "?",
    "${x}",
    "y",
    "\\",
    "[",
    ",",
    "!",
    "~",
    "word ",
  ),
  { maxLength: 12 },
).map((a) => a.join(""));
const leaf: fc.Arbitrary<Node> = fc.oneof(
  text.map((s) => str(s)),
  fc.integer().map((i) => int(i)),
  fc.double().map((d) => float(d)),
  fc.boolean().map((b) => bool(b)),
  fc.constant(nil()),
  fc.constant(missing()),
);
const { tree } = fc.letrec<{ tree: Node; container: Node }>((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, leaf, tie("container")),
  container: fc.oneof(
    fc.array(fc.tuple(text, tie("tree")), { maxLength: 4 }).map((es) => dict(es)),
    fc.array(tie("tree"), { maxLength: 4 }).map((items) => list(items)),
  ),
}));

Deno.test("property: toYaml → loadYaml → toYaml is a fixed point", () => {
  fc.assert(
    fc.property(tree.filter((t) => t.kind !== "value"), (cfg) => {
      const once = toYaml(cfg);
      const again = toYaml(loadYaml(once));
      assert.equal(again, once);
      assert.equal(toYaml(loadYaml(once, { reader: "full" })), once);
    }),
    { numRuns: 400 },
  );
});

/** Strings near the fast path's edges: indicators, quotes, spaces, resolver look-alikes, width. */
const edgyText = fc.oneof(
  text,
  fc.string({
    unit: fc.constantFrom(..."ab -:#'?.,[]{}&*!|>%@`yYnNtTfFoOiI0123456789+e_~<=\x7f\x1f"),
  }),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
  fc.string({ maxLength: 100 }),
  fc.constantFrom(
    "---x",
    "...x",
    "- a",
    "-a",
    "?a",
    "? a",
    ":a",
    "a:",
    "a :b",
    "x #y",
    "x#y",
    "inf",
    "-Infinity",
    "NaN",
    "1_000",
    "1:30",
    "0x1F",
    "2024-01-15",
    "null",
    "~",
    "<<",
    "=",
    "on",
    "Off",
    " 1",
    "1 ",
    "a".repeat(127),
    "a".repeat(128),
    "a b".repeat(40),
  ),
);

Deno.test("property: the fast path writes what PyYAML's full analysis writes", () => {
  const deepText = fc.tuple(fc.nat({ max: 6 }), edgyText);
  fc.assert(
    fc.property(fc.array(fc.tuple(deepText, deepText), { maxLength: 6 }), (pairs) => {
      // each value nested `depth` levels, so scalars start at many columns
      const cfg = dict(pairs.map(([[depth, key], [, value]]) => {
        let node: Node = str(value);
        for (let i = 0; i < depth; i++) node = i % 2 ? list([node]) : dict([[key, node]]);
        return [key, node];
      }));
      assert.equal(toYaml(cfg), toYamlGeneral(cfg));
    }),
    { numRuns: 3000 },
  );
});

Deno.test("property: numbers, bools and nulls are written as the full analysis writes them", () => {
  const num = fc.oneof(
    fc.double().map((d) => float(d)),
    fc.integer().map((i) => int(i)),
    fc.bigInt().map((i) => int(i)),
    fc.constantFrom(1e-4, 9.999e-5, 1e16, 9999999999999998, 0.1, -0, 123.0).map((d) => float(d)),
    fc.boolean().map((b) => bool(b)),
    fc.constant(nil()),
    fc.constant(missing()),
  );
  fc.assert(
    fc.property(fc.array(num, { maxLength: 8 }), (items) => {
      const cfg = dict([
        ["l", list(items)],
        ...items.map((n, i) => [`k${i}`, n] as [string, Node]),
      ]);
      assert.equal(toYaml(cfg), toYamlGeneral(cfg));
    }),
    { numRuns: 1000 },
  );
});

Deno.test("U+2028, U+2029 and NEL in a value: single-quoted with a line break, as PyYAML writes them", () => {
  // python3-omegaconf 2.2.2's OmegaConf.to_yaml of the same values
  const cfg = dict([
    ["a", str("x\u2028y")],
    ["b", str("x\u2029y")],
    ["c", str("\u2028")],
    ["d", str("x\x85y")],
    ["g", str("x\u2028y\nz")],
    ["h", str("tab\t\u2028")],
    ["k\u2028", int(1)],
  ]);
  assert.equal(
    toYaml(cfg),
    "a: 'x\u2028  y'\nb: 'x\u2029  y'\nc: '\u2028  '\nd: 'x\x85  y'\ng: 'x\u2028  y\n\n  z'\n" +
      'h: "tab\\t\\L"\n' + "? 'k\u2028  '\n: 1\n",
  );
});

Deno.test("to_yaml: a Map's NaN and Infinity keys are floats, as OmegaConf writes them", () => {
  // python3-omegaconf: to_yaml({nan: 1, inf: 2, -inf: 3, 1.5: 4, 2: 5})
  const cfg = createConfig(
    new Map<number, number>([[NaN, 1], [Infinity, 2], [-Infinity, 3], [1.5, 4], [2, 5]]),
  );
  assert.equal(configToYaml(cfg), ".nan: 1\n.inf: 2\n-.inf: 3\n1.5: 4\n2: 5\n");
});
