import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { type Node, originOf } from "../../../core/node.ts";
import { thrown } from "./_util.ts";

/** `line:col` of the node at `path` (keys and list indices) of `text` read. */
const at = (text: string, ...path: (string | number)[]) => {
  let n: Node = loadYaml(text, { file: "c.yaml" });
  for (const k of path) {
    if (n.kind === "dict") n = [...n.entries.values()].find((e) => e.key === k)!.node;
    else if (n.kind === "list") n = n.items[k as number];
  }
  const o = originOf(n.origin);
  return `${o?.line}:${o?.col}`;
};

/** `line:col` of the error of reading `text`, and the message. */
const error = (text: string) => {
  const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
  return `${e.origin?.line}:${e.origin?.col} ${e.message}`;
};

// every expected place below is PyYAML's node start_mark (yaml.compose)
Deno.test("a node with a tag or an anchor starts at its first prop, as PyYAML marks it", () => {
  assert.equal(at("a: !!str x\n", "a"), "1:4");
  assert.equal(at("a: &x x\n", "a"), "1:4");
  assert.equal(at("a: &x !!str  y\n", "a"), "1:4");
  assert.equal(at("- !!int 1\n- &b 2\n", 1), "2:3");
  assert.equal(at("a: &m\n  b: 1\n", "a"), "1:4");
  assert.equal(at("a: !!map # c\n  b: 1\n", "a"), "1:4");
  assert.equal(at("a: &s\n  - 1\n", "a"), "1:4");
  assert.equal(at("a: &m {b: 1}\n", "a"), "1:4");
  assert.equal(at("[!!str a, &x b: c]\n", 1), "1:11");
  assert.equal(at("--- !!map\na: 1\n"), "1:5");
  // a mapping starts where its first key does, the key's props included
  assert.equal(at("x:\n  !!str k: 1\n", "x"), "2:3");
  assert.equal(at("&k k: 1\n"), "1:1");
  // an empty node: at its props too
  assert.equal(at("x: !!str\ny: 1\n", "x"), "1:4");
  assert.equal(at("{a: !!str , b: &x }\n", "b"), "1:16");
});

Deno.test("errors on tagged and anchored nodes are located as PyYAML locates them", () => {
  assert.equal(error("a: !!int x\n"), "1:4 invalid literal for int(): 'x'");
  assert.equal(error("x: !!int\n  y\n"), "1:4 invalid literal for int(): 'y'");
  assert.equal(
    error("a: 1\n!!str a: 2\n"),
    "2:1 while constructing a mapping (at 1:1): found duplicate key a",
  );
  assert.equal(
    error("a: 1\n&x a: 2\n"),
    "2:1 while constructing a mapping (at 1:1): found duplicate key a",
  );
  assert.equal(
    error("x:\n  a: 1\n  ? !!str a\n  : 2\n"),
    "3:5 while constructing a mapping (at 2:3): found duplicate key a",
  );
  assert.equal(
    error("- &x !!map\n  a: 1\n  a: 2\n"),
    "3:3 while constructing a mapping (at 1:3): found duplicate key a",
  );
  assert.equal(
    error("a: {b: 1, !!str b: 2}\n"),
    "1:11 while constructing a mapping (at 1:4): found duplicate key b",
  );
  // complex keys were right already: the key after '? '
  assert.equal(
    error("a: 1\n?   a\n: 2\n"),
    "2:5 while constructing a mapping (at 1:1): found duplicate key a",
  );
});
