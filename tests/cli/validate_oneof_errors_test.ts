import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const SCHEMA = `type: object
properties:
  peft: {$ref: "#/$defs/peft"}
$defs:
  peft:
    oneOf:
      - type: object
        additionalProperties: false
        required: [kind, r]
        properties:
          kind: {enum: [lora, qlora]}
          r: {type: integer, minimum: 1}
          target: {type: array}
      - type: object
        additionalProperties: false
        properties:
          kind: {const: none}
`;

Deno.test("schema oneOf: a variant with one wrong value is one problem, not every variant's", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: llama\n  - _self_\n",
    "conf/model/llama.yaml": "name: llama\npeft:\n  kind: lora\n  r: '16'\n  target: [q]\n",
    "conf/model/tiny.yaml": "name: tiny\npeft:\n  kind: nope\n",
    "conf/_schema/model.schema.yaml": SCHEMA,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    'conf/model/llama.yaml:4:6: error: must be integer (got "16") (conf/_schema/model.schema.yaml:12:21) [key: model.peft.r]',
    `conf/model/tiny.yaml:3:9: error: must be "none" (got "nope") (conf/_schema/model.schema.yaml:17:25) [key: model.peft.kind] (with model=tiny)`,
  ]);
});

Deno.test("schema oneOf: a value two variants match keeps the keyword's own error", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 3\n",
    "conf/_schema/config.schema.yaml":
      "type: object\nproperties:\n  x:\n    oneOf: [{type: integer}, {minimum: 1}]\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:1:4: error: must match exactly one schema in oneOf (conf/_schema/config.schema.yaml:4:12) [key: x]",
  ]);
});

Deno.test("schema oneOf: a value of none of the variants' shapes says so, with what each lacks", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - logger: wandb\n  - _self_\n",
    "conf/logger/csv.yaml": "csv:\n  save_dir: x\n",
    "conf/logger/wandb.yaml": "wandb:\n  project: x\n",
    "conf/_schema/logger.schema.yaml":
      "oneOf:\n  - {type: object, required: [csv]}\n  - {type: object, required: [tensorboard]}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  // not "missing required key 'csv'": the new option is no csv logger
  assert.deepEqual(r.lines, [
    "conf/logger/wandb.yaml:1:1: error: matches none of the 2 variants of oneOf (1: missing required key 'csv'; 2: missing required key 'tensorboard') (conf/_schema/logger.schema.yaml:2:3) [key: logger]",
  ]);
});

Deno.test("schema oneOf: variants sharing a $ref'd definition: the errors of the variant the value is", async () => {
  // diamond's agent schema: an atari variant (objects, no upsampler) and a csgo one (nulls and an
  // upsampler), both with `denoiser: {$ref: ...}`. ajv names an error under a $ref by the
  // referred schema's path, so it was no branch's: every variant's errors were reported
  // ("must NOT be valid", "must be object" for the csgo file's right nulls)
  const schema = `type: object
$defs:
  denoiser:
    type: object
    properties:
      sigma_data: {type: number, exclusiveMinimum: 0}
oneOf:
  - properties:
      denoiser: {$ref: "#/$defs/denoiser"}
      actor_critic: {type: object}
    required: [actor_critic]
    not: {required: [upsampler]}
  - properties:
      denoiser: {$ref: "#/$defs/denoiser"}
      upsampler: {$ref: "#/$defs/denoiser"}
      actor_critic: {type: "null"}
    required: [upsampler]
`;
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - agent: csgo\n  - _self_\n",
    "conf/agent/csgo.yaml":
      "denoiser:\n  sigma_data: 0\nupsampler:\n  sigma_data: 0.5\nactor_critic: null\n",
    "conf/_schema/agent.schema.yaml": schema,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/agent/csgo.yaml:2:15: error: must be > 0 (got 0) (conf/_schema/agent.schema.yaml:6:52) [key: agent.denoiser.sigma_data]",
  ]);
});
