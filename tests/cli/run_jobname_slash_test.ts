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
