// createConfig on plain JS data at its edges: integers past 2^53, deep nesting.
import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  ErrorCode,
  LIMITS,
  merge,
  toJson,
  toYaml,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("an integral number key past 2^53 keeps its exact value, and is the same key as its bigint", () => {
  // OmegaConf.to_yaml(OmegaConf.create({2**60: "n", 1.5: "f"})): "1152921504606846976: 'n'\n1.5: f\n"
  const cfg = createConfig(new Map<number, string>([[2 ** 60, "n"], [1.5, "f"]]));
  assert.equal(toYaml(cfg), "1152921504606846976: 'n'\n1.5: f\n");
  assert.equal(toJson(cfg), '{"1152921504606846976": "n", "1.5": "f"}');
  assert.equal(cfg.get(1152921504606846976n), "n");
  assert.equal(cfg.get(2 ** 60), "n");
  // a number and a bigint of one value are one key: the last value, the first key
  const both = createConfig(new Map<number | bigint, string>([[2 ** 60, "a"], [2n ** 60n, "b"]]));
  assert.equal(toYaml(both), "1152921504606846976: b\n");
});

Deno.test("an integral number past 2^53 keeps its exact value (Python's int(2.0**60))", () => {
  const cfg = createConfig({ a: 2 ** 60, b: 1e21, c: -(2 ** 53) - 2 });
  assert.equal(
    toYaml(cfg),
    "a: 1152921504606846976\nb: 1000000000000000000000\nc: -9007199254740994\n",
  );
  assert.equal(
    toJson(cfg),
    '{"a": 1152921504606846976, "b": 1000000000000000000000, "c": -9007199254740994}',
  );
  assert.equal(cfg.get("a"), 2n ** 60n);
  // read back as an int, not as the float that `1e+21` would be
  assert.equal(toYaml(createConfig(toYaml(cfg))), toYaml(cfg));
});

Deno.test("data nested deeper than the YAML limit is a located limit error, not a stack overflow", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const e = thrown(() => createConfig({ a: deep } as never));
  assert.equal(e.code, ErrorCode.Limit);
  assert.match(e.message, new RegExp(`nests deeper than ${LIMITS.nesting} levels`));
  assert.ok(e.fullKey!.length < 250, e.fullKey);
  const cfg = createConfig({});
  assert.equal(thrown(() => cfg.set("b", deep as never)).code, ErrorCode.Limit);
  // merged plain data comes from code: no origin, not the `<create>` of a createConfig config
  const m = thrown(() => merge(createConfig({}), { a: deep } as never));
  assert.equal(m.code, ErrorCode.Limit);
  assert.equal(m.origin, undefined);
  assert.equal(merge(createConfig({ a: 1 }), { b: { x: 1 } }).origin("b.x"), undefined);
  let ok: unknown = 1;
  for (let i = 0; i < LIMITS.nesting - 1; i++) ok = { k: ok };
  assert.equal(createConfig({ a: ok } as never).kind, "dict");
});

Deno.test("a Config view inside plain data is a copy of its node (OmegaConf.create({'m': cfg.model}))", () => {
  const base = createConfig({ run: "r", model: { name: "gpt2", out: "${run}/m" } });
  const model = base.get<Config>("model");
  // held as written: `${run}` is read in the new config, as OmegaConf copies the node
  assert.equal(toYaml(createConfig({ m: model })), "m:\n  name: gpt2\n  out: ${run}/m\n");
  assert.equal(toYaml(createConfig([model])), "- name: gpt2\n  out: ${run}/m\n");
  const merged = merge(base, { m: model });
  assert.equal(merged.get("m.out"), "r/m");
  const c = createConfig({ x: 1 });
  c.set("m", { inner: model });
  assert.equal(c.get("m.inner.name"), "gpt2");
  // a copy: changing it leaves the original alone
  c.set("m.inner.name", "llama");
  assert.equal(base.get("model.name"), "gpt2");
});
