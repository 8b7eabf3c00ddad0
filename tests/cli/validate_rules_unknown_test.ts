import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

/** A tree whose config schema has a rule over two groups; `extra` is appended to config.yaml. */
function rulesTree(extra: string, rules: string): string {
  return writeTree({
    "conf/config.yaml": "defaults:\n  - data: imagenet\n  - trainer: ddp\n  - _self_\n" + extra,
    "conf/data/imagenet.yaml": "batch_size: 256\n",
    "conf/data/cifar.yaml": "batch_size: 100\n",
    "conf/trainer/ddp.yaml": "gpus: 8\n",
    "conf/_schema/config.schema.yaml": "type: object\nx-strata-rules:\n" + rules,
  });
}

const SPLIT = '  - rule: "self.data.batch_size % self.trainer.gpus == 0"\n' +
  "    message: batch_size must be a multiple of gpus\n";

Deno.test("rules: a ??? elsewhere in the object (set on the command line) does not turn its rules off", async () => {
  const r = await validateIn(rulesTree("output_dir: ???\n", SPLIT));
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:5:13: warning: Missing mandatory value (???) [key: output_dir]",
    "conf/data/cifar.yaml:1:13: error: batch_size must be a multiple of gpus (rule at conf/_schema/config.schema.yaml:3:11) [key: data.batch_size] (with data=cifar) (trainer.gpus from conf/trainer/ddp.yaml:1:7)",
  ]);
});

Deno.test("rules: a rule that reads a ??? (or self as a whole, with a ??? in it) is not run", async () => {
  const rules = SPLIT + "  - rule: \"self.output_dir.startsWith('/')\"\n" +
    '  - rule: "size(self) < 3"\n';
  const r = await validateIn(rulesTree("output_dir: ???\n", rules));
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.lines.length, 2, r.stdout);
  assert.match(r.lines[1], /batch_size must be a multiple of gpus/);
  // with the value set, both run (and fail)
  const set = await validateIn(rulesTree("output_dir: out\n", rules));
  assert.equal(set.lines.filter((l) => l.includes("does not hold")).length, 2, set.stdout);
});

Deno.test("rules: data a schema reports as the wrong type is not also a broken rule", async () => {
  const dir = rulesTree("", SPLIT);
  // the group's own schema types the value, with a rule of its own over it
  Deno.writeTextFileSync(
    dir + "/conf/_schema/data.schema.yaml",
    "type: object\nproperties:\n  batch_size: {type: integer}\n" +
      'x-strata-rules:\n  - rule: "self.batch_size % 2 == 0"\n',
  );
  const r = await validateIn(dir, ["--override", "data.batch_size=abc"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    `override #1 'data.batch_size=abc': error: must be integer (got "abc") (conf/_schema/data.schema.yaml:3:22) [key: data.batch_size]`,
  ]);
  // with no schema typing it, the rule that cannot be evaluated is still reported
  Deno.removeSync(dir + "/conf/_schema/data.schema.yaml");
  const untyped = await validateIn(dir, ["--override", "data.batch_size=abc"]);
  assert.match(
    untyped.lines[0],
    /^conf\/_schema\/config\.schema\.yaml:3:11: error: rule .* cannot be evaluated/,
  );
});

Deno.test("rules: x-strata-rules that is not a list is one problem at its line; the schema still checks", async () => {
  const dir = rulesTree("", SPLIT);
  Deno.writeTextFileSync(
    dir + "/conf/_schema/data.schema.yaml",
    'x-strata-rules: "self.batch_size > 0"\nproperties:\n  batch_size: {type: string}\n',
  );
  const r = await validateIn(dir, ["conf/_schema/data.schema.yaml"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/_schema/data.schema.yaml:1:17: error: x-strata-rules must be a list of {rule, message}",
    "conf/data/cifar.yaml:1:13: error: must be string (got 100) (conf/_schema/data.schema.yaml:3:22) [key: data.batch_size] (with data=cifar)",
    "conf/data/imagenet.yaml:1:13: error: must be string (got 256) (conf/_schema/data.schema.yaml:3:22) [key: data.batch_size]",
  ]);
  // the schema given is the file checked (with the compositions it applies to), not "0 files"
  assert.match(r.stderr, /^3 errors in 1 file, \d+ compositions$/m);
});

Deno.test("rules: a oneOf variant's rules hold only where that variant applies", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - opt: adam\n",
    "conf/opt/adam.yaml": "name: adam\nbetas: [0.9, 0.999]\n",
    "conf/opt/sgd.yaml": "name: sgd\nmomentum: 1.5\n",
    "conf/_schema/opt.schema.yaml": "oneOf:\n" +
      "  - properties: {name: {const: adam}}\n    required: [betas]\n" +
      '    x-strata-rules:\n      - rule: "size(self.betas) == 2"\n' +
      "  - properties: {name: {const: sgd}}\n    required: [momentum]\n" +
      '    x-strata-rules:\n      - rule: "self.momentum < 1.0"\n        message: momentum below 1\n',
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/opt/sgd.yaml:2:11: error: momentum below 1 (rule at conf/_schema/opt.schema.yaml:9:15) [key: opt.momentum] (with opt=sgd)",
  ]);
});

