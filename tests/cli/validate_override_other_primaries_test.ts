/**
 * `validate --override` names values of the primary validated; another top-level config composed
 * as a primary beside it (AMPLIFY's `accelerate_ddp.yaml`, which `accelerate launch` reads, beside
 * `config.yaml`) need not have the key. It is checked without the overrides given, with a note,
 * instead of failing the run for them (checker x16). The primary itself still fails for a typo.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\nepochs: 1\n",
  "conf/optimizer/adam.yaml": "lr: 0.001\n",
  "conf/accelerate_ddp.yaml": "compute_environment: LOCAL_MACHINE\nnum_processes: 8\n",
};

Deno.test("validate --override: another top-level config it does not fit is checked without it", async () => {
  const dir = writeTree(TREE);
  try {
    for (const name of [[], ["-n", "config"]]) {
      const r = await validateIn(dir, ["-d", "conf", ...name, "--override", "optimizer.lr=3e-4"]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stdout, "no problems in 3 files, 2 compositions\n");
      assert.equal(
        r.stderr,
        "note: 'optimizer.lr=3e-4' does not fit accelerate_ddp (another top-level config composed " +
          "as a primary): checked without the overrides given, which are the validated primary's\n",
      );
    }
    const json = await validateIn(dir, [
      "-d",
      "conf",
      "--override",
      "optimizer.lr=3e-4",
      "-f",
      "json",
    ]);
    assert.deepEqual(JSON.parse(json.stdout).unfitOverrides, [
      { config: "accelerate_ddp", override: "optimizer.lr=3e-4" },
    ]);
    // a typo still fails the primary it was written for
    const typo = await validateIn(dir, ["-d", "conf", "--override", "optimizer.lrr=3e-4"]);
    assert.equal(typo.code, 1, typo.stdout);
    assert.match(typo.stdout, /Could not override 'optimizer\.lrr'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
