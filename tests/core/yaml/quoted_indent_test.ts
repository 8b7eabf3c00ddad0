import assert from "node:assert/strict";
import { reindentQuoted } from "../../../core/yaml/quoted_indent.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toContainer } from "../../../core/container.ts";

Deno.test("reindentQuoted: thousands of quoted scalars over unindented lines, indented in one pass", () => {
  // PyYAML reads each as one value; npm:yaml needs the lines indented past the quote
  const n = 3000;
  let text = "top:\n", want = "top:\n";
  const values: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const q = i % 2 === 0 ? '"' : "'";
    text += `  k${i}: ${q}first ${i}\nsecond\n  third${q}\n`;
    // past the quote: `  k${i}: ` and one more
    const pad = " ".repeat(`  k${i}: `.length + 1);
    want += `  k${i}: ${q}first ${i}\n${pad}second\n${pad.slice(2)}  third${q}\n`;
    values[`k${i}`] = `first ${i} second third`;
  }
  const r = reindentQuoted(text);
  assert.equal(r?.text, want);
  assert.equal(r?.error, undefined);
  // each scalar's two continuation lines: lines 2 and 3 of its three
  assert.equal(r?.added.size, 2 * n);
  // line 0 is `top:`
  assert.equal(r?.added.get(2), `  k0: `.length + 1);
  assert.equal(r?.added.get(3), `  k0: `.length + 1 - 2);
  assert.deepEqual(toContainer(loadYaml(text, { file: "c.yaml" })), { top: values });
});

Deno.test("reindentQuoted: a scalar after one indented, on its last line, is indented past its own quote", () => {
  // PyYAML: {a: [x y, p q]}; the second scalar starts on a line the first one's indenting moved
  const r = reindentQuoted('a: ["x\ny", "p\nq"]\n');
  assert.equal(r?.text, 'a: ["x\n     y", "p\n          q"]\n');
  assert.deepEqual([...r!.added], [[1, 5], [2, 10]]);
  // an unclosed one is PyYAML's error, at the indented text's offsets
  const e = reindentQuoted('a: "x\ny"\nb: "z\n');
  assert.equal(e?.error?.message, "unexpected end of stream");
  assert.equal(e?.error?.scalarStart, 16);
  assert.equal(e?.text, 'a: "x\n    y"\nb: "z\n');
});

Deno.test("a quoted scalar's closing quote alone at the start of the last line closes it, as in PyYAML", () => {
  // each expected value is what PyYAML 6.0 gave; the closing quote was read as an open one
  const cases: [string, unknown][] = [
    ["a: 'x\n'\n", { a: "x " }],
    ['a: "x\n"', { a: "x " }],
    ["a: '\n\n'\n", { a: "\n" }],
    ["- 'x\n'\n", ["x "]],
    ["a: 'x\n'\nb: 'y\n'\n", { a: "x ", b: "y " }],
    ['a: "q\\\n\n  \n"\n', { a: "q\n\n" }],
    ["a: '\u2028'\n", { a: "\u2028" }],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(toContainer(loadYaml(text)), want, JSON.stringify(text));
  }
});
