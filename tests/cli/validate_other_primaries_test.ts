import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// conf/eval.yaml beside conf/config.yaml is run as `python eval.py` (-cn eval): any top-level
// config can be the primary, so one that no composition includes is composed as one.
Deno.test("validate: another top-level primary config is composed as the primary, with its own schema", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - shared\n  - _self_\nx: 1\n",
    "conf/shared.yaml": "seed: 1\n",
    "conf/db/mysql.yaml": "port: 3306\n",
    "conf/db/pg.yaml": "port: 5432\n",
    "conf/eval.yaml": "defaults:\n  - db: pg\n  - _self_\nsteps: 5\nckpt: ${train.dir}\n",
    "conf/_schema/eval.schema.yaml": "properties:\n  steps: {type: string}\n",
    "conf/_schema/config.schema.yaml": "properties:\n  steps: {type: integer}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/eval.yaml:4:8: error: must be string (got 5) (conf/_schema/eval.schema.yaml:2:17) [key: steps] (with --config-name=eval)",
    "conf/eval.yaml:5:7: error: Interpolation key 'train.dir' not found [key: ckpt] (with --config-name=eval)",
  ]);
  assert.equal(r.stderr, "2 errors in 7 files, 3 compositions\n");
  // pre-commit: the file, and its schema, check that composition
  const one = await validateIn(dir, ["-d", "conf", "conf/eval.yaml"]);
  assert.equal(one.lines.length, 2, one.stdout);
  const schema = await validateIn(dir, ["-d", "conf", "conf/_schema/eval.schema.yaml"]);
  assert.ok(schema.lines.includes(r.lines[0]), schema.stdout);
});

Deno.test("validate -n config.yaml: the config named with its extension, as Hydra takes it, gets its schema", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: x\n",
    "conf/_schema/config.schema.yaml": "properties:\n  seed: {type: integer}\n",
  });
  const r = await validateIn(dir, ["-d", "conf", "-n", "config.yaml"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    'conf/config.yaml:1:7: error: must be integer (got "x") (conf/_schema/config.schema.yaml:2:16) [key: seed]',
  ]);
});

Deno.test("validate: a top-level config another top-level primary includes is checked there, not alone", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 1\n",
    "conf/eval.yaml": "defaults:\n  - base_eval\n  - _self_\nsteps: 5\n",
    "conf/base_eval.yaml": "ckpt: ${steps}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.lines, ["no problems in 3 files, 2 compositions"]);
});

Deno.test("validate -d DIR -n config without config.yaml: the error lists DIR's primary configs, as compose does", async () => {
  const dir = writeTree({ "conf/train.yaml": "a: 1\n", "conf/eval.yaml": "b: 1\n" });
  // named: an error (without -n, the top-level configs are the primaries: validate_default_primary_test)
  const r = await validateIn(dir, ["-d", "conf", "-n", "config"]);
  assert.equal(r.code, 1);
  // compose's related note on a line of its own, indented under the error
  assert.deepEqual(r.lines, [
    "conf: error: Cannot find primary config 'config'. Check that it's in your config " +
    "search path.",
    "    primary configs there: eval, train (choose one with --config-name/-n)",
  ]);
});

// A group only another primary chooses (eval's `metric`) is tried in that primary
// (`python eval.py metric=f1`), whichever primary -n names: appended to this one (`+metric=f1`)
// it would read keys only eval has, an error of a composition nobody makes (PickScore's
// `validate -n slurm_config`).
Deno.test("validate: a group only another primary chooses is tried in that primary, not appended to this one", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task: a\n  - _self_\nx: 1\n",
    "conf/task/a.yaml": "v: 1\n",
    "conf/task/b.yaml": "v: 2\nw: ${x}\n",
    "conf/eval.yaml": "defaults:\n  - metric: acc\n  - _self_\ny: 2\n",
    "conf/metric/acc.yaml": "m: ${y}\n",
    "conf/metric/f1.yaml": "m: ${y}\nn: 3\n",
  });
  for (const name of ["config", "eval"]) {
    const r = await validateIn(dir, ["-d", "conf", "-n", name]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 6 files, 4 compositions"]);
  }
  // a broken option is still found, in the primary that chooses its group
  Deno.writeTextFileSync(`${dir}/conf/metric/f1.yaml`, "m: ${nope}\n");
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/metric/f1.yaml:1:4: error: Interpolation key 'nope' not found [key: metric.m] " +
    "(with --config-name=eval metric=f1)",
  ]);
});

