// isMissing, missingKeys, update, select({ throwOnMissing }) and toObject({ resolve, throwOnMissing })
// against OmegaConf.is_missing, missing_keys, update, select and to_container
// (expected values and messages from python3-omegaconf 2.2).
import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  ErrorCode,
  isMissing,
  missingKeys,
  toObject,
  update,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("isMissing: the key holds ??? itself (is_missing)", () => {
  const m = createConfig({ m: "???", l: [1, "???"], d: { x: "???" }, i: "${m}" });
  assert.equal(isMissing(m, "m"), true);
  assert.equal(isMissing(m, "i"), false);
  assert.equal(isMissing(m, "d"), false);
  assert.equal(isMissing(m, "nope"), false);
  assert.equal(isMissing(m.get<Config>("l"), 1), true);
  assert.equal(isMissing(m, "l[1]"), true);
  assert.equal(isMissing(m, "d.x"), true, "a dotted path: is_missing(cfg.d, 'x')");
  const e = thrown(() => isMissing(m.get<Config>("l"), 9));
  assert.equal(e.code, ErrorCode.Index);
  assert.equal(e.message, "list index out of range");
  assert.equal(e.fullKey, "l[9]");
});

Deno.test("isMissing: a dotted path through a node interpolation reads the node it names", () => {
  // OmegaConf.is_missing(cfg.a, "x") with a: ${b}: cfg.a is the node b -> True, False
  const m = createConfig({ a: "${b}", b: { x: "???", y: 1 }, s: "x_${b.y}" });
  assert.equal(isMissing(m, "a.x"), true);
  assert.equal(isMissing(m, "a.y"), false);
  assert.equal(isMissing(m, "a"), false);
  assert.equal(isMissing(m, "s.x"), false, "a string interpolation holds no keys");
});

Deno.test("missingKeys: a set of full keys (missing_keys)", () => {
  const m = createConfig({ m: "???", l: [1, "???", { x: "???" }], d: { x: "???", y: 1 } });
  assert.deepEqual(missingKeys(m), new Set(["d.x", "l[1]", "l[2].x", "m"]));
  assert.deepEqual(missingKeys(m.get<Config>("d")), new Set(["d.x"]));
  assert.deepEqual(missingKeys(m.get<Config>("l")), new Set(["l[1]", "l[2].x"]));
  assert.deepEqual(missingKeys(createConfig(["???", { a: "???" }])), new Set(["[0]", "[1].a"]));
  const e = thrown(() => missingKeys(createConfig({ m: "???", i: "${m}" })));
  assert.equal(e.code, ErrorCode.InterpolationToMissing);
  assert.equal(e.fullKey, "i");
});

Deno.test("update: merges by default, merge: false replaces, forceAdd in struct mode", () => {
  const u = createConfig({ a: { b: 1, c: 2 }, l: [1, 2], x: 1 });
  update(u, "a", { b: 9 });
  assert.deepEqual(u.toObject(), { a: { b: 9, c: 2 }, l: [1, 2], x: 1 });
  update(u, "a", { q: 9 }, { merge: false });
  update(u, "l", [7]);
  update(u, "p.q", { r: 1 });
  assert.deepEqual(u.toObject(), { a: { q: 9 }, l: [7], x: 1, p: { q: { r: 1 } } });
  u.struct = true;
  for (
    const [key, value, code, fullKey] of [
      ["z.y", { q: 1 }, ErrorCode.Key, "z"],
      ["a.zz", 1, ErrorCode.Attribute, "a.zz"],
      ["a", { nn: 1 }, ErrorCode.Key, "a.nn"],
    ] as const
  ) {
    const e = thrown(() => update(u, key, value));
    assert.equal(e.code, code);
    assert.match(e.message, /^Key '\w+' is not in struct/);
    assert.equal(e.fullKey, fullKey);
  }
  update(u, "z.y", { q: 1 }, { forceAdd: true });
  update(u, "a", { nn: 1 }, { forceAdd: true });
  assert.deepEqual(u.toObject(), {
    a: { q: 9, nn: 1 },
    l: [7],
    x: 1,
    p: { q: { r: 1 } },
    z: { y: { q: 1 } },
  });
  u.readonly = true;
  const ro = thrown(() => update(u, "x", 2));
  assert.equal(ro.code, ErrorCode.Readonly);
  assert.equal(ro.message, "Cannot change read-only config container");
  assert.equal(ro.fullKey, "x");
});

Deno.test("select: throwOnMissing raises at a ???, default or not", () => {
  const c = createConfig({ m: "???", l: [1, "???"], d: { x: "???" }, a: 1 });
  for (const key of ["m", "d.x", "l[1]"]) {
    const e = thrown(() => c.select(key, { throwOnMissing: true }));
    assert.equal(e.code, ErrorCode.MissingValue);
    assert.equal(e.message, `Missing mandatory value: ${key}`);
    assert.equal(e.fullKey, key);
  }
  assert.equal(thrown(() => c.select("m", { throwOnMissing: true, default: 3 })).fullKey, "m");
  assert.equal(c.select("zz", { throwOnMissing: true, default: 3 }), 3);
  assert.equal(c.select("a", { throwOnMissing: true }), 1);
  assert.equal(c.select("m", { default: 3 }), 3, "without it, the default");
});

Deno.test("toObject: resolve: false and throwOnMissing: false are to_container's defaults", () => {
  const c = createConfig({ m: "???", l: [1, "???"], d: { x: "???", y: "${a}" }, a: 1, i: "${a}" });
  assert.deepEqual(toObject(c, { resolve: false, throwOnMissing: false }), {
    m: "???",
    l: [1, "???"],
    d: { x: "???", y: "${a}" },
    a: 1,
    i: "${a}",
  });
  assert.deepEqual(c.toObject({ throwOnMissing: false }), {
    m: "???",
    l: [1, "???"],
    d: { x: "???", y: 1 },
    a: 1,
    i: 1,
  });
  assert.deepEqual(toObject(c.get<Config>("d"), { throwOnMissing: false }), { x: "???", y: 1 });
  assert.equal(thrown(() => c.toObject({ resolve: false })).fullKey, "m");
  const c2 = createConfig({ m: "???", i: "${m}" });
  const e = thrown(() => c2.toObject({ throwOnMissing: false }));
  assert.equal(e.code, ErrorCode.InterpolationToMissing);
  assert.equal(e.fullKey, "i");
  const c3 = createConfig({ d: { b: 1 }, n: "${d}", s: "x${d.b}" });
  assert.deepEqual(c3.toObject({ throwOnMissing: false }), { d: { b: 1 }, n: { b: 1 }, s: "x1" });
  assert.deepEqual(c3.toObject({ resolve: false }), { d: { b: 1 }, n: "${d}", s: "x${d.b}" });
});
