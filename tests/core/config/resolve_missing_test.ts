// resolve(cfg) leaves the config as OmegaConf.resolve does: values reaching a `???` become `???`,
// a read-only config holding an interpolation is ReadonlyConfigError
// (expected values and messages from python3-omegaconf 2.2).
import assert from "node:assert/strict";
import { type Config, createConfig, ErrorCode, ownFlag, resolve, toJson } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

const resolved = (d: unknown) => JSON.parse(toJson(resolve(createConfig(d as never))));

Deno.test("resolve: an interpolation reaching ??? becomes ??? (OmegaConf.resolve)", () => {
  assert.deepEqual(resolved({ m: "???", i: "${m}", s: "a${m}" }), { m: "???", i: "???", s: "???" });
  assert.deepEqual(resolved({ m: "???", l: ["${m}", "x${m}", 1] }), {
    m: "???",
    l: ["???", "???", 1],
  });
  assert.deepEqual(resolved({ m: "???", d: { i: "${m}", j: "${d.i}" }, k: "${d.j}" }), {
    m: "???",
    d: { i: "???", j: "???" },
    k: "???",
  });
  assert.deepEqual(resolved({ d: { m: "???" }, i: "${d}" }), { d: { m: "???" }, i: { m: "???" } });
  assert.deepEqual(resolved({ m: "???", i: "${oc.select:m,5}" }), { m: "???", i: 5 });
  const cfg = createConfig({ m: "???", d: { i: "${m}", k: 1 } });
  assert.deepEqual(JSON.parse(toJson(resolve(cfg.get<Config>("d")))), { i: "???", k: 1 });
});

Deno.test("resolve: other failures still throw; the struct flags stay", () => {
  const e = thrown(() => resolve(createConfig({ m: "???", i: "${m}", x: "${nope}" })));
  assert.equal(e.code, ErrorCode.InterpolationKey);
  assert.equal(e.fullKey, "x");
  const c = createConfig({ m: "???", d: { i: "${m}" } });
  c.struct = true;
  c.get<Config>("d").struct = false;
  const r = resolve(c);
  assert.equal(r.struct, true);
  assert.equal(ownFlag(r.get<Config>("d"), "struct"), false);
});

Deno.test("resolve: a read-only config with an interpolation is a readonly error", () => {
  const ro = (d: unknown, sub?: string) => {
    const c = createConfig(d as never);
    (sub ? c.get<Config>(sub) : c).readonly = true;
    return c;
  };
  assert.deepEqual(JSON.parse(toJson(resolve(ro({ a: 1, d: { b: 2 } })))), { a: 1, d: { b: 2 } });
  for (
    const [cfg, key] of [
      [ro({ a: 1, i: "${a}" }), "i"],
      [ro({ m: "???", i: "${m}" }), "i"],
      [ro({ a: 1, d: { i: "${a}" } }, "d"), "d.i"],
    ] as const
  ) {
    const e = thrown(() => resolve(cfg));
    assert.equal(e.code, ErrorCode.Readonly);
    assert.equal(e.message, "Cannot set value of read-only config node");
    assert.equal(e.fullKey, key);
  }
  const node = thrown(() => resolve(ro({ d: { b: 1 }, i: "${d}" })));
  assert.equal(node.message, "Cannot change read-only config container");
  assert.equal(node.fullKey, "i");
  // an earlier interpolation's own error comes first, as OmegaConf.resolve walks in key order
  const first = thrown(() => resolve(ro({ x: "${nope}", i: "${a}", a: 1 })));
  assert.equal(first.code, ErrorCode.InterpolationKey);
  const open = ro({ a: 1, d: { i: "${a}" } });
  open.get<Config>("d").readonly = false;
  assert.deepEqual(JSON.parse(toJson(resolve(open))), { a: 1, d: { i: 1 } });
});
