import assert from "node:assert/strict";
import { thrown as caught } from "../../_errors.ts";
import { toContainer } from "../../../core/container.ts";
import { int, type Node, originOf, str } from "../../../core/node.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import {
  append,
  contains,
  deleteKey,
  getItem,
  getMethod,
  isInterpolationAt,
  isMissing,
  isReadonly,
  isStruct,
  keysAt,
  lengthAt,
  mergeInto,
  missingKeys,
  pop,
  select,
  setReadonly,
  setStruct,
  setValue,
  splitKey,
  update,
} from "../../../core/ops/mod.ts";
import { registerResolver } from "../../../core/config/resolver_api.ts";
import { unregisterResolver } from "../../../core/resolve/resolvers.ts";

const y = (text: string) => loadYaml(text, { file: "conf.yaml" });
const plain = (n: Node) => toContainer(n);

function structCfg(text: string): Node {
  const c = y(text);
  setStruct(c, [], true);
  return c;
}

Deno.test("get: resolves leaves, item vs attribute errors, did-you-mean, origin", () => {
  const cfg = y("a:\n  b: 1\n  c: ${a.b}");
  assert.deepEqual(plain(getItem(cfg, ["a", "c"])), 1);
  const e = caught(() => getItem(cfg, ["a", "bb"]));
  assert.equal(e.code, "key");
  assert.equal(e.message, "Missing key bb");
  assert.equal(e.fullKey, "a.bb");
  assert.equal(e.origin?.file, "conf.yaml");
  assert.deepEqual(e.suggestions, ["a.b"]);
  const s = structCfg("a:\n  b: 1");
  const attr = caught(() => getItem(s, ["a", "x"], "attr"));
  assert.equal(attr.code, "attribute");
  assert.equal(attr.message, "Key 'x' is not in struct");
  assert.equal(attr.fullKey, "a.x");
});

Deno.test("get: ??? raises missing-value, lists index from the end, out of range is index", () => {
  const cfg = y("a: ???\nl: [1, 2, 3]");
  const e = caught(() => getItem(cfg, ["a"]));
  assert.equal(e.code, "missing-value");
  assert.equal(e.message, "Missing mandatory value: a");
  assert.equal(e.fullKey, "a");
  assert.deepEqual(plain(getItem(cfg, ["l", "-1"])), 3);
  const i = caught(() => getItem(cfg, ["l", "9"]));
  assert.equal(i.code, "index");
  assert.equal(i.fullKey, "l[9]");
});

Deno.test("get_method and in: defaults, ??? does not count", () => {
  const cfg = structCfg("a: 1\nm: ???\ni: ${nope}");
  assert.deepEqual(plain(getMethod(cfg, [], "zz", int(5))), 5);
  assert.equal(plain(getMethod(cfg, [], "m")), null);
  assert.equal(contains(cfg, [], "a"), true);
  assert.equal(contains(cfg, [], "m"), false);
  assert.equal(contains(cfg, [], "i"), true);
});

Deno.test("set: struct (key vs attribute), readonly, inheritance, index errors", () => {
  const s = structCfg("a:\n  b: 1\nl: [1]");
  setValue(s, ["a"], "b", int(2));
  const k = caught(() => setValue(s, ["a"], "c", int(2)));
  assert.equal(k.code, "key");
  assert.equal(k.fullKey, "a.c");
  assert.equal(caught(() => setValue(s, ["a"], "c", int(2), { access: "attr" })).code, "attribute");
  const ix = caught(() => setValue(s, ["l"], "5", int(2)));
  assert.equal(ix.code, "index");
  assert.equal(ix.message, "list index out of range");
  assert.equal(ix.fullKey, "l[5]");
  setStruct(s, ["a"], false);
  setValue(s, ["a"], "c", int(3));
  assert.deepEqual(plain(s), { a: { b: 2, c: 3 }, l: [1] });
  const r = y("a:\n  b: 1");
  setReadonly(r, [], true);
  const ro = caught(() => setValue(r, ["a"], "b", int(2)));
  assert.equal(ro.code, "readonly");
  assert.equal(ro.message, "Cannot change read-only config container");
  assert.equal(ro.fullKey, "a.b");
  assert.equal(isReadonly(r, ["a"]), true);
  assert.equal(isStruct(r, []), undefined);
});

