import assert from "node:assert/strict";
import { readFast } from "../../../core/yaml/fast.ts";
import { readFull } from "../../../core/yaml/full.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { type Node, originOf } from "../../../core/node.ts";
import { keyOrigin } from "../../../core/yaml/columns.ts";
import { thrown } from "../../_errors.ts";

/** Where each key's value is, as `line:col`. */
function cols(n: Node, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (n.kind === "list") n.items.forEach((x, i) => Object.assign(out, cols(x, `${prefix}${i}.`)));
  if (n.kind !== "dict") return out;
  for (const e of n.entries.values()) {
    const key = prefix + String(e.key);
    const o = originOf(e.node.origin);
    out[key] = `${o?.line}:${o?.col}`;
    Object.assign(out, cols(e.node, key + "."));
  }
  return out;
}

// PyYAML counts characters: `b: "😀😀", c: 1` puts c's value at column 17 (UTF-16 units: 19).
const TEXT = 'a: {b: "😀😀", c: 1}\nd: 😀 x\ne: [😀, 😀, {f: "😀", g: 2}]\n';
const PYYAML = {
  "a": "1:4",
  "a.b": "1:8",
  "a.c": "1:17",
  "d": "2:4",
  "e": "3:4",
  "e.2.f": "3:15",
  "e.2.g": "3:23",
};

Deno.test("columns: after a non-BMP character both readers count characters, as PyYAML", () => {
  const fast = readFast(TEXT, "c.yaml");
  assert.ok(fast, "the fast reader reads it");
  const full = readFull(TEXT, "c.yaml");
  assert.ok(!full.empty);
  assert.deepEqual(cols(fast), PYYAML);
  assert.deepEqual(cols(full.root), PYYAML);
});

Deno.test("columns: YAML syntax errors and forbidden characters after 😀 count characters", () => {
  const syntax = thrown(() => loadYaml('a: 1\nb: "😀😀" x\n', { file: "c.yaml" }));
  assert.deepEqual(syntax.origin, { file: "c.yaml", line: 2, col: 9 });
  const flow = thrown(() => loadYaml("a: 1\nb: {😀😀: 1, c: [, ]}\n", { file: "c.yaml" }));
  assert.deepEqual(flow.origin, { file: "c.yaml", line: 2, col: 16 });
  const control = thrown(() => loadYaml("a: 1\nb: 😀😀\x01\n", { file: "c.yaml" }));
  assert.deepEqual(control.origin, { file: "c.yaml", line: 2, col: 6 });
});

Deno.test("keyOrigin: a quoted key is found by its value, escapes and all", () => {
  const text = 'a: 1\n"a\\tb": 1\nx: {"e\\x41": 1, \'it\'\'s\': 2}\n"C:\\\\d":  3\n"q\\"": 4\n';
  const at = (line: number, col: number, key: string) =>
    keyOrigin(text, { file: "f", line, col }, key);
  assert.deepEqual(at(2, 9, "a\tb"), { file: "f", line: 2, col: 1 });
  assert.deepEqual(at(3, 14, "eA"), { file: "f", line: 3, col: 5 });
  assert.deepEqual(at(3, 26, "it's"), { file: "f", line: 3, col: 17 });
  assert.deepEqual(at(4, 11, "C:\\d"), { file: "f", line: 4, col: 1 });
  assert.deepEqual(at(5, 8, 'q"'), { file: "f", line: 5, col: 1 });
  // a quoted text that reads as another key is not it
  assert.equal(at(2, 9, '"a\\tb"'), undefined);
});