// An experiment whose defaults list overrides a group only another primary chooses is that
// primary's (`python eval.py +experiment=ev`): tried there when appending it to this one fails;
// one that fits no primary is reported with this primary's failure.
Deno.test("validate: an experiment that overrides another primary's group is tried on that primary", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task: a\n  - _self_\nx: 1\n",
    "conf/task/a.yaml": "v: 1\n",
    "conf/task/b.yaml": "v: 2\n",
    "conf/eval.yaml": "defaults:\n  - metric: acc\n  - _self_\ny: 2\n",
    "conf/metric/acc.yaml": "m: 1\n",
    "conf/metric/f1.yaml": "m: 2\n",
    "conf/experiment/ev.yaml": "# @package _global_\ndefaults:\n  - override /metric: f1\n",
    "conf/experiment/tr.yaml": "# @package _global_\ndefaults:\n  - override /task: b\n",
  });
  for (const name of ["config", "eval"]) {
    const r = await validateIn(dir, ["-d", "conf", "-n", name]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ["no problems in 8 files, 6 compositions"]);
  }
  Deno.writeTextFileSync(
    `${dir}/conf/experiment/bad.yaml`,
    "# @package _global_\ndefaults:\n  - override /nothing: b\n",
  );
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/experiment/bad.yaml:3:5: error: In 'experiment/bad': Could not override 'nothing'. " +
    "No match in the defaults list. (with +experiment=bad)",
    "    '+experiment=bad' is composed because config's defaults list does not choose " +
    "'experiment'; if its options go with another primary, scope them out in .strata.yaml: " +
    "validate: {options: {config: {experiment: []}}}",
  ]);
});

// dpr-scale: `nq_eval` includes `nq` and chooses another datamodule; `nq` is also run by name
// (`--config-name nq`), where a key it reads from nq_eval's choice is missing.
Deno.test("validate: a top-level config another includes is composed alone too when it has a defaults list", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - dm: train\n  - _self_\nname: app\n",
    "conf/nq.yaml":
      "defaults:\n  - dm: train\n  - _self_\ntask:\n  eval_bs: ${dm.test_batch_size}\n",
    "conf/nq_eval.yaml": "defaults:\n  - nq\n  - override dm: generate\n  - _self_\n",
    "conf/dm/train.yaml": "batch_size: 8\n",
    "conf/dm/generate.yaml": "test_batch_size: 4\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/nq.yaml:5:12: error: Interpolation key 'dm.test_batch_size' not found " +
      "[key: task.eval_bs] (with --config-name=nq)",
    ]);
    // one without a defaults list of its own stays a part of its includer
    Deno.writeTextFileSync(`${dir}/conf/nq.yaml`, "task:\n  eval_bs: ${dm.test_batch_size}\n");
    Deno.writeTextFileSync(
      `${dir}/conf/nq_eval.yaml`,
      "defaults:\n  - nq\n  - dm: generate\n  - _self_\n",
    );
    const part = await validateIn(dir, ["-d", "conf"]);
    assert.equal(part.code, 0, part.stdout + part.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate, no config name: a top-level part the primaries' defaults lists name is no primary when they fail (checker x18)", async () => {
  const list = "defaults:\n  - override hydra/job_logging: disabled\n  - hydra_output\n" +
    "  - model: a\n  - _self_\n";
  const dir = writeTree({
    "conf/train.yaml": list + "steps: 1\n",
    "conf/eval.yaml": list + "ckpt: x\n",
    "conf/hydra_output.yaml": "hydra:\n  run:\n    dir: out/${model.name}\n",
    "conf/model/a.yaml": "name: a\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /validated the top-level configs as primaries: eval, train\n/);
    assert.doesNotMatch(r.stdout, /hydra_output\.yaml|model\.name/);
    assert.equal(r.lines.filter((l) => l.includes(" error: ")).length, 2, r.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
