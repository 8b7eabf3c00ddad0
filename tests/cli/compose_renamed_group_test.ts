/**
 * A group renamed (`git mv conf/adapt conf/adapter`) while a defaults list
 * still names the old one: no near spelling, so the group beside it that
 * holds the option asked for is suggested, at the entry's key, instead of a
 * ConfigStore hint the app may have nothing to do with.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: a renamed group is suggested by the option it holds", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - adapt: lora\n  - _self_\nx: 1\n",
    "conf/adapter/lora.yaml": "r: 8\n",
    "conf/model/lora.yaml": "m: 1\n",
    "conf/model/base.yaml": "m: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^conf\/config\.yaml:2:5: In 'config': Could not find 'adapt\/lora'/);
    assert.match(r.stderr, /Did you mean one of: 'adapter', 'model'\?/);
    assert.doesNotMatch(r.stderr, /ConfigStore/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
