import assert from "node:assert/strict";
import { engineMerge, engineStats } from "../../asm/engine.ts";
import { dict, int, list, missing, str } from "../../core/node.ts";

Deno.test("engine merge: deep-merges dicts, keeps key order, appends new keys", () => {
  const a = dict([["a", int(1)], ["d", dict([["x", int(1)], ["y", int(2)]])]]);
  const b = dict([["d", dict([["y", str("z")]])], ["b", int(2)]]);
  const r = engineMerge([a, b]);
  assert.ok(r.ok);
  assert.equal(r.node.kind, "dict");
  if (r.node.kind !== "dict") return;
  assert.deepEqual([...r.node.entries.values()].map((e) => e.key), ["a", "d", "b"]);
  const d = r.node.entries.get("sd")!.node;
  assert.equal(
    d.kind === "dict" && d.entries.get("sy")!.node,
    b.entries.get("sd")!.node.kind === "dict"
      ? (b.entries.get("sd")!.node as ReturnType<typeof dict>).entries.get("sy")!.node
      : undefined,
    "leaves of the result are the input leaves",
  );
});

Deno.test("engine merge: ??? never overwrites, lists are replaced", () => {
  const r = engineMerge([
    dict([["m", int(5)], ["l", list([int(1), int(2)])]]),
    dict([["m", missing()], ["l", list([int(3)])]]),
  ]);
  assert.ok(r.ok && r.node.kind === "dict");
  if (!r.ok || r.node.kind !== "dict") return;
  assert.deepEqual(r.node.entries.get("sm")!.node, int(5));
  const l = r.node.entries.get("sl")!.node;
  assert.equal(l.kind === "list" && l.items.length, 1);
});

Deno.test("engine merge: struct destination rejects a new key, located in its input", () => {
  const a = dict([["d", dict([["x", int(1)]])]]);
  a.flags = { struct: true };
  const r = engineMerge([a, dict([["d", dict([["y", int(2)]])]])]);
  assert.ok(!r.ok);
  if (r.ok) return;
  assert.equal(r.error.code, 1);
  assert.equal(r.error.fullKey, "d.y");
  assert.equal(r.error.destFullKey, "d");
});

Deno.test("engine merge: dict over list is a type error", () => {
  const r = engineMerge([dict([["a", list([])]]), dict([["a", dict([["b", int(1)]])]])]);
  assert.ok(!r.ok && r.error.code === 2);
});

Deno.test("engine merge: one WASM call per merge, whatever the size", () => {
  const big = dict(
    Array.from({ length: 1000 }, (_, i) => [`k${i}`, int(i)] as [string, ReturnType<typeof int>]),
  );
  const before = engineStats.mergeCalls;
  engineMerge([big, big, big]);
  assert.equal(engineStats.mergeCalls - before, 1);
});

Deno.test("engine merge: a small override into a big base stays lazy and correct", () => {
  const big = dict(
    Array.from(
      { length: 500 },
      (_, i) => [`k${i}`, dict([["v", int(i)]])] as [string, ReturnType<typeof dict>],
    ),
  );
  const r = engineMerge([big, dict([["k7", dict([["v", str("x")]])]])]);
  assert.ok(r.ok && r.node.kind === "dict");
  if (!r.ok || r.node.kind !== "dict") return;
  assert.equal(r.node.entries.size, 500);
  const k7 = r.node.entries.get("sk7")!.node;
  const v = k7.kind === "dict" ? k7.entries.get("sv")!.node : undefined;
  assert.equal(v?.kind === "value" && v.value, "x");
  assert.notEqual(
    r.node.entries.get("sk8")!.node,
    big.entries.get("sk8")!.node,
    "containers are new",
  );
});

Deno.test("engine merge: merge_with mode honours a readonly root, merge mode does not", () => {
  const a = dict([["x", int(1)]]);
  a.flags = { readonly: true };
  assert.ok(engineMerge([a, dict([["x", int(2)]])], "merge").ok);
  const r = engineMerge([a, dict([["x", int(2)]])], "merge_with");
  assert.ok(!r.ok && r.error.code === 3 && r.error.fullKey === "x");
});
