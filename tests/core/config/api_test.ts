import assert from "node:assert/strict";
import {
  compose,
  type Config,
  createConfig,
  ErrorCode,
  expandSweep,
  isStrataError,
  loadConfig,
  merge,
  PyFloat,
  registerResolver,
  resolve,
  toJson,
  toYaml,
  unregisterResolver,
  validate,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

async function appTree(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/config.yaml`,
    [
      "name: ${hydra:job.name}",
      "day: ${now:%Y-%m-%d}",
      "model: gpt2",
      "out: runs/${model}/${hydra:runtime.choices.db}",
      "defaults:",
      "  - db: sqlite",
      "  - _self_",
      "",
    ].join("\n"),
  );
  await Deno.mkdir(`${dir}/db`);
  await Deno.writeTextFile(`${dir}/db/sqlite.yaml`, "driver: sqlite\n");
  return dir;
}

Deno.test("compose(...).resolve() knows Hydra's hydra: and now: resolvers", async () => {
  const dir = await appTree();
  const c = compose({ configDir: dir, configName: "config", jobName: "train" });
  const cfg = c.resolve();
  assert.equal(cfg.get("name"), "train");
  assert.match(cfg.get<string>("day"), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(cfg.get("out"), "runs/gpt2/sqlite");
  assert.equal(resolve(c).get("name"), "train", "resolve(composition) is the same");
  assert.equal(c.hydra.get("job.name"), "train");
  assert.deepEqual(c.config.keys(), ["db", "name", "day", "model", "out"]);
});

Deno.test("a composed config's own reads know hydra: and now:, as inside a Hydra job", async () => {
  const dir = await appTree();
  const c = compose({ configDir: dir, configName: "config", jobName: "train" });
  assert.equal(c.config.get("name"), "train");
  assert.equal(c.config.get("out"), "runs/gpt2/sqlite");
  assert.equal(c.config.get("day"), c.resolve().get("day"), "one clock for the composition");
  assert.equal(resolve(c.config).get("name"), "train");
  assert.deepEqual([...c.config].map(([k]) => k), ["db", "name", "day", "model", "out"]);
  assert.equal(c.config.toObject<Record<string, string>>().name, "train");
  assert.equal(createConfig(c.config).get("name"), "train", "a copy keeps them");
  assert.equal(merge(c.config, { model: "t5" }).get("out"), "runs/t5/sqlite");
  assert.equal(
    c.config.get("name"),
    "train",
    "per-call resolvers stay per call",
  );
  assert.equal(resolve(c.config, { resolvers: { hydra: () => "x" } }).get("name"), "x");
  // a config that is not a composition does not know them, and says so
  const e = thrown(() => resolve(createConfig({ name: "${hydra:job.name}" })));
  assert.equal(e.code, ErrorCode.UnsupportedInterpolation);
  assert.equal(e.fullKey, "name");
});

Deno.test("per-call and registered resolvers receive plain values and may return views", () => {
  registerResolver(
    "test.pair",
    (args) => createConfig({ a: args[0] as number, b: args[1] as number }),
  );
  try {
    const cfg = createConfig({ p: "${test.pair:1,2.5}", q: "${test.twice:${p.b}}" });
    const out = resolve(cfg, { resolvers: { "test.twice": (args) => (args[0] as number) * 2 } });
    assert.equal(toJson(out), '{"p": {"a": 1, "b": 2.5}, "q": 5}');
  } finally {
    unregisterResolver("test.pair");
  }
});

Deno.test("a Config a resolver returns is its own root, as a DictConfig made by OmegaConf.create", () => {
  // OmegaConf: `${m}` inside the returned config reads the returned config, not the one resolved
  registerResolver("test.own", () => createConfig({ k: "${m}", m: new PyFloat(1), l: ["${..k}"] }));
  try {
    const cfg = createConfig({ a: 5, r: "${test.own:}", s: "${r.k}" });
    assert.equal(toJson(resolve(cfg)), '{"a": 5, "r": {"k": 1.0, "m": 1.0, "l": [1.0]}, "s": 1.0}');
    assert.equal(cfg.get("s"), 1);
    assert.equal(cfg.get("r.l[0]"), 1);
  } finally {
    unregisterResolver("test.own");
  }
  // a part of another config reads that config
  const part = () => createConfig({ m: { x: "${n}" }, n: 2 }).get<Config>("m");
  assert.equal(
    toJson(resolve(createConfig({ r: "${part:}" }), { resolvers: { part } })),
    '{"r": {"x": 2}}',
  );
  // and the config being resolved is out of its reach
  const stray = () => createConfig({ k: "${a}" });
  const e = thrown(() => resolve(createConfig({ a: 5, r: "${stray:}" }), { resolvers: { stray } }));
  assert.equal(e.code, ErrorCode.InterpolationKey);
});

Deno.test("a StrataError a resolver raises is named as OmegaConf's error class, not StrataError", () => {
  // OmegaConf: "ConfigKeyError raised while resolving interpolation: ..." for a resolver's cfg["nope"]
  const peek = () => createConfig({ a: 1 }).get("nope");
  const e = thrown(() => resolve(createConfig({ x: "${peek:}" }), { resolvers: { peek } }));
  assert.equal(e.code, ErrorCode.InterpolationResolution);
  assert.match(e.message, /^ConfigKeyError raised while resolving interpolation: Missing key nope/);
  const stale = () => createConfig({ a: "???" }).get("a");
  const m = thrown(() => resolve(createConfig({ x: "${stale:}" }), { resolvers: { stale } }));
  assert.match(m.message, /^MissingMandatoryValue raised while resolving interpolation: /);
  // oc.create of YAML that is not a config: PyYAML's and OmegaConf's classes
  const yaml = (text: string) =>
    thrown(() => createConfig({ x: `\${oc.create:'${text}'}` }).get("x"));
  assert.match(yaml("a: [1").message, /^ParserError raised while resolving interpolation: /);
  assert.match(yaml("5").message, /^AssertionError raised while resolving interpolation: /);
});

Deno.test("merge takes views and plain data and leaves its inputs alone", () => {
  const base = createConfig({ optimizer: { lr: 1e-3, betas: [0.9, 0.999] }, tags: ["a"] });
  const out = merge(base, { optimizer: { lr: 3e-4 }, tags: ["b"] }, createConfig("seed: 1"));
  assert.deepEqual(out.toObject(), {
    optimizer: { lr: 3e-4, betas: [0.9, 0.999] },
    tags: ["b"],
    seed: 1,
  });
  assert.equal(base.get("optimizer.lr"), 1e-3);
  base.struct = true;
  assert.equal(thrown(() => merge(base, { typo: 1 })).code, ErrorCode.Key);
});

Deno.test("createConfig copies a view instead of sharing its tree", () => {
  const a = createConfig({ x: { y: 1 } });
  const b = createConfig(a.get<Config>("x"));
  b.set("y", 2);
  assert.equal(a.get("x.y"), 1);
  assert.equal(b.get("y"), 2);
});

Deno.test("compose() gives a struct config, as Hydra's compose does: a typo in a key is an error", () => {
  const c = compose({ configDir: "examples/llm-finetune/conf", configName: "config" });
  assert.equal(c.config.struct, true);
  assert.equal(c.config.get<Config>("optimizer").struct, true, "inherited below the root");
  assert.equal(c.hydra.struct, true);
  assert.equal(c.hydra.readonly, false);
  const e = thrown(() => c.config.set("optimizer.lrr", 1e-3));
  assert.match(e.message, /Key 'lrr' is not in struct/);
  assert.equal(c.config.has("optimizer.lrr"), false);
  assert.equal(thrown(() => c.config.get("optimizer.lrr")).code, ErrorCode.Key);
  c.config.set("optimizer.lr", 1e-3); // an existing key may change
  assert.equal(c.config.get("optimizer.lr"), 1e-3);
  c.config.struct = false; // open_dict
  c.config.set("optimizer.extra", 1);
  assert.equal(c.config.get("optimizer.extra"), 1);
  const app = c.resolve();
  assert.equal(app.struct, true, "the app's config is struct too");
  assert.equal(thrown(() => app.set("seeed", 1)).code, ErrorCode.Attribute);
  assert.equal(resolve(c.hydra.get<Config>("job")).struct, true, "resolve() keeps inherited flags");
});

Deno.test("values a config cannot hold are refused with the key, as OmegaConf's UnsupportedValueType", async () => {
  const refused = (f: () => unknown, fullKey: string, type: string) => {
    const e = thrown(f);
    assert.equal(e.code, ErrorCode.UnsupportedValue);
    assert.equal(e.fullKey, fullKey);
    assert.match(e.message, new RegExp(`^Value '${type}' is not a supported primitive type`));
  };
  refused(() => createConfig({ d: new Date(0) } as never), "d", "Date");
  refused(() => createConfig({ a: { f: () => 1 } } as never), "a.f", "function");
  refused(() => createConfig({ l: [1, new Set([2])] } as never), "l[1]", "Set");
  refused(() => merge(createConfig({}), { d: new Date(0) } as never), "d", "Date");
  refused(() => createConfig({ a: { x: 1 } }).set("a.d", new Date(0) as never), "a.d", "Date");
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  const e = thrown(() => createConfig(cyclic as never));
  assert.equal(e.code, ErrorCode.UnsupportedValue);
  assert.equal(e.fullKey, "self.back");
  assert.match(e.message, /cyclic/);
  assert.deepEqual(createConfig({ same: [1], twice: { x: 1 } }).toObject(), {
    same: [1],
    twice: { x: 1 },
  });
  const shared = [1];
  assert.deepEqual(
    createConfig({ a: shared, b: shared }).toObject(),
    { a: [1], b: [1] },
    "shared is not cyclic",
  );

  // a resolver's result too, located at the interpolation
  const cfg = createConfig({ b: "${later:}", n: { c: "${now_date:}" } });
  const p = thrown(() =>
    resolve(cfg, { resolvers: { later: () => Promise.resolve(1), now_date: () => 1 } })
  );
  assert.equal(p.code, ErrorCode.UnsupportedValue);
  assert.equal(p.fullKey, "b");
  assert.match(p.message, /Value 'Promise' is not a supported primitive type \(await it first/);
  const dd = thrown(() =>
    resolve(cfg, { resolvers: { later: () => 1, now_date: () => new Date() } })
  );
  assert.equal(dd.code, ErrorCode.UnsupportedValue);
  assert.equal(dd.fullKey, "n.c");
  const f = resolve(createConfig({ w: "${w:}" }), { resolvers: { w: () => new PyFloat(1) } });
  assert.equal(toJson(f), '{"w": 1.0}', "a PyFloat result is a float");

  // OmegaConf.register_new_resolver: "cannot use an empty resolver name"
  const r = thrown(() => registerResolver("", () => 1));
  assert.equal(r.code, ErrorCode.Value);
  assert.equal(r.message, "cannot use an empty resolver name");

  // OmegaConf.load of a missing file: here an `input` error naming it
  for (const path of ["/nonexistent/config.yaml", await Deno.makeTempDir()]) {
    const l = await loadConfig(path).then(() => undefined, (err) => err);
    assert.ok(isStrataError(l), String(l));
    assert.equal(l.code, ErrorCode.Input);
    assert.equal(l.origin?.file, path);
    assert.ok(l.message.includes(`'${path}'`));
  }
});

Deno.test("validate() takes the library's resolvers: a Config result works as in resolve()", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/config.yaml`, "pair: ${pair:}\nfirst: ${pair.a}\n");
  const r = await validate({
    configDir: dir,
    configName: "config",
    resolvers: { pair: () => createConfig({ a: 1, b: 2 }) },
  });
  assert.deepEqual(r.problems, []);
});

