import assert from "node:assert/strict";
import { createConfig, merge, registerResolver, toYaml, unregisterResolver } from "../../mod.ts";
import { mergeWith } from "../../core/merge.ts";
import type { DictNode } from "../../core/node.ts";
import { loadYaml } from "../../core/yaml/load.ts";
import { thrown } from "../_errors.ts";
import { LIMITS } from "../../core/limits.ts";

// OmegaConf 2.2's _map_merge dereferences an interpolation before merging a
// dict onto it: a config container it resolves to is copied and extended.
const merged = (...texts: string[]) => toYaml(merge(...texts.map((t) => createConfig(t))));

Deno.test("merge: a dict onto a resolver interpolation extends a copy of its container", () => {
  const want = "nb:\n  a: 1\ni:\n  a: 1\n  b: 20\n";
  assert.equal(merged("nb: {a: 1}\ni: ${oc.select:nb}", "i: {b: 20}"), want);
  assert.equal(merged("nb: {a: 1}\ni: ${oc.deprecated:nb}", "i: {b: 20}"), want);
  assert.equal(merged("nb: {a: 1}\ni: ${oc.select:nope,${nb}}", "i: {b: 20}"), want);
  assert.equal(merged("nb: {a: 1}\ni: ${${k}}\nk: nb", "i: {b: 20}"), want + "k: nb\n");
  assert.equal(merged("i: '${oc.create:{a: 1}}'", "i: {b: 20}"), "i:\n  a: 1\n  b: 20\n");
  // through a path to a resolver interpolation, and `???` keeps the copy
  assert.equal(
    merged("nb: {a: 1}\nj: ${oc.select:nb}\ni: ${j}", "i: {b: 20}"),
    "nb:\n  a: 1\nj: ${oc.select:nb}\ni:\n  a: 1\n  b: 20\n",
  );
  assert.equal(merged("nb: {a: 1}\ni: ${oc.select:nb}", "i: ???"), "nb:\n  a: 1\ni:\n  a: 1\n");
});

Deno.test("merge: the copy keeps its own interpolations and sees earlier keys of the source", () => {
  assert.equal(
    merged("x: 5\nnb: {a: '${x}', s: '${oc.select:x}'}\ni: ${oc.select:nb}", "i: {b: 20}"),
    "x: 5\nnb:\n  a: ${x}\n  s: ${oc.select:x}\ni:\n  a: ${x}\n  s: ${oc.select:x}\n  b: 20\n",
  );
  // OmegaConf merges key by key: `nb` is already extended when `i` is copied
  assert.equal(
    merged("nb: {a: 1}\ni: ${oc.select:nb}", "nb: {c: 3}\ni: {b: 20}"),
    "nb:\n  a: 1\n  c: 3\ni:\n  a: 1\n  c: 3\n  b: 20\n",
  );
  assert.equal(
    merged("nb: {a: 1}\ni: ${oc.select:nb}", "i: {b: 20}\nnb: {c: 3}"),
    "nb:\n  a: 1\n  c: 3\ni:\n  a: 1\n  b: 20\n",
  );
  // a resolver interpolation inside the copy is dereferenced in turn
  assert.equal(
    merged("nb: {m: '${oc.select:q}'}\nq: {z: 1}\ni: ${oc.select:nb}", "i: {m: {y: 2}}"),
    "nb:\n  m: ${oc.select:q}\nq:\n  z: 1\ni:\n  m:\n    z: 1\n    'y': 2\n",
  );
});

Deno.test("merge: plain values and failed resolutions are replaced", () => {
  assert.equal(merged("i: '${oc.decode:\"{a: 1}\"}'", "i: {b: 20}"), "i:\n  b: 20\n");
  assert.equal(merged("i: ${oc.select:nope}", "i: {b: 20}"), "i:\n  b: 20\n");
  assert.equal(merged("i: ${nosuch:x}", "i: {b: 20}"), "i:\n  b: 20\n");
  assert.equal(merged("nb: [1]\ni: ${oc.select:nb}", "i: [3]"), "nb:\n- 1\ni:\n- 3\n");
  registerResolver("test.cfg", () => createConfig({ a: 1 }));
  registerResolver("test.plain", () => ({ a: 1 }));
  try {
    assert.equal(merged("i: ${test.cfg:}", "i: {b: 2}"), "i:\n  a: 1\n  b: 2\n");
    assert.equal(merged("i: ${test.plain:}", "i: {b: 2}"), "i:\n  b: 2\n");
  } finally {
    unregisterResolver("test.cfg");
    unregisterResolver("test.plain");
  }
});

Deno.test("merge: the copy of a resolver's container honours readonly and struct", () => {
  const y = (t: string) => loadYaml(t, { file: "x.yaml" }) as DictNode;
  const at = (n: DictNode, k: string) => n.entries.get(k)!.node as DictNode;
  let a = y("nb: {a: 1}\nw: {i: '${oc.select:nb}'}");
  at(a, "w").flags = { readonly: true };
  let e = thrown(() => mergeWith([a, y("w: {i: {b: 20}}")], {}));
  assert.equal(e.code, "readonly");
  assert.equal(e.fullKey, "w.i");
  a = y("nb: {a: 1}\ni: '${oc.select:nb}'");
  at(a, "nb").flags = { struct: true };
  e = thrown(() => mergeWith([a, y("i: {b: 20}")], {}));
  assert.equal(e.message, "Key 'b' is not in struct");
  assert.equal(e.fullKey, "i.b");
  // OmegaConf.merge ignores the first root's readonly flag and keeps it
  a = y("nb: {a: 1}\ni: '${oc.select:nb}'");
  a.flags = { readonly: true };
  const out = mergeWith([a, y("i: {b: 20}")], {});
  assert.equal(out.flags?.readonly, true);
  assert.equal(
    thrown(() => mergeWith([a, y("i: {b: 20}")], { method: "merge_with" })).code,
    "readonly",
  );
});

Deno.test("merge: every resolution failure is replaced, as OmegaConf silences it; a limit of strata's is an error", () => {
  // OmegaConf 2.2.2: `_maybe_dereference_node()` silences any failure, so each
  // of these merges to {i: {b: 2}}
  registerResolver("test.boom", () => {
    throw new Error("boom");
  });
  try {
    assert.equal(merged("i: ${test.boom:}", "i: {b: 2}"), "i:\n  b: 2\n");
    assert.equal(merged("i: ${oc.env:STRATA_SURELY_UNSET}", "i: {b: 2}"), "i:\n  b: 2\n");
    assert.equal(merged("i: ${oc.select:v}\nv: ${nope}", "i: {b: 2}"), "i:\n  b: 2\nv: ${nope}\n");
    assert.equal(merged("i: ${oc.select:v.z}\nv: 3", "i: {b: 2}"), "i:\n  b: 2\nv: 3\n");
  } finally {
    unregisterResolver("test.boom");
  }
  // strata's limits are no failure OmegaConf has: not taken for "not a container"
  const y = "x".repeat(LIMITS.resolvedStringChars / 2 + 1);
  const base = createConfig({ y, s: "${y}${y}", i: "${oc.select:s}" });
  const e = thrown(() => merge(base, createConfig({ i: { b: 2 } })));
  assert.equal(e.code, "limit");
  assert.equal(e.fullKey, "i");
});
