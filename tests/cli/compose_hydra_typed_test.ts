/**
 * Hydra's `hydra` node is a structured config (HydraConf): what a config or
 * an override writes into its `str`, `bool`, `int`, `List[str]` and
 * `Dict[str, str]` fields is converted by OmegaConf, so `--cfg hydra` and
 * `.hydra/hydra.yaml` show `OMP_NUM_THREADS: '1'`, not `1`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "hydra:\n  job:\n    name: 7\n    env_set:\n      OMP_NUM_THREADS: 1\n" +
    "      FLAG: true\n      RATE: 0.5\n  run:\n    dir: runs/x\nlr: 1\n",
};

Deno.test("values in HydraConf's typed fields are converted as OmegaConf converts them", async () => {
  const dir = await confTree(FILES);
  const r = await strata([
    "compose",
    "--cfg",
    "hydra",
    "-p",
    "hydra.job",
    "hydra.job.chdir=yes",
    "hydra.job.config.override_dirname.exclude_keys=[1,true]",
  ], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^name: '7'$/m);
  assert.match(r.stdout, /^chdir: true$/m);
  assert.match(r.stdout, /env_set:\n {2}OMP_NUM_THREADS: '1'\n {2}FLAG: 'True'\n {2}RATE: '0.5'\n/);
  assert.match(r.stdout, /exclude_keys:\n {4}- '1'\n {4}- 'True'\n/);
  // the job config is untouched: only Hydra's node is typed
  const job = await strata(["compose"], { cwd: dir });
  assert.equal(job.stdout, "lr: 1\n");
  const run = await strata(["run", "--", "sh", "-c", "echo $OMP_NUM_THREADS $FLAG"], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const saved = Deno.readTextFileSync(`${dir}/runs/x/.hydra/hydra.yaml`);
  assert.match(saved, /env_set:\n {6}OMP_NUM_THREADS: '1'\n {6}FLAG: 'True'\n/);
  assert.match(run.stdout, /1 True/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("an override HydraConf refuses fails as Hydra's merge does; so does a file's", async () => {
  const dir = await confTree({
    ...FILES,
    "conf/odd.yaml": "hydra:\n  job:\n    chdir: maybe\nlr: 1\n",
  });
  for (
    const [o, msg] of [
      ["hydra.job.chdir=maybe", "Value 'maybe' is not a valid bool (type str)"],
      ["hydra.job.num=abc", "Value 'abc' of type 'str' could not be converted to Integer"],
    ]
  ) {
    const r = await strata(["compose", "--cfg", "hydra", o], { cwd: dir });
    assert.equal(r.code, 1, o);
    assert.equal(r.stdout, "");
    assert.ok(r.stderr.startsWith(`override #1 '${o}': Error merging override ${o}\n`), r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`\n    ${msg.replace(/[()]/g, "\\$&")}`),
    );
  }
  const run = await strata(["run", "hydra.job.chdir=maybe", "--", "true"], { cwd: dir });
  assert.equal(run.code, 1);
  const file = await strata(["compose", "-n", "odd", "--cfg", "hydra", "-p", "hydra.job.chdir"], {
    cwd: dir,
  });
  assert.equal(file.code, 1);
  assert.equal(file.stdout, "");
  assert.equal(
    file.stderr,
    "conf/odd.yaml:3:12: In 'odd': Validation error while composing config:\n" +
      "Value 'maybe' is not a valid bool (type str)\n    full key: hydra.job.chdir\n",
  );
  const validate = await strata(["validate", "-n", "odd"], { cwd: dir });
  assert.equal(validate.code, 1);
  assert.match(validate.stderr + validate.stdout, /Value 'maybe' is not a valid bool/);
  Deno.removeSync(dir, { recursive: true });
});

// HydraConf is a structured config merged before the primary: Hydra's merge refuses a key it does
// not have (ConfigKeyError) and a value of the wrong type (ValidationError, wrapped by Hydra).
// An option of Hydra's own groups merges before the schema: OmegaConf keeps its extra keys.
Deno.test("compose fails on what the configs write into HydraConf that it refuses", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - override hydra/output: mine\n  - _self_\n" +
      "x: 1\nhydra:\n  jobb:\n    name: x\n",
    "conf/env.yaml": "x: 1\nhydra:\n  job:\n    env_set: 3\n",
    "conf/good.yaml":
      "defaults:\n  - override hydra/output: mine\n  - _self_\nhydra:\n  job:\n    chdir: yes\n",
    "conf/hydra/output/mine.yaml": "# @package hydra\nrun:\n  dir: out\n  dirr: x\n",
  });
  let r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(
    r.stderr,
    "conf/config.yaml:6:3: Key 'jobb' not in 'HydraConf'\n    full key: hydra.jobb\n" +
      "    Did you mean 'job'?\n",
  );
  r = await strata(["compose", "-n", "env"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "conf/env.yaml:4:14: In 'env': Validation error while composing config:\n" +
      "Cannot assign int to Dict[str, str]\n    full key: hydra.job.env_set\n",
  );
  r = await strata(["compose", "-n", "good", "--cfg", "hydra", "-p", "hydra.run"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "# @package hydra.run\ndir: out\ndirr: x\n");
  // validate still reports every misfit, each where it is written
  const v = await strata(["validate"], { cwd: dir });
  assert.equal(v.code, 1);
  assert.match(v.stdout + v.stderr, /conf\/config\.yaml:6:3: error: Key 'jobb' not in 'HydraConf'/);
  Deno.removeSync(dir, { recursive: true });
});

// `hydra.job.env_set` is a Dict[str, str]: OmegaConf refuses a scalar, a list or null assigned to
// it (an interpolation or `???` stays as written); strata made each of them `{}`.
Deno.test("an override that is not a mapping for hydra.job.env_set fails as Hydra's does", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\n" });
  for (
    const [o, msg] of [
      ["hydra.job.env_set=3", "Cannot assign int to Dict[str, str]"],
      ["++hydra.job.env_set=abc", "Cannot assign str to Dict[str, str]"],
      ["hydra.job.env_set=null", "field 'hydra.job.env_set' is not Optional"],
    ]
  ) {
    const r = await strata(["compose", "--cfg", "hydra", o], { cwd: dir });
    assert.equal(r.code, 1, o);
    assert.equal(r.stdout, "");
    assert.ok(r.stderr.startsWith(`override #1 '${o}': Error merging override ${o}\n`), r.stderr);
    assert.ok(r.stderr.includes(`\n    ${msg}\n`), r.stderr);
  }
  const r = await strata(["compose", "--cfg", "hydra", "hydra.job.env_set=${x}"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {4}env_set: \$\{x\}$/m);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("an override of a key HydraConf's dataclasses lack names the dataclass, as OmegaConf does", async () => {
  const dir = await confTree(FILES);
  const cases: [string, string][] = [
    ["hydra.job.nme=x", "Key 'nme' not in 'JobConf'"],
    ["hydra.jb=x", "Key 'jb' not in 'HydraConf'"],
    ["hydra.job.nme.x=1", "Key 'nme' not in 'JobConf'"],
    // a Dict[str, str] field is a plain struct dict
    ["hydra.job.env_set.NEW=1", "Key 'NEW' is not in struct"],
    // the job's own keys are not typed
    ["lrr=1", "Key 'lrr' is not in struct"],
  ];
  for (const [override, cause] of cases) {
    const r = await strata(["compose", override], { cwd: dir });
    assert.equal(r.code, 1, override);
    assert.ok(r.stderr.includes(`\n${cause}\n`), `${override}: ${r.stderr}`);
  }
  const r = await strata(["compose", "hydra.job.nme=x"], { cwd: dir });
  assert.match(r.stderr, /Did you mean 'hydra\.job\.name'\?/);
});

Deno.test("two keys HydraConf refuses in one file: the first written fails, as OmegaConf merges in the file's order (checker v20)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - override hydra/launcher: basic\n  - _self_\nlr: 1\n" +
      "hydra:\n  name: x\n  launcher:\n    params: 1\n",
  });
  const r = await strata(["compose", "-d", "conf"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^conf\/config\.yaml:6:3: Key 'name' not in 'HydraConf'\n/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compose --resolve: a value resolved into a typed field of the hydra node is converted as OmegaConf sets it (checker v72 #1)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "seed: 100\nhydra:\n  job:\n    env_set:\n      B: ${seed}\n" +
      "  sweeper:\n    params:\n      seed: ${seed}\n",
  });
  try {
    const all = await strata(["compose", "-d", "conf", "-c", "all", "--resolve", "-f", "json"], {
      cwd: dir,
    });
    assert.equal(all.code, 0, all.stderr);
    const h = JSON.parse(all.stdout).hydra;
    assert.deepEqual([h.job.env_set, h.sweeper.params], [{ B: "100" }, { seed: "100" }]);
    const pkg = await strata(
      ["compose", "-d", "conf", "-c", "all", "--resolve", "-p", "hydra.job.env_set"],
      { cwd: dir },
    );
    assert.equal(pkg.code, 0, pkg.stderr);
    assert.equal(pkg.stdout, "# @package hydra.job.env_set\nB: '100'\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
