/**
 * `${hydra:...}` reads the hydra node with the job's keys around it, as
 * Hydra's HydraConfig node does (its parent is the whole config).
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: ${hydra:run.dir} reads a run dir made of the job's keys", async () => {
  const dir = await confTree({
    "conf/config.yaml": "run_name: exp1\nout: ${hydra:run.dir}/ckpt\n" +
      "hydra:\n  run:\n    dir: outputs/${run_name}\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { run_name: "exp1", out: "outputs/exp1/ckpt" });
    const h = await strata(["hash", "-d", "conf"], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
