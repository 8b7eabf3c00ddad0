import assert from "node:assert/strict";
import {
  NODE,
  NodeKind,
  OV,
  overrideEngineStats,
  parseOverridesRaw,
  Status,
} from "../../asm/override.ts";
import { parseOverrides } from "../../core/override/parse.ts";

Deno.test("a batch is one WASM call, whatever its size", () => {
  const texts = Array.from({ length: 5000 }, (_, i) => `model.layer_${i}=${i},${i + 1}`);
  const before = overrideEngineStats.calls;
  const os = parseOverrides(texts);
  assert.equal(overrideEngineStats.calls - before, 1);
  assert.equal(os.length, 5000);
  assert.equal(os[4999].key, "model.layer_4999");
  assert.equal(os[4999].valueType, "SIMPLE_CHOICE_SWEEP");
});

Deno.test("the result table: records, preorder nodes, offsets into the joined text", () => {
  const raw = parseOverridesRaw(["a=1", "+b@p=[x,'y z']", "c=)"]);
  assert.equal(raw.ovs.length, 3 * OV);
  // override 1: add, key b, package p, root is a Value node holding a list
  const r = OV;
  assert.equal(raw.ovs[r + 1], 1);
  assert.equal(raw.text.slice(raw.ovs[r + 2], raw.ovs[r + 3]), "b");
  assert.equal(raw.text.slice(raw.ovs[r + 4], raw.ovs[r + 5]), "p");
  const root = raw.ovs[r + 6];
  assert.equal(raw.nodes[root * NODE], NodeKind.Value);
  assert.equal(raw.nodes[(root + 1) * NODE], NodeKind.List);
  assert.equal(raw.nodes[(root + 1) * NODE + 1], 3); // the list and its two items
  const q = (root + 3) * NODE;
  assert.equal(raw.nodes[q], NodeKind.QuotedSingle);
  assert.equal(raw.text.slice(raw.nodes[q + 2], raw.nodes[q + 3]), "y z");
  // override 2 failed where ')' is
  assert.equal(raw.ovs[2 * OV], Status.Syntax);
  assert.equal(raw.ovs[2 * OV + 7] - raw.starts[2], 2);
});

Deno.test("escaped text is unescaped into the arena; non-ASCII stays UTF-16", () => {
  const raw = parseOverridesRaw(["k=a\\ b", "k='日本'"]);
  const n = raw.ovs[6];
  const s = (n + 1) * NODE;
  assert.equal(raw.nodes[s], NodeKind.Arena);
  assert.equal(
    String.fromCharCode(...raw.arena.subarray(raw.nodes[s + 2], raw.nodes[s + 3])),
    "a b",
  );
  const q = (raw.ovs[OV + 6] + 1) * NODE;
  assert.equal(raw.text.slice(raw.nodes[q + 2], raw.nodes[q + 3]), "日本");
});
