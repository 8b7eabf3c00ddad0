import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// A config that sweeps itself (hydra.mode: MULTIRUN, hydra.sweeper.params, as
// awslabs/s3-connector-for-pytorch's benchmarks are written): BasicSweeper gives
// every job its params as overrides, so the composed value (Hydra's --cfg job)
// is not what any job of it gets. explain says so; diff against a run's job notes it.
const TREE = {
  "conf/config.yaml": `defaults:
  - _self_
  - checkpoint: disk
hydra:
  mode: MULTIRUN
  sweeper:
    params:
      checkpoint.save_one_in: 1
      model: vit, clip
model: vit
`,
  "conf/checkpoint/disk.yaml": "save_one_in: 25\nroot: /tmp\n",
  "runs/0/.hydra/config.yaml": "model: vit\ncheckpoint:\n  save_one_in: 1\n  root: /tmp\n",
  "runs/0/.hydra/overrides.yaml": "- model=vit\n- checkpoint.save_one_in=1\n",
};

Deno.test("strata explain: the sweeper's params that set KEY in every job, in text and JSON", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["explain", "-d", "conf", "checkpoint.save_one_in"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `checkpoint.save_one_in
  1. checkpoint/disk @ checkpoint: 25  (conf/checkpoint/disk.yaml:1:14)
     defaults entry conf/config.yaml:3:17
  then hydra.sweeper.params, in every run of this config (its hydra.mode is MULTIRUN: strata run sweeps it):
     checkpoint.save_one_in=1  (conf/config.yaml:8:31)
  composed: 25  (conf/checkpoint/disk.yaml:1:14)
  value: 25
`,
  );
  const j = await strata(["explain", "-d", "conf", "checkpoint", "-f", "json"], { cwd: dir });
  assert.equal(j.code, 0, j.stderr);
  assert.deepEqual(JSON.parse(j.stdout).swept_by, {
    multirun: true,
    params: [{
      param: "checkpoint.save_one_in",
      value: "1",
      origin: "conf/config.yaml:8:31",
      overridden_by: null,
    }],
  });
  // `++key=` is another key element: the param stays, put before the command line in each job,
  // so the override wins in every job (checker x23)
  const pp = await strata(
    ["explain", "-d", "conf", "checkpoint.save_one_in", "++checkpoint.save_one_in=5"],
    { cwd: dir },
  );
  assert.equal(pp.code, 0, pp.stderr);
  assert.match(
    pp.stdout,
    /^ {5}checkpoint\.save_one_in=1 {2}\(conf\/config\.yaml:8:31\)\n {5}before the command line: override #1 '\+\+checkpoint\.save_one_in=5' sets it after, in every job\n {2}composed: 5 /m,
  );
  const above = await strata(
    [
      "explain",
      "-d",
      "conf",
      "checkpoint.save_one_in",
      "-f",
      "json",
      "++checkpoint={save_one_in: 7}",
    ],
    { cwd: dir },
  );
  assert.equal(
    JSON.parse(above.stdout).swept_by.params[0].overridden_by,
    "override #1 '++checkpoint={save_one_in: 7}'",
  );
  // a command-line override of the same key replaces the param (BasicSweeper's arguments win)
  const o = await strata(
    ["explain", "-d", "conf", "checkpoint.save_one_in", "checkpoint.save_one_in=3"],
    { cwd: dir },
  );
  assert.equal(o.code, 0, o.stderr);
  assert.doesNotMatch(o.stdout, /sweeper/);
  const m = await strata(["explain", "-d", "conf", "checkpoint.root"], { cwd: dir });
  assert.doesNotMatch(m.stdout, /sweeper/, "no param sets checkpoint.root");
});

Deno.test("strata diff: a run's job against an override set of a config that sweeps itself notes the params", async () => {
  const dir = await writeTree(TREE);
  const r = await strata(["diff", "-d", "conf", "runs/0", "--b", "model=vit"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /~ checkpoint\.save_one_in: 1 -> 25\n/);
  assert.match(
    r.stderr,
    /note: --b's config sets hydra\.mode: MULTIRUN, so each job of its runs also gets hydra\.sweeper\.params \(checkpoint\.save_one_in, model\) as overrides.*runs\/0\/\.hydra\/overrides\.yaml/,
  );
  const same = await strata(
    ["diff", "-d", "conf", "runs/0", "--b", "model=vit checkpoint.save_one_in=1"],
    { cwd: dir },
  );
  assert.equal(same.code, 0, same.stdout + same.stderr);
  assert.equal(same.stderr, "");
});

Deno.test("strata explain: a group choice on the command line (checkpoint=s3) is no override of a param under it (checker w32)", async () => {
  const dir = await writeTree({
    ...TREE,
    "conf/checkpoint/s3.yaml": "save_one_in: 50\nroot: s3://b\n",
  });
  const r = await strata(
    ["explain", "-d", "conf", "checkpoint.save_one_in", "checkpoint=s3", "-f", "json"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const swept = JSON.parse(r.stdout).swept_by;
  assert.deepEqual(swept.params.map((p: { param: string }) => p.param), ["checkpoint.save_one_in"]);
  assert.equal(swept.params[0].overridden_by, null);
  // a value override of it still wins, as BasicSweeper's jobs get it after the param
  const v = await strata(
    [
      "explain",
      "-d",
      "conf",
      "checkpoint.save_one_in",
      "checkpoint={save_one_in: 3}",
      "-f",
      "json",
    ],
    { cwd: dir },
  );
  assert.equal(v.code, 0, v.stderr);
  assert.match(JSON.parse(v.stdout).swept_by.params[0].overridden_by, /override #1/);
});

Deno.test("strata explain: a key read through a node interpolation (engine.ckpt: ${checkpoint}) shows the params sweeping the key it reads (checker w32)", async () => {
  const dir = await writeTree({
    ...TREE,
    "conf/config.yaml": TREE["conf/config.yaml"] + "engine:\n  ckpt: ${checkpoint}\n",
  });
  const r = await strata(["explain", "-d", "conf", "engine.ckpt.save_one_in", "-f", "json"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  const swept = JSON.parse(r.stdout).swept_by;
  assert.deepEqual(swept?.params.map((p: { param: string }) => p.param), [
    "checkpoint.save_one_in",
  ]);
});

Deno.test("explain: a key reading a swept key says the param sweeping what it reads (checker x32)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: null\nsystem:\n  seed: 42\n" +
      "logger:\n  seed: ${system.seed}\n",
    "conf/experiment/seeds.yaml":
      "# @package _global_\nhydra:\n  mode: MULTIRUN\n  sweeper:\n    params:\n      system.seed: 1,2,3\n",
  });
  try {
    const r = await strata(["explain", "logger.seed", "experiment=seeds"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "logger.seed\n" +
        '  1. config: "${system.seed}"  (conf/config.yaml:7:9)\n' +
        '  composed: "${system.seed}"  (conf/config.yaml:7:9)\n' +
        "    system.seed = 42  (conf/config.yaml:5:9)\n" +
        "      swept by hydra.sweeper.params: system.seed=1,2,3  (conf/experiment/seeds.yaml:6:20)\n" +
        "  value: 42 (as composed: every run of this config sweeps system.seed, which it reads)\n",
    );
    const json = JSON.parse(
      (await strata(["explain", "logger.seed", "experiment=seeds", "-f", "json"], { cwd: dir }))
        .stdout,
    );
    assert.equal(json.chain[0].swept_by[0].param, "system.seed");
    // no sweep: nothing said
    const plain = await strata(["explain", "logger.seed"], { cwd: dir });
    assert.doesNotMatch(plain.stdout, /swept/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
