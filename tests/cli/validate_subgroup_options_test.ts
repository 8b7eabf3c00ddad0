import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { inTree, validateIn } from "./_tree.ts";

// nn-template: nn/default.yaml chooses `data: default` (nn/data/default.yaml), which chooses
// `dataset: mnist`. Hydra lists only nn/*.yaml as nn's options: `nn=data/default` is no
// composition anyone makes, and validate must not make it up when nn/default.yaml does not
// load or a `~nn/data` override deletes the entry.
const TREE = {
  "conf/config.yaml": "defaults:\n  - nn: default\n  - _self_\n",
  "conf/nn/default.yaml": "defaults:\n  - _self_\n  - data: default\nbetas: [0.9, 0.999]\n",
  "conf/nn/data/default.yaml": "defaults:\n  - _self_\n  - dataset: mnist\nbatch: 1\n",
  "conf/nn/data/dataset/mnist.yaml": "name: mnist\n",
};

Deno.test("validate: a sub-directory a config that does not load may choose as a group is not folded into the parent group", async () => {
  await inTree({
    ...TREE,
    "conf/nn/default.yaml": "defaults:\n  - _self_\n  - data: default\nbetas: [0.9, 0.999\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // the typo alone: no "Could not find 'nn/dataset/mnist' (with nn=data/default)"
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)).length, 1, r.stdout);
    assert.match(r.stdout, /conf\/nn\/default\.yaml:4:8: error: unclosed flow sequence/);
    assert.doesNotMatch(r.stdout + r.stderr, /nn=data\//);
  });
});

Deno.test("validate --override '~nn/data': the deleted group's options are not tried as nn=data/...", async () => {
  await inTree(TREE, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf", "--override", "~nn/data"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /nn=data\/|Could not (find|delete)/);
  });
});

Deno.test("validate: a config that does not load and never names a sub-directory beside it hides none of that sub-directory's options (checker v29)", async () => {
  await inTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\nx: ${model.k}\n",
    "conf/model/a.yaml": "k: 1\n",
    // broken, and no word `sub` in it: `model/sub` is no group of its
    "conf/model/b.yaml": "k: [\n",
    "conf/model/sub/c.yaml": "j: 1\n",
  }, async (dir) => {
    const want = [
      "conf/config.yaml:4:4: error: Interpolation key 'model.k' not found [key: x] (with model=sub/c)",
      "conf/model/b.yaml:1:4: error: unclosed flow sequence: expected ',' or ']', but found the end " +
      "of the file (at 2:1)",
    ];
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, want);
    assert.match(r.stderr, /2 errors in 4 files, 2 compositions/);
    // as a pre-commit hook gives both files
    const staged = await validateIn(dir, [
      "-d",
      "conf",
      "conf/model/sub/c.yaml",
      "conf/model/b.yaml",
    ]);
    assert.deepEqual(staged.lines, want);
    assert.match(staged.stderr, /2 errors in 2 files, 1 composition/);
  });
});

Deno.test("validate: a sub-directory named as a key of its group's own options is a group for that key, not more options (MatterGen, checker x24)", async () => {
  // model/mattergen.yaml holds `property_embeddings: {}`, filled from model/property_embeddings/
  // with `+model/property_embeddings@model.property_embeddings.x=x` (its comments say so)
  await inTree({
    "conf/config.yaml": "defaults:\n  - model: mattergen\n  - _self_\n",
    "conf/model/mattergen.yaml": "hidden_dim: 512\nproperty_embeddings: {}\n",
    "conf/model/property_embeddings/space_group.yaml": "dim: ${model.hidden_dim}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /model=property_embeddings/);
    // the run the project's users make composes
    const c = await strata([
      "compose",
      "-d",
      "conf",
      "--resolve",
      "+model/property_embeddings@model.property_embeddings.sg=space_group",
    ], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /property_embeddings:\n {4}sg:\n {6}dim: 512\n/);
  });
  // without the key, the sub-directory's configs are options of the group, as before
  await inTree({
    "conf/config.yaml": "defaults:\n  - model: mattergen\n  - _self_\n",
    "conf/model/mattergen.yaml": "hidden_dim: 512\n",
    "conf/model/property_embeddings/space_group.yaml": "dim: ${model.hidden_dim}\n",
  }, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\(with model=property_embeddings\/space_group\)/);
  });
});