Deno.test("a composed config's hydra node reads the job's keys, as Hydra's does; the job reads no hydra keys", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/config.yaml`,
    [
      "run_name: exp1",
      "out: ${hydra:run.dir}/ckpt",
      "bad: ${hydra.run.dir}",
      "hydra:",
      "  run:",
      "    dir: outputs/${run_name}",
      "  job:",
      "    env_set:",
      "      NAME: ${run_name}-${hydra:job.name}",
      "",
    ].join("\n"),
  );
  try {
    const c = compose({ configDir: dir, configName: "config", jobName: "train" });
    // Hydra: HydraConfig's node has the whole config as its parent
    assert.equal(c.hydra.get("run.dir"), "outputs/exp1");
    assert.equal(c.hydra.origin("run.dir"), `${dir}/config.yaml:6:10`);
    assert.equal(c.hydra.get<Config>("job.env_set").get("NAME"), "exp1-train");
    assert.equal(c.config.get("out"), "outputs/exp1/ckpt");
    // resolving the whole job config reads `bad` too, as the app (and --cfg job --resolve) would
    const whole = thrown(() => c.resolve());
    assert.equal(whole.code, ErrorCode.InterpolationKey);
    assert.equal(whole.fullKey, "bad");
    // live: a job key set later is read, and a hydra key set through the view is kept
    c.config.set("run_name", "exp2");
    assert.equal(c.hydra.get("run.dir"), "outputs/exp2");
    c.hydra.set("run.dir", "elsewhere/${run_name}");
    assert.equal(c.hydra.get("run.dir"), "elsewhere/exp2");
    assert.equal(c.config.get("out"), "elsewhere/exp2/ckpt");
    // the hydra view shows the hydra node only; the job's config has no `hydra`
    assert.ok(!c.hydra.keys().includes("run_name"));
    assert.equal(c.hydra.has("run_name"), false);
    assert.equal(c.config.has("hydra"), false);
    assert.equal(thrown(() => c.config.get("bad")).code, ErrorCode.InterpolationKey);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose and expandSweep without configName compose only overrides, as Hydra's config_name=None", () => {
  const configDir = "examples/llm-finetune/conf";
  // a JavaScript caller (or `as never`) may leave it out: not a TypeError
  const c = compose({ configDir, overrides: ["+lr=0.1"] } as never);
  assert.deepEqual(c.config.toObject(), { lr: 0.1 });
  const sweep = expandSweep({ configDir, overrides: ["+seed=1,2"] } as never);
  assert.deepEqual([...sweep].map((j) => j.overrides), [["+seed=1"], ["+seed=2"]]);
});

Deno.test("compose(...).resolve() refuses a resolver's plain dict as resolve(config) does (OmegaConf.resolve's UnsupportedValueType)", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/config.yaml`, "a:\n  cp: ${t.api.cp:}\n  n: 1\n");
  registerResolver("t.api.cp", () => ({ s: 1 }), { replace: true });
  try {
    const c = compose({ configDir: dir, configName: "config" });
    const refused = {
      code: "unsupported-value",
      message: "Value 'dict' is not a supported primitive type",
      fullKey: "a.cp",
    };
    assert.throws(() => resolve(c.config), refused);
    assert.throws(() => c.resolve(), refused);
    assert.throws(() => resolve(c), refused);
    // reading it, or to_container(resolve=True), keeps it as a value
    assert.deepEqual(c.config.get("a.cp"), { s: 1 });
    assert.deepEqual(c.config.toObject(), { a: { cp: { s: 1 }, n: 1 } });
  } finally {
    unregisterResolver("t.api.cp");
  }
});

