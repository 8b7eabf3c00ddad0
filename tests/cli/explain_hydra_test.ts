import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("strata explain hydra.run.dir: the value resolves as compose resolves it (${now:...} formatted), the written value kept", async () => {
  const dir = await writeTree({ "conf/config.yaml": "name: x\n" });
  const r = await strata(["explain", "-d", "conf", "hydra.run.dir"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n {2}composed: "outputs\/\$\{now:%Y-%m-%d\}\/\$\{now:%H-%M-%S\}"/);
  const value = /\n {2}value: "(.*)"\n$/.exec(r.stdout)?.[1];
  assert.match(value ?? "", /^outputs\/\d{4}-\d\d-\d\d\/\d\d-\d\d-\d\d$/);
  const c = await strata([
    "compose",
    "-d",
    "conf",
    "-c",
    "hydra",
    "--resolve",
    "-p",
    "hydra.run.dir",
  ], {
    cwd: dir,
  });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^outputs\/\d{4}-\d\d-\d\d\/\d\d-\d\d-\d\d\n$/);
});

Deno.test("strata explain hydra.job.name: a hydra key that reads the job's keys resolves as the run (and --cfg all) resolve it", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "name: x\nhydra:\n  job:\n    name: ${name}-j\n",
  });
  const r = await strata(["explain", "-d", "conf", "hydra.job.name", "name=y", "-f", "json"], {
    cwd: dir,
  });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.composed.value, "${name}-j");
  assert.equal(out.value, "y-j");
  const c = await strata(
    ["compose", "-d", "conf", "-c", "all", "--resolve", "-p", "hydra.job.name", "name=y"],
    { cwd: dir },
  );
  assert.equal(c.stdout, "y-j\n");
});

Deno.test("strata explain: a job key reading ${hydra.job.name} (a dot) fails as in compose --resolve; ${hydra:job.name} resolves", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "dot: ${hydra.job.name}\ncolon: ${hydra:job.name}\n",
  });
  const compose = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
  assert.equal(compose.code, 1);
  assert.match(compose.stderr, /Interpolation key 'hydra\.job\.name' not found/);
  const r = await strata(["explain", "-d", "conf", "dot"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, /hydra\.job\.name =/); // the job's config has no such key
  assert.match(r.stdout, /value: does not resolve/);
  assert.match(r.stderr, /^conf\/config\.yaml:1:6: Interpolation key 'hydra\.job\.name' not found/);
  const ok = await strata(["explain", "-d", "conf", "colon"], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  // the job name strata run gives without a script: the config's name
  assert.match(ok.stdout, /value: "config"\n$/);
});

Deno.test("strata explain hydra.sweep.subdir outside a sweep: ${hydra.job.num} is kept and said to be set per job, not an error", async () => {
  const dir = await writeTree({ "conf/config.yaml": "name: x\n" });
  const r = await strata(["explain", "-d", "conf", "hydra.sweep.subdir"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /\n {2}composed: "\$\{hydra\.job\.num\}"/);
  assert.match(
    r.stdout,
    /\n {2}value: "\$\{hydra\.job\.num\}" \(not resolved outside a sweep: hydra\.job\.num is \?\?\? in a single run; each job of a sweep .* sets it\)\n$/,
  );
  const json = await strata(["explain", "-d", "conf", "hydra.sweep.subdir", "-f", "json"], {
    cwd: dir,
  });
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.value, "${hydra.job.num}");
  assert.equal(out.per_job, "hydra.job.num");
  assert.equal(out.error, undefined);
  // another missing value is still the error it is
  const other = await writeTree({ "conf/config.yaml": "x: ???\ny: ${x}\n" });
  const bad = await strata(["explain", "-d", "conf", "y"], { cwd: other });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Missing mandatory value: x/);
});

Deno.test("strata explain: Hydra's HydraConf layer is named by its ConfigStore path, with no line of a file that does not exist (checker v18)", async () => {
  const dir = await writeTree({ "conf/config.yaml": "hydra:\n  run:\n    dir: out\n" });
  const r = await strata(["explain", "-d", "conf", "hydra.run.dir"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hydra\/config @ hydra: \?\?\? {2}\(structured:\/\/hydra\/config\)\n/);
  assert.doesNotMatch(r.stdout, /structured:\/\/\/|hydra\/config\.yaml:\d/);
  assert.match(r.stdout, /\(conf\/config\.yaml:3:10\)/);
});

Deno.test("explain: a value None outside a run because it reads the run's dir says so (checker w58 #3)", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "out: ${hydra:runtime.output_dir}\ncb:\n  dirpath: ${out}/checkpoints\nname: x\n",
  });
  try {
    const r = await strata(["explain", "cb.dirpath", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /\n {2}value: "None\/checkpoints" \(None outside a run: it reads \$\{hydra:runtime\.output_dir\}/,
    );
    const plain = await strata(["explain", "name", "-d", "conf"], { cwd: dir });
    assert.match(plain.stdout, /\n {2}value: "x"\n$/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
