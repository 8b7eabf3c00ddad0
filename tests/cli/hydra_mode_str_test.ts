/**
 * `${hydra:mode}` reads HydraConf's `mode`, a RunMode enum: inside a longer
 * string OmegaConf converts it with str(), `RunMode.MULTIRUN`; as a whole
 * value it is the member, printed `MULTIRUN` (checker v49: rewts' logger
 * compares `x_${hydra:mode}` against `RunMode.MULTIRUN`; strata said `x_MULTIRUN`).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("${hydra:mode} in a string is str() of the RunMode member; alone, its name", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: x_${hydra:mode}\nb: ${hydra:mode}\nhydra:\n  mode: MULTIRUN\n",
    "conf/single.yaml": "a: x_${hydra:mode}\nb: ${hydra:mode}\n",
  });
  try {
    const c = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "a: x_RunMode.MULTIRUN\nb: MULTIRUN\n");
    // a job strata runs is a RUN: what its app reads (STRATA_CONFIG, the resolved config)
    const r = await strata([
      "run",
      "-d",
      "conf",
      "-n",
      "single",
      "--",
      "sh",
      "-c",
      "cat $STRATA_CONFIG",
    ], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^a: x_RunMode\.RUN\nb: RUN\n/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
