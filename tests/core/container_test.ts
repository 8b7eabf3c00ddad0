import assert from "node:assert/strict";
import { toContainer, toJson } from "../../core/container.ts";
import { dict, float, int, list, missing, nil, str } from "../../core/node.ts";

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
