// An experiment for the second primary (eval's, overriding a group only eval.yaml chooses) that
// fails with every primary: its own failure with eval is reported (a misspelt option), not the
// validated primary's "No match in the defaults list" for a group it never chooses (checker w47).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an experiment failing with every primary is reported with the primary whose groups it overrides", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - a: x\n  - _self_\n",
    "conf/eval.yaml": "defaults:\n  - b: y\n  - _self_\n",
    "conf/a/x.yaml": "p: 1\n",
    "conf/b/y.yaml": "q: 1\n",
    "conf/b/z.yaml": "q: 2\n",
    "conf/exp/e.yaml": "# @package _global_\ndefaults:\n  - override /b: zz\n",
  });
  const expected = [
    "conf/exp/e.yaml:3:18: error: In 'eval': Could not find 'b/zz'. Did you mean 'z'? (with --config-name=eval +exp=e)",
  ];
  for (const args of [["-d", "conf"], ["-d", "conf", "conf/exp/e.yaml"]]) {
    const r = await validateIn(dir, args);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines.filter((l) => / error: /.test(l)), expected, args.join(" "));
    assert.doesNotMatch(r.stdout, /No match in the defaults list/);
  }
});
