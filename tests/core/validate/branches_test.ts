import assert from "node:assert/strict";
import { branchesAt, pointerUp } from "../../../core/validate/branches.ts";

Deno.test("branchesAt: data levels through items, tuple items and nested branches", () => {
  const inner = { properties: { x: { type: "object" } } };
  const outer = {
    properties: {
      list: { items: { oneOf: [inner] } },
      tuple: { items: [{ type: "string" }, { type: "object" }] },
    },
  };
  const root = { anyOf: [outer] };
  assert.deepEqual(
    branchesAt(root, "#/anyOf/0/properties/list/items/oneOf/0/properties/x"),
    [{ schema: outer, up: 3 }, { schema: inner, up: 1 }],
  );
  assert.deepEqual(branchesAt(root, "#/anyOf/0/properties/tuple/items/1"), [
    { schema: outer, up: 2 },
  ]);
  // A keyword ajv paths through that is not followed here: unknown, not guessed.
  assert.equal(branchesAt(root, "#/anyOf/0/$defs/x"), undefined);
  // Escaped segments: a property named "a/b c".
  const named = { properties: { "a/b c": {} } };
  assert.deepEqual(branchesAt({ oneOf: [named] }, "#/oneOf/0/properties/a~1b%20c"), [
    { schema: named, up: 1 },
  ]);
  assert.equal(pointerUp("/a/list/0/x", 3), "/a");
});
