/**
 * One override written in one place that matches nothing is one problem, whichever way each
 * composition says why: Hydra's "Did you mean to override log?" where the group has a known
 * choice, "No match in the defaults list." where an options list left none (checker v37).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an override matching nothing, reached by two compositions with two texts, is one error (checker v37)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - log: a\n  - debug: null\n",
    "conf/log/a.yaml": "a: 1\n",
    "conf/log/b.yaml": "b: 1\n",
    "conf/debug/default.yaml": "# @package _globl_\ndefaults:\n  - override /log: b\n",
    "conf/debug/overfit.yaml":
      "# @package _global_\ndefaults:\n  - default.yaml\n  - override /log: [a, b]\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      /^conf\/debug\/default\.yaml:3:5: error: In 'debug\/default': Could not override 'log@_globl_\.log'\. \(with debug=default and 1 more composition\)$/,
    );
    assert.match(r.stderr, /^1 error, 1 warning in 5 files/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
