/**
 * `explain agent.lr.x` where `agent.lr: ${lr}` reads a float: no such key, as `seed.x` is none
 * (OmegaConf.select gives None for both), so both are bad usage (exit 2) said alike, with
 * nothing on stdout.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain: a key below an interpolation that reads a scalar is not in the config, exit 2", async () => {
  const dir = writeTree({ "conf/config.yaml": "lr: 1e-4\nagent:\n  lr: ${lr}\nseed: 1\n" });
  try {
    const r = await strata(["explain", "-d", "conf", "agent.lr.x"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      "Key 'agent.lr.x' is not in the composed config (it would be lr.x, through agent.lr = " +
        "'${lr}')\n    full key: agent.lr.x\n",
    );
    const plain = await strata(["explain", "-d", "conf", "seed.x"], { cwd: dir });
    assert.equal(plain.code, 2);
    assert.equal(plain.stdout, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
