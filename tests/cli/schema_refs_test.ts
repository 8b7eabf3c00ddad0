import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("strata schema: a schema file's local $ref still points into it once placed", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: gpt\n  - _self_\nseed: 1\n",
    "conf/model/gpt.yaml": "layers:\n  - {dim: 768}\n  - {dim: '${seed}'}\n",
    "conf/_schema/model.schema.yaml": "type: object\n$defs:\n  layer:\n    type: object\n" +
      "    properties: {dim: {type: integer, minimum: 1}}\n    required: [dim]\n" +
      'properties:\n  layers: {type: array, items: {$ref: "#/$defs/layer"}}\n',
    "conf/_schema/config.schema.yaml": "type: object\ndefinitions:\n  seed: {type: integer}\n" +
      'properties:\n  seed: {$ref: "#/definitions/seed"}\n',
  });
  const r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const schema = JSON.parse(Deno.readTextFileSync(`${dir}/s.json`));
  assert.equal(
    schema.properties.model.anyOf[1].properties.layers.anyOf[1].items.$ref,
    "#/properties/model/$defs/layer",
  );
  // every reference resolves, and the definitions are checked where they are used
  const check = new Ajv({ strict: true }).compile(schema);
  const raw = { seed: 1, model: { layers: [{ dim: 768 }, { dim: "${seed}" }] } };
  assert.equal(check(raw), true, JSON.stringify(check.errors));
  assert.equal(check({ ...raw, model: { layers: [{ dim: 0 }] } }), false);
  assert.equal(check({ ...raw, model: { layers: [{}] } }), false);
  assert.equal(check({ ...raw, seed: "x" }), false);
});

Deno.test("validate: a $ref that points nowhere is an error at the $ref", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: gpt\n",
    "conf/model/gpt.yaml": "dim: 1\n",
    "conf/_schema/model.schema.yaml": 'properties:\n  dim: {$ref: "#/$defs/dim"}\n',
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/model.schema.yaml:2:15: error: invalid schema: can't resolve reference #/$defs/dim from id #",
  ]);
});

Deno.test("strata schema: the schema of a group whose options are '# @package _global_' describes the whole config, as validate applies it", async () => {
  // checker w58 #1: it was left out, so an editor took what validate refuses
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "conf/model/a.yaml": "# @package _global_\nmodel:\n  d: 2\n",
    "conf/_schema/model.schema.yaml":
      "type: object\nproperties:\n  model:\n    type: object\n    properties:\n      d: { type: integer, minimum: 1 }\n",
  });
  const r = await strata(["schema", "-d", "conf", "-o", "s.json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const check = new Ajv({ strict: true }).compile(
    JSON.parse(Deno.readTextFileSync(`${dir}/s.json`)),
  );
  assert.equal(check({ model: { d: 2 } }), true, JSON.stringify(check.errors));
  assert.equal(check({ model: { d: 0 } }), false);
  // validate refuses the same value
  Deno.writeTextFileSync(`${dir}/conf/model/a.yaml`, "# @package _global_\nmodel:\n  d: 0\n");
  assert.equal((await validateIn(dir, ["-d", "conf"])).code, 1);
});

Deno.test("strata schema: _schema/GROUP.schema.yaml applies to options in its sub-directories; an option whose file does not load is said", async () => {
  // checkers w57 #2 (the schema was refused as matching no group) and w58 #2 (left out silently)
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - datamodule: semantic/s3dis\n  - _self_\n",
    "conf/datamodule/semantic/s3dis.yaml": "# @package datamodule\nbatch: 4\n",
    "conf/datamodule/semantic/bad.yaml": "# @package datamodule\nbatch: [4\n  x: 1\n",
    "conf/_schema/datamodule.schema.yaml":
      "type: object\nproperties:\n  batch: {type: integer, minimum: 1}\n",
  });
  const r = await strata(["schema", "-d", "conf", "-n", "train", "-o", "s.json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /^conf\/datamodule\/semantic\/bad\.yaml:\d+:\d+: warning: datamodule=semantic\/bad's values are left out of the schema: /,
  );
  const check = new Ajv({ strict: true }).compile(
    JSON.parse(Deno.readTextFileSync(`${dir}/s.json`)),
  );
  assert.equal(check({ datamodule: { batch: 4 } }), true, JSON.stringify(check.errors));
  assert.equal(check({ datamodule: { batch: 0 } }), false);
});
