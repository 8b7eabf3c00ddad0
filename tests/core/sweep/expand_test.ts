import assert from "node:assert/strict";
import { expandSweep, planSweep } from "../../../core/sweep/expand.ts";
import { parseOverride } from "../../../core/override/parse.ts";
import type { StrataError } from "../../../core/errors.ts";
import type { SweepOptions } from "../../../core/sweep/types.ts";

const FIXTURES = new URL("../../fixtures/sweep/", import.meta.url).pathname;

function run(dir: string, overrides: string[], extra: Partial<SweepOptions> = {}) {
  const sweep = expandSweep({
    configDir: FIXTURES + dir,
    configName: "config",
    overrides,
    ...extra,
  });
  const jobs = [...sweep];
  return {
    sweep,
    jobs: jobs.map((j) => j.overrides),
    dirnames: jobs.map((j) => j.overrideDirname),
    indices: jobs.map((j) => j.index),
  };
}

/** `interval(...)`, `range(...)` need the full override grammar. */
function grammarHas(text: string, type: string): boolean {
  try {
    return parseOverride(text).valueType === type;
  } catch {
    return false;
  }
}

Deno.test("expandSweep: glob over a group × a value sweep, in product order", () => {
  const { jobs, dirnames, indices, sweep } = run("app", ["db=glob(*)", "train.lr=0.1,0.01"]);
  assert.equal(sweep.count, 6);
  assert.deepEqual(jobs, [
    ["db=mysql", "train.lr=0.1"],
    ["db=mysql", "train.lr=0.01"],
    ["db=postgresql", "train.lr=0.1"],
    ["db=postgresql", "train.lr=0.01"],
    ["db=sqlite", "train.lr=0.1"],
    ["db=sqlite", "train.lr=0.01"],
  ]);
  assert.deepEqual(dirnames[0], "db=mysql,train.lr=0.1");
  assert.deepEqual(indices, [0, 1, 2, 3, 4, 5]);
});

Deno.test("expandSweep: glob with exclude, and glob over a group added with +", () => {
  assert.deepEqual(run("app", ["db=glob(*,exclude=my*)"]).jobs, [["db=postgresql"], ["db=sqlite"]]);
  assert.deepEqual(run("experiments", ["+experiment=glob(*)"]).jobs, [
    ["+experiment=fast"],
    ["+experiment=quiet"],
    ["+experiment=slow"],
  ]);
});

Deno.test("expandSweep: a repeated key keeps its first position and its last value", () => {
  const { jobs } = run("app", ["+x=1,2", "seed=5", "+x=3,4"]);
  assert.deepEqual(jobs, [["+x=3", "seed=5"], ["+x=4", "seed=5"]]);
});

Deno.test("expandSweep: ~key becomes ~key=null; override_dirname sorts with prefixes", () => {
  const { jobs, dirnames } = run("app", ["~model", "+x=1,2"]);
  assert.deepEqual(jobs, [["~model=null", "+x=1"], ["~model=null", "+x=2"]]);
  assert.deepEqual(dirnames, ["+x=1,~model=null", "+x=2,~model=null"]);
});

Deno.test("expandSweep: no overrides is one empty job with an empty dirname", () => {
  const { jobs, dirnames } = run("app", []);
  assert.deepEqual(jobs, [[]]);
  assert.deepEqual(dirnames, [""]);
});

Deno.test("expandSweep: override_dirname follows hydra.job.config.override_dirname", () => {
  const { jobs, dirnames } = run("app", [
    "seed=1,2",
    "+tag=a",
    "hydra.job.config.override_dirname.kv_sep=:",
    "hydra.job.config.override_dirname.item_sep=__",
    "hydra.job.config.override_dirname.exclude_keys=[seed]",
  ]);
  assert.deepEqual(jobs, [["seed=1", "+tag=a"], ["seed=2", "+tag=a"]]);
  assert.deepEqual(dirnames, ["+tag:a", "+tag:a"]);
});