Deno.test("createConfig, merge and set take objects typed by interfaces and readonly arrays", () => {
  // TypeScript gives an interface no index signature: a plain-data type with one refused them
  interface Optimizer {
    name: string;
    lr: number;
    betas?: readonly number[];
  }
  const adam: Optimizer = { name: "adam", lr: 1e-3, betas: [0.9, 0.999] as const };
  const cfg = createConfig({ optimizer: adam });
  assert.equal(cfg.get("optimizer.lr"), 1e-3);
  const merged = merge(cfg, { optimizer: { lr: 3e-4 } as Partial<Optimizer> });
  assert.deepEqual(merged.toObject(), {
    optimizer: { name: "adam", lr: 3e-4, betas: [0.9, 0.999] },
  });
  merged.set("extra", adam);
  merged.set("tags", ["a", "b"] as readonly string[]);
  assert.deepEqual(merged.get<Config>("tags").toObject(), ["a", "b"]);
  // what is not plain data is still refused by the type checker (and at run time)
  // @ts-expect-error a function is no config value
  assert.throws(() => createConfig({ f: () => 1 }), /not a supported primitive type/);
  // @ts-expect-error a symbol is no config value
  assert.throws(() => cfg.set("s", Symbol("s")));
});

Deno.test("merge of a node of a bigger config keeps reading that config, its flags and its full keys", () => {
  // OmegaConf.merge(cfg.model, ...) copies cfg.model with its parent
  const cfg = createConfig({ run_dir: "/runs/x", model: { lr: 1, out: "${run_dir}/model" } });
  const m = merge(cfg.get<Config>("model"), { lr: 2 });
  assert.equal(m.get("out"), "/runs/x/model");
  assert.deepEqual(m.toObject(), { lr: 2, out: "/runs/x/model" });
  assert.equal(cfg.get("model.lr"), 1, "the input is not changed");
  cfg.struct = true;
  const e = thrown(() => merge(cfg.get<Config>("model"), { new: 2 }));
  assert.equal(e.code, ErrorCode.Key);
  assert.equal(e.fullKey, "model.new");
  cfg.struct = false;
  cfg.readonly = true;
  const ro = merge(cfg.get<Config>("model"), { lr: 4 });
  assert.equal(ro.get("lr"), 4, "merge lifts readonly while merging, as OmegaConf.merge does");
  assert.equal(thrown(() => ro.set("lr", 5)).code, ErrorCode.Readonly);
});

