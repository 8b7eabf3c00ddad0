// A merge of a mapping with a list names both sides: the option holding the list may be the mistake.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a mapping merged onto an option file holding a list names that file too (checker v69 #1)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: e\n",
    "conf/experiment/e.yaml":
      "# @package _global_\ndefaults:\n  - /trainer: default\ntrainer:\n  max_steps: 10\n",
    "conf/trainer/default.yaml": "- 1\n- 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/experiment/e.yaml:5:3: Cannot merge DictConfig with ListConfig at 'trainer' " +
        "(a mapping onto a list)\n    conf/trainer/default.yaml:1:1: the list it is merged onto\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