Deno.test("expandSweep: a job's own config decides its override_dirname settings", () => {
  const overrides = ["+experiment=fast,quiet", "seed=1"];
  assert.deepEqual(run("experiments", overrides).dirnames, [
    "+experiment=fast,seed=1",
    "+experiment=quiet",
  ]);
  // Unvalidated jobs are not composed: the master config's settings apply.
  assert.deepEqual(run("experiments", overrides, { validate: false }).dirnames, [
    "+experiment=fast,seed=1",
    "+experiment=quiet,seed=1",
  ]);
});

Deno.test("expandSweep: max_batch_size splits the jobs into batches", () => {
  const { sweep } = run("app", ["seed=1,2,3", "hydra.sweeper.max_batch_size=2"]);
  assert.equal(sweep.count, 3);
  assert.equal(sweep.maxBatchSize, 2);
  assert.equal(sweep.batchCount, 2);
  assert.deepEqual([0, 1, 2].map((i) => sweep.batchOf(i)), [0, 0, 1]);
});

Deno.test("expandSweep: hydra.sweeper.params go first, the command line wins", () => {
  assert.deepEqual(run("params", []).jobs, [
    ["db=mysql", "seed=1"],
    ["db=mysql", "seed=2"],
    ["db=postgresql", "seed=1"],
    ["db=postgresql", "seed=2"],
  ]);
  assert.deepEqual(run("params", ["seed=7", "db=postgresql", "+x=a,b"]).jobs, [
    ["db=postgresql", "seed=7", "+x=a"],
    ["db=postgresql", "seed=7", "+x=b"],
  ]);
});

Deno.test("expandSweep: jobAt(i) and jobs(start, end) agree with iteration", () => {
  const { sweep, jobs } = run("app", ["db=glob(*)", "model=small,large", "seed=1,2"]);
  assert.equal(sweep.count, 12);
  for (let i = 0; i < sweep.count; i++) assert.deepEqual(sweep.jobAt(i).overrides, jobs[i]);
  assert.deepEqual([...sweep.jobs(5, 8)].map((j) => j.overrides), jobs.slice(5, 8));
  assert.deepEqual([...sweep.jobs(5, 8)].map((j) => j.index), [5, 6, 7]);
});

Deno.test("expandSweep: sweeping over Hydra's config is a composition error", () => {
  assert.throws(() => run("app", ["seed=1", "hydra.job.chdir=true,false"]), (e: StrataError) => {
    assert.equal(e.code, "composition");
    assert.equal(
      e.message,
      "Sweeping over Hydra's configuration is not supported : 'hydra.job.chdir=true,false'",
    );
    assert.deepEqual(e.origin, { override: 1, text: "hydra.job.chdir=true,false" });
    return true;
  });
});

Deno.test("expandSweep: overrides are checked against the master config (hydra#283)", () => {
  // db.user is not a sweep, so it is applied with the default db (mysql has no timeout).
  assert.throws(() => run("app", ["db=mysql,postgresql", "db.timeout=3"]), (e: StrataError) => {
    assert.equal(e.code, "composition");
    assert.match(e.message, /Could not override 'db.timeout'/);
    assert.equal(e.origin?.override, 1);
    assert.equal(e.origin?.text, "db.timeout=3");
    return true;
  });
});

Deno.test("expandSweep: a job that does not compose fails, pointing at the user's override", () => {
  assert.throws(() => run("app", ["db.timeout=1,2", "db=mysql,postgresql"]), (e: StrataError) => {
    assert.equal(e.code, "composition");
    assert.match(e.message, /Could not override 'db.timeout'/);
    assert.deepEqual(e.origin, { override: 0, text: "db.timeout=1,2" });
    assert.equal(e.related.at(-1)?.message, "in sweep job #0: db.timeout=1 db=mysql");
    return true;
  });
  // Without validation, the jobs are only strings.
  const { sweep } = run("app", ["db.timeout=1,2", "db=mysql,postgresql"], { validate: false });
  assert.equal(sweep.count, 4);
});