Deno.test("del and pop: readonly, struct (type), absent (key), ??? (missing-value)", () => {
  const s = structCfg("a: 1");
  const d = caught(() => deleteKey(s, [], "a"));
  assert.equal(d.code, "type");
  assert.equal(d.message, "DictConfig in struct mode does not support deletion");
  assert.equal(d.fullKey, "a");
  assert.equal(
    caught(() => pop(s, [], "a")).message,
    "DictConfig in struct mode does not support pop",
  );
  // at the key deleted, not its container's first key (checker v40)
  const at = structCfg("a: 1\nb: 2\n");
  assert.equal(originOf(caught(() => deleteKey(at, [], "b")).origin)?.line, 2);
  assert.equal(originOf(caught(() => pop(at, [], "b")).origin)?.line, 2);
  const r = y("a: 1");
  setReadonly(r, [], true);
  assert.equal(caught(() => deleteKey(r, [], "a")).code, "readonly");
  assert.equal(caught(() => pop(r, [], "a")).message, "Cannot pop from read-only node");
  const c = y("a: ???\nb: 2\nl: [1, 2, 3]");
  const absent = caught(() => deleteKey(c, [], "zz"));
  assert.equal(absent.code, "key");
  assert.equal(absent.message, "Key not found: 'zz'");
  assert.equal(caught(() => pop(c, [], "a")).code, "missing-value");
  assert.deepEqual(plain(pop(c, [], "zz", str("d"))), "d");
  assert.deepEqual(plain(pop(c, [], "b")), 2);
  deleteKey(c, ["l"], "1");
  assert.deepEqual(plain(c), { a: "???", l: [1, 3] });
});

Deno.test("list pop: a ??? item pops as None, an index out of range is 'list index out of range'", () => {
  // ListConfig.pop resolves with default_value=None: a ??? item is removed and gives None
  const c = y("l:\n- 1\n- ???\n- 3\n");
  assert.deepEqual(plain(pop(c, ["l"], 1)), null);
  assert.deepEqual(plain(c), { l: [1, 3] });
  const out = caught(() => pop(c, ["l"], 5));
  assert.equal(out.code, "index");
  assert.equal(out.message, "list index out of range");
});

Deno.test("a list index is read as Python's int() reads it: signs, spaces, underscores", () => {
  const c = y("l: [1, 2, 3]\n");
  // OmegaConf.select(cfg, "l[1_0]") is int("1_0") = 10: out of range, so the default
  assert.deepEqual(plain(select(c, "l[1_0]", { default: str("D") })), "D");
  assert.deepEqual(plain(select(c, "l[0_1]", { default: str("D") })), 2);
  assert.deepEqual(plain(select(c, "l[ +2 ]")), 3);
  assert.equal(caught(() => select(c, "l[1__0]")).code, "type");
});

Deno.test("select: paths, defaults, missing, resolution failures, relative keys", () => {
  const cfg = y("a:\n  b: [1, {c: 2}]\nm: ???\ni: ${nope}");
  assert.deepEqual(plain(select(cfg, "a.b[1].c")), 2);
  assert.deepEqual(plain(select(cfg, "a.b.1.c")), 2);
  assert.deepEqual(plain(select(cfg, "zz", { default: int(3) })), 3);
  assert.equal(plain(select(cfg, "m")), null);
  assert.equal(caught(() => select(cfg, "m", { throwOnMissing: true })).code, "missing-value");
  const r = caught(() => select(cfg, "i", { default: int(1) }));
  assert.equal(r.code, "interpolation-key");
  assert.equal(r.fullKey, "i");
  assert.equal(plain(select(cfg, "i", { throwOnResolutionFailure: false })), null);
  assert.equal(caught(() => select(cfg, "..a")).code, "key");
  assert.equal(caught(() => select(cfg, "a.b.x")).code, "type");
  assert.deepEqual(splitKey(".a.b[c].d"), ["", "a", "b", "c", "d"]);
});

Deno.test("update: creates paths, merges by default, force_add, struct is attribute", () => {
  const cfg = y("a:\n  b: 1\n  c: 2");
  update(cfg, "x.y.z", int(1));
  update(cfg, "a", y("d: 4"));
  update(cfg, "a", y("b: 10"), { merge: false });
  assert.deepEqual(plain(cfg), { a: { b: 10 }, x: { y: { z: 1 } } });
  const s = structCfg("a:\n  b: 1");
  const e = caught(() => update(s, "a.c", int(2)));
  assert.equal(e.code, "attribute");
  assert.equal(e.fullKey, "a.c");
  const m = caught(() => update(s, "a", y("c: 2")));
  assert.equal(m.code, "key");
  assert.equal(m.fullKey, "a.c");
  update(s, "a.c", int(2), { forceAdd: true });
  update(s, "n.m", int(3), { forceAdd: true });
  assert.deepEqual(plain(s), { a: { b: 1, c: 2 }, n: { m: 3 } });
});

