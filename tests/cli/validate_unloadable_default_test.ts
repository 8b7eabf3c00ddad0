/**
 * A file every composition includes that does not load (lightning-transformers' c2: a duplicate
 * key in `training/default.yaml`) hid the tree's other problems: validate reported it alone, with
 * "0 compositions". The defaults trees that include it are built with it read as empty, so the
 * problems of the other defaults lists are found in the same run; what its content or its
 * defaults list may cause (a key it would hold, an override it would match) is not reported.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  // no `_self_`: Hydra's warning, which its defaults list gives whatever the file that does not load
  "conf/config.yaml": "defaults:\n  - task: default\n  - training: default\nname: x\n",
  // a duplicate key: the file does not load
  "conf/training/default.yaml": "lr: 0.1\nbatch_size: 16\nbatch_size: 8\n",
  "conf/task/default.yaml": "defaults:\n  - /backbone: small\n  - _self_\nwidth: 4\n",
  "conf/task/seq2seq.yaml": "defaults:\n  - /backbone: seq\n  - _self_\nwidth: 2\n",
  "conf/task/ordered.yaml":
    "defaults:\n  - override /backbone: big\n  - /head: default\n  - _self_\nwidth: 8\n",
  "conf/head/default.yaml": "size: 1\n",
  "conf/backbone/small.yaml": "n: 1\n",
  "conf/backbone/big.yaml": "n: 2\n",
  "conf/backbone/seq.yaml": "defaults:\n  - /tokenizer: autotokeniser\n  - _self_\nn: 3\n",
  "conf/tokenizer/autotokenizer.yaml": "name: t\n",
};

Deno.test("validate: a file every composition includes that does not load hides no other problem", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const problems = r.lines.filter((l) => /^conf\/\S+: (error|warning): /.test(l));
    assert.deepEqual(problems.map((l) => l.replace(/ \(with .*\)$/, "")), [
      "conf/backbone/seq.yaml:2:17: error: In 'backbone/seq': Could not find 'tokenizer/autotokeniser'. Did you mean 'autotokenizer'?",
      "conf/config.yaml:2:11: warning: In 'config': Defaults list is missing `_self_`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information",
      "conf/task/ordered.yaml:3:12: error: In task/ordered: Override 'backbone@task.backbone : big' is defined before 'head@task.head: default'.",
      "conf/training/default.yaml:3:1: error: while constructing a mapping (at 1:1): found duplicate key batch_size [key: training.batch_size]",
    ]);
    assert.match(r.stderr, /3 errors, 1 warning in 10 files/);
    // what was not checked is said: the values of the compositions that include the file
    assert.match(
      r.stderr,
      /note: \d+ compositions include conf\/training\/default\.yaml, which does not load: their defaults lists were checked, their values will be once it loads/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: nothing the file that does not load would hold or match is reported missing", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - training: default\n  - override db: pg\n  - _self_\nbs: ${training.batch_size}\n",
    // its defaults list chooses the db the primary overrides; its content the key read above
    "conf/training/default.yaml": "defaults:\n  - /db: mysql\nbatch_size: 16\nbatch_size: 8\n",
    "conf/db/mysql.yaml": "port: 1\n",
    "conf/db/pg.yaml": "port: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/training/default.yaml:4:1: error: while constructing a mapping (at 1:1): found duplicate key batch_size [key: training.batch_size]",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate FILE: a file outside FILE that does not load hides no error of FILE (checker w27: a pre-commit passed it)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n",
    // bonn is loaded before kitti (Hydra walks a defaults list from its end): it fails first
    "conf/experiment/a.yaml":
      "# @package _global_\ndefaults:\n  - /dataset@d.kitti: kitti\n  - /dataset@d.bonn: bonn\n",
    "conf/dataset/base.yaml": "size: 1\n",
    "conf/dataset/kitti.yaml": "defaults:\n  - base_datasett\nname: kitti\n",
    "conf/dataset/bonn.yaml": "defaults:\n  - base\nname: [bonn\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "conf/dataset/kitti.yaml"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(
      r.lines[0],
      "conf/dataset/kitti.yaml:2:5: error: In 'dataset/kitti': Could not load 'dataset/base_datasett'. (with +experiment=a)",
    );
    // fixed, the compositions reading the other file are said not to be checked
    Deno.writeTextFileSync(`${dir}/conf/dataset/kitti.yaml`, "defaults:\n  - base\nname: kitti\n");
    const ok = await validateIn(dir, ["-d", "conf", "conf/dataset/kitti.yaml"]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(
      ok.stderr,
      /note: 1 composition includes conf\/dataset\/bonn\.yaml, which does not load/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an option that does not load, tried in its default's place, is composed read as empty: the tree it chooses is checked (checker w28)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - sub: ${db}\n  - _self_\n",
    "conf/db/a.yaml": "x: 1\n",
    "conf/sub/a.yaml": "y: 1\n",
    "conf/db/b.yaml": "x: 1\n  y: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const errors = r.lines.filter((l) => /: error: /.test(l));
    assert.deepEqual(errors.map((l) => l.slice(0, l.indexOf(": error: "))), [
      "conf/config.yaml:3:10",
      "conf/db/b.yaml:2:4",
    ]);
    assert.match(errors[0], /Could not find 'sub\/b' \(with db=b\)$/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: the other options of a user's group named hydra (defaults: hydra: run_a) are tried as any group's (checker w29)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - hydra: run_a\n  - _self_\nname: x\n",
    "conf/hydra/run_a.yaml": "run:\n  dir: out/${name}\n",
    "conf/hydra/run_b.yaml": "run:\n  dir: out/${nme}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines.filter((l) => l.includes(": error: ")), [
      "conf/hydra/run_b.yaml:2:8: error: Interpolation key 'nme' not found [key: hydra.run.dir] " +
      "Did you mean 'name'? (with hydra=run_b)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
