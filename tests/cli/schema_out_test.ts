import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("strata schema -o: a path that cannot be written is bad usage, named as given", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  let r = await strata(["schema", "-d", "conf", "-o", "no/such/dir/s.json"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    "Cannot write the file 'no/such/dir/s.json': the directory 'no/such/dir' does not exist\n",
  );
  r = await strata(["schema", "-d", "conf", "-o", "conf"], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "Cannot write the file 'conf': it is a directory\n");
  r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    JSON.parse(Deno.readTextFileSync(`${dir}/s.json`)).properties.a.anyOf[1].type,
    "integer",
  );
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["conf", "s.json"]);
});

Deno.test("strata schema -n config.yaml: the config's schema file applies", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 1\n",
    "conf/_schema/config.schema.yaml": "properties:\n  seed: {type: integer, minimum: 0}\n",
  });
  const r = await strata(["schema", "-d", "conf", "-n", "config.yaml"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).allOf[0].properties.seed.anyOf[1].minimum, 0);
});

Deno.test("strata schema -o -: stdout, as sweep's --out - is; no file named '-'", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n" });
  for (const out of ["-", "/dev/stdout"]) {
    const r = await strata(["schema", "-d", "conf", "-o", out], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).properties.a.anyOf[1].type, "integer");
  }
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["conf"]);
});

Deno.test("strata schema: the other options of a group pass the schema (types inferred from every option)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - aug@train_aug: strong\n  - model: a\n  - _self_\n",
    "conf/aug/strong.yaml": "randaug: {n: 2}\nmixup: 0.8\n",
    "conf/aug/none.yaml": "randaug: null\nmixup: 0\n",
    "conf/model/a.yaml": "dropout: 0\nname: a\n",
    "conf/model/b.yaml": "dropout: 0.1\nname: 3\n",
  });
  const r = await strata(["schema", "-d", "conf"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const check = new Ajv({ strict: true }).compile(JSON.parse(r.stdout));
  for (const o of [[], ["aug@train_aug=none"], ["model=b"]]) {
    const c = await strata(["compose", "-d", "conf", "-f", "json", ...o], { cwd: dir });
    assert.equal(check(JSON.parse(c.stdout)), true, `${o}: ${JSON.stringify(check.errors)}`);
  }
  // what no option gives is still flagged
  assert.equal(check({ model: { dropout: "x", name: "a" } }), false);
});

Deno.test("strata schema: a schema file validate refuses (minimun, a rule that does not parse) fails it, nothing written (checker x22)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 1\n",
    "conf/_schema/config.schema.yaml": "properties:\n  seed: {type: integer, minimun: 0}\n" +
      "x-strata-rules:\n  - rule: 'self.seed +'\n",
  });
  try {
    const r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^conf\/_schema\/config\.schema\.yaml:2:\d+: error: unknown JSON Schema keyword 'minimun'.*Did you mean 'minimum'\?$/m,
    );
    assert.match(r.stderr, /error: rule 'self\.seed \+' does not parse/);
    assert.doesNotMatch(r.stderr, /no composition built|in \d+ files?/);
    assert.throws(() => Deno.statSync(`${dir}/s.json`), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata schema: a schema file named after no group or config (optimiser) fails it as validate does, nothing written (checker v31)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\n",
    "conf/optimizer/adam.yaml": "lr: 0.1\n",
    "conf/_schema/optimiser.schema.yaml": "properties:\n  lr: {type: number}\n",
  });
  try {
    const r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      "conf/_schema/optimiser.schema.yaml: error: schema 'optimiser' matches no config group or " +
        "config. Did you mean 'optimizer.schema.yaml'?\n",
    );
    assert.throws(() => Deno.statSync(`${dir}/s.json`), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata schema: a rule that fails on any config (a CEL extension call, a result that is no bool) fails it as validate does, nothing written (checker v31)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: m\n  - _self_\n",
    "conf/model/m.yaml": "layers: [1, 2]\ndropout: 0.1\n",
    "conf/_schema/model.schema.yaml": "x-strata-rules:\n" +
      "  - rule: self.layers.isSorted()\n  - rule: size(self.layers) + 1\n" +
      "  - rule: self.dropout < 1.0\n",
  });
  try {
    const lines = [
      "conf/_schema/model.schema.yaml:2:11: error: rule 'self.layers.isSorted()' cannot be " +
      "evaluated: found no matching overload for 'dyn.isSorted()' (isSorted() is in Kubernetes' " +
      "CEL list library, which strata's CEL does not have)",
      "conf/_schema/model.schema.yaml:3:11: error: rule 'size(self.layers) + 1' must give a bool, " +
      "but gives int",
    ];
    const r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, lines.join("\n") + "\n");
    assert.throws(() => Deno.statSync(`${dir}/s.json`), Deno.errors.NotFound);
    // validate says the same, once each (not again when the rules run on the config)
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 1, v.stderr);
    assert.equal(v.stdout, lines.join("\n") + "\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata schema: a schema file's problems are listed in line order, as validate lists them (checker w63 #4)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: t\n  - _self_\n",
    "conf/trainer/t.yaml": "a: 1\n",
    "conf/_schema/trainer.schema.yaml":
      'type: object\nminimun: 0\nx-strata-rules:\n  - rule: "self.a &&"\n',
  });
  try {
    const r = await strata(["schema", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, "");
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("conf/"));
    assert.deepEqual(lines.map((l) => l.split(": ")[0]), [
      "conf/_schema/trainer.schema.yaml:2:1",
      "conf/_schema/trainer.schema.yaml:4:11",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata schema: a group the defaults list leaves ??? gets its first option standing in, said, and every option in the schema (checker w64 #2)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: ???\n  - _self_\nseed: 1\n",
    "conf/model/mlp.yaml": "hidden: 128\n",
    "conf/model/unet.yaml": "channels: 32\n",
  });
  const r = await strata(["schema", "-d", "conf"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stderr,
    "note: 'model' is ??? in the defaults list: its first option 'mlp' stands in, and each of " +
      "its options is in the schema\n",
  );
  const model = JSON.parse(r.stdout).properties.model.anyOf[1];
  assert.deepEqual(Object.keys(model.properties).sort(), ["channels", "hidden"]);
  // chosen on the command line, nothing stands in
  const chosen = await strata(["schema", "-d", "conf", "model=unet"], { cwd: dir });
  assert.equal(chosen.code, 0, chosen.stderr);
  assert.equal(chosen.stderr, "");
});
