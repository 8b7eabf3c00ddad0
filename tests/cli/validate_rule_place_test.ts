import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const RULE = "type: object\nx-strata-rules:\n  - rule: self.size >= 32\n    message: too small\n";

Deno.test("rules: a group rule that fails is at the option's file, not where its package was first made", async () => {
  const dir = writeTree({
    // data/augment@data.aug makes the `data` node before the data option is merged into it
    "conf/config.yaml": "defaults:\n  - data/augment@data.aug: none\n  - data: cifar\n  - _self_\n",
    "conf/data/augment/none.yaml": "mixup: 0.0\n",
    "conf/data/cifar.yaml": "name: cifar\nsize: 30\n",
    "conf/_schema/data.schema.yaml": RULE,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/data/cifar.yaml:2:7: error: too small (rule at conf/_schema/data.schema.yaml:3:11) [key: data.size]",
  ]);
});

Deno.test("rules: a group rule that fails on an option extending another is at the extending option", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: base\n  - _self_\n",
    "conf/model/base.yaml": "size: 64\n",
    "conf/model/small.yaml": "defaults:\n  - base\n  - _self_\nsize: 16\n",
    "conf/_schema/model.schema.yaml": RULE,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/small.yaml:4:7: error: too small (rule at conf/_schema/model.schema.yaml:3:11) [key: model.size] (with model=small)",
  ]);
});

Deno.test("rules: a group rule reading only keys another file sets fails where the option's object starts (checker w44)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\n",
    "conf/model/base.yaml": "size: 16\n",
    "conf/model/small.yaml": "# small\ndefaults:\n  - base\n  - _self_\nname: small\n",
    "conf/_schema/model.schema.yaml": RULE,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/model/base.yaml:1:7: error: too small (rule at conf/_schema/model.schema.yaml:3:11) [key: model.size] (with model=base)",
    "conf/model/small.yaml:2:1: error: too small (rule at conf/_schema/model.schema.yaml:3:11) [key: model] (model.size from conf/model/base.yaml:1:7)",
  ]);
});

Deno.test("rules: a rule on an option's whole object fails at the key of the file it reads, else where its object starts, below comments and header (checkers v31, w44)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - data: cifar\n  - steps: two\n  - _self_\n",
    "conf/data/cifar.yaml": "# CIFAR\n\nname: cifar\nsize: 30\n",
    "conf/_schema/data.schema.yaml": RULE,
    "conf/steps/two.yaml": "# @package _global_.steps\n# a pipeline\n\n- a\n",
    "conf/_schema/steps.schema.yaml":
      "type: array\nx-strata-rules:\n  - rule: self.size() >= 2\n    message: at least two\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/data/cifar.yaml:4:7: error: too small (rule at conf/_schema/data.schema.yaml:3:11) [key: data.size]",
    "conf/steps/two.yaml:4:1: error: at least two (rule at conf/_schema/steps.schema.yaml:3:11) [key: steps]",
  ]);
});

Deno.test("rules: an option chosen with its extension (`trainer: default.yaml`) fails at the key of its file the rule reads (checker v53)", async () => {
  const rule = "type: object\nx-strata-rules:\n" +
    "  - rule: \"self.accelerator != 'cpu' || !has(self.strategy)\"\n    message: needs gpu\n";
  for (const entry of ["default.yaml", "default"]) {
    const dir = writeTree({
      "conf/config.yaml": `defaults:\n  - trainer: ${entry}\n  - _self_\n` +
        "trainer:\n  accelerator: cpu\n",
      "conf/trainer/default.yaml":
        "# trainer\n_target_: T\naccelerator: gpu\nstrategy:\n  ddp: true\n",
      "conf/_schema/trainer.schema.yaml": rule,
    });
    const r = await validateIn(dir);
    assert.equal(r.code, 1, entry);
    assert.deepEqual(r.lines, [
      "conf/trainer/default.yaml:5:3: error: needs gpu (rule at conf/_schema/trainer.schema.yaml:3:11) [key: trainer.strategy] (trainer.accelerator from conf/config.yaml:5:16)",
    ], entry);
  }
});

Deno.test("rules: a group rule failing only on values --override set is one error at the override, as a schema keyword's (checker v54 #1)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - data: a\n  - _self_\n",
    "conf/data/a.yaml": "doy: [1, 2]\n",
    "conf/data/b.yaml": "doy: [3, 4]\n",
    "conf/_schema/data.schema.yaml":
      'type: object\nx-strata-rules:\n  - rule: "self.doy[0] < self.doy[1]"\n    message: doy must increase\n',
  });
  const r = await validateIn(dir, ["--override", "data.doy=[300,200]"]);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 1, r.stdout);
  assert.match(
    r.lines[0],
    /^override #1 'data\.doy=\[300,200\]': error: doy must increase \(rule at conf\/_schema\/data\.schema\.yaml:3:11\) \[key: data\.doy\[0\]\]/,
  );
});
