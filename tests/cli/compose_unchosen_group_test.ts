/**
 * `${action_optimizer}` where action_optimizer is a config group no defaults list chose
 * (mbrl-lib's planet without `+action_optimizer=cem`): OmegaConf's "Interpolation key
 * 'action_optimizer' not found", and a note that it is a group, with how to add one.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - algo: planet\n  - _self_\n",
  "conf/algo/planet.yaml": "optimizer_cfg: ${action_optimizer}\nlr: ${opt.lr}\n",
  "conf/action_optimizer/cem.yaml": "k: 1\n",
  "conf/action_optimizer/icem.yaml": "k: 2\n",
};

Deno.test("compose --resolve: an interpolation to a config group none chose says it is one, and how to add it", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await strata(["compose", "--resolve"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/algo/planet.yaml:1:16: Interpolation key 'action_optimizer' not found\n" +
        "    full key: algo.optimizer_cfg\n" +
        "    'action_optimizer' is a config group no defaults list of this composition chooses: " +
        "add one with +action_optimizer=cem (options: cem, icem)\n",
    );
    assertNoStackTrace(r.stderr);
    // chosen: it resolves; a key that is no group gets no such note
    const chosen = await strata(["compose", "--resolve", "+action_optimizer=cem", "+opt.lr=1"], {
      cwd: dir,
    });
    assert.equal(chosen.code, 0, chosen.stderr);
    const other = await strata(["compose", "--resolve", "+action_optimizer=cem"], { cwd: dir });
    assert.equal(other.code, 1);
    assert.match(other.stderr, /Interpolation key 'opt\.lr' not found/);
    assert.doesNotMatch(other.stderr, /config group/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a typo under a key another option wrote where a group of that name is not chosen gets no 'add one' note (checker v34)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - combo: a\n  - _self_\nx: ${env.nme}\n",
    "conf/combo/a.yaml": "# @package _global_\nenv:\n  name: hopper\n",
    "conf/env/hopper.yaml": "name: hopper\n",
  });
  try {
    const r = await strata(["compose", "--resolve"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Interpolation key 'env\.nme' not found/);
    assert.match(r.stderr, /Did you mean 'env\.name'\?/);
    assert.doesNotMatch(r.stderr, /config group/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
