/**
 * An error in a job's override is numbered as the user (or the manifest)
 * wrote it: `--job-overrides`' own position, said so, and a hydra override
 * by its place on the command line; the overrides strata composes before
 * them (the hydra ones, `hydra.mode=MULTIRUN`) do not shift the number.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
};

Deno.test("run --job-overrides: a bad override is numbered in --job-overrides", async () => {
  const dir = writeTree(TREE);
  try {
    const one = await strata(
      ["run", "--job-index", "0", "--job-overrides", '["lr=[1"]', "--", "true"],
      { cwd: dir },
    );
    assertNoStackTrace(one.stderr);
    assert.equal(one.code, 1, one.stderr);
    assert.match(one.stderr, /^override #1 of --job-overrides 'lr=\[1': Error parsing override/);
    // with the sweep's hydra overrides on the command line, as a manifest's task has them
    const two = await strata([
      "run",
      "--job-index",
      "0",
      "--job-overrides",
      '["lr=2","nope=1"]',
      "hydra.sweep.dir=s",
      "lr=1,2",
      "--",
      "true",
    ], { cwd: dir });
    assert.equal(two.code, 1, two.stderr);
    assert.match(two.stderr, /^override #2 of --job-overrides 'nope=1': Could not override 'nope'/);
    assert.match(two.stderr, /\n {4}in sweep job #0: lr=2 nope=1\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: a job's error in a hydra override names its place on the command line", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata([
      "run",
      "-m",
      "lr=1,2",
      "hydra.sweep.subdir=${hydra.job.nope}",
      "hydra.sweep.dir=s",
      "--",
      "true",
    ], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^override #2 'hydra\.sweep\.subdir=\$\{hydra\.job\.nope\}': cannot resolve/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a SLURM task whose pinned override no longer composes names it in its --job-overrides", async () => {
  const dir = writeTree({ ...TREE, "conf/db/pg.yaml": "host: pg\n" });
  try {
    const w = await strata(
      [
        "sweep",
        "db=mysql,pg",
        "lr=1,2",
        "hydra.sweep.dir=ms",
        "-f",
        "slurm",
        "-o",
        "s",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(w.code, 0, w.stderr);
    // the script pins each job's task overrides: ["db=pg","lr=1"] for task 2
    assert.match(Deno.readTextFileSync(`${dir}/s/array_000.sbatch`), /\n\["db=pg","lr=1"\]\n/);
    // the tree changed since: the sweep's own arguments still compose, job 2's do not
    Deno.removeSync(`${dir}/conf/db/pg.yaml`);
    const out = await new Deno.Command("bash", {
      args: [`${dir}/s/array_000.sbatch`],
      cwd: dir,
      env: { SLURM_ARRAY_TASK_ID: "2", NO_COLOR: "1" },
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertNoStackTrace(stderr);
    assert.equal(out.code, 1, stderr);
    assert.match(stderr, /^override #1 of --job-overrides 'db=pg': /);
    assert.match(stderr, /\n {4}in sweep job #2: db=pg lr=1\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: the lines of a job's error name no override by its place among the job's own (+experiment=mlp,nonexist)", async () => {
  const dir = writeTree({
    ...TREE,
    "conf/experiment/mlp.yaml": "# @package _global_\nlr: 0.2\n",
  });
  try {
    const r = await strata(
      ["run", "-m", "+experiment=mlp,nonexist", "hydra.sweep.dir=nc", "--", "true"],
      { cwd: dir },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^override #1 '\+experiment=mlp,nonexist': In 'config': Could not find/);
    // two overrides typed: no #3 (the job composes hydra.sweep.dir and hydra.mode before its own)
    assert.doesNotMatch(r.stderr, /override #[23]/, r.stderr);
    assert.match(r.stderr, /\n {4}appended to the defaults list of 'config' by the command line\n/);
    assert.match(r.stderr, /\n {4}in sweep job #1: \+experiment=nonexist\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