Deno.test("rules: a rule on a child of a oneOf variant holds only where that variant applies", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - opt: a\n",
    "conf/opt/a.yaml": "kind: a\nparams:\n  lr: 5\n  layers: [{n: 5}]\n",
    "conf/opt/b.yaml": "kind: b\nparams:\n  lr: 5\n  layers: [{n: 5}]\n",
    "conf/_schema/opt.schema.yaml": "oneOf:\n" +
      "  - properties:\n      kind: {const: a}\n      params:\n" +
      '        x-strata-rules: [{rule: "self.lr < 1", message: a needs lr below 1}]\n' +
      "        properties:\n          layers:\n            items:\n" +
      '              x-strata-rules: [{rule: "self.n < 2", message: a needs n below 2}]\n' +
      "  - properties:\n      kind: {const: b}\n      params:\n" +
      '        x-strata-rules: [{rule: "self.lr > 1", message: b needs lr above 1}]\n' +
      // a oneOf inside the variant: its branches apply only where both match
      "        oneOf:\n          - properties: {lr: {type: integer}}\n" +
      '            x-strata-rules: [{rule: "self.lr > 9", message: b needs an int lr above 9}]\n' +
      "          - properties: {lr: {type: number, not: {type: integer}}}\n" +
      '            x-strata-rules: [{rule: "self.lr > 99.0", message: b never runs this}]\n',
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/opt/a.yaml:3:3: error: a needs lr below 1 (rule at conf/_schema/opt.schema.yaml:5:33) [key: opt.params]",
    "conf/opt/a.yaml:4:12: error: a needs n below 2 (rule at conf/_schema/opt.schema.yaml:9:39) [key: opt.params.layers[0]]",
    "conf/opt/b.yaml:3:3: error: b needs an int lr above 9 (rule at conf/_schema/opt.schema.yaml:16:37) [key: opt.params] (with opt=b)",
  ]);
});

Deno.test("rules: a rule in a $ref'd schema inside a oneOf variant holds only where the variant applies", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - opt: a\n",
    "conf/opt/a.yaml": "kind: a\nparams:\n  lr: 5\n",
    "conf/opt/b.yaml": "kind: b\nparams:\n  lr: 5\n",
    "conf/opt/c.yaml": "kind: c\nparams:\n  lr: 5\n",
    "conf/_schema/opt.schema.yaml": "$defs:\n" +
      '  P: {type: object, x-strata-rules: [{rule: "self.lr < 1", message: lr below 1}]}\n' +
      // a tree that refers to itself is followed once
      "  T: {type: object, properties: {child: {$ref: '#/$defs/T'}}}\n" +
      "oneOf:\n" +
      "  - properties: {kind: {const: a}, params: {$ref: '#/$defs/P'}, t: {$ref: '#/$defs/T'}}\n" +
      "  - properties: {kind: {const: b}, params: {type: object}}\n" +
      "  - properties: {kind: {const: c}, params: {$ref: '#/$defs/P'}}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines, [
    "conf/opt/a.yaml:3:3: error: lr below 1 (rule at conf/_schema/opt.schema.yaml:2:45) [key: opt.params]",
    "conf/opt/c.yaml:3:3: error: lr below 1 (rule at conf/_schema/opt.schema.yaml:2:45) [key: opt.params] (with opt=c)",
  ]);
});

Deno.test("rules: a variant named by $ref in oneOf holds only where it applies", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - opt: adam\n",
    "conf/opt/adam.yaml": "name: adam\nbetas: [0.9, 0.999]\n",
    "conf/opt/sgd.yaml": "name: sgd\nmomentum: 0.9\n",
    "conf/_schema/opt.schema.yaml": "$defs:\n" +
      "  adam:\n    properties: {name: {const: adam}}\n    required: [betas]\n" +
      '    x-strata-rules:\n      - rule: "size(self.betas) == 2"\n' +
      "  sgd:\n    properties: {name: {const: sgd}}\n    required: [momentum]\n" +
      '    x-strata-rules:\n      - rule: "self.momentum < 1.0"\n' +
      'oneOf:\n  - $ref: "#/$defs/adam"\n  - $ref: "#/$defs/sgd"\n',
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

Deno.test("rules: a rule's message that is not a string is an error at its line", async () => {
  const dir = rulesTree("", '  - rule: "self.data.batch_size > 0"\n    message: 5\n');
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/config.schema.yaml:4:14: error: a rule's 'message' must be a string",
  ]);
});
