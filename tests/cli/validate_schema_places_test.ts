import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

/** Two groups with two options each and an experiment: seven compositions. */
const TREE: Record<string, string> = {
  "conf/config.yaml":
    "# the app\ndefaults:\n  - model: resnet\n  - data: small\n  - trainer: default\n  - _self_\n\nseed: 42\nwandb:\n  project: vision\n",
  "conf/model/resnet.yaml": "name: resnet\npatch_size: 16\n",
  "conf/model/vit.yaml": "name: vit\npatch_size: 16\n",
  "conf/data/small.yaml": "name: small\nimage_size: 32\n",
  "conf/data/big.yaml": "name: big\nimage_size: 224\n",
  "conf/trainer/default.yaml": "batch_size: 128\ngpus: 1\n",
  "conf/trainer/multi.yaml": "batch_size: 1024\ngpus: 8\n",
  "conf/experiment/vit_big.yaml":
    "# @package _global_\ndefaults:\n  - override /model: vit\n  - override /data: big\n",
  "conf/experiment/three.yaml": "# @package _global_\ntrainer:\n  epochs: 200\n  gpus: 2\n",
  "conf/_schema/config.schema.yaml": [
    "type: object",
    "required: [seed]",
    "properties:",
    "  wandb: {type: object, required: [project]}",
    "x-strata-rules:",
    `  - rule: "self.model.name != 'vit' || self.data.image_size % self.model.patch_size == 0"`,
    "    message: image_size must be a multiple of patch_size",
    "",
  ].join("\n"),
  "conf/_schema/trainer.schema.yaml":
    'type: object\nx-strata-rules:\n  - rule: "self.batch_size % self.gpus == 0"\n    message: batch_size must be a multiple of gpus\n',
};

function tree(edits: Record<string, (text: string) => string>): string {
  const files = { ...TREE };
  for (const [rel, edit] of Object.entries(edits)) files[rel] = edit(files[rel]);
  return writeTree(files);
}

Deno.test("schema places: the tree as written is clean", async () => {
  const r = await validateIn(tree({}));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, "no problems in 11 files, 6 compositions\n");
});

Deno.test("schema places: a key the config schema requires is missing at the primary config's mapping, once", async () => {
  const dir = tree({ "conf/config.yaml": (t) => t.replace("seed: 42\n", "") });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:2:1: error: missing required key 'seed' (conf/_schema/config.schema.yaml:2:11) [key: seed]",
  ]);
  assert.equal(r.stderr, "1 error in 11 files, 6 compositions\n");
  const gh = await validateIn(dir, ["--format", "github"]);
  assert.deepEqual(gh.lines, [
    "::error file=conf/config.yaml,line=2,col=1,title=strata validate::missing required key 'seed' (conf/_schema/config.schema.yaml:2:11) [key: seed]",
  ]);
  const js = JSON.parse((await validateIn(dir, ["--format", "json"])).stdout);
  assert.equal(js.problems.length, 1);
  assert.equal(js.problems[0].code, "schema");
  assert.equal(js.problems[0].fullKey, "seed");
  assert.deepEqual(js.problems[0].origin, { file: "conf/config.yaml", line: 2, col: 1 });
});

Deno.test("schema places: a key missing from a nested object is at that object's mapping, once", async () => {
  const dir = tree({
    "conf/config.yaml": (t) => t.replace("  project: vision\n", "  entity: me\n  tags: []\n"),
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:10:3: error: missing required key 'project' (conf/_schema/config.schema.yaml:4:35) [key: wandb.project]",
  ]);
});

Deno.test("schema places: a key missing from an empty primary config is at the file", async () => {
  const dir = writeTree({
    "conf/config.yaml": "# nothing yet\n",
    "conf/db/a.yaml": "port: 1\n",
    "conf/_schema/config.schema.yaml": "type: object\nrequired: [seed]\n",
  });
  const r = await validateIn(dir);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:1:1: error: missing required key 'seed' (conf/_schema/config.schema.yaml:2:11) [key: seed]",
  ]);
});

