/**
 * `strata validate --override lr=1,2`: validate checks each job of the sweep as it checks one
 * composition, the tree's schemas included (checker w53: `sweep` composes every job but applies
 * no `_schema/` rule, and validate's hint sent users there).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate --override with sweeps: every job is validated", async () => {
  const dir = writeTree({ "conf/config.yaml": "lr: 0.1\nseed: 1\n" });
  try {
    const r = await validateIn(dir, ["--override", "lr=1,2", "--override", "seed=range(2)"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /^no problems in 1 file, 4 compositions$/im);
    assert.doesNotMatch(r.stdout + r.stderr, /--multirun|Ambiguous/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override with a sweep: a job's value the schema refuses is found", async () => {
  const dir = writeTree({
    "conf/config.yaml": "lr: 0.1\nk: a\nv: ${tbl.${k}}\ntbl:\n  a: 1\n",
    "conf/_schema/config.schema.yaml":
      "type: object\nproperties:\n  lr: {type: number, maximum: 1}\n",
  });
  try {
    const r = await validateIn(dir, ["--override", "lr=0.5,5", "--override", "k=a,b"]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      // a file's value that fails in some jobs: labelled with their swept values
      "conf/config.yaml:3:4: error: Interpolation key 'tbl.b' not found [key: v] (with lr=0.5 k=b and 1 more composition)",
      // one at an override: its text is the job's value
      "override #1 'lr=5': error: must be <= 1 (got 5) (conf/_schema/config.schema.yaml:3:31) [key: lr]",
    ]);
    assert.equal(r.stderr, "2 errors in 2 files, 4 compositions\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override with a sweep of more than 100 jobs: bad usage, at it", async () => {
  const dir = writeTree({ "conf/config.yaml": "lr: 0.1\nseed: 1\n" });
  try {
    const r = await validateIn(dir, ["--override", "lr=1", "--override", "seed=range(101)"]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "override #2 'seed=range(101)': validate checks each job of a sweep, at most 100: " +
        "this one has 101; give it fewer values (`strata sweep --count` composes every job, but " +
        "checks no _schema/ rules)\n",
    );
    assert.equal(r.stdout, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override with a sweep of no jobs: bad usage, not a pass (checkers w54, w55)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nlr: 0.1\n",
    "conf/model/small.yaml": "n: 1\n",
  });
  try {
    for (
      const [given, reason] of [
        [
          "modle=glob(*)",
          "glob(*) matches no option of 'modle' (it has none: no such group; did you mean 'model'?)",
        ],
        ["model=glob(x*)", "glob(x*) matches no option of 'model' (options: small)"],
      ]
    ) {
      const r = await validateIn(dir, ["--override", given]);
      // the command line's mistake: bad usage, as `strata sweep -f slurm` says it
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.equal(r.stderr, `override #1 '${given}': The sweep has no jobs to run: ${reason}\n`);
      assert.doesNotMatch(r.stdout + r.stderr, /undefined/);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override sweeping a group: a label names the group's option once", async () => {
  const dir = writeTree({
    "conf/config.yaml": 'defaults:\n  - model: small\n  - _self_\ntbl:\n  "8": x\n',
    // (a job that chooses big tries small in its place: the label names small, not big too)
    "conf/model/small.yaml": "heads: 8\nv: ${tbl.${.heads}}\n",
    "conf/model/big.yaml": "heads: 8\n",
  });
  try {
    const r = await validateIn(dir, [
      "--override",
      "model.heads=8,7",
      "--override",
      "model=glob(*)",
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.lines.filter((l) => l.includes("(with")).length, 2, r.stdout);
    for (const line of r.lines.filter((l) => l.includes("(with"))) {
      const label = /\(with (.*?)( and \d+ more compositions?)?\)$/.exec(line)![1];
      const keys = label.split(" ").map((o) => o.slice(0, o.indexOf("=")));
      assert.equal(new Set(keys).size, keys.length, line);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate --override with a sweep: a mistake every job makes at the swept override is one problem, at it as typed (checker y2 #2)", async () => {
  const dir = writeTree({ "conf/config.yaml": "trainer:\n  batch_size: 1\n" });
  try {
    const r = await validateIn(dir, ["--override", "trainer.batchsize=1,2"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines.filter((l) => l.includes("error")), [
      "override #1 'trainer.batchsize=1,2': error: Could not override 'trainer.batchsize'. " +
      "[key: trainer.batchsize] Did you mean 'trainer.batch_size'?",
    ]);
    assert.ok(
      r.lines.includes("    To append to your config use +trainer.batchsize=1,2"),
      r.stdout,
    );
    // one job's own mistake stays that job's, at its value
    const one = await validateIn(dir, ["--override", "trainer.batch_size=1,${nope}"]);
    assert.equal(one.code, 1, one.stdout + one.stderr);
    assert.match(one.stdout, /override #1 'trainer\.batch_size=\$\\?\{nope\\?\}'/);
    assert.doesNotMatch(one.stdout, /batch_size=1,/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