Deno.test("toYaml(cfg, { resolve: true }): OmegaConf.to_yaml(cfg, resolve=True)", () => {
  // expected texts from python3-omegaconf 2.2
  const cfg = createConfig({ m: { n: "${q}", o: "${..q}" }, q: 3, todo: "???", t: "x${q}" });
  assert.equal(toYaml(cfg, { resolve: true }), "m:\n  'n': 3\n  o: 3\nq: 3\ntodo: ???\nt: x3\n");
  assert.equal(toYaml(cfg.get<Config>("m"), { resolve: true }), "'n': 3\no: 3\n");
  assert.equal(toYaml(cfg, { resolve: true, sortKeys: true }).split("\n")[0], "m:");
  assert.equal(toYaml(cfg).split("\n")[1], "  'n': ${q}", "unresolved without it");
  const bad = thrown(() => toYaml(createConfig({ a: "???", b: "${a}" }), { resolve: true }));
  assert.equal(bad.fullKey, "b");
});

Deno.test("toObject({ exactFloats }): a PyFloat reads as its number in arithmetic, as Python's str in text, as the number in JSON (checker v34)", () => {
  const cfg = createConfig("steps: 1000000.0\nlr: 1e-5\n");
  const out = cfg.toObject({ exactFloats: true }) as { steps: PyFloat; lr: PyFloat };
  assert.ok(out.steps instanceof PyFloat);
  assert.equal((out.steps as unknown as number) * 2, 2000000);
  assert.equal(`${out.steps}`, "1000000.0");
  assert.equal(String(new PyFloat(1e-5)), "1e-05");
  assert.equal(JSON.stringify(out), '{"steps":1000000,"lr":0.00001}');
});