Deno.test("queries: is_missing, is_interpolation, missing_keys, keys, len, append", () => {
  const cfg = y("a: ???\nb:\n  c: ???\n  l: [1, '???']\nd: ${b.l}");
  assert.equal(isMissing(cfg, [], "a"), true);
  assert.equal(isMissing(cfg, [], "d"), false);
  assert.equal(isInterpolationAt(cfg, [], "d"), true);
  assert.deepEqual(missingKeys(cfg), ["a", "b.c", "b.l[1]"]);
  assert.deepEqual(keysAt(cfg, ["b"]), ["c", "l"]);
  assert.equal(lengthAt(cfg, ["b", "l"]), 2);
  append(cfg, ["b", "l"], int(3));
  setReadonly(cfg, ["b"], true);
  const e = caught(() => append(cfg, ["b", "l"], int(4)));
  assert.equal(e.code, "readonly");
  assert.equal(e.message, "ListConfig is read-only");
  assert.equal(e.fullKey, "b.l[3]");
  const bad = caught(() => missingKeys(y("a: ???\nf: ${a}")));
  assert.equal(bad.code, "interpolation-to-missing");
  assert.equal(bad.fullKey, "f");
});

Deno.test("merge_with on a sub-node: in place, readonly honoured, full keys from the root", () => {
  const cfg = y("a:\n  x: 1\nb: 2");
  mergeInto(cfg, ["a"], y("y: 2"));
  assert.deepEqual(plain(cfg), { a: { x: 1, y: 2 }, b: 2 });
  setReadonly(cfg, [], true);
  const e = caught(() => mergeInto(cfg, ["a"], y("x: 5")));
  assert.equal(e.code, "readonly");
  assert.equal(e.fullKey, "a.x");
});

Deno.test("getItem through a resolver's plain dict: cfg['a']['s'] indexes the dict, cfg.a.s is an error", () => {
  registerResolver("t.ops.cp", () => ({ s: 1 }), { replace: true });
  try {
    const cfg = loadYaml("a: {cp: '${t.ops.cp:}'}");
    assert.equal(plain(getItem(cfg, ["a", "cp", "s"])), 1);
    const e = caught(() => getItem(cfg, ["a", "cp", "s"], "attr"));
    assert.equal(e.code, "type");
    assert.equal(e.fullKey, "a.cp");
  } finally {
    unregisterResolver("t.ops.cp");
  }
});

Deno.test("select: the root ('' or '.') comes back resolved, and an interpolation on the way is followed, not resolved whole", () => {
  // each checked against OmegaConf 2.2.2's select (tools/oracle, area select)
  const esc = loadYaml('a: "\\\\${a}"\nb: ${a}\n');
  assert.deepEqual(plain(select(esc, "")), { a: "${a}", b: "${a}" });
  assert.deepEqual(plain(select(esc, ".")), { a: "${a}", b: "${a}" });
  // d points at a.a; a.a.c fails to resolve, but select("d.zz") only looks for zz: None
  const c = loadYaml("c: [1]\nd: ${a.a}\na: {a: {c: '${oc.dict.keys:c}', b: 0.001}}\n");
  assert.equal(plain(select(c, "d.zz")), null);
  assert.equal(plain(select(c, "d.b")), 0.001);
  // a resolver's ListConfig is indexed as a list before its items resolve
  const v = loadYaml("d: {b: '${oc.dict.values:d}', a: 1}\n");
  assert.equal(caught(() => select(v, "d.b.d")).code, "type");
});

Deno.test("get: did-you-mean spells a key holding a dot as a key path reads it back", () => {
  const cfg = y("p:\n  obs.state: [2]\n  l:\n    - {obs.x: 1}");
  assert.deepEqual(caught(() => getItem(cfg, ["p", "obs.stat"])).suggestions, ["p[obs.state]"]);
  assert.deepEqual(caught(() => getItem(cfg, ["p", "l", 0, "obs.y"])).suggestions, [
    "p.l[0][obs.x]",
  ]);
  assert.deepEqual(plain(select(cfg, "p.l[0][obs.x]")!), 1);
});

Deno.test("ops: a path left out is a usage error, not a TypeError (checker w59)", async () => {
  const { loadYaml, mergeInto, select } = await import("../../../ops.ts");
  const untyped = mergeInto as unknown as (...a: unknown[]) => void;
  assert.throws(
    () => untyped(loadYaml("a: {b: 1}"), loadYaml("a: {c: 2}")),
    (e: Error) => e.name === "StrataError" && /not a config node/.test(e.message),
  );
  // (select takes a dotted key, as OmegaConf.select does: a string is right there)
  assert.equal(select(loadYaml("a: {b: 1}"), "a.b")?.kind, "value");
});
