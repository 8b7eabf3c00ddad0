import assert from "node:assert/strict";
import { SharedKeys } from "../../../core/yaml/fast_keys.ts";

Deno.test("shared keys: a repeat is the first read's object, with its canonical form", () => {
  const keys = new SharedKeys();
  const lr = keys.of("lr");
  assert.deepEqual(lr, { key: "lr", canon: "lr" });
  assert.equal(keys.of("lr"), lr);
});

Deno.test("shared keys: a flood of distinct keys turns sharing off; repeats among them keep it on", () => {
  const flood = new SharedKeys();
  for (let i = 0; i < 2 * 65536; i++) flood.of(`key_${i}`);
  assert.notEqual(flood.of("key_0"), flood.of("key_0"), "off: no table is asked");
  assert.equal(flood.of("key_0").canon, "key_0");
  const mixed = new SharedKeys();
  const common = ["idx", "lr", "name", "list", "deep", "a", "b"];
  for (let i = 0; i < 2 * 65536; i++) {
    mixed.of(`s${i}`);
    for (const k of common) mixed.of(k);
  }
  assert.equal(mixed.of("lr"), mixed.of("lr"), "most lookups hit: still shared");
});
