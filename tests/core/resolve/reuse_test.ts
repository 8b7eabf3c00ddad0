import assert from "node:assert/strict";
import { resolveEntries } from "../../../core/resolve/resolve.ts";
import { interpStats } from "../../../core/resolve/engine.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { toContainer } from "../../../core/container.ts";
import type { DictNode, Node } from "../../../core/node.ts";
import { thrown } from "../../_errors.ts";

const load = (text: string) => loadYaml(text, { file: "c.yaml" }) as DictNode;
const at = (n: Node, ...keys: string[]): Node =>
  keys.reduce((cur, k) => (cur as DictNode).entries.get(k)!.node, n);
const all = (root: DictNode) => [...root.entries.keys()];

/** `text` resolved twice: from one load with reuse, from another without; both results equal. */
function bothWays(text: string): { root: DictNode; copied: DictNode; reused: DictNode } {
  const root = load(text);
  const copied = resolveEntries(load(text), all(root));
  const reused = resolveEntries(root, all(root), { reuse: true });
  assert.deepEqual(toContainer(reused), toContainer(copied));
  return { root, copied, reused };
}

Deno.test("resolve reuse: the input's containers become the result's, interpolations resolved in place", () => {
  const { root, copied, reused } = bothWays(
    "plain:\n  a: {b: 1}\nmixed:\n  p: {q: 2}\n  i: ${plain.a}\n  s: x${plain.a.b}\n",
  );
  assert.equal(at(reused, "plain"), at(root, "plain"), "no interpolation: taken as it is");
  assert.equal(at(reused, "mixed", "p"), at(root, "mixed", "p"));
  assert.equal(at(reused, "mixed"), at(root, "mixed"), "holds interpolations: resolved in place");
  assert.deepEqual(toContainer(at(root, "mixed", "s")), "x1", "the input now holds the value");
  assert.notEqual(
    at(reused, "mixed", "i"),
    at(root, "plain", "a"),
    "an interpolated container is a copy",
  );
  assert.notEqual(at(copied, "plain"), at(root, "plain"), "without reuse everything is copied");
});

Deno.test("resolve reuse: copies when a resolver or the TS evaluator will read the input", () => {
  // `\${...}` resolves to a string holding `${`: in place, a later read of the
  // tree by the evaluator (here for oc.select's value) would take it for an
  // interpolation
  const { root, reused } = bothWays(
    "esc: \\${plain}\nplain: 1\nsel: ${oc.select:esc}\nm:\n  x: ${plain}\n",
  );
  assert.deepEqual(toContainer(reused), {
    esc: "${plain}",
    plain: 1,
    sel: "${plain}",
    m: { x: 1 },
  });
  assert.notEqual(at(reused, "m"), at(root, "m"), "a resolver runs: nothing changes in place");
  assert.equal(toContainer(at(root, "m", "x")), "${plain}");
});

Deno.test("resolve entries without interpolations skip the engine, with the same result and errors", () => {
  const text = "a:\n  b:\n  - 1\n  - c: ???\n  d: null\nh:\n  x: ${nope}\n";
  const root = load(text);
  const before = interpStats.resolveCalls;
  const out = resolveEntries(root, ["a"]);
  assert.equal(interpStats.resolveCalls, before, "no engine call for interpolation-free entries");
  assert.deepEqual(toContainer(out), { a: { b: [1, { c: "???" }], d: null } });
  assert.notEqual(at(out, "a"), at(root, "a"));
  const withInterp = resolveEntries(load(text + "e: ${a.d}\n"), ["a", "e"]);
  assert.equal(interpStats.resolveCalls, before + 1);
  assert.deepEqual(toContainer(at(withInterp, "a")), toContainer(at(out, "a")));
  const missing = load("m: ???\nn: 1\n");
  const e = thrown(() => resolveEntries(missing, ["m"]));
  const viaEngine = thrown(() => resolveEntries(load("m: ???\nn: ${m}\n"), ["m", "n"]));
  assert.deepEqual([e.code, e.message, e.fullKey, e.origin], [
    viaEngine.code,
    viaEngine.message,
    viaEngine.fullKey,
    viaEngine.origin,
  ]);
});