Deno.test("expandSweep: an unknown option in a group sweep is a missing-config error", () => {
  assert.throws(() => run("app", ["db=mysql,nope"]), (e: StrataError) => {
    assert.equal(e.code, "missing-config");
    assert.match(e.message, /Could not find 'db\/nope'/);
    assert.match(e.message, /mysql/);
    assert.deepEqual(e.origin, { override: 0, text: "db=mysql,nope" });
    return true;
  });
});

Deno.test("expandSweep: linked keys advance together", () => {
  const { jobs, dirnames, sweep } = run(
    "app",
    ["model=small,large", "seed=1,2,3", "train.lr=0.1,0.01"],
    { link: [["model", "train.lr"]] },
  );
  assert.equal(sweep.count, 6);
  assert.deepEqual(jobs, [
    ["model=small", "seed=1", "train.lr=0.1"],
    ["model=small", "seed=2", "train.lr=0.1"],
    ["model=small", "seed=3", "train.lr=0.1"],
    ["model=large", "seed=1", "train.lr=0.01"],
    ["model=large", "seed=2", "train.lr=0.01"],
    ["model=large", "seed=3", "train.lr=0.01"],
  ]);
  assert.equal(dirnames[3], "model=large,seed=1,train.lr=0.01");
});

Deno.test("expandSweep: linked keys from sweeper params and the command line", () => {
  const { jobs } = run("params", ["seed=3,4"], { link: [["db", "seed"]] });
  assert.deepEqual(jobs, [["db=mysql", "seed=3"], ["db=postgresql", "seed=4"]]);
});

Deno.test("expandSweep: linked sweeps of different lengths are a usage error (exit 2)", () => {
  assert.throws(
    () => run("app", ["model=small,large", "seed=1,2,3"], { link: [["model", "seed"]] }),
    (e: StrataError) => {
      assert.equal(e.code, "usage");
      assert.equal(
        e.message,
        "Linked sweeps must have the same length: 'model' has 2 value(s), 'seed' has 3",
      );
      assert.equal(e.fullKey, "seed");
      assert.deepEqual(e.origin, { override: 1, text: "seed=1,2,3" });
      return true;
    },
  );
});

Deno.test({
  name: "expandSweep: interval sweeps are an error for the basic sweeper",
  ignore: !grammarHas("x=interval(0,1)", "INTERVAL_SWEEP"),
  fn() {
    assert.throws(() => run("app", ["seed=1,2", "+x=interval(0,1)"]), (e: StrataError) => {
      // Hydra's BasicSweeper raises it once the override parsed: typed, bad usage as a range
      // with step 0 is (a config's sweeper params give a sweep error)
      assert.equal(e.code, "usage");
      assert.equal(e.message, "BasicSweeper does not support sweep type : INTERVAL_SWEEP");
      assert.deepEqual(e.origin, { override: 1, text: "+x=interval(0,1)" });
      return true;
    });
  },
});

Deno.test({
  name: "expandSweep: range sweeps and re-escaped values",
  ignore: !grammarHas("x=range(2)", "RANGE_SWEEP"),
  fn() {
    const { jobs } = run("app", ["+x=range(2)", "+y=choice('a b',\"c,d\")"]);
    assert.deepEqual(jobs, [
      ["+x=0", "+y=a\\ b"],
      ["+x=0", "+y=c\\,d"],
      ["+x=1", "+y=a\\ b"],
      ["+x=1", "+y=c\\,d"],
    ]);
  },
});

Deno.test("planSweep: a sweep from strings alone, with params first", () => {
  const plan = planSweep({ overrides: ["b=3", "a=1,2"], params: ["a=9", "c=x,y"] });
  assert.equal(plan.count, 4);
  assert.deepEqual(plan.overridesAt(0), ["a=1", "c=x", "b=3"]);
  assert.deepEqual(plan.overridesAt(3), ["a=2", "c=y", "b=3"]);
});