Deno.test("schema places: a rule failing at the same place in two compositions is one problem", async () => {
  const dir = tree({ "conf/model/vit.yaml": (t) => t.replace("patch_size: 16", "patch_size: 15") });
  const gh = await validateIn(dir, ["--format", "github"]);
  assert.equal(gh.code, 1);
  // one problem; a notice at each value read on another line (the changed patch_size too: w66
  // #3), where a pull request changes it
  assert.equal(gh.lines.filter((l) => l.startsWith("::error")).length, 1, gh.stdout);
  assert.deepEqual(gh.lines.slice(1).map((l) => l.split("::")[1]), [
    "notice file=conf/data/small.yaml,line=2,col=13,title=strata validate",
    "notice file=conf/model/vit.yaml,line=2,col=13,title=strata validate",
    "notice file=conf/data/big.yaml,line=2,col=13,title=strata validate",
  ]);
  assert.match(
    gh.lines[0],
    /^::error file=conf\/model\/vit\.yaml,line=1,col=7,title=strata validate::image_size must be a multiple of patch_size \(rule at conf\/_schema\/config\.schema\.yaml:6:11\) \[key: model\.name\] \(with model=vit and 1 more composition\)/,
  );
  assert.equal(gh.stderr, "1 error in 11 files, 6 compositions\n");
  // the text names the values read in other files, in both compositions: one read in another
  // composition than the one the problem names is said with it
  const r = await validateIn(dir);
  assert.deepEqual(r.lines, [
    "conf/model/vit.yaml:1:7: error: image_size must be a multiple of patch_size (rule at conf/_schema/config.schema.yaml:6:11) [key: model.name] (with model=vit and 1 more composition) (data.image_size from conf/data/small.yaml:2:13, conf/data/big.yaml:2:13 with +experiment=vit_big; model.patch_size from conf/model/vit.yaml:2:13)",
  ]);
  // JSON keeps every position the failures read, of both compositions
  const js = JSON.parse((await validateIn(dir, ["--format", "json"])).stdout);
  assert.equal(js.problems.length, 1);
  assert.equal(js.problems[0].code, "rule");
  assert.deepEqual(
    js.problems[0].related.map((r: { message: string; origin: { file: string } }) =>
      `${r.message} ${r.origin.file}`
    ),
    [
      "'model.name' is read by the rule conf/model/vit.yaml",
      "'data.image_size' is read by the rule conf/data/small.yaml",
      "'model.patch_size' is read by the rule conf/model/vit.yaml",
      "'data.image_size' is read by the rule (with +experiment=vit_big) conf/data/big.yaml",
    ],
  );
});

Deno.test("schema places: a rule broken by an experiment's or an override's value names where it came from", async () => {
  // the experiment sets trainer.gpus: 3, and 128 % 3 != 0
  const dir = tree({ "conf/experiment/three.yaml": (t) => t.replace("gpus: 2", "gpus: 3") });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/trainer/default.yaml:1:13: error: batch_size must be a multiple of gpus (rule at conf/_schema/trainer.schema.yaml:3:11) [key: trainer.batch_size] (with +experiment=three) (trainer.gpus from conf/experiment/three.yaml:4:9)",
  ]);
  const gh = await validateIn(dir, ["--format", "github"]);
  assert.match(
    gh.lines[0],
    /^::error file=conf\/trainer\/default\.yaml,line=1,col=13,.*\(trainer\.gpus from conf\/experiment\/three\.yaml:4:9\)$/,
  );
  const o = await validateIn(dir, ["--override", "trainer.batch_size=100"]);
  assert.ok(
    o.lines.includes(
      "conf/trainer/multi.yaml:2:7: error: batch_size must be a multiple of gpus (rule at conf/_schema/trainer.schema.yaml:3:11) [key: trainer.gpus] (with trainer=multi) (trainer.batch_size from override #1 'trainer.batch_size=100')",
    ),
    o.stdout,
  );
});

