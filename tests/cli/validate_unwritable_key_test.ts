// An entry `spec@d/v` gives the groups of `spec` keys like `opt@d/v.opt`, which Hydra's override
// grammar cannot write (a package is dotted identifiers): validate tried the group's other options
// there with overrides that do not parse and failed a tree that composes (checker v39).
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: no options tried at a key no override can write; the tree that composes passes", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - spec@d/v\n  - _self_\n",
    "conf/spec.yaml": "defaults:\n  - opt: a\n  - _self_\nk: 1\n",
    "conf/opt/a.yaml": "x: 1\n",
    "conf/opt/b.yaml": "x: 2\n",
  });
  try {
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, "d/v:\n  opt:\n    x: 1\n  k: 1\n");
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(v.stderr);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.doesNotMatch(v.stdout + v.stderr, /Error parsing override/);
    // the option no composition reaches is said, not passed over in silence
    assert.match(v.stderr, /conf\/opt\/b\.yaml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
