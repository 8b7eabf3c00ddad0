/**
 * A search path directory inside the config directory (physicsnemo's
 * `conf/base`, searched as `pkg://conf/base`): its configs are that root's
 * own, not options of a group `base` of the config directory. validate
 * counts each file once and composes no `+base=...`, which Hydra would fail
 * (`training/regression`'s `- base_all` is relative to `training`, of the
 * search root).
 *
 * @module
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("validate: a search path entry inside the config dir is its own root, not a group", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - training: regression\n  - _self_\nx: 1\n",
    "conf/base/training/base_all.yaml": "steps: 2\n",
    "conf/base/training/regression.yaml": "defaults:\n  - base_all\nlr: 1\n",
  });
  const r = await strata(["validate", "-d", "conf", "--search-path", "conf/base"], { cwd: dir });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no problems in 3 files, \d+ compositions?\n$/);
  const c = await strata(["compose", "-d", "conf", "--search-path", "conf/base"], { cwd: dir });
  assert.equal(c.stdout, "training:\n  steps: 2\n  lr: 1\nx: 1\n");
  Deno.removeSync(dir, { recursive: true });
});
