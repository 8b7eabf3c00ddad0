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
  assert.match(ok.stdout, /value: "app"\n$/);
});
