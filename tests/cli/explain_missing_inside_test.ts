/**
 * `explain KEY` of a dict with a value inside that reaches a `???`: the dict
 * resolves (OmegaConf.select gives it; `compose --resolve -p KEY` prints the
 * value `???`), so explain shows it and exits 0; the leaf itself is
 * OmegaConf.select's MissingMandatoryValue, exit 1 (pytorch_sac's
 * `agent.params.critic_cfg`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("explain: a dict reaching ??? inside resolves with ???; the leaf is the error", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a:\n  obs: ???\n  crit:\n    dim: ${a.obs}\n    n: 2\n",
  });
  const dict = await strata(["explain", "a.crit"], { cwd: dir });
  assert.equal(dict.code, 0, dict.stderr);
  assert.match(dict.stdout, /\n {2}value: \{"dim": "\?\?\?", "n": 2\}\n$/);
  const leaf = await strata(["explain", "a.crit.dim"], { cwd: dir });
  assert.equal(leaf.code, 1);
  assertNoStackTrace(leaf.stderr);
  assert.match(leaf.stderr, /Missing mandatory value: a\.obs\n {4}full key: a\.crit\.dim\n$/);
  Deno.removeSync(dir, { recursive: true });
});
