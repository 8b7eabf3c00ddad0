import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { ROOT, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

/** The example fine-tuning tree (with its schemas) in a temp dir, with `edits` applied. */
function exampleTree(edits: Record<string, (text: string) => string> = {}): string {
  const files: Record<string, string> = {};
  const base = ROOT + "examples/llm-finetune/";
  const walk = (rel: string) => {
    for (const e of Deno.readDirSync(base + rel)) {
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) walk(child);
      else files[child] = Deno.readTextFileSync(base + child);
    }
  };
  walk("conf");
  for (const [rel, edit] of Object.entries(edits)) files[rel] = edit(files[rel] ?? "");
  return writeTree(files);
}

Deno.test("schema: the example's schemas pass as shipped", async () => {
  const r = await validateIn(exampleTree());
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

Deno.test("schema: types, enums, bounds, typos and a cross-field rule, each at the value's line", async () => {
  const dir = exampleTree({
    "conf/optimizer/sgd.yaml": (t) => t.replace("lr: 0.01", "lr: '0.01'") + "mometum: 0.5\n",
    "conf/model/gpt2.yaml": (t) => t.replace("dtype: float32", "dtype: float322"),
    "conf/training/quick.yaml": (t) => t.replace("eval_every: 50", "eval_every: 30"),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    `conf/model/gpt2.yaml:3:8: error: must be one of "float32", "float16", "bfloat16" (got "float322") (conf/_schema/model.schema.yaml:8:17) [key: model.dtype] Did you mean 'float32'? (with model=gpt2)`,
    'conf/optimizer/sgd.yaml:2:5: error: must be number (got "0.01") (conf/_schema/optimizer.schema.yaml:6:14) [key: optimizer.lr] (with optimizer=sgd)',
    "conf/optimizer/sgd.yaml:5:1: error: unknown key 'mometum' (conf/_schema/optimizer.schema.yaml:2:23) [key: optimizer.mometum] Did you mean 'momentum'? (with optimizer=sgd)",
    "conf/training/quick.yaml:6:13: error: save_every must be a multiple of eval_every (checkpoints are saved after an eval) (rule at conf/_schema/training.schema.yaml:12:11) [key: training.save_every] (with training=quick) (training.eval_every from conf/training/quick.yaml:5:13)",
  ]);
  assert.equal(r.stderr, "4 errors in 16 files, 7 compositions\n");
});

Deno.test("schema: a value set by an override is checked, the override named as origin", async () => {
  const r = await validateIn(exampleTree(), ["--override", "optimizer.lr=2"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "override #1 'optimizer.lr=2': error: must be <= 1 (got 2) (conf/_schema/optimizer.schema.yaml:6:52) [key: optimizer.lr]",
  );
});

Deno.test("schema: a rule that does not parse is an error at the rule's own line", async () => {
  const dir = exampleTree({
    "conf/_schema/training.schema.yaml": (t) =>
      t.replace('rule: "self.save_every % self.eval_every == 0"', 'rule: "self.save_every %% 2"'),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.match(
    r.lines[0],
    /^conf\/_schema\/training\.schema\.yaml:12:11: error: rule 'self\.save_every %% 2' does not parse: /,
  );
});

Deno.test("schema: a rule that does not parse names the token it stopped at and its column, not a letter inside it", async () => {
  const dir = exampleTree({
    "conf/_schema/training.schema.yaml": (t) =>
      t.replace(
        'rule: "self.save_every % self.eval_every == 0"',
        'rule: "self.save_every self.eval_every"',
      ),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "conf/_schema/training.schema.yaml:12:11: error: rule 'self.save_every self.eval_every' does not parse: unexpected 'self' at column 17 of the rule",
  );
});

/** A root rule that fails with two options of a group, for different reasons (values). */
const ROOT_RULE_TREE = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nckpt: false\n",
  "conf/model/small.yaml": "seq: 1024\n",
  "conf/model/big.yaml": "seq: 16384\n",
  "conf/model/huge.yaml": "seq: 32768\n",
  "conf/_schema/config.schema.yaml":
    'type: object\nx-strata-rules:\n  - rule: "self.model.seq <= 8192 || self.ckpt"\n    message: "long sequences need ckpt"\n',
};

Deno.test("schema: a failing root rule is located at the keys it reads, once per location", async () => {
  const dir = writeTree(ROOT_RULE_TREE);
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/big.yaml:1:6: error: long sequences need ckpt (rule at conf/_schema/config.schema.yaml:3:11) [key: model.seq] (with model=big) (ckpt from conf/config.yaml:4:7)",
    "conf/model/huge.yaml:1:6: error: long sequences need ckpt (rule at conf/_schema/config.schema.yaml:3:11) [key: model.seq] (with model=huge) (ckpt from conf/config.yaml:4:7)",
  ]);
  const js = JSON.parse((await validateIn(dir, ["-f", "json"])).stdout);
  assert.equal(js.errors, 2);
  assert.equal(js.problems[0].fullKey, "model.seq");
  assert.deepEqual(js.problems[0].related.map((x: { origin: unknown }) => x.origin), [
    { file: "conf/model/big.yaml", line: 1, col: 6 },
    { file: "conf/config.yaml", line: 4, col: 7 },
  ]);
  // Same rule, same file and line for the first key it reads, another value elsewhere: one problem
  // per location, as any other (the first composition's label), with both values as related.
  const flipped = writeTree({
    ...ROOT_RULE_TREE,
    "conf/_schema/config.schema.yaml":
      'x-strata-rules:\n  - rule: "self.ckpt || self.model.seq <= 8192"\n',
  });
  const f = await validateIn(flipped);
  assert.equal(f.lines.length, 1, f.stdout);
  assert.match(
    f.lines[0],
    /^conf\/config\.yaml:4:7: error: rule .* does not hold .*\[key: ckpt\] \(with model=big and 1 more composition\)/,
  );
  const fj = JSON.parse((await validateIn(flipped, ["-f", "json"])).stdout);
  assert.deepEqual(fj.problems[0].related.map((x: { origin: { file: string } }) => x.origin.file), [
    "conf/config.yaml",
    "conf/model/big.yaml",
    "conf/model/huge.yaml",
  ]);
});

Deno.test("schema: an unknown key is located at the key, in characters after a non-BMP one", async () => {
  const dir = writeTree({
    "conf/config.yaml": 'defaults:\n  - opt: a\n  - _self_\nx: {tag: "😀😀", y: "${nope}"}\n',
    "conf/opt/a.yaml":
      'lr: 0.1\nweight_decy: 0.01\nnested:\n  inner:\n    kk: 5\n    "😀": {k: 1, "zz": 2}\n    extra:\n      a: 1\nblock_typo:\n  # the value is below\n  a: 1\n',
    "conf/_schema/opt.schema.yaml":
      "type: object\nadditionalProperties: false\nproperties:\n  lr: {type: number}\n  weight_decay: {type: number}\n  nested: {type: object, properties: {inner: {type: object, additionalProperties: {type: object, additionalProperties: false, properties: {k: {}}}, properties: {kk: {}, extra: {}}}}}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines.map((l) => l.replace(/ \(conf\/_schema.*$/, "")), [
    "conf/config.yaml:4:20: error: Interpolation key 'nope' not found [key: x.y]",
    "conf/opt/a.yaml:2:1: error: unknown key 'weight_decy'",
    "conf/opt/a.yaml:6:17: error: unknown key 'zz'",
    "conf/opt/a.yaml:9:1: error: unknown key 'block_typo'",
  ]);
});

Deno.test("schema: a broken keyword is at its own line; a rule giving a non-bool is a broken rule", async () => {
  const tree = {
    "conf/config.yaml": "defaults:\n  - t: a\n  - _self_\n",
    "conf/t/a.yaml": "bs: 12\nlr: 0.1\n",
    "conf/_schema/t.schema.yaml":
      'type: object\nrequired: [lr]\nproperties:\n  bs: {type: integr}\n  lr: {type: string, pattern: "(x"}\nx-strata-rules:\n  - rule: "self.bs"\n',
  };
  const typo = await validateIn(writeTree(tree));
  assert.equal(typo.code, 1);
  assert.match(
    typo.lines[0],
    /^conf\/_schema\/t\.schema\.yaml:4:14: error: unknown JSON Schema type .integr.: .*Did you mean .integer.\?/,
  );
  const regex = await validateIn(writeTree({
    ...tree,
    "conf/_schema/t.schema.yaml": tree["conf/_schema/t.schema.yaml"].replace("integr", "integer"),
  }));
  assert.match(regex.lines[0], /^conf\/_schema\/t\.schema\.yaml:5:31: error: invalid schema: /);
  const rule = await validateIn(writeTree({
    ...tree,
    "conf/_schema/t.schema.yaml": tree["conf/_schema/t.schema.yaml"].replace("integr", "integer")
      .replace(', pattern: "(x"', "").replace("type: string", "type: number"),
  }));
  assert.deepEqual(rule.lines, [
    "conf/_schema/t.schema.yaml:7:11: error: rule 'self.bs' must give a bool, but gave int on 't'",
  ]);
});

Deno.test("schema: FILES mode checks only the compositions a file takes part in", async () => {
  const dir = exampleTree({
    "conf/optimizer/sgd.yaml": (t) => t + "mometum: 0.5\n",
    "conf/model/gpt2.yaml": (t) => t.replace("dtype: float32", "dtype: float322"),
  });
  // files outside the config tree are passed by pre-commit too: they select nothing
  Deno.writeTextFileSync(`${dir}/README.md`, "# x\n");
  Deno.mkdirSync(`${dir}/.github`);
  Deno.writeTextFileSync(`${dir}/.github/x.yaml`, "a: [\n");
  const r = await validateIn(dir, ["conf/optimizer/sgd.yaml", "README.md", ".github/x.yaml"]);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 1);
  assert.match(r.lines[0], /^conf\/optimizer\/sgd\.yaml:5:1: error: unknown key 'mometum'/);
  // the files outside conf/ are named as not checked (a note), not failed
  assert.equal(
    r.stderr,
    "note: README.md: not in the config directory conf/: not checked\n" +
      "note: .github/x.yaml: not in the config directory conf/: not checked\n" +
      "1 error in 1 file, 1 composition\n",
  );
  const clean = await validateIn(dir, ["conf/dataset/dolly.yaml"]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.stdout, "no problems in 1 file, 1 composition\n");
});

Deno.test("schema: --format github and json", async () => {
  const dir = exampleTree({ "conf/optimizer/sgd.yaml": (t) => t + "mometum: 0.5\n" });
  const gh = await validateIn(dir, ["--format", "github"]);
  assert.equal(gh.code, 1);
  assert.equal(
    gh.lines[0],
    "::error file=conf/optimizer/sgd.yaml,line=5,col=1,title=strata validate::unknown key 'mometum' (conf/_schema/optimizer.schema.yaml:2:23) [key: optimizer.mometum] Did you mean 'momentum'? (with optimizer=sgd)",
  );
  const js = await validateIn(dir, ["--format", "json"]);
  assert.equal(js.code, 1);
  const out = JSON.parse(js.stdout);
  assert.equal(out.errors, 1);
  assert.deepEqual(out.problems[0].origin, { file: "conf/optimizer/sgd.yaml", line: 5, col: 1 });
  assert.equal(out.problems[0].fullKey, "optimizer.mometum");
});

Deno.test("strata schema: a draft-07 JSON Schema the composed config satisfies", async () => {
  const dir = exampleTree();
  const r = await strata(["schema", "-o", "config.schema.json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const schema = JSON.parse(Deno.readTextFileSync(`${dir}/config.schema.json`));
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
  assert.deepEqual(schema.properties.model.anyOf[1].properties.dtype.anyOf[1].enum, [
    "float32",
    "float16",
    "bfloat16",
  ]);
  assert.deepEqual(
    schema.properties.dataset.anyOf[1].properties.max_samples,
    {},
    "inferred: null is anything",
  );
  const check = new Ajv({ strict: true }).compile(schema);
  const composed = await strata(["compose", "--resolve", "-f", "json"], { cwd: dir });
  assert.equal(check(JSON.parse(composed.stdout)), true, JSON.stringify(check.errors));
  assert.equal(check({ ...JSON.parse(composed.stdout), seed: "x" }), false);
});

Deno.test("strata schema: an editor accepts the raw files' interpolations wherever a value is constrained", async () => {
  const dir = exampleTree({
    "conf/model/gpt2.yaml": (t) => t.replace("dtype: float32", "dtype: ${oc.env:DTYPE}"),
  });
  const r = await strata(["schema", "-o", "config.schema.json", "model=gpt2"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const schema = JSON.parse(Deno.readTextFileSync(`${dir}/config.schema.json`));
  const check = new Ajv({ strict: true, allErrors: true }).compile(schema);
  // conf/config.yaml as the editor sees it: `run_name: ${model.name}-${dataset.name}` against a pattern.
  const raw = parseYaml(Deno.readTextFileSync(`${dir}/conf/config.yaml`)) as Record<
    string,
    unknown
  >;
  assert.equal(check(raw), true, JSON.stringify(check.errors));
  const composed = JSON.parse(
    (await strata(["compose", "-f", "json", "model=gpt2"], { cwd: dir })).stdout,
  );
  assert.equal(composed.model.dtype, "${oc.env:DTYPE}");
  const interpolated = { ...composed, seed: "${oc.env:SEED}", training: "${oc.select:x}" };
  assert.equal(check(interpolated), true, JSON.stringify(check.errors));
  // Values without an interpolation are checked as before.
  assert.equal(check({ ...composed, run_name: "a b" }), false);
  assert.equal(check({ ...composed, seed: -1 }), false);
  assert.equal(check({ ...composed, model: { ...composed.model, dtype: "float322" } }), false);
});

Deno.test("validate: a schema file or .strata.yaml that is not UTF-8 is a located error, not U+FFFD read on", async () => {
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  for (
    const [rel, text, where] of [
      [
        "conf/_schema/config.schema.yaml",
        'type: object\ndescription: "caf\xe9"\n',
        /config\.schema\.yaml:2:18: /,
      ],
      [".strata.yaml", 'config_name: "caf\xe9"\n', /\.strata\.yaml:1:18: /],
    ] as const
  ) {
    const dir = writeTree({ "conf/config.yaml": "a: 1\n", [rel]: latin1(text) });
    const r = await validateIn(dir);
    assert.equal(r.code, 1, `${rel}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, where);
    assert.match(r.stdout + r.stderr, /can't decode byte 0xe9 .*a config file must be UTF-8/);
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("schema: type integer refuses a float written 8.0 or 1e3, as an OmegaConf int field does", async () => {
  const dir = exampleTree({
    "conf/training/default.yaml": (t) => t.replace("batch_size: 8", "batch_size: 8.0"),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.ok(
    r.lines.includes(
      "conf/training/default.yaml:2:13: error: must be integer (got 8.0) (conf/_schema/training.schema.yaml:6:22) [key: training.batch_size]",
    ),
    r.lines.join("\n"),
  );
  const over = await strata(["validate", "-d", "conf", "--override", "training.epochs=1e3"], {
    cwd: exampleTree(),
  });
  assert.equal(over.code, 1);
  assert.match(over.stdout + over.stderr, /must be integer .*\[key: training\.epochs\]/);
  // a number field takes 8.0 and 8 alike, and 8 stays an integer
  const ok = await validateIn(exampleTree({
    "conf/optimizer/sgd.yaml": (t) => t.replace("lr: 0.01", "lr: 1.0"),
  }));
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
});

Deno.test("schema: a bound names where the schema writes it, and quotes a float as the config holds it", async () => {
  const dir = exampleTree({
    "conf/optimizer/adamw.yaml": (t) => t.replace(/^lr: .*$/m, "lr: 5.0"),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  // optimizer.schema.yaml line 6: `  lr: {type: number, exclusiveMinimum: 0, maximum: 1}`
  assert.deepEqual(r.lines.filter((l) => l.includes("optimizer.lr")), [
    "conf/optimizer/adamw.yaml:2:5: error: must be <= 1 (got 5.0) (conf/_schema/optimizer.schema.yaml:6:52) [key: optimizer.lr]",
  ]);
});

Deno.test("validate: a schema error quotes .inf and .nan as YAML writes them, not as JSON's null (checker x22)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "lr: .inf\nm: .nan\nk: -.inf\n",
    "conf/_schema/config.schema.yaml":
      "type: object\nproperties:\n  lr: {type: number, maximum: 1}\n" +
      "  m: {type: integer}\n  k: {enum: [1, 2]}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.match(r.lines[0], /^conf\/config\.yaml:1:5: error: must be <= 1 \(got \.inf\)/);
    assert.match(r.lines[1], /^conf\/config\.yaml:2:4: error: must be integer \(got \.nan\)/);
    assert.match(r.lines[2], /^conf\/config\.yaml:3:4: error: must be one of 1, 2 \(got -\.inf\)/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// cyto-dl's `trainer.default_root_dir: ${paths.output_dir}` with `{type: string}`: the run dir a
// launched job has, not the null a composition has (checker w63 #1)
Deno.test("validate: a schema checks a value built from ${hydra:runtime.output_dir} as the job's run dir, a string", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "out: ${hydra:runtime.output_dir}\nckpt: ${hydra:runtime.output_dir}/ckpts\n",
    "conf/_schema/config.schema.yaml":
      'type: object\nproperties:\n  out: {type: string}\n  ckpt: {type: string, pattern: "^/"}\n',
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /None|null/);
    // a schema the run dir does not fit still fails
    Deno.writeTextFileSync(
      `${dir}/conf/_schema/config.schema.yaml`,
      "type: object\nproperties:\n  out: {type: integer}\n",
    );
    const bad = await validateIn(dir, ["-d", "conf"]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /^conf\/config\.yaml:1:6: error: must be integer/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
