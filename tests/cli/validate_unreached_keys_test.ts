/**
 * nnDetection's `data_dir: ${host.parent_data}/${task}`, `host.parent_data: ${oc.env:det_data}`:
 * with det_data unset (CI) the resolution stops there, a warning; the missing `task` is found all
 * the same, so the hook that blocks a developer's commit blocks it in CI too. And the same tree's
 * other reports: `--no-env`'s denial once, GitHub annotations with did-you-mean first.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a missing key in a value whose resolution stops at an unset variable is found whether or not it is set", async () => {
  const tree = {
    "conf/config.yaml":
      "host:\n  parent_data: ${oc.env:STRATA_TEST_UNSET_DET}\ndata_dir: ${host.parent_data}/${task}\n" +
      "tasks: 1\n",
  };
  const error =
    "conf/config.yaml:3:31: error: Interpolation key 'task' not found [key: data_dir] Did you mean 'tasks'?";
  const unset = await validateIn(writeTree(tree));
  assert.equal(unset.code, 1, unset.stdout + unset.stderr);
  assert.ok(unset.lines.includes(error), unset.stdout);
  assert.match(unset.stdout, /warning: .*'STRATA_TEST_UNSET_DET' not found/);
  const set = await strata(["validate"], {
    cwd: writeTree(tree),
    env: { STRATA_TEST_UNSET_DET: "/data" },
  });
  assertNoStackTrace(set.stderr);
  assert.equal(set.code, 1);
  assert.deepEqual(set.stdout.trim().split("\n"), [error]);
});

Deno.test("validate --no-env: a denied variable is one problem, where its ${oc.env:...} is written", async () => {
  const r = await validateIn(
    writeTree({
      "conf/config.yaml":
        "host:\n  data: ${oc.env:STRATA_TEST_DENIED}\na: ${host.data}/x\nb: ${host.data}/y\n",
    }),
    ["--no-env"],
  );
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/config.yaml:2:9: error: Access to environment variable 'STRATA_TEST_DENIED' denied: environment access is off (--no-env) [key: host.data]",
  ]);
});

Deno.test("validate -f github: did-you-mean and the key on the annotation's first line, before a list of options", async () => {
  const r = await validateIn(
    writeTree({
      "conf/config.yaml": "defaults:\n  - db: mysq\n",
      "conf/db/mysql.yaml": "a: 1\n",
    }),
    ["-f", "github"],
  );
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "::error file=conf/config.yaml,line=2,col=9,title=strata validate::In 'config': Could not find 'db/mysq'. Did you mean 'mysql'?%0A%0AAvailable options in 'db':%0A\tmysql",
  );
});

Deno.test("validate: .strata.yaml's validate.overrides give every composition a key the app sets after composing", async () => {
  const tree = {
    "conf/config.yaml": "host:\n  d: /x\ndata_dir: ${host.d}/${task}\n",
    ".strata.yaml": "validate:\n  overrides: [+task=Task000]\n",
  };
  const r = await validateIn(writeTree(tree));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const bad = await validateIn(
    writeTree({ ...tree, ".strata.yaml": 'validate:\n  overrides: ["+task=[1"]\n' }),
  );
  assert.equal(bad.code, 1);
  assert.match(
    bad.lines[0],
    /^\.strata\.yaml:2:24: error: validate\.overrides: Error parsing override '\+task=\[1'/,
  );
  // a value one of them sets that a composition refuses: numbered in that list, not as an
  // override of the command line (which had one, or none)
  const refused = {
    ...tree,
    ".strata.yaml": "validate:\n  overrides: [+task=Task000, host.e=1]\n",
  };
  for (const args of [[], ["--override", "+q=1"]]) {
    const r2 = await validateIn(writeTree(refused), args);
    assert.equal(r2.code, 1);
    assert.match(
      r2.lines[0],
      /^\.strata\.yaml:2:30: error: override #2 of \.strata\.yaml validate\.overrides 'host\.e=1': Could not override 'host\.e'/,
    );
  }
});

Deno.test("validate -f github: a rule that fails on a value another file set is also a notice at that value's line (the diff's)", async () => {
  const r = await validateIn(
    writeTree({
      "conf/config.yaml": "defaults:\n  - trainer: default\n  - _self_\n",
      "conf/trainer/default.yaml": "swa: 5\nepochs: 20\n",
      "conf/experiment/fast.yaml": "# @package _global_\ntrainer:\n  swa: 25\n",
      "conf/_schema/trainer.schema.yaml":
        "x-strata-rules:\n  - rule: self.swa < self.epochs\n    message: swa must be smaller\n",
    }),
    ["-f", "github"],
  );
  assert.equal(r.code, 1);
  assert.match(r.lines[0], /^::error file=conf\/trainer\/default\.yaml,line=2,col=9,/);
  assert.equal(
    r.lines[1],
    "::notice file=conf/experiment/fast.yaml,line=3,col=8,title=strata validate::trainer.swa is " +
      "read by: swa must be smaller (rule at conf/_schema/trainer.schema.yaml:2:11) (at " +
      "conf/trainer/default.yaml:2:9)",
  );
});

Deno.test("validate: a problem in one of .strata.yaml's validate.overrides is placed at its line, in text and as a GitHub annotation", async () => {
  const dir = writeTree({
    ".strata.yaml": "config_dir: conf\nvalidate:\n  overrides:\n    - seed=abc\n",
    "conf/config.yaml": "seed: 1\n",
    "conf/_schema/config.schema.yaml": "type: object\nproperties:\n  seed: {type: integer}\n",
  });
  const text = await validateIn(dir, []);
  assert.equal(text.code, 1);
  assert.match(
    text.lines[0],
    /^\.strata\.yaml:4:7: error: override #1 of \.strata\.yaml validate\.overrides 'seed=abc': must be integer/,
  );
  const gh = await validateIn(dir, ["-f", "github"]);
  assert.match(
    gh.lines[0],
    /^::error file=\.strata\.yaml,line=4,col=7,title=strata validate::override #1 of \.strata\.yaml validate\.overrides 'seed=abc': must be integer/,
  );
});