Deno.test("validate: a group's schema on its '# @package _global_' options checks the root, and says so", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\nseed: 1\n",
    "conf/model/a.yaml": "# @package _global_\nmodel:\n  name: a\n",
    "conf/_schema/model.schema.yaml":
      "type: object\nproperties:\n  name: {type: string}\nadditionalProperties: false\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.lines[0],
      /^conf\/config\.yaml:4:1: error: unknown key 'seed' \(conf\/_schema\/model\.schema\.yaml:4:23\) \(model's options are '# @package _global_': its schema checks the whole config, as they write at the root\) \[key: seed\]/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("schema places: over a file, a value the default composition has is not tagged with the file's option; one read from it is (checker v31)", async () => {
  const files = {
    "conf/config.yaml": "defaults:\n  - model: default\n  - dataset: oxford\n  - _self_\n",
    "conf/model/default.yaml": "dropout_rate: 1.4\n",
    "conf/dataset/oxford.yaml": "d: 1\n",
    "conf/dataset/folder.yaml": "d: 2\n",
    "conf/_schema/model.schema.yaml":
      "type: object\nproperties:\n  dropout_rate: {type: number, maximum: 1}\n",
  };
  const plain = writeTree(files);
  const r = await validateIn(plain, ["-d", "conf", "conf/dataset/folder.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/default.yaml:1:15: error: must be <= 1 (got 1.4) (conf/_schema/model.schema.yaml:3:41) [key: model.dropout_rate]",
  ]);
  const read = writeTree({
    ...files,
    "conf/model/default.yaml": "dropout_rate: ${dataset.d}\n",
    "conf/dataset/folder.yaml": "d: 1.5\n",
  });
  const q = await validateIn(read, ["-d", "conf", "conf/dataset/folder.yaml"]);
  assert.equal(q.code, 1);
  assert.match(
    q.lines[0],
    /must be <= 1 \(got 1\.5\).* \(with dataset=folder\) \(dataset\.d from conf\/dataset\/folder\.yaml:1:4\)$/,
  );
});

Deno.test("schema places: a value read through ${...} that a schema refuses says where it is set, as a rule's reads do (checker v31)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: colab\n  - lr: one\n  - _self_\n",
    "conf/trainer/colab.yaml": "max_epochs: 50\n",
    "conf/lr/one.yaml": "scheduler:\n  epochs: ${trainer.max_epochs}\n",
    "conf/_schema/lr.schema.yaml":
      "type: object\nproperties:\n  scheduler:\n    type: object\n    properties:\n      epochs: {type: integer, maximum: 40}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/lr/one.yaml:2:11: error: must be <= 40 (got 50) (conf/_schema/lr.schema.yaml:6:40) " +
    "[key: lr.scheduler.epochs] (trainer.max_epochs from conf/trainer/colab.yaml:1:13)",
  ]);
});

Deno.test("schema places: a value read through a relative ${..x} (and a chain) says where it is set, as the grammar reads it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - lr: one\n  - _self_\nlr:\n  max_epochs: 50\n",
    "conf/lr/one.yaml": "scheduler:\n  top: ${..max_epochs}\n  epochs: ${.top}\n",
    "conf/_schema/lr.schema.yaml":
      "type: object\nproperties:\n  scheduler:\n    type: object\n    properties:\n      epochs: {type: integer, maximum: 40}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/lr/one.yaml:3:11: error: must be <= 40 (got 50) (conf/_schema/lr.schema.yaml:6:40) " +
    "[key: lr.scheduler.epochs] (lr.max_epochs from conf/config.yaml:5:15)",
  ]);
});

Deno.test("schema places: a rule broken by an override's value, placed at that override, names it once", async () => {
  // checker w55 #5: "override #1 '...': error: ... (trainer.gpus from override #1 '...')"
  const dir = tree({
    "conf/_schema/trainer.schema.yaml": (t) =>
      t + '  - rule: "self.gpus <= 8"\n    message: gpus too many\n',
  });
  const r = await validateIn(dir, ["--override", "trainer.gpus=16"]);
  const line = r.lines.find((l) => l.includes("gpus too many"));
  assert.ok(line, r.stdout + r.stderr);
  assert.match(line, /^override #1 'trainer\.gpus=16': error: gpus too many/);
  assert.equal(line.split("override #1").length, 2, line);
});
