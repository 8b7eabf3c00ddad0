/**
 * `strata sweep -m ...`: a Hydra command line (`python train.py -m lr=...`)
 * pasted as it is. A sweep is always a multirun, so `-m/--multirun` is
 * accepted and changes nothing; without it, the same jobs.
 */
import assert from "node:assert/strict";
import { confTree, sweepIn } from "./_manifest.ts";
import { assertNoStackTrace } from "./_cli.ts";

Deno.test("sweep -m / --multirun: accepted as Hydra spells it, the same jobs as without", async () => {
  const dir = confTree();
  try {
    const plain = await sweepIn(dir, "-f text seed=1,2");
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, "seed=1\nseed=2\n");
    for (const flag of ["-m", "--multirun"]) {
      const r = await sweepIn(dir, `${flag} -f text seed=1,2`);
      assert.equal(r.code, 0, `${flag}: ${r.stderr}`);
      assertNoStackTrace(r.stderr);
      assert.equal(r.stdout, plain.stdout, flag);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
