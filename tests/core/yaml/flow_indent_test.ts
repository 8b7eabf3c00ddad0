/**
 * Flow collections whose following lines are not indented past their key:
 * PyYAML (and so OmegaConf) reads them at any indent, npm:yaml does not, and
 * the full reader indents them (core/yaml/flow_indent.ts). Values, places
 * and errors are PyYAML 6's (checked with /usr/bin/python3 -c 'import yaml').
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { reindentFlow } from "../../../core/yaml/flow_indent.ts";
import { type Node, originOf } from "../../../core/node.ts";
import { plain } from "./_util.ts";

/** Loaded by both readers (the fast one hands these to the full one), the same. */
const both = (text: string) => {
  const fast = loadYaml(text, { file: "c.yaml" });
  const full = loadYaml(text, { file: "c.yaml", reader: "full" });
  assert.deepEqual(plain(fast), plain(full));
  return { v: plain(full), root: full };
};

const at = (n: Node | undefined) => {
  const o = originOf(n?.origin);
  return `${o?.line}:${o?.col}`;
};
const get = (n: Node, ...path: (string | number)[]): Node => {
  for (const p of path) {
    if (n.kind === "dict") n = [...n.entries.values()].find((e) => e.key === p)!.node;
    else if (n.kind === "list") n = n.items[p as number];
  }
  return n;
};

Deno.test("flow collections: following lines at column 1 load as in PyYAML", () => {
  assert.deepEqual(both("a: [1,\n2]\n").v, { a: [["int", 1], ["int", 2]] });
  assert.deepEqual(both("a: {x: 1,\ny: 2}\nb: 3\n").v, {
    a: { x: ["int", 1], y: ["int", 2] },
    b: ["int", 3],
  });
  // nested, in a block sequence, in a nested mapping, closing bracket at column 1
  assert.deepEqual(both("- [1,\n2]\n- {a: [x,\ny], b: {c:\n1}\n}\n").v, [
    [["int", 1], ["int", 2]],
    { a: [["str", "x"], ["str", "y"]], b: { c: ["int", 1] } },
  ]);
  assert.deepEqual(both("p:\n  q: [1,\n 2,\n\n   3\n]\n  r: 4\ns: 5\n").v, {
    p: { q: [["int", 1], ["int", 2], ["int", 3]], r: ["int", 4] },
    s: ["int", 5],
  });
});

Deno.test("flow collections: comments, quotes and plain scalars over lines inside", () => {
  assert.deepEqual(
    both("a: [1, # a ] in a comment\n'x]',\n\"y\n}\", p\nq, it's,\n[z]]\nb: 2\n").v,
    {
      a: [["int", 1], ["str", "x]"], ["str", "y }"], ["str", "p q"], ["str", "it's"], [
        ["str", "z"],
      ]],
      b: ["int", 2],
    },
  );
  // a comment line at column 1 ends a plain scalar (npm:yaml reads the collection whole but refuses it)
  assert.deepEqual(both("a: {k: x\n#c\n   }\nb: 2\n").v, { a: { k: ["str", "x"] }, b: ["int", 2] });
});

Deno.test("flow collections: places are the file's, not the indented copy's", () => {
  const { root } = both('a: [1,\n2, [3,\n4]]\nb: {x: 1,\ny: "z\n😀", w: 5}\n');
  assert.equal(at(get(root, "a")), "1:4");
  assert.equal(at(get(root, "a", 1)), "2:1");
  assert.equal(at(get(root, "a", 2)), "2:4");
  assert.equal(at(get(root, "a", 2, 1)), "3:1");
  assert.equal(at(get(root, "b", "y")), "5:4");
  assert.equal(at(get(root, "b", "w")), "6:8");
});

Deno.test("flow collections PyYAML refuses stay errors, at their place", () => {
  const err = (text: string) => {
    try {
      loadYaml(text, { file: "c.yaml" });
    } catch (e) {
      const o = (e as { origin?: { line?: number; col?: number } }).origin;
      return `${o?.line}:${o?.col}: ${(e as Error).message}`;
    }
    assert.fail(`no error: ${JSON.stringify(text)}`);
  };
  // never closed: no hint at indentation, which PyYAML does not care about
  assert.equal(
    err("a: [1,\n2\nb: 3\n"),
    "1:4: unclosed flow sequence: expected ',' or ']', but found '2' (at 2:1)",
  );
  // a document separator, the wrong bracket
  assert.match(err("a: [1,\n---\n]\n"), /^1:4: unclosed flow sequence/);
  assert.match(err("a: [{x: 1,\n]}\n"), /^1:5: unclosed flow mapping: .* found '\]' \(at 2:1\)$/);
  // after a collection that was indented: the column of the file
  assert.equal(
    err("a: [1,\n2] x\n"),
    `2:4: expected <block end>, but found '<scalar>': text after the value that ends before it (quote the whole value; inside '...' a ' is written '')`,
  );
});

Deno.test("reindentFlow: only lines left of their bracket, only when PyYAML closes them", () => {
  assert.equal(reindentFlow("a: [1,\n    2]\n"), undefined);
  assert.equal(reindentFlow("a: [1,\n2\n"), undefined);
  assert.equal(reindentFlow("a: [1,\n\t2]\n"), undefined);
  assert.equal(reindentFlow("a: |\n  [1,\nb: 2]\n"), undefined);
  // the second one is indented past its bracket already: left as it is
  const r = reindentFlow("- [1,\n2]\n- {a: 1,\n   b: 2}\n- [3,\n 4]\n");
  assert.equal(r?.text, "- [1,\n   2]\n- {a: 1,\n   b: 2}\n- [3,\n   4]\n");
  assert.deepEqual([...r!.added], [[1, 3], [5, 2]]);
});
