/**
 * The note on a key under a group whose `# @package _group_` header put its option at the
 * literal package `_group_` names the header of the group the key is under, the deepest: in
 * carla-roach, `-p agent.ppo.training` named agent/ppo/obs_configs/birdview.yaml's header, the
 * first of agent's (checker v68 #3).
 */

import assert from "node:assert/strict";
import { legacyPackageNote } from "../../../core/compose/legacy_header.ts";
import { originOf } from "../../../core/node.ts";

const at = (file: string, group: string) => ({
  message: "'# @package _group_': ...",
  origin: { file, line: 1, col: 12 },
  literalPackage: { group, package: "_group_" },
});

const WARNINGS = [
  at("conf/agent/ppo/obs_configs/birdview.yaml", "agent.ppo.obs_configs"),
  at("conf/agent/ppo/training/ppo.yaml", "agent.ppo.training"),
  at("conf/agent/ppo.yaml", "agent"),
];

Deno.test("legacy package note: the header of the deepest group the key is under", () => {
  const file = (key: string) =>
    originOf(legacyPackageNote(`package '${key}' not found`, WARNINGS)?.origin);
  assert.equal(file("agent.ppo.training")?.file, "conf/agent/ppo/training/ppo.yaml");
  assert.equal(file("agent.ppo.training.kwargs.lr")?.file, "conf/agent/ppo/training/ppo.yaml");
  assert.equal(file("agent.ppo")?.file, "conf/agent/ppo.yaml");
  assert.equal(file("agent")?.file, "conf/agent/ppo.yaml");
  assert.equal(file("agent.ppo.obs_configs.x")?.file, "conf/agent/ppo/obs_configs/birdview.yaml");
  assert.equal(file("seed"), undefined);
});
