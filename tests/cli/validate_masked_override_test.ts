/**
 * A primary whose default option is gone (`db: a`, db/a.yaml deleted) is composed with another
 * option in its place (`db=b`) to check the rest; an experiment that overrides that group itself
 * (`override /db: a`) is composed without that swap, as users run it: its own error is reported in
 * the same run, at its line, not only once the primary is mended (checker w30). An experiment that
 * chooses the group again without `override` is named where it does, not only at the primary.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an experiment overriding the group whose default is missing is checked with its own choice (checker w30)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/b.yaml": "host: b\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /db: a\nx: 2\n",
    "conf/experiment/f.yaml": "# @package _global_\ndefaults:\n  - override /db: b\nx: 3\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), [
      "conf/config.yaml:2:9: error: In 'config': Could not find 'db/a'",
      "conf/experiment/e.yaml:3:19: error: In 'config': Could not find 'db/a' (with +experiment=e)",
    ]);
    // f chooses an option that is there: it composes, as `+experiment=f` does for users; e is
    // composed past its missing option too (`+experiment=e db=b`), for its other errors
    assert.match(r.stderr, /2 errors in 4 files, 3 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: 'Multiple values for db' says, in text and on GitHub, where the experiment chose it again (checker w30)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/a.yaml": "host: a\n",
    "conf/db/b.yaml": "host: b\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - /db: b\nx: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(
      r.lines[0],
      "conf/config.yaml:2:9: error: Multiple values for db. To override a value use 'override db: " +
        "b' (with +experiment=e) ('db: b' is chosen at conf/experiment/e.yaml:3:10)",
    );
    const gh = await validateIn(dir, ["-d", "conf", "-f", "github"]);
    assert.equal(gh.code, 1, gh.stdout);
    // the experiment's line, which the pull request changed, is annotated too
    assert.match(
      gh.stdout,
      /^::error file=conf\/experiment\/e\.yaml,line=3,col=10,title=strata validate::Multiple values for db\./m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a missing item of the primary's options list (cb: [a, bb]) still tries its other groups in the primary, not on another primary (checker v37)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - _self_\n  - cb: [a, bb]\n  - ds: x\nmodel:\n  k: 1\n",
    "conf/encode.yaml": "defaults:\n  - _self_\n  - ds: x\n",
    "conf/cb/a.yaml": "a: 1\n",
    "conf/cb/b.yaml": "b: 1\n",
    "conf/ds/x.yaml": "v: 1\n",
    "conf/ds/y.yaml": "v: ${model.k}\nw: ${nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "-n", "train"]);
    assert.equal(r.code, 1, r.stdout);
    // ds/y's real error, in train (cb=[a] stands for the list without its missing item); no false
    // 'model.k not found' from encode, which does not run ds/y
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), [
      "conf/ds/y.yaml:2:4: error: Interpolation key 'nope' not found [key: ds.w] (with cb=[a] ds=y)",
      "conf/train.yaml:3:13: error: In 'train': Could not load 'cb/bb'. Did you mean 'b'?",
    ]);
    assert.doesNotMatch(r.stdout + r.stderr, /encode/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an experiment overriding a group with an option not there (a rename) has its other errors found in the same run (checker v37)", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - _self_\n  - model: a\n  - experiment: null\nlr: 0.1\nsteps: 10\n",
    "conf/model/a.yaml": "w: 1\n",
    "conf/model/b.yaml": "w: 2\n",
    "conf/experiment/x.yaml":
      "# @package _global_\ndefaults:\n  - override /model: c\nsteps: 5\nname: run-${lrr}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), [
      "conf/experiment/x.yaml:3:22: error: In 'config': Could not find 'model/c' (with experiment=x)",
      "conf/experiment/x.yaml:5:11: error: Interpolation key 'lrr' not found [key: name] Did you " +
      "mean 'lr'? (with experiment=x model=a)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an experiment at the primary's slot (experiment: null) overriding the group whose default is missing is composed with its own list, then past its missing item (checker v38)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - _self_\n  - model: m\n  - callbacks: default\n" +
      "  - experiment: null\nseed: 1\n",
    "conf/callbacks/early_stopping.yaml": "a: 1\n",
    "conf/model/m.yaml": "w: 1\n",
    "conf/experiment/x.yaml": "# @package _global_\ndefaults:\n" +
      "  - override /callbacks: [early_stopping, rich]\nseed: 2\nname: ${nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "-n", "train"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), [
      "conf/experiment/x.yaml:3:43: error: In 'train': Could not load 'callbacks/rich'. (with experiment=x)",
      "conf/experiment/x.yaml:5:7: error: Interpolation key 'nope' not found [key: name] " +
      "(with experiment=x callbacks=early_stopping)",
      "conf/train.yaml:4:16: error: In 'train': Could not find 'callbacks/default'",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
