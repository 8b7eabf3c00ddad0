/**
 * A misspelt group that is chosen under a package only (LIBERO's
 * `position_encoding@temporal`): the override `policy/position_encodin=...` suggests the key an
 * override names, `policy/position_encoding@policy.temporal`; `+grp@pkg=x` and `grp@pkg=x` fail
 * as Hydra fails, naming the group, with no warning that Hydra would add a key (checker v42).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - policy: p\n",
  "conf/policy/p.yaml": "defaults:\n  - position_encoding@temporal: sin\n" +
    "  - language_encoder: mlp\n  - _self_\nname: p\n",
  "conf/policy/position_encoding/sin.yaml": "k: sin\n",
  "conf/policy/position_encoding/cos.yaml": "k: cos\n",
  "conf/policy/language_encoder/mlp.yaml": "k: mlp\n",
};

Deno.test("compose: a typo in a group chosen under a package gets a did-you-mean; +grp@pkg=x gets no contradicting warning", async () => {
  const dir = await confTree(TREE);
  try {
    const run = (o: string) => strata(["compose", o], { cwd: dir });
    const plain = await run("policy/position_encodin=cos");
    assertNoStackTrace(plain.stderr);
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.stderr, /Did you mean 'policy\/position_encoding@policy\.temporal'\?\n$/);
    for (
      const o of [
        "+policy/position_encodin@policy.x=sin",
        "policy/position_encodin@policy.temporal=sin",
      ]
    ) {
      const r = await run(o);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(
        r.stderr,
        `override #1 '${o}': Override ${o} looks like a config group override, but config group ` +
          "'policy/position_encodin' does not exist.\n    Did you mean 'policy/position_encoding'?\n",
      );
    }
    // the right key composes
    const good = await run("policy/position_encoding@policy.temporal=cos");
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /temporal:\n {4}k: cos\n/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
