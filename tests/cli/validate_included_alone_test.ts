import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// audiocraft's shape: `augmentations/default.yaml` is only ever included by the watermark solver
// (which sets what it interpolates); `dset/example.yaml` is chosen by that solver.
const TREE: Record<string, string> = {
  "conf/config.yaml": "defaults:\n  - dset: default\n  - solver: default\n  - _self_\n",
  "conf/solver/default.yaml": "# @package __global__\nlr: 1\n",
  "conf/solver/wm.yaml": "# @package __global__\ndefaults:\n" +
    "  - /augmentations/default\n  - override /dset: example\n  - _self_\nsample_rate: 16000\n",
  "conf/augmentations/default.yaml": "speed:\n  sample_rate: ${sample_rate}\n",
  "conf/dset/default.yaml": "train: a\n",
  "conf/dset/example.yaml": "train: b\n",
};

Deno.test("validate: a config only included by others is not tried alone when the includer's composition breaks", async () => {
  const clean = await validateIn(writeTree(TREE));
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  // a duplicate key in the dataset the solver chooses: its compositions are skipped
  const dir = writeTree({ ...TREE, "conf/dset/example.yaml": "train: b\ntrain: c\n" });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/dset/example.yaml:2:1: error: while constructing a mapping (at 1:1): found duplicate key train [key: dset.train]",
  ]);
});

Deno.test("validate: a file with only warnings is still composed (its errors in context are found)", async () => {
  const dir = writeTree({
    ...TREE,
    // a misspelt header word is a warning: the file still composes, and its `${nope}` is found
    "conf/solver/wm.yaml": "# @package __globl__\ndefaults:\n" +
      "  - /augmentations/default\n  - _self_\nsample_rate: 16000\nx: ${nope}\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1);
  assert.ok(
    r.lines.some((l) => l.startsWith("conf/solver/wm.yaml:1:") && l.includes("warning")),
    r.stdout,
  );
  assert.ok(
    r.lines.some((l) => l.includes("'nope' not found") && l.includes("(with solver=wm)")),
    r.stdout,
  );
});

Deno.test("validate: a part included by its file name (`- /datamodule/semantic/_features.yaml`) is checked where it is included", async () => {
  // superpoint_transformer's shape (checker w57): the parts read a key only their includer sets
  const tree: Record<string, string> = {
    "conf/train.yaml": "defaults:\n  - datamodule: semantic/s3dis.yaml\n  - _self_\n",
    "conf/datamodule/semantic/_features.yaml": "# @package datamodule\nfeat: ${datamodule.voxel}\n",
    "conf/datamodule/semantic/default.yaml":
      "# @package datamodule\ndefaults:\n  - /datamodule/semantic/_features.yaml\nvoxel: ???\nsize: ${datamodule.voxel}\n",
    "conf/datamodule/semantic/s3dis.yaml":
      "# @package datamodule\ndefaults:\n  - /datamodule/semantic/default.yaml\n  - _self_\nvoxel: 0.1\n",
  };
  const r = await validateIn(writeTree(tree), ["-n", "train"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(!r.stdout.includes("with datamodule=semantic/_features"), r.stdout);
  // the same tree with the names written without `.yaml`: the same report
  const bare = Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, v.replaceAll(".yaml\n", "\n")]),
  );
  const same = await validateIn(writeTree(bare), ["-n", "train"]);
  assert.equal(same.stdout, r.stdout);
});

Deno.test("validate: a group whose options sit in a sub-directory takes its schema as _schema/GROUP.schema.yaml", async () => {
  // checker w57: `_schema/datamodule.schema.yaml` for options chosen as `datamodule=semantic/x`
  const tree: Record<string, string> = {
    "conf/train.yaml": "defaults:\n  - datamodule: semantic/s3dis\n  - _self_\n",
    "conf/datamodule/semantic/s3dis.yaml": "# @package datamodule\nvoxel: 0.1\nbatch: 4\n",
    "conf/datamodule/semantic/dales.yaml": "# @package datamodule\nvoxel: 0.2\nbatch: four\n",
    "conf/_schema/datamodule.schema.yaml":
      "type: object\nproperties:\n  batch: {type: integer}\n  voxel: {type: number}\n",
  };
  const r = await validateIn(writeTree(tree), ["-n", "train"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.ok(!r.stdout.includes("matches no config group"), r.stdout);
  assert.deepEqual(r.lines.filter((l) => l.includes("error")), [
    'conf/datamodule/semantic/dales.yaml:3:8: error: must be integer (got "four") (conf/_schema/datamodule.schema.yaml:3:17) [key: datamodule.batch] (with datamodule=semantic/dales)',
  ]);
});

Deno.test("validate: an option swapped in where an entry names the chosen one with '.yaml' (override /db: a.yaml) is checked", async () => {
  // myria3d's experiments write `override /trainer: default.yaml` (checker w61 #1): the swap to
  // db=b replaced nothing, so b's error passed validate while compose db=b fails
  const tree: Record<string, string> = {
    "conf/config.yaml": "defaults:\n  - db: a\n  - experiment: e\n  - _self_\n",
    "conf/experiment/e.yaml":
      "# @package _global_\ndefaults:\n  - override /db: a.yaml\ndb:\n  port: 2\n",
    "conf/db/a.yaml": "host: x\n",
    "conf/db/b.yaml": "- x\n- y\n",
  };
  const r = await validateIn(writeTree(tree), []);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.deepEqual(r.lines.filter((l) => l.includes("error")), [
    "conf/experiment/e.yaml:5:3: error: Cannot merge DictConfig with ListConfig at 'db' (a mapping onto a list) (with db=b) (the list it is merged onto at conf/db/b.yaml:1:1)",
  ]);
  // written without `.yaml`: the same report
  tree["conf/experiment/e.yaml"] = tree["conf/experiment/e.yaml"].replace("a.yaml", "a");
  const bare = await validateIn(writeTree(tree), []);
  assert.equal(bare.stdout, r.stdout);
});
