/**
 * `validate --override` names values of the primary validated; another top-level config composed
 * as a primary beside it (AMPLIFY's `accelerate_ddp.yaml`, which `accelerate launch` reads, beside
 * `config.yaml`) need not have the key. It is checked without the overrides given, with a note,
 * instead of failing the run for them (checker x16). The primary itself still fails for a typo.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\nepochs: 1\n",
  "conf/optimizer/adam.yaml": "lr: 0.001\n",
  "conf/accelerate_ddp.yaml": "compute_environment: LOCAL_MACHINE\nnum_processes: 8\n",
};

Deno.test("validate --override: another top-level config it does not fit is checked without it", async () => {
  const dir = writeTree(TREE);
  try {
    for (const name of [[], ["-n", "config"]]) {
      const r = await validateIn(dir, ["-d", "conf", ...name, "--override", "optimizer.lr=3e-4"]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stdout, "no problems in 3 files, 2 compositions\n");
      assert.equal(
        r.stderr,
        "note: 'optimizer.lr=3e-4' does not fit accelerate_ddp (another top-level config composed " +
          "as a primary): checked without the overrides given that do not fit it, which are the " +
          "validated primary's\n",
      );
    }
    const json = await validateIn(dir, [
      "-d",
      "conf",
      "--override",
      "optimizer.lr=3e-4",
      "-f",
      "json",
    ]);
    assert.deepEqual(JSON.parse(json.stdout).unfitOverrides, [
      { config: "accelerate_ddp", override: "optimizer.lr=3e-4" },
    ]);
    // a typo still fails the primary it was written for
    const typo = await validateIn(dir, ["-d", "conf", "--override", "optimizer.lrr=3e-4"]);
    assert.equal(typo.code, 1, typo.stdout);
    assert.match(typo.stdout, /Could not override 'optimizer\.lrr'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: a group override another primary has no slot for, and that primary's options", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - model: small\n  - _self_\nepochs: 1\n",
    "conf/model/small.yaml": "width: 8\n",
    "conf/model/big.yaml": "width: 64\n",
    "conf/eval.yaml": "ckpt: last\nsplit: val\n",
  });
  try {
    // a group override for train: eval has no `model` group (egolifter, checker v19)
    const group = await validateIn(dir, ["-d", "conf", "-n", "train", "--override", "model=big"]);
    assert.equal(group.code, 0, group.stdout + group.stderr);
    assert.match(group.stderr, /^note: 'model=big' does not fit eval \(another top-level config/m);
    // a key override for eval: train has no `split`, nor its option tried in place (model=big)
    const key = await validateIn(dir, ["-d", "conf", "-n", "eval", "--override", "split=test"]);
    assert.equal(key.code, 0, key.stdout + key.stderr);
    assert.match(key.stderr, /^note: 'split=test' does not fit train \(another top-level config/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: a value the key refuses is an error with its reason, not a misfit", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 0\n", "conf/eval.yaml": "x: 1\n" });
  try {
    const r = await validateIn(dir, ["-d", "conf", "--override", "hydra.job.chdir=maybe"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "override #1 'hydra.job.chdir=maybe': error: Error merging override hydra.job.chdir=maybe " +
      "[key: hydra.job.chdir]",
      "    Value 'maybe' is not a valid bool (type str)",
    ]);
    assert.doesNotMatch(r.stderr, /does not fit/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override with no config name: an override no primary takes is an error, not a note (checker x18)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - hparams: default\n  - _self_\nsteps: 1\n",
    "conf/eval.yaml": "defaults:\n  - hparams: default\n  - _self_\nckpt: x\n",
    "conf/hparams/default.yaml": "batch_size: 8\n",
    ".strata.yaml": "config_dir: conf\nvalidate:\n  overrides: [hparams.batch_sise=64]\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^\.strata\.yaml:3:15: error: override #1 of \.strata\.yaml validate\.overrides 'hparams\.batch_sise=64': Could not override 'hparams\.batch_sise'\. .*Did you mean 'hparams\.batch_size'\?/m,
    );
    assert.doesNotMatch(r.stderr, /does not fit/);
    // one primary takes it: the other is checked without it, with the note
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "config_dir: conf\n");
    const one = await validateIn(dir, ["--override", "+steps=2"]);
    assert.equal(one.code, 0, one.stdout + one.stderr);
    assert.match(one.stderr, /'\+steps=2' does not fit/);
    // over one file (pre-commit), the primary that takes it may not be composed: a note, no error
    const files = await validateIn(dir, ["--override", "steps=2", "conf/eval.yaml"]);
    assert.equal(files.code, 0, files.stdout + files.stderr);
    assert.match(files.stderr, /'steps=2' does not fit eval/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: one override's error is reported once, with what the validated primary adds under it (checker v19)", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\nepochs: 1\nout: o\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "--override", "+hydra.job.env_set.X=${out}"]);
    assert.equal(r.code, 1, r.stdout);
    const errors = r.lines.filter((l) => l.includes("error:"));
    assert.deepEqual(errors, [
      "override #1 '+hydra.job.env_set.X=${out}': error: Interpolation key 'out' not found " +
      "[key: hydra.job.env_set.X]",
    ]);
    assert.match(
      r.stdout,
      /'out' is a key of the job's config, which hydra\.job\.env_set does not see/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: a misspelt option of one primary's group is its one error, not a cascade on the others", async () => {
  // dcase2022task6a's shape (checker v22): no config.yaml; train chooses trainer and test_mode,
  // prepare neither, and trainer's options read train's keys
  const dir = writeTree({
    "conf/prepare.yaml": "data: clotho\n",
    "conf/train.yaml": "defaults:\n  - trainer: dev\n  - test_mode: best\n  - _self_\nepochs: 3\n",
    "conf/trainer/dev.yaml": "max_epochs: ${epochs}\n",
    "conf/trainer/lim2.yaml": "max_epochs: ${epochs}\nlimit: 2\n",
    "conf/test_mode/best.yaml": "ckpt: best\n",
    "conf/test_mode/swa.yaml": "ckpt: swa\n",
  });
  try {
    const clean = await validateIn(dir, ["-d", "conf"]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    for (const given of ["test_mode=nope", "trainer=devv"]) {
      const r = await validateIn(dir, ["-d", "conf", "--override", given]);
      assert.equal(r.code, 1, r.stdout);
      const errors = r.lines.filter((l) => / error: /.test(l));
      // one error: train's, for the override; none on trainer/*.yaml (appended to prepare) and
      // no "No match in the defaults list" from prepare, which has no such group
      assert.equal(errors.length, 1, r.stdout);
      assert.match(errors[0], /^override #1 '.*': error: In 'train': Could not find /);
      assert.match(r.stderr, /1 error in 6 files/);
    }
    // over one file (pre-commit), a misspelt key no primary takes is a note for train, and the
    // option swapped into train is composed without it, as the note says (it was composed with
    // the override and failed on it, "no composition built")
    const file = await validateIn(dir, [
      "-d",
      "conf",
      "--override",
      "epochz=1",
      "conf/trainer/lim2.yaml",
    ]);
    assert.equal(file.code, 0, file.stdout + file.stderr);
    assert.equal(file.stdout, "no problems in 1 file, 1 composition\n");
    assert.match(file.stderr, /note: 'epochz=1' does not fit train/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: a group override whose option overrides a group another primary lacks is a note there (checker v25)", async () => {
  // paper-doyle2025: task options say `override /transforms: x`; config_clinical has no transforms
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - transforms: t1\n  - task: a\n  - _self_\nseed: 1\n",
    "conf/config_clinical.yaml": "defaults:\n  - task: a\n  - _self_\nclinical: 1\n",
    "conf/task/a.yaml": "# @package _global_\nx: 1\n",
    "conf/task/b.yaml": "# @package _global_\ndefaults:\n  - override /transforms: t2\ny: 2\n",
    "conf/transforms/t1.yaml": "k: 1\n",
    "conf/transforms/t2.yaml": "k: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "--override", "task=b"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      /^note: 'task=b' does not fit config_clinical \(another top-level config/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override: an override every primary fails on is one error with its compositions, no note blaming the others (checker w29)", async () => {
  const dir = writeTree({
    "conf/one.yaml": "defaults:\n  - gen: a\n  - data: x\n  - _self_\n",
    "conf/two.yaml": "defaults:\n  - gen: b\n  - data: x\n  - _self_\n",
    "conf/gen/a.yaml": "k: 1\n",
    "conf/gen/b.yaml": "k: 2\n",
    "conf/data/x.yaml": "batch_size: 1\n",
  });
  try {
    // a misspelt option: Hydra's "In 'one':" / "In 'two':" are one error, not one per primary
    const gen = await validateIn(dir, ["-d", "conf", "--override", "gen=aa"]);
    assert.equal(gen.code, 1, gen.stdout);
    assert.deepEqual(gen.lines.filter((l) => / error: /.test(l)), [
      "override #1 'gen=aa': error: In 'one': Could not find 'gen/aa'. Did you mean 'a'? " +
      "(with --config-name=one and 1 more composition)",
    ]);
    // a misspelt key: said for both primaries, not one, and no note that two does not fit it
    const key = await validateIn(dir, ["-d", "conf", "--override", "data.batchsize=4"]);
    assert.equal(key.code, 1, key.stdout);
    assert.match(
      key.lines[0],
      /^override #1 'data\.batchsize=4': error: Could not override 'data\.batchsize'\. .*Did you mean 'data\.batch_size'\? \(with --config-name=one and 1 more composition\)$/,
    );
    assert.doesNotMatch(key.stderr, /does not fit/);
    const json = JSON.parse(
      (await validateIn(dir, ["-d", "conf", "--override", "data.batchsize=4", "-f", "json"]))
        .stdout,
    );
    assert.deepEqual(json.problems[0].compositions, ["--config-name=one", "--config-name=two"]);
    assert.equal(json.unfitOverrides, undefined);
    // the primary named fails on it: the note does not blame the others
    const named = await validateIn(dir, [
      "-d",
      "conf",
      "-n",
      "one",
      "--override",
      "data.batchsize=4",
    ]);
    assert.equal(named.code, 1, named.stdout);
    assert.doesNotMatch(named.stderr, /does not fit/);
    assert.equal(named.lines.filter((l) => / error: /.test(l)).length, 1, named.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: another primary is composed without only the overrides given that do not fit it (checker w35)", async () => {
  const dir = writeTree({
    "conf/train.yaml": "defaults:\n  - data: a\n  - _self_\nseed: 0\nckpt_path: null\n",
    "conf/eval.yaml": "defaults:\n  - data: a\n  - _self_\nckpt_path: ???\n",
    "conf/data/a.yaml": "x: 1\n",
    ".strata.yaml": "config_dir: conf\nconfig_name: train\nvalidate:\n" +
      "  overrides: [ckpt_path=/tmp/x.ckpt, seed=3]\n",
  });
  try {
    // eval takes ckpt_path, not seed: its ??? is filled, nothing fails --strict
    const r = await strata(["validate", "--strict"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /^note: 'seed=3' does not fit eval /m);
    assert.doesNotMatch(r.stdout, /ckpt_path/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
