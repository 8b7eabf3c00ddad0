import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  type CreateInput,
  ErrorCode,
  FloatKey,
  isConfig,
  isStrataError,
  loadConfig,
  PyFloat,
  resolve,
  type StrataError,
  toYaml,
} from "../../../mod.ts";
import { thrown } from "../../_errors.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { viewOf } from "../../../core/config/view.ts";

const yaml = `optimizer:
  name: adamw
  lr: 2e-4
  betas: [0.9, 0.999]
  weight_decay: 0.0
  warmup: 100
model: ???
run: \${optimizer.name}-\${optimizer.lr}
`;

async function writeConf(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/config.yaml`, yaml);
  return `${dir}/config.yaml`;
}

Deno.test("get reads plain dotted keys, resolved; containers come back as views", () => {
  const cfg = createConfig(yaml);
  assert.equal(cfg.get("optimizer.lr"), 2e-4);
  assert.equal(cfg.get("optimizer.betas[1]"), 0.999);
  assert.equal(cfg.get("run"), "adamw-0.0002");
  const optimizer = cfg.get<Config>("optimizer");
  assert.equal(optimizer.kind, "dict");
  assert.equal(optimizer.get("name"), "adamw");
  assert.equal(optimizer.get<Config>("betas").kind, "list");
});

Deno.test("get fails like cfg[key] does: an absent key with did-you-mean, a ??? value", () => {
  const cfg = createConfig(yaml);
  const absent = thrown(() => cfg.get("optimizer.lrr"));
  assert.equal(absent.code, ErrorCode.Key);
  assert.equal(absent.fullKey, "optimizer.lrr");
  assert.deepEqual(absent.suggestions, ["optimizer.lr"]);
  assert.equal(thrown(() => cfg.get("model")).code, ErrorCode.MissingValue);
});

Deno.test("select returns the default for an absent key or ???, has agrees", () => {
  const cfg = createConfig(yaml);
  assert.equal(cfg.select("optimizer.lr", { default: 1 }), 2e-4);
  assert.equal(cfg.select("optimizer.eps", { default: 1e-8 }), 1e-8);
  assert.equal(cfg.select("model", { default: "gpt2" }), "gpt2");
  assert.equal(cfg.select("nope.deeper"), undefined);
  assert.equal(cfg.has("optimizer.lr"), true);
  assert.equal(cfg.has("optimizer.eps"), false);
  assert.equal(cfg.has("model"), false, "??? is not set");
});

Deno.test("select raises what fails on the way to the key, as OmegaConf.select does", () => {
  // OmegaConf.select(cfg, "c.b", default=3) resolves c first: its error is raised, not the default
  const cfg = createConfig("a: ???\nb: ${a}\nc: ${nope}\nl: [1, 2]\ns: str\n");
  assert.equal(thrown(() => cfg.select("c.b", { default: 3 })).code, ErrorCode.InterpolationKey);
  assert.equal(
    thrown(() => cfg.select("b.x", { default: 3 })).code,
    ErrorCode.InterpolationToMissing,
  );
  const index = thrown(() => cfg.select("l.a", { default: 3 }));
  assert.equal(index.code, ErrorCode.Type);
  assert.match(index.message, /Index 'a' \(str\) is not an int/);
  // absent keys, a step through a string and a ??? still give the default
  assert.equal(cfg.select("s.x", { default: 3 }), 3);
  assert.equal(cfg.select("a.x", { default: 3 }), 3);
  assert.equal(cfg.select("l.5", { default: 3 }), 3);
  assert.equal(cfg.get<Config>("l").select("7", { default: 3 }), 3);
  // a negative index: cfg.l[-1] reads it, OmegaConf.select gives the default
  assert.equal(cfg.get("l[-1]"), 2);
  assert.equal(cfg.select("l[-1]", { default: 3 }), 3);
  assert.equal(cfg.get<Config>("l").select("-2", { default: 3 }), 3);
});

Deno.test("select takes OmegaConf.select's relative keys: .x here, ..x one level up", () => {
  // OmegaConf.select(cfg.b, "..a") == 1, select(cfg.b.c, "..x") == 2, select(cfg, "..a") raises
  const cfg = createConfig({ a: 1, b: { x: 2, c: { y: 3 } } });
  const b = cfg.get<Config>("b");
  assert.equal(cfg.select(".a"), 1);
  assert.equal(b.select("..a"), 1);
  assert.equal(b.get<Config>("c").select("..x"), 2);
  assert.equal(b.select(".x"), 2);
  assert.equal(b.select(".nope", { default: "D" }), "D");
  assert.deepEqual(b.select<Config>(".c")?.toObject(), { y: 3 });
  const above = thrown(() => cfg.select("..a", { default: "D" }));
  assert.equal(above.code, ErrorCode.Key);
  assert.match(above.message, /Error resolving key '\.\.a'/);
});

Deno.test("keys and iteration follow the file's key order, with plain keys", () => {
  const cfg = createConfig(yaml);
  assert.deepEqual(cfg.keys(), ["optimizer", "model", "run"]);
  const optimizer = cfg.get<Config>("optimizer");
  assert.deepEqual(optimizer.keys(), ["name", "lr", "betas", "weight_decay", "warmup"]);
  assert.equal(optimizer.length, 5);
  const seen = [...optimizer].map(([k, v]) => [k, isConfig(v) ? v.kind : v]);
  assert.deepEqual(seen, [
    ["name", "adamw"],
    ["lr", 2e-4],
    ["betas", "list"],
    ["weight_decay", 0],
    ["warmup", 100],
  ]);
  assert.deepEqual(optimizer.get<Config>("betas").keys(), [0, 1]);
});

Deno.test("set writes through to the config; new dicts on the way are created", () => {
  const cfg = createConfig(yaml);
  cfg.set("optimizer.lr", 1e-3);
  cfg.set("model", { name: "gpt2", layers: 12 });
  cfg.set("trainer.epochs", 3);
  cfg.get<Config>("optimizer").set("scale", new PyFloat(1));
  assert.equal(cfg.get("optimizer.lr"), 1e-3);
  assert.equal(cfg.get("model.layers"), 12);
  assert.equal(cfg.get("trainer.epochs"), 3);
  assert.match(toYaml(cfg), /\n {2}scale: 1\.0\n/);
  cfg.set("copy", cfg.get<Config>("model"));
  cfg.set("model.layers", 24);
  assert.equal(cfg.get("copy.layers"), 12, "a view set elsewhere is copied");
});

Deno.test("struct and readonly flags guard writes, and are inherited", () => {
  const cfg = createConfig(yaml);
  assert.equal(cfg.struct, false);
  cfg.struct = true;
  const optimizer = cfg.get<Config>("optimizer");
  assert.equal(optimizer.struct, true);
  const typo = thrown(() => optimizer.set("lrr", 1));
  assert.match(typo.message, /not in struct/);
  optimizer.set("lr", 5e-4);
  optimizer.readonly = true;
  assert.equal(thrown(() => optimizer.set("lr", 1)).code, ErrorCode.Readonly);
  assert.equal(cfg.readonly, false);
  cfg.struct = false;
  cfg.set("extra", true);
  assert.equal(cfg.get("extra"), true);
});

Deno.test("origin tells file:line:col of every value", async () => {
  const file = await writeConf();
  const cfg = await loadConfig(file);
  assert.equal(cfg.origin("optimizer.lr"), `${file}:3:7`);
  assert.equal(cfg.origin("optimizer.betas[1]"), `${file}:4:16`);
  assert.equal(cfg.get<Config>("optimizer").origin("warmup"), `${file}:6:11`);
  assert.equal(cfg.origin("nope"), undefined);
});

Deno.test("toObject: resolved plain data; ints and floats are numbers, exactFloats keeps 1.0 a float", () => {
  const cfg = createConfig({ a: 1, b: 2.5, c: new PyFloat(1), big: 2n ** 64n, s: "${a}" });
  assert.deepEqual(cfg.toObject(), { a: 1, b: 2.5, c: 1, big: 2n ** 64n, s: 1 });
  const exact = cfg.toObject<{ [key: string]: CreateInput }>({ exactFloats: true });
  assert.deepEqual(exact.c, new PyFloat(1));
  assert.equal(exact.a, 1);
  assert.equal(
    toYaml(createConfig(exact)),
    toYaml(resolve(cfg)),
    "the round trip keeps 1.0 a float",
  );
  assert.match(toYaml(createConfig(cfg.toObject())), /^c: 1$/m, "plain numbers read back as ints");
});

Deno.test("toObject fails at a ??? value with its position", async () => {
  const file = await writeConf();
  const cfg = await loadConfig(file);
  const e = thrown(() => cfg.toObject());
  assert.equal(e.code, ErrorCode.MissingValue);
  assert.equal(e.fullKey, "model");
  assert.deepEqual(e.origin, { file, line: 7, col: 8 });
  assert.deepEqual(cfg.get<Config>("optimizer").toObject(), {
    name: "adamw",
    lr: 2e-4,
    betas: [0.9, 0.999],
    weight_decay: 0,
    warmup: 100,
  });
});

Deno.test("keys are as written, as DictConfig.keys() gives them: get() reads each back", () => {
  const cfg = createConfig("1.5: a\n2: b\n1.0: c\n'3': d\n");
  assert.deepEqual(cfg.keys(), [new FloatKey(1.5), 2, new FloatKey(1), "3"]);
  assert.deepEqual([...cfg].map(([k]) => k), cfg.keys());
  assert.deepEqual(cfg.keys().map((k) => cfg.get(k)), ["a", "b", "c", "d"]);
  assert.deepEqual([...cfg].map(([, v]) => v), ["a", "b", "c", "d"]);
  assert.deepEqual(createConfig("true: d\n").keys(), [true]);
  // an int key and a str key "2" are two keys, each read back by its own
  const two = createConfig("2: int\n'2': str\n");
  assert.deepEqual(two.keys().map((k) => two.get(k)), ["int", "str"]);
  assert.deepEqual(createConfig({ l: [5, 6] }).get<Config>("l").keys(), [0, 1]);
});

Deno.test("console.log and JSON.stringify show the config, not the view's internals", () => {
  const cfg = createConfig({ optimizer: { lr: 0.001, tag: "${name}" }, name: "x" });
  assert.equal(Deno.inspect(cfg), 'Config { optimizer: { lr: 0.001, tag: "${name}" }, name: "x" }');
  assert.equal(Deno.inspect(cfg.get("optimizer")), 'Config { lr: 0.001, tag: "${name}" }');
  assert.equal(JSON.stringify(cfg), '{"optimizer":{"lr":0.001,"tag":"x"},"name":"x"}');
  assert.equal(
    JSON.stringify({ cfg: createConfig("1.5: a\nl: [1]\n") }),
    '{"cfg":{"1.5":"a","l":[1]}}',
  );
  // an int beyond 2^53 is a bigint, which JSON.stringify refuses: it is written exactly,
  // as Python's json.dumps writes it
  assert.equal(
    JSON.stringify(createConfig("big: 99999999999999999999\nl: [-9007199254740993]\n")),
    '{"big":99999999999999999999,"l":[-9007199254740993]}',
  );
  // .inf/.nan are the strings toJson writes, not JSON.stringify's silent null
  assert.equal(
    JSON.stringify(createConfig("a: .inf\nb: 1.5\nc: .nan\nd: [-.inf]\n")),
    '{"a":"inf","b":1.5,"c":"nan","d":["-inf"]}',
  );
  assert.doesNotMatch(
    Deno.inspect(createConfig("a: ???\n1.5: b")),
    /soptimizer|\bsa\b|root|FloatKey/,
  );
});

// A YAML `{1: a}` holds the int key 1 (OmegaConf: `cfg[1]` reads it, `cfg["1"]` and
// `OmegaConf.select(cfg, "1")` do not); `get(1)` failed with a TypeError.
Deno.test("view: a key that is not a string is read as one key, as cfg[1] is", async () => {
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  await Deno.writeTextFile(file, "{1: a, '2': b, 1.5: c, x: {3: e}, l: [p, q]}\n");
  const cfg = await loadConfig(file);
  assert.equal(cfg.get(1), "a");
  assert.equal(cfg.select(1), "a");
  assert.equal(cfg.has(1), true);
  assert.match(cfg.origin(1)!, /:1:5$/);
  assert.equal(cfg.get(new FloatKey(1.5)), "c");
  assert.equal(cfg.get<Config>("x").get(3), "e");
  assert.equal(cfg.get<Config>("l").get(1), "q");
  // an int key and a str key are different keys
  assert.equal(cfg.has("1"), false);
  assert.equal(cfg.select("1"), undefined);
  assert.equal(thrown(() => cfg.get(2)).code, ErrorCode.Key);
  assert.equal(cfg.get("2"), "b");
  await Deno.remove(file);
});

Deno.test("toObject: the first error in key order, as OmegaConf's to_object walks (a ??? before a failing key)", () => {
  // OmegaConf 2.2.2: MissingMandatoryValue at model; InterpolationToMissingValueError at name
  const code = (c: CreateInput) => {
    try {
      createConfig(c).toObject();
    } catch (e) {
      return [(e as StrataError).code, (e as StrataError).fullKey];
    }
    return undefined;
  };
  assert.deepEqual(code({ model: "???", name: "${model}_run" }), [ErrorCode.MissingValue, "model"]);
  assert.deepEqual(code({ name: "${model}_run", model: "???" }), [
    ErrorCode.InterpolationToMissing,
    "name",
  ]);
  assert.deepEqual(code({ a: { b: "???" }, c: "${nope}" }), [ErrorCode.MissingValue, "a.b"]);
  assert.deepEqual(code({ c: "${nope}", a: { b: "???" } }), [ErrorCode.InterpolationKey, "c"]);
  assert.deepEqual(code({ l: [1, "???"], c: "${nope}" }), [ErrorCode.MissingValue, "l[1]"]);
});

Deno.test("toObject: the walk in key order goes into the container an interpolation points at, and a cycle there is a RecursionError", () => {
  // each case checked against OmegaConf 2.2.2's to_object (tools/oracle, area object)
  const code = (text: string) => {
    try {
      viewOf(loadYaml(text)).toObject();
    } catch (e) {
      return [(e as StrataError).code, (e as StrataError).fullKey];
    }
    return undefined;
  };
  // a ??? first, though the whole tree fails in a cycle further on
  assert.deepEqual(
    code('{c: "???", a: {b: "${oc.dict.values:b}"}, b: {b: ["${a}"]}}'),
    [ErrorCode.MissingValue, "c"],
  );
  // the resolver's error at a.a comes before the ??? at d (OmegaConf resolves a.a first)
  assert.deepEqual(
    code('{a: {a: "${oc.dict.keys:d}"}, d: "???"}'),
    [ErrorCode.InterpolationResolution, "a.a"],
  );
  // oc.select hands over the list a[2] itself: to_object walks it and meets its ??? first
  assert.deepEqual(
    code('{a: [{b: "${oc.select:a.2,dflt}"}, 1, ["???", {c: "pre_${a[2][1]}_post"}]]}'),
    [ErrorCode.MissingValue, "a[2][0]"],
  );
  // a container that holds a reference to itself: walked forever in OmegaConf
  const [c, key] = code('{d: {a: {b: "${oc.select:d,dflt}"}}, z: "${nope}"}')!;
  assert.deepEqual([c, key], [ErrorCode.InterpolationResolution, "d.a.b"]);
});

Deno.test("get follows an interpolation to a container as OmegaConf's cfg.d.b does: the node itself, its other keys unresolved", () => {
  // OmegaConf 2.2.2: c.d.b is 0.001, c.d.zz ConfigKeyError (Missing key zz), c.d a DictConfig
  // (printing it raw), though a.a.c fails to resolve; c.l["x"] is KeyValidationError
  const cfg = viewOf(loadYaml("c: [1]\nd: ${a.a}\na: {a: {c: '${oc.dict.keys:c}', b: 0.001}}\n"));
  assert.equal(cfg.get("d.b"), 0.001);
  assert.equal(thrown(() => cfg.get("d.zz")).code, ErrorCode.Key);
  const d = cfg.get<Config>("d");
  assert.deepEqual([d.keys(), d.get("b")], [["c", "b"], 0.001]);
  d.set("n", 5); // a view of a.a itself: writes reach it, as through OmegaConf's node
  assert.equal(cfg.get("a.a.n"), 5);
  assert.equal(thrown(() => cfg.get("c.x")).code, ErrorCode.KeyValidation);
  assert.equal(thrown(() => cfg.get("c.3")).code, ErrorCode.Index);
});

Deno.test("toObject: an object that is neither its options nor a Standard Schema is a usage error", () => {
  // zod before 3.24 (no '~standard'): toObject validated nothing and returned the data
  const cfg = createConfig({ epochs: 0 });
  const oldZod = { _def: {}, parse: (x: unknown) => x, safeParse: (x: unknown) => x };
  assert.throws(
    () => cfg.toObject(oldZod as never),
    (e: Error) => isStrataError(e) && e.code === ErrorCode.Usage && /'~standard'/.test(e.message),
  );
  assert.deepEqual(cfg.toObject({ resolve: false }), { epochs: 0 });
});
