import assert from "node:assert/strict";
import { engineMerge, engineStats } from "../../../core/engine/merge.ts";
import { dict, int, list, missing, str } from "../../../core/node.ts";
import { parsePath } from "../../../core/engine/merge_intern.ts";
import fc from "fast-check";

Deno.test("engine merge: deep-merges dicts, keeps key order, appends new keys", () => {
  const a = dict([["a", int(1)], ["d", dict([["x", int(1)], ["y", int(2)]])]]);
  const b = dict([["d", dict([["y", str("z")]])], ["b", int(2)]]);
  const r = engineMerge([a, b]);
  assert.ok(r.ok);
  assert.equal(r.node.kind, "dict");
  if (r.node.kind !== "dict") return;
  assert.deepEqual([...r.node.entries.values()].map((e) => e.key), ["a", "d", "b"]);
  const d = r.node.entries.get("d")!.node;
  assert.equal(
    d.kind === "dict" && d.entries.get("y")!.node,
    b.entries.get("d")!.node.kind === "dict"
      ? (b.entries.get("d")!.node as ReturnType<typeof dict>).entries.get("y")!.node
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
  assert.deepEqual(r.node.entries.get("m")!.node, int(5));
  const l = r.node.entries.get("l")!.node;
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
  const k7 = r.node.entries.get("k7")!.node;
  const v = k7.kind === "dict" ? k7.entries.get("v")!.node : undefined;
  assert.equal(v?.kind === "value" && v.value, "x");
  assert.notEqual(
    r.node.entries.get("k8")!.node,
    big.entries.get("k8")!.node,
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

Deno.test("engine merge: wide and deep trees (scratch stack and arena growth)", () => {
  const wide = (n: number, v: number) =>
    dict(
      Array.from(
        { length: n },
        (_, i) => [`k${i}`, int(v + i)] as [string, ReturnType<typeof int>],
      ),
    );
  const r = engineMerge([wide(5000, 0), wide(6000, 100_000)]);
  assert.ok(r.ok && r.node.kind === "dict");
  if (!r.ok || r.node.kind !== "dict") return;
  assert.equal(r.node.entries.size, 6000);
  assert.deepEqual(r.node.entries.get("k4999")!.node, int(104_999));
  const deep = (depth: number, leaf: number) => {
    let node = dict([["x", int(leaf)]]);
    for (let i = 0; i < depth; i++) node = dict([["d", node], [`e${i}`, int(i)]]);
    return node;
  };
  const d = engineMerge([deep(300, 1), deep(300, 2)]);
  assert.ok(d.ok);
  if (!d.ok) return;
  let cur = d.node;
  for (let i = 0; i < 300; i++) cur = (cur as ReturnType<typeof dict>).entries.get("d")!.node;
  assert.deepEqual((cur as ReturnType<typeof dict>).entries.get("x")!.node, int(2));
});

Deno.test("engine merge: a leaf over ${b} replaces it, ??? over ${b} keeps b's copy", () => {
  const base = () => dict([["b", dict([["y", int(1)]])], ["a", str("${b}")]]);
  const leaf = engineMerge([base(), dict([["a", int(5)]])]);
  assert.ok(leaf.ok && leaf.node.kind === "dict");
  if (!leaf.ok || leaf.node.kind !== "dict") return;
  assert.deepEqual(leaf.node.entries.get("a")!.node, int(5));
  const kept = engineMerge([base(), dict([["a", missing()]])]);
  assert.ok(kept.ok && kept.node.kind === "dict");
  if (!kept.ok || kept.node.kind !== "dict") return;
  assert.deepEqual(kept.node.entries.get("a")!.node, dict([["y", int(1)]]));
  const ro = base();
  ro.flags = { readonly: true };
  const r = engineMerge([ro, dict([["a", int(5)]])], "merge_with");
  assert.ok(!r.ok && r.error.code === 3 && r.error.fullKey === "a");
});

Deno.test("property: parsePath reads node paths and refuses anything more", () => {
  const seg = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/);
  const part = fc.oneof(
    seg.map((s) => ({ text: s, seg: s, bracket: false })),
    fc.nat(99).map((n) => ({ text: `[${n}]`, seg: String(n), bracket: true })),
  );
  fc.assert(
    fc.property(fc.nat(3), fc.array(part, { minLength: 1, maxLength: 5 }), (dots, parts) => {
      fc.pre(!parts[0].bracket || dots === 0);
      let body = ".".repeat(dots);
      parts.forEach((p, i) => body += p.bracket || i === 0 ? p.text : "." + p.text);
      assert.deepEqual(parsePath("${" + body + "}"), { dots, segs: parts.map((p) => p.seg) });
      // a character that makes it more than a path, anywhere in a key
      for (const stop of [" ", ":", "$", "{", "'", '"', "\\"]) {
        const k = body.length - (parts.at(-1)!.bracket ? 2 : 1);
        const broken = body.slice(0, k) + stop + body.slice(k);
        assert.equal(parsePath("${" + broken + "}"), undefined, broken);
      }
    }),
  );
  assert.deepEqual(parsePath("${a.é}"), { dots: 0, segs: ["a", "é"] });
  assert.equal(parsePath("${a.}"), undefined);
  assert.equal(parsePath("${}"), undefined);
});
