/**
 * What strata's (not strict) ajv would ignore in a schema file, so that it
 * checks nothing: a keyword no JSON Schema draft has (a misspelt `minimun`),
 * Kubernetes' rules keyword in place of strata's, a rule's keys other than
 * `rule` and `message`.
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - trainer: default\n  - _self_\n",
  "conf/trainer/default.yaml": "gpus: -1\nmin_epochs: 20\nmax_epochs: 10\n",
};

Deno.test("validate: a misspelt JSON Schema keyword is an error with did-you-mean, not a check turned off", async () => {
  const dir = writeTree({
    ...CONF,
    "conf/_schema/trainer.schema.yaml":
      "type: object\nproperties:\n  gpus: {type: integer, minimun: 0}\n  max_epochs:\n    type: integer\n    x-doc: vendor keywords are left alone\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/trainer.schema.yaml:3:25: error: unknown JSON Schema keyword 'minimun': it would check nothing. Did you mean 'minimum'?",
  ]);
  Deno.writeTextFileSync(
    `${dir}/conf/_schema/trainer.schema.yaml`,
    "type: object\nproperties:\n  gpus: {type: integer, minimum: 0}\n",
  );
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.match(r.lines[0], /^conf\/trainer\/default\.yaml:1:7: error: must be >= 0/);
});

Deno.test("validate: rules under Kubernetes' x-kubernetes-validations are pointed to x-strata-rules; a rule's other keys are warned of", async () => {
  const dir = writeTree({
    ...CONF,
    "conf/_schema/trainer.schema.yaml": "type: object\nx-kubernetes-validations:\n" +
      "  - rule: self.min_epochs <= self.max_epochs\n    message: min_epochs after max_epochs\n",
  });
  let r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/trainer.schema.yaml:2:1: error: strata reads CEL rules under 'x-strata-rules' (written as Kubernetes' x-kubernetes-validations): under 'x-kubernetes-validations' they would check nothing. Did you mean 'x-strata-rules'?",
  ]);
  Deno.writeTextFileSync(
    `${dir}/conf/_schema/trainer.schema.yaml`,
    "type: object\nx-strata-rules:\n  - rule: self.min_epochs <= self.max_epochs\n" +
      "    mesage: min_epochs after max_epochs\n    fieldPath: .min_epochs\n",
  );
  r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/trainer.schema.yaml:4:13: warning: unknown key 'mesage' in a rule: strata reads only 'rule' and 'message'. Did you mean 'message'?",
    "conf/_schema/trainer.schema.yaml:5:16: warning: 'fieldPath' (Kubernetes) is not read by strata: a rule has 'rule' and 'message'",
    "conf/trainer/default.yaml:2:13: error: rule 'self.min_epochs <= self.max_epochs' does not hold (rule at conf/_schema/trainer.schema.yaml:3:11) [key: trainer.min_epochs] (trainer.max_epochs from conf/trainer/default.yaml:3:13)",
  ]);
});

Deno.test("validate: a schema file for Hydra's own groups is an error: it would check nothing", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - override hydra/sweeper: mine\n  - _self_\na: 1\n",
    "conf/hydra/sweeper/mine.yaml": "n_trials: 20\n",
    "conf/_schema/hydra/sweeper.schema.yaml":
      "type: object\nproperties:\n  n_trials: {type: string}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/hydra/sweeper.schema.yaml: error: schema 'hydra/sweeper' is for Hydra's own node, which strata checks against Hydra's schema (HydraConf): schema files apply to the job's config, not to it",
  ]);
});

Deno.test("validate: a type JSON Schema does not have (Python's int, float) is said at its value with the type meant", async () => {
  const dir = writeTree({
    ...CONF,
    "conf/_schema/trainer.schema.yaml":
      "type: object\nproperties:\n  gpus: {type: int, minimum: -1}\n  max_epochs:\n    type: [intger, 'null']\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/trainer.schema.yaml:3:16: error: unknown JSON Schema type 'int': the types are null, boolean, object, array, number, string, integer. Did you mean 'integer'?",
    "conf/_schema/trainer.schema.yaml:5:11: error: unknown JSON Schema type 'intger': the types are null, boolean, object, array, number, string, integer. Did you mean 'integer'?",
  ]);
});

Deno.test("validate: draft 2019-09's keywords check what they say (dependentRequired, unevaluatedProperties, minContains); 2020-12's prefixItems is said as unchecked (checker v31)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: default\n  - _self_\n",
    "conf/trainer/default.yaml": "ckpt: every\ngpus: [1]\nextra: 1\n",
    "conf/_schema/trainer.schema.yaml": [
      "type: object",
      "properties:",
      "  ckpt: {type: string}",
      "  gpus: {type: array, contains: {const: 1}, minContains: 2}",
      "dependentRequired: {ckpt: [ckpt_dir]}",
      "unevaluatedProperties: false",
      "",
    ].join("\n"),
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = r.lines.join("\n");
    assert.match(out, /must have property ckpt_dir when property ckpt is present/);
    assert.match(out, /extra/);
    assert.match(out, /gpus/);
    Deno.writeTextFileSync(
      `${dir}/conf/_schema/trainer.schema.yaml`,
      "type: object\nproperties:\n  gpus: {type: array, prefixItems: [{type: string}]}\n",
    );
    const p = await validateIn(dir);
    assert.equal(p.code, 1);
    assert.deepEqual(p.lines, [
      "conf/_schema/trainer.schema.yaml:3:23: error: JSON Schema 2020-12's 'prefixItems' is not " +
      "checked by strata (drafts 07 to 2019-09): it would check nothing; write items: [...] and " +
      "additionalItems",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
