// resolve(cfg) and compose(...).resolve() leave the config as OmegaConf.resolve does: values reaching a `???` become `???`,
// a read-only config holding an interpolation is ReadonlyConfigError
// (expected values and messages from python3-omegaconf 2.2).
import assert from "node:assert/strict";
import {
  compose,
  type Config,
  createConfig,
  ErrorCode,
  ownFlag,
  registerResolver,
  resolve,
  toJson,
  toYaml,
  unregisterResolver,
} from "../../../mod.ts";
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

Deno.test("compose(...).resolve() leaves ??? as resolve(composition.config) and OmegaConf.resolve do", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      'a: ???\nb: ${a}\nc: x${a}\nd:\n  e: ${b}\n  f: 1\nl: ["${a}", 2]\ng: ${d.f}\nj: ${hydra:job.name}\n',
    );
    const c = compose({ configDir: dir, configName: "config", jobName: "train" });
    // python3-omegaconf 2.2: OmegaConf.resolve(cfg) then to_yaml
    const expected =
      "a: ???\nb: ???\nc: ???\nd:\n  e: ???\n  f: 1\nl:\n- ???\n- 2\ng: 1\nj: train\n";
    for (const resolved of [c.resolve(), resolve(c), resolve(c.config)]) {
      assert.equal(toYaml(resolved), expected);
      assert.equal(resolved.struct, true);
    }
    // another failure still throws, the first in key order
    await Deno.writeTextFile(`${dir}/config.yaml`, "a: ???\nb: ${a}\nx: ${nope}\n");
    const e = thrown(() => compose({ configDir: dir, configName: "config" }).resolve());
    assert.equal(e.code, ErrorCode.InterpolationKey);
    assert.equal(e.fullKey, "x");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resolve: with a ??? reached, a composition's hydra: and use_cache results still hold", async () => {
  let n = 0;
  registerResolver("test.missing_cached", () => ++n, { useCache: true, replace: true });
  const dir = await Deno.makeTempDir();
  try {
    const cfg = createConfig({ m: "???", i: "${m}", r: "${test.missing_cached:}" });
    assert.deepEqual(JSON.parse(toJson(resolve(cfg))), { m: "???", i: "???", r: 1 });
    assert.equal(cfg.get("r"), 1, "OmegaConf.resolve caches on the config it resolves");
    await Deno.writeTextFile(`${dir}/config.yaml`, "a: ???\nb: ${a}\nj: ${hydra:job.name}\n");
    const c = compose({ configDir: dir, configName: "config", jobName: "train" });
    assert.equal(toYaml(resolve(c.config)), "a: ???\nb: ???\nj: train\n");
  } finally {
    unregisterResolver("test.missing_cached");
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("toObject: a ??? reached through a node interpolation is named and placed where it is written (OmegaConf's full_key a.p)", async () => {
  const { loadConfig } = await import("../../../mod.ts");
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/c.yaml`, "b: ${a}\na:\n  x: 1\n  p: ???\n");
    const cfg = await loadConfig(`${dir}/c.yaml`);
    // to_object walks b first, into a: Missing mandatory value: p, full_key: a.p
    for (const e of [thrown(() => cfg.toObject()), thrown(() => cfg.get<Config>("b").toObject())]) {
      assert.equal(e.code, ErrorCode.MissingValue);
      assert.equal(e.message, "Missing mandatory value: p");
      assert.equal(e.fullKey, "a.p");
      assert.deepEqual(e.origin, { file: `${dir}/c.yaml`, line: 4, col: 6 });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
