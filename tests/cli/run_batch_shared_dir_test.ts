/**
 * `strata run -m -j N` with `hydra.sweeper.max_batch_size`: two jobs that
 * share a job dir are an error only when they are in one batch. Batches run
 * one after another (Hydra's BasicSweeper), so jobs of different batches
 * never run side by side: they get the shared-dir warning, as with `-j 1`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const run = (dir: string, batch: number, values: string) =>
  strata(
    [
      ...["run", "-d", "conf", "-m", "-j", "2", "hydra.sweep.dir=s"],
      `hydra.sweeper.max_batch_size=${batch}`,
      "hydra.sweep.subdir=${a}",
      `a=${values}`,
      ...["--", "true"],
    ],
    { cwd: dir },
  );

Deno.test("run -m -j 2: jobs of different batches may share a job dir (a warning)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await run(dir, 1, "1,1");
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: jobs #0 and #1 both get the job dir .*s\/1/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m -j 2: jobs of one batch sharing a job dir are still an error", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    // batches [0, 1] and [2]: #1 shares #0's dir in the first batch
    const r = await run(dir, 2, "1,1,2");
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /jobs #0 and #1 both get the job dir .*\(-j 2, in one batch\)/);
    // batches [0, 1] and [2]: #2 shares #0's dir from the next batch
    const r2 = await run(dir, 2, "1,2,1");
    assert.equal(r2.code, 0, r2.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
