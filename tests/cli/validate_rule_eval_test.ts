/**
 * A rule that cannot be evaluated names what it read (a string where it does
 * arithmetic), a key it reads that the object lacks gets did-you-mean, and a
 * rule's text is echoed briefly.
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a rule that cannot be evaluated names the values it read, and the key it lacks", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: default\n  - _self_\n",
    "conf/trainer/default.yaml": "batch_size: 12x\ngpus: 4\nmin_epochs: 1\n",
    "conf/_schema/trainer.schema.yaml": "x-strata-rules:\n" +
      "  - rule: self.batch_size % self.gpus == 0\n  - rule: self.min_epoch <= 3\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    `conf/_schema/trainer.schema.yaml:2:11: error: rule 'self.batch_size % self.gpus == 0' cannot be evaluated on 'trainer': no such overload: dyn<string> % dyn<int> (it read batch_size = "12x", gpus = 4)`,
    "conf/_schema/trainer.schema.yaml:3:11: error: rule 'self.min_epoch <= 3' cannot be evaluated on 'trainer': No such key: min_epoch. Did you mean 'min_epochs'?",
  ]);
});

Deno.test("validate: a rule's text is echoed briefly, and one too long to parse says so in words", async () => {
  const long = Array.from({ length: 20000 }, (_, i) => `self.a != ${i}`).join(" && ");
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    "conf/_schema/config.schema.yaml": `x-strata-rules:\n  - rule: ${long}\n`,
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 1, r.stdout);
  assert.ok(r.lines[0].length < 400, r.lines[0].slice(0, 400));
  // the parser or the evaluator overflows first, as the stack allows: said in words either way
  assert.match(
    r.lines[0],
    /(does not parse|cannot be evaluated): it nests too deep for the CEL (parser|evaluator)/,
  );
  assert.doesNotMatch(r.lines[0], /Maximum call stack/);
});

Deno.test("validate: a rule calling a Kubernetes or cel-go CEL extension names the library it is in, not only 'no matching overload'", async () => {
  const dir = writeTree({
    "conf/config.yaml": "xs: [1, 2, 3]\ns: ab\n",
    "conf/_schema/config.schema.yaml": "x-strata-rules:\n" +
      "  - rule: self.xs.isSorted()\n" +
      "  - rule: sets.contains(self.xs, [1])\n" +
      "  - rule: self.?s.orValue('') == 'ab'\n" +
      "  - rule: self.s.indexOf('b') == 1 && self.xs.all(x, x > 0)\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/_schema/config.schema.yaml:2:11: error: rule 'self.xs.isSorted()' cannot be evaluated: found no matching overload for 'dyn.isSorted()' (isSorted() is in Kubernetes' CEL list library, which strata's CEL does not have)",
    "conf/_schema/config.schema.yaml:3:11: error: rule 'sets.contains(self.xs, [1])' cannot be evaluated: found no matching overload for 'dyn.contains(dyn, list<int>)' (sets.contains() is in cel-go's sets extension, which strata's CEL does not have)",
    "conf/_schema/config.schema.yaml:4:11: error: rule 'self.?s.orValue('') == 'ab'' does not parse: Expected IDENTIFIER, got QUESTION at column 6 of the rule (optional values, `self.?x` and `optional.of`, are a CEL extension strata's CEL does not have: test the key with has(self.x))",
  ]);
});

Deno.test("validate: a rule calling a function strata's CEL lacks is one problem, whatever each composition's values", async () => {
  // dcd's plr schema: `.sum()` on two compositions with other values was said twice, differing
  // only in the values it read, which do not matter to a function that is not there
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - plr: a\n  - _self_\n",
    "conf/plr/a.yaml": "x: 0.3\n",
    "conf/plr/b.yaml": "x: 0.9\n",
    "conf/_schema/plr.schema.yaml": "x-strata-rules:\n  - rule: '[self.x].sum() <= 2.0'\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.equal(r.lines.filter((l) => l.includes("sum()")).length, 1, r.stdout);
});

Deno.test("validate: a rule that cannot be evaluated in two compositions, reading other values, is one problem", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - opt: a\n  - _self_\n",
    "conf/opt/a.yaml": "lr: 0.001\n",
    "conf/opt/b.yaml": "lr: 0.0001\n",
    "conf/_schema/opt.schema.yaml": "x-strata-rules:\n  - rule: self.lr * 2 < 1\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  const problems = r.lines.filter((l) => l.includes("cannot be evaluated"));
  assert.equal(problems.length, 1, r.lines.join("\n"));
  assert.match(
    problems[0],
    /^conf\/_schema\/opt\.schema\.yaml:2:11: error: rule 'self\.lr \* 2 < 1' cannot be evaluated/,
  );
});

Deno.test("rules: an int and a double in one arithmetic operation say how to mix them (checker v54 #4)", async () => {
  for (const rule of ["self.alpha * 0.5 < self.beta", "self.alpha * self.beta < 1.0"]) {
    const dir = writeTree({
      "conf/config.yaml": "alpha: 1\nbeta: 0.5\n",
      "conf/_schema/config.schema.yaml": `x-strata-rules:\n  - rule: "${rule}"\n`,
    });
    const r = await validateIn(dir);
    assert.equal(r.code, 1, rule);
    assert.match(
      r.lines[0],
      /no such overload: .*\(it read alpha = 1, beta = 0\.5\); CEL keeps ints and doubles apart in arithmetic: convert one side, double\(self\.x\) or int\(self\.x\)/,
    );
  }
  // the same kinds on both sides: no such hint
  const same = writeTree({
    "conf/config.yaml": "alpha: 1\nbeta: 2\n",
    "conf/_schema/config.schema.yaml": 'x-strata-rules:\n  - rule: "self.alpha * self.beta < 1"\n',
  });
  const r = await validateIn(same);
  assert.doesNotMatch(r.stdout, /apart in arithmetic/);
});
