/**
 * A job name is the name of the job's log file in its run dir: one with a
 * '/' is refused at its origin before anything of the run is written (it
 * was a raw "No such file or directory" after the .hydra/ files were).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("strata run: hydra.job.name with a '/' fails at its origin and writes nothing", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "x: a\nhydra:\n  job:\n    name: ${x}\n",
    "conf/plain.yaml": "x: a\n",
  });
  for (
    const args of [
      ["hydra.run.dir=r1", "hydra.job.name=x/y"],
      ["hydra.run.dir=r2", "-n", "plain", "--job-name", "a/b"],
      ["hydra.run.dir=r3", "x=b/c"],
      ["-m", "hydra.sweep.dir=r4", "x=a,b/c"],
    ]
  ) {
    const r = await strata(["run", "-d", "conf", ...args, "--", "true"], { cwd: dir });
    assert.equal(r.code, 1, args.join(" ") + "\n" + r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /hydra\.job\.name "[a-z]\/[a-z]" cannot name the job's log/);
    assert.match(r.stderr, /full key: hydra\.job\.name/);
    const out = args[0] === "-m" ? args[1] : args[0];
    const rundir = out.split("=")[1];
    assert.throws(() => Deno.statSync(`${dir}/${rundir}`), Deno.errors.NotFound, args.join(" "));
  }
});

Deno.test("strata run/hash -n exp/big without a script: the job is named 'big', its log big.log", async () => {
  const dir = await writeTree({ "conf/exp/big.yaml": "name: ${hydra:job.name}\n" });
  const r = await strata(
    ["run", "-d", "conf", "-n", "exp/big", "hydra.run.dir=r", "--", "sh", "-c", "true"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  // a primary config in a subdirectory is at its package, as in Hydra
  assert.equal(Deno.readTextFileSync(`${dir}/r/config.yaml`), "exp:\n  name: big\n");
  Deno.statSync(`${dir}/r/big.log`);
  const h = await strata(["hash", "-d", "conf", "-n", "exp/big", "hydra.run.dir=r"], { cwd: dir });
  assert.equal(h.code, 0, h.stderr);
  assert.equal(h.stdout.trim(), Deno.readTextFileSync(`${dir}/r/.strata/config_hash`).trim());
});
