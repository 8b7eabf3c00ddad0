import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { jsonKey, jsonScalar, toContainer, toJson } from "../../core/container.ts";
import { dict, float, int, list, missing, nil, type Node, str } from "../../core/node.ts";
import { loadYaml } from "../../core/yaml/load.ts";

Deno.test("toContainer: plain data, ??? stays a string, non-string keys give a Map", () => {
  assert.deepEqual(toContainer(dict([["a", list([int(1), float(2.5)])], ["m", missing()]])), {
    a: [1, 2.5],
    m: "???",
  });
  const m = toContainer(dict([[1, str("one")]]));
  assert.ok(m instanceof Map && m.get(1) === "one");
});

Deno.test("toJson: floats keep their Python form, non-finite as strings (valid JSON)", () => {
  const text = toJson(
    dict([["x", float(1)], ["y", float(1e-5)], ["z", float(Infinity)], ["n", nil()]]),
  );
  assert.equal(text, '{"x": 1.0, "y": 1e-05, "z": "inf", "n": null}');
  assert.deepEqual(JSON.parse(text), { x: 1, y: 1e-5, z: "inf", n: null });
  assert.equal(toJson(dict([[true, int(1)]])), '{"true": 1}');
});

/** toJson as it was written first (one string per level), the reference for the buffered one. */
function referenceJson(node: Node, indent?: number): string {
  const pad = (depth: number) => indent === undefined ? "" : "\n" + " ".repeat(indent * depth);
  const sep = indent === undefined ? ", " : ",";
  const walk = (n: Node, depth: number): string => {
    if (n.kind === "list") {
      if (n.items.length === 0) return "[]";
      return "[" + n.items.map((i) => pad(depth + 1) + walk(i, depth + 1)).join(sep) +
        pad(depth) + "]";
    }
    if (n.kind === "dict") {
      if (n.entries.size === 0) return "{}";
      const parts = [...n.entries.values()].map((e) =>
        pad(depth + 1) + JSON.stringify(jsonKey(e.key)) + ": " + walk(e.node, depth + 1)
      );
      return "{" + parts.join(sep) + pad(depth) + "}";
    }
    return jsonScalar(n);
  };
  return walk(node, 0);
}

Deno.test("property: toJson writes what the one-string-per-level reference writes", () => {
  const leaf = fc.oneof(
    fc.double().map((d) => float(d)),
    fc.integer().map((i) => int(i)),
    fc.oneof(fc.string(), fc.string({ unit: "binary" })).map((s) => str(s)),
    fc.constant(nil()),
  );
  const { tree } = fc.letrec<{ tree: Node }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(fc.tuple(fc.string({ unit: "binary", maxLength: 3 }), tie("tree")), { maxLength: 4 })
        .map((es) => dict(es)),
      fc.array(tie("tree"), { maxLength: 4 }).map((items) => list(items)),
    ),
  }));
  fc.assert(
    fc.property(tree, fc.constantFrom(undefined, 0, 2), (t, indent) => {
      assert.equal(toJson(t, indent), referenceJson(t, indent));
    }),
    { numRuns: 1000 },
  );
  const wide = list(Array.from({ length: 20000 }, (_, i) => int(i)));
  assert.equal(toJson(wide, 2), referenceJson(wide, 2), "past one run of 8192 pieces");
});

Deno.test("toJson: a non-finite float key is written as json.dumps writes it (Infinity, NaN)", () => {
  const c = loadYaml(".inf: 1\n-.inf: 2\n.nan: 3\n");
  assert.equal(toJson(c), '{"Infinity": 1, "-Infinity": 2, "NaN": 3}');
});