Deno.test("library (checker v36): a Sweep's warnings are typed; versionBase names the string it refuses; a view prints as Python's str()", async () => {
  const dir = await appTree();
  try {
    // a primary defaults list without _self_: Hydra 1.1's warning, at its place
    await Deno.writeTextFile(`${dir}/noself.yaml`, "defaults:\n  - db: sqlite\nmodel: a\n");
    const sweep = expandSweep({
      configDir: dir,
      configName: "noself",
      overrides: ["model=a,b"],
      versionBase: "1.1",
    });
    // typed: this line fails `deno check` when Sweep lacks `warnings`
    const warnings: readonly string[] = sweep.warnings;
    assert.equal(sweep.count, 2);
    assert.ok(warnings.some((w) => /_self_/.test(w)), warnings.join("\n"));
    // as a JavaScript caller (or a value read from a file) passes it
    const bad = "1.4" as unknown as "1.3";
    const e = thrown(() => compose({ configDir: dir, configName: "config", versionBase: bad }));
    assert.match(
      String((e as Error).message),
      /versionBase must be "1\.1", "1\.2" or "1\.3", not "1\.4"$/,
    );
    const cfg = createConfig("model:\n  lr: 0.1\n  layers: [1, 2]\nname: x\n");
    assert.equal(String(cfg.get("model")), "{'lr': 0.1, 'layers': [1, 2]}");
    assert.equal(`${cfg}`, "{'model': {'lr': 0.1, 'layers': [1, 2]}, 'name': 'x'}");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("validate(): configName left out is strata validate's default: config, else the top-level configs (checker v40)", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(dir + "/train.yaml", "a: 1\nb: ${nope}\n");
    Deno.writeTextFileSync(dir + "/eval.yaml", "a: 2\n");
    const r = await validate({ configDir: dir });
    assert.equal(r.compositions, 2);
    assert.deepEqual(r.primaries, ["eval", "train"]);
    assert.deepEqual(r.problems.map((p) => p.message), ["Interpolation key 'nope' not found"]);
    // null: no primary, as before
    const none = await validate({ configDir: dir, configName: null });
    assert.equal(none.primaries, undefined);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
