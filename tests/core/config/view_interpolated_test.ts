// A container reached through an interpolation, as OmegaConf 2.2 gives it:
// `cfg.b` for `b: ${a}` is the node `a` itself; `${oc.create:...}` a new one.
import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  isConfig,
  loadConfig,
  registerResolver,
  toYaml,
  unregisterResolver,
} from "../../../mod.ts";

const yaml = `layers: [1, 2]
enc: {dim: 4, heads: [8]}
model:
  dec: \${.enc2}
  enc2: \${enc}
  up: \${..layers}
alias: \${model.dec.heads}
made: \${oc.create:\${enc}}
`;

Deno.test("a view through a node interpolation shows the target: kind, keys, length, iteration", () => {
  const cfg = createConfig(yaml);
  const up = cfg.get<Config>("model.up");
  assert.equal(up.kind, "list");
  assert.deepEqual(up.keys(), [0, 1]);
  assert.equal(up.length, 2);
  assert.deepEqual([...up], [[0, 1], [1, 2]]);
  assert.equal(toYaml(up), "- 1\n- 2\n");
  const dec = cfg.get<Config>("model.dec");
  assert.equal(dec.kind, "dict");
  assert.deepEqual(dec.keys(), ["dim", "heads"]);
  assert.deepEqual([...cfg].map(([k, v]) => [k, isConfig(v) ? v.kind : v]), [
    ["layers", "list"],
    ["enc", "dict"],
    ["model", "dict"],
    ["alias", "list"],
    ["made", "dict"],
  ]);
  assert.deepEqual(cfg.get<Config>("alias").keys(), [0]);
});

Deno.test("writing through a node interpolation writes the target, as OmegaConf's cfg.b[0] = 7", () => {
  const cfg = createConfig(yaml);
  cfg.get<Config>("model.up").set("[0]", 7);
  cfg.get<Config>("model.dec").set("dim", 5);
  cfg.get<Config>("alias").set("[0]", 16);
  assert.equal(
    toYaml(cfg),
    `layers:
- 7
- 2
enc:
  dim: 5
  heads:
  - 16
model:
  dec: \${.enc2}
  enc2: \${enc}
  up: \${..layers}
alias: \${model.dec.heads}
made: \${oc.create:\${enc}}
`,
  );
});

Deno.test("a resolver's container is a config of its own, with the flags it has where it is read", () => {
  const cfg = createConfig(yaml);
  cfg.struct = true;
  const made = cfg.get<Config>("made");
  assert.deepEqual(made.keys(), ["dim", "heads"]);
  assert.equal(made.struct, true);
  assert.throws(() => made.set("extra", 1), /not in struct/);
  made.set("dim", 9); // a new node: the config keeps its interpolation
  assert.equal(cfg.get("made.dim"), 4);
  assert.match(toYaml(cfg), /made: \$\{oc.create:\$\{enc\}\}/);
});

Deno.test("origins through an interpolation are the target's file:line:col", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/c.yaml`, yaml);
  const cfg = await loadConfig(`${dir}/c.yaml`);
  assert.equal(cfg.get<Config>("model.dec").origin("dim"), `${dir}/c.yaml:2:12`);
  assert.equal(cfg.get<Config>("model.up").origin("[1]"), `${dir}/c.yaml:1:13`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("has counts an interpolation that fails to resolve, as OmegaConf's `in`; select then throws", () => {
  const cfg = createConfig("m: ???\ni: ${m}\nj: ${nope}\nk: ${m.x}\n");
  assert.deepEqual(["i", "j", "k", "m", "zz", "i.x"].map((k) => cfg.has(k)), [
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
  assert.throws(() => cfg.select("j", { default: 0 }), /Interpolation key 'nope' not found/);
  assert.throws(() => cfg.select("i", { default: 0 }), /Missing mandatory value: m/);
  assert.equal(cfg.select("m", { default: 0 }), 0);
});

Deno.test("a resolver's plain dict or list is a value: get gives plain data, select does not walk into it (OmegaConf 2.2)", () => {
  registerResolver("t.view.cp", () => ({ s: 1, l: [1, 2] }), { replace: true });
  registerResolver("t.view.cl", () => [1, { x: 2 }], { replace: true });
  try {
    const cfg = createConfig({
      a: { cp: "${t.view.cp:}", cl: "${t.view.cl:}", r: "${a.cp}", m: "${oc.create:{s: 1}}" },
    });
    // type(c.a.cp) is dict, type(c.a.cl) list, and so through a node interpolation
    assert.deepEqual(cfg.get("a.cp"), { s: 1, l: [1, 2] });
    assert.deepEqual(cfg.get("a.cl"), [1, { x: 2 }]);
    assert.deepEqual(cfg.get("a.r"), { s: 1, l: [1, 2] });
    assert.deepEqual(cfg.select("a.cp"), { s: 1, l: [1, 2] });
    assert.deepEqual([...cfg.get<Config>("a")].map(([k, v]) => [k, isConfig(v)]), [
      ["cp", false],
      ["cl", false],
      ["r", false],
      ["m", true],
    ]);
    // OmegaConf.select(c, "a.cp.s", default=9) is 9, None without a default
    assert.equal(cfg.select("a.cp.s", { default: 9 }), 9);
    assert.equal(cfg.select("a.cp.s"), undefined);
    assert.equal(cfg.select("a.cl[0]", { default: 9 }), 9);
    assert.equal(cfg.has("a.cp.s"), false);
    assert.equal(cfg.has("a.cp"), true);
    // c.a.cp.s is an AttributeError on the dict: a `type` error, as for a scalar
    assert.throws(() => cfg.get("a.cp.s"), {
      code: "type",
      message: "Cannot index a plain dict value (a resolver's result, not a config) with 's'",
      fullKey: "a.cp",
    });
    assert.throws(() => cfg.get("a.cl[0]"), { code: "type", fullKey: "a.cl" });
    // oc.create's result is a config: a view, walked into
    assert.equal(cfg.get("a.m.s"), 1);
    assert.equal(cfg.select("a.m.s", { default: 9 }), 1);
  } finally {
    unregisterResolver("t.view.cp");
    unregisterResolver("t.view.cl");
  }
});

Deno.test("origin(path) below a node interpolation is where the value is written, as the view of it gives", async () => {
  const { loadConfig } = await import("../../../mod.ts");
  const dir = Deno.makeTempDirSync();
  try {
    const file = `${dir}/c.yaml`;
    Deno.writeTextFileSync(file, "b: ${a}\na:\n  x: 1\n  p: 2\nc: ${a.x}\nd: ${nope}\n");
    const cfg = await loadConfig(file);
    assert.equal(cfg.origin("b.p"), `${file}:4:6`, "a's p, not b's interpolation");
    assert.equal(cfg.origin("b.p"), cfg.origin("a.p"));
    assert.equal(cfg.origin("b"), `${file}:1:4`, "the interpolation itself");
    assert.equal(cfg.origin("c"), `${file}:5:4`);
    assert.equal(cfg.origin("d.q"), `${file}:6:4`, "one that does not resolve: its own place");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
