import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { engineMerge } from "../../../core/engine/merge.ts";
import {
  isSealedForMerge,
  mergeCacheStats,
  noteMutation,
  sealForMerge,
  unsealForMerge,
} from "../../../core/engine/merge_cache.ts";
import {
  clone,
  dict,
  type DictNode,
  FloatKey,
  int,
  type Key,
  list,
  type Node,
  str,
} from "../../../core/node.ts";
import { append, deleteKey, setStruct, setValue } from "../../../core/ops/mod.ts";

function merged(...roots: Node[]): Node {
  const r = engineMerge(roots);
  if (!r.ok) throw new Error(`merge failed: ${r.error.fullKey}`);
  return r.node;
}

function child(n: Node, ...path: string[]): Node {
  let cur = n;
  for (const k of path) {
    assert.equal(cur.kind, "dict");
    cur = (cur as DictNode).entries.get(k)!.node;
  }
  return cur;
}

Deno.test("merge cache: a sealed input is not walked again, as a root or placed under a package", () => {
  const base = dict([["a", dict([["x", int(1)]])], ["b", int(2)]]);
  sealForMerge(base);
  assert.ok(isSealedForMerge(base));
  const hits = mergeCacheStats.hits;
  const out = merged(base, dict([["a", dict([["y", int(3)]])]]));
  assert.deepEqual(out, dict([["a", dict([["x", int(1)], ["y", int(3)]])], ["b", int(2)]]));
  const placed = merged(dict(), dict([["pkg", base]]));
  assert.deepEqual(placed, dict([["pkg", clone(base)]]));
  assert.equal(mergeCacheStats.hits - hits, 2);
  assert.notEqual(child(placed, "pkg"), base, "containers of the result are new");
});

Deno.test("merge cache: changes made through core/ops are seen by the next merge", () => {
  const base = dict([["a", dict([["x", int(1)]])], ["l", list([int(1)])]]);
  sealForMerge(base);
  setValue(base, ["a"], "x", int(5));
  assert.deepEqual(child(merged(base, dict()), "a", "x"), int(5));
  deleteKey(base, ["a"], "x");
  assert.deepEqual(child(merged(base, dict()), "a"), dict());
  append(base, ["l"], int(2));
  assert.deepEqual(child(merged(base, dict()), "l"), list([int(1), int(2)]));
  setStruct(base, ["a"], true);
  const r = engineMerge([base, dict([["a", dict([["new", int(1)]])]])]);
  assert.ok(!r.ok && r.error.fullKey === "a.new");
});

Deno.test("merge cache: a direct change of a sealed root's size or flags is seen", () => {
  const base = dict([["a", int(1)]]);
  sealForMerge(base);
  base.entries.set("b", { key: "b", node: int(2) });
  assert.deepEqual(merged(base, dict()), dict([["a", int(1)], ["b", int(2)]]));
  base.flags = { struct: true };
  assert.ok(!engineMerge([base, dict([["c", int(3)]])]).ok);
});

Deno.test("merge cache: noteMutation and unsealing make the next merge re-encode", () => {
  const base = dict([["a", dict([["x", int(1)]])]]);
  sealForMerge(base);
  const inner = child(base, "a") as DictNode;
  inner.entries.set("x", { key: "x", node: int(9) });
  noteMutation();
  assert.deepEqual(child(merged(base, dict()), "a", "x"), int(9));
  unsealForMerge(base);
  assert.ok(!isSealedForMerge(base));
  inner.entries.set("x", { key: "x", node: int(10) });
  assert.deepEqual(child(merged(base, dict()), "a", "x"), int(10));
});

Deno.test("merge cache: odd keys of a sealed subtree keep their spelling when placed", () => {
  const keys: Key[] = [1, true, null, new FloatKey(1.5), "s"];
  const inner = dict([[1, int(1)], [null, int(2)], [new FloatKey(1.5), int(3)], ["s", int(4)]]);
  sealForMerge(inner);
  const out = merged(dict([["p", dict([[true, int(0)]])]]), dict([["p", inner]]));
  const p = child(out, "p") as DictNode;
  assert.deepEqual([...p.entries.values()].map((e) => e.key), [true, null, keys[3], "s"]);
});

Deno.test("merge cache: errors and interpolation targets are found in sealed inputs", () => {
  const base = dict([["b", dict([["y", int(1)]])], ["a", str("${b}")], ["s", dict()]]);
  (child(base, "s") as DictNode).flags = { struct: true };
  sealForMerge(base);
  assert.deepEqual(
    child(merged(base, dict([["a", dict([["x", int(2)]])]])), "a"),
    dict([["y", int(1)], ["x", int(2)]]),
  );
  const r = engineMerge([base, dict([["s", dict([["q", int(1)]])]])]);
  assert.ok(!r.ok && r.error.fullKey === "s.q" && r.error.destFullKey === "s");
});

const leaf = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((v) => int(v)),
  fc.constantFrom("x", "${a}", "${b.c}", "???").map((s) => str(s)),
);
const keyArb = fc.constantFrom<Key>("a", "b", "c", 1, true);
const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(fc.tuple(keyArb, tie("node")), { maxLength: 3 }).map((es) => dict(es)),
    fc.array(tie("node"), { maxLength: 2 }).map((items) => list(items)),
  ),
})).node;
const rootArb = fc.array(fc.tuple(keyArb, nodeArb), { maxLength: 4 }).map((es) => dict(es));

Deno.test("property: sealed inputs merge exactly as fresh ones", () => {
  fc.assert(
    fc.property(rootArb, rootArb, rootArb, (a, b, c) => {
      const fresh = engineMerge([a, b, c]);
      const [sa, sb, sc] = [clone(a), clone(b), clone(c)];
      sealForMerge(sa);
      sealForMerge(sc);
      const sealed = engineMerge([sa, dict([["w", sc]]), sb, sc]);
      const expected = engineMerge([a, dict([["w", c]]), b, c]);
      assert.deepEqual(sealed, expected);
      assert.deepEqual(engineMerge([sa, sb, sc]), fresh);
    }),
    { numRuns: 300 },
  );
});