Deno.test("expandSweep resolves hydra.sweep.dir against the master config before expanding (Hydra's BasicSweeper)", () => {
  // the sweep dir names ${db.engine}; postgresql has no engine
  assert.equal(run("sweep_dir", ["db=mysql,postgresql"]).sweep.count, 2);
  assert.equal(run("sweep_dir", ["db=mysql,postgresql", "hydra.sweep.dir=out"]).sweep.count, 2);
  for (const validate of [true, false]) {
    assert.throws(
      () => run("sweep_dir", ["db=postgresql", "experiment=a,b"], { validate }),
      (e: StrataError) => {
        assert.equal(e.code, "interpolation-key");
        assert.equal(e.message, "Interpolation key 'db.engine' not found");
        assert.equal(e.fullKey, "hydra.sweep.dir");
        assert.match(e.origin?.file ?? "", /sweep_dir\/config\.yaml$/);
        assert.deepEqual([e.origin?.line, e.origin?.col], [7, 19]); // at its ${db.engine}
        assert.match(e.related.at(-1)!.message, /resolves hydra.sweep.dir before it expands/);
        return true;
      },
    );
  }
});

Deno.test("expandSweep: hydra.sweeper.params are resolved, as Hydra's instantiate of the sweeper does", () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-params-" });
  Deno.writeTextFileSync(
    `${dir}/config.yaml`,
    "seed: 0\nlr: 0.1\nseeds: 1,2\nhydra:\n  sweeper:\n    params:\n" +
      "      seed: ${seeds}\n      lr: ${oc.env:STRATA_TEST_LRS}\n      +tag: ${lr}-x\n",
  );
  Deno.env.set("STRATA_TEST_LRS", "3,4");
  try {
    const jobs = [...expandSweep({ configDir: dir, configName: "config", overrides: [] })]
      .map((j) => j.overrides);
    assert.deepEqual(jobs, [
      ["seed=1", "lr=3", "+tag=0.1-x"],
      ["seed=1", "lr=4", "+tag=0.1-x"],
      ["seed=2", "lr=3", "+tag=0.1-x"],
      ["seed=2", "lr=4", "+tag=0.1-x"],
    ]);
    Deno.env.delete("STRATA_TEST_LRS");
    assert.throws(
      () => expandSweep({ configDir: dir, configName: "config", overrides: [] }),
      (e: StrataError) => {
        assert.equal(e.fullKey, "hydra.sweeper.params.lr");
        assert.match(e.message, /STRATA_TEST_LRS/);
        assert.equal(e.origin?.line, 8);
        return true;
      },
    );
  } finally {
    Deno.env.delete("STRATA_TEST_LRS");
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("expandSweep: params with dotted keys and an interpolated max_batch_size", () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-params-" });
  Deno.writeTextFileSync(
    `${dir}/config.yaml`,
    "opt: {lr: 0.1}\nlrs: 1,2,3\nbs: 2\nhydra:\n  sweeper:\n    max_batch_size: ${bs}\n" +
      "    params:\n      opt.lr: ${lrs}\n",
  );
  try {
    const sweep = expandSweep({ configDir: dir, configName: "config", overrides: [] });
    assert.deepEqual([...sweep].map((j) => j.overrides), [["opt.lr=1"], ["opt.lr=2"], [
      "opt.lr=3",
    ]]);
    assert.equal(sweep.maxBatchSize, 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("expandSweep: a param with a resolver strata does not know (the app's) is passed on as written", () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-params-" });
  Deno.writeTextFileSync(
    `${dir}/config.yaml`,
    "seed: 0\nhydra:\n  sweeper:\n    params:\n      seed: ${app_res:1}\n      +x: a,b\n",
  );
  try {
    const jobs = [...expandSweep({ configDir: dir, configName: "config", overrides: [] })]
      .map((j) => j.overrides);
    assert.deepEqual(jobs, [
      ["seed=$\\{app_res\\:1\\}", "+x=a"],
      ["seed=$\\{app_res\\:1\\}", "+x=b"],
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
