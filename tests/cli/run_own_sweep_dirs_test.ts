/**
 * `strata run -m` where hydra.sweep.dir reads a swept value: each job writes under its own sweep
 * dir, as in Hydra, and the `Launching N jobs locally` line does not name the master's dir as
 * theirs (with `--job-index`, the job's own).
 */

import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("run -m: jobs in their own sweep dirs are announced as such; --job-index names the job's", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const args = ["run", "-m", "seed=1,2", "hydra.sweep.dir=out/s${seed}"];
    const all = await strata([...args, "--", "true"], { cwd: dir });
    assert.equal(all.code, 0, all.stderr);
    assert.match(
      all.stderr,
      /^\[strata\] Launching 2 jobs locally in their own sweep dirs \(hydra\.sweep\.dir reads a swept value\)\n/,
    );
    assert.ok(Deno.statSync(`${dir}/out/s1/0`).isDirectory);
    assert.ok(Deno.statSync(`${dir}/out/s2/1`).isDirectory);
    const one = await strata([...args, "--job-index", "1", "--", "true"], { cwd: dir });
    assert.equal(one.code, 0, one.stderr);
    // a manifest task runs its one job: not "locally" (it may be a SLURM array task)
    assert.match(one.stderr, /^\[strata\] Running job #1 of the sweep in \S*\/out\/s2\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
