/**
 * Hydra's own config groups complete as Hydra 1.3 completes them
 * (tests/test_completion.py): `hydra/` at the top, `hydra/launcher=` and the
 * rest once `hydra/` is typed, then their options, a conf tree's own
 * `conf/hydra/...` options among them; and the `hydra.` node's keys.
 */

import assert from "node:assert/strict";
import { completeBash } from "./_complete.ts";

const CONF = {
  "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nseed: 1\n",
  "conf/model/small.yaml": "layers: 2\n",
  // an option of Hydra's launcher group, and a hydra group of the app's own
  "conf/hydra/launcher/local.yaml": "_target_: my.Launcher\n",
  "conf/hydra/extra/on.yaml": "flag: true\n",
};

/** Hydra 1.3.2's groups (hydra/env ... hydra/sweeper), as `hydra/` completes them. */
const HYDRA_GROUPS = [
  "hydra/env=",
  "hydra/help=",
  "hydra/hydra_help=",
  "hydra/hydra_logging=",
  "hydra/job_logging=",
  "hydra/launcher=",
  "hydra/output=",
  "hydra/sweeper=",
];

Deno.test("bash completion: hydra/ at the top, Hydra's groups under it, their options", async () => {
  const [top, groups, partial, launcher, logging, del, key] = await completeBash(CONF, [
    "strata compose hy",
    "strata compose hydra/",
    "strata compose -d conf hydra/job_l",
    "strata compose hydra/launcher=",
    "strata run hydra/job_logging=d",
    "strata compose ~hydra/la",
    "strata compose hydra.run.",
  ]);
  assert.deepEqual(top, ["hydra/", "hydra."]);
  assert.deepEqual(groups, HYDRA_GROUPS);
  assert.deepEqual(partial, ["hydra/job_logging="]);
  // readline replaces the text after '=': the answers are the options themselves
  assert.deepEqual(launcher, ["basic", "local"]);
  assert.deepEqual(logging, ["default", "disabled"]);
  assert.deepEqual(del, ["~hydra/launcher="]);
  assert.deepEqual(key, ["hydra.run.dir="]);
});

Deno.test("bash completion: '+hydra/' only for a hydra group no defaults list names", async () => {
  const [add, addGroup, listed, explain] = await completeBash(CONF, [
    "strata compose +hy",
    "strata compose +hydra/",
    "strata compose +hydra/launcher=",
    "strata explain hydra.job.chd",
  ]);
  assert.deepEqual(add, ["+hydra/", "+hydra."]);
  // Hydra's own are in hydra/config's defaults list: '+' would be "already there"
  assert.deepEqual(addGroup, ["+hydra/extra="]);
  assert.deepEqual(listed, []);
  assert.deepEqual(explain, ["hydra.job.chdir"]);
});
