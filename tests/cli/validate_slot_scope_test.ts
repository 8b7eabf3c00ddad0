/**
 * `validate.options` scopes one slot of a group (`parts@agent.actor`, the key
 * Hydra's overrides use) apart from the group's other slots: a library of
 * components chosen into several packages (mtrl's agent/components) validates
 * each slot with the options written for it.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate.options: a group@package key scopes that slot only", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - parts@agent.actor: m_actor\n  - parts@agent.critic: m_critic\n" +
      "  - _self_\ncheck: ${agent.actor.hidden}\n",
    "conf/parts/m_actor.yaml": "kind: actor\nhidden: 1\n",
    "conf/parts/m_critic.yaml": "kind: critic\n",
    "conf/parts/h_actor.yaml": "kind: actor2\nhidden: 2\n",
  });
  try {
    // unscoped: the critic tried in the actor slot has no `hidden`: an error no run has
    const all = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(all.code, 1, all.stdout + all.stderr);
    assert.match(all.stdout + all.stderr, /\(with parts@agent\.actor=m_critic\)/);
    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      'validate:\n  options:\n    config:\n      parts@agent.actor: "*_actor"\n' +
        '      parts@agent.critic: ["*_critic"]\n',
    );
    const scoped = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(scoped.code, 0, scoped.stdout + scoped.stderr);
    assert.match(scoped.stdout, /no problems in 4 files, 2 compositions/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
