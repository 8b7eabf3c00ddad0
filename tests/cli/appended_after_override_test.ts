// An experiment's `override /g` with `+g=...` appended after it on the command line: Hydra expands
// a defaults list from its last entry, so its "Could not override 'g'. Did you mean to override g?"
// names the very key; strata adds why, and the order that works (checker v41).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\na: 1\n",
  "conf/c2.yaml": "defaults:\n  - _self_\n  - experiment: ok\na: 1\n",
  "conf/experiment/ok.yaml":
    "# @package _global_\ndefaults:\n  - override /model/enc: local\nb: 2\n",
  "conf/model/enc/global.yaml": "x: global\n",
  "conf/model/enc/local.yaml": "x: local\n",
};

Deno.test("+experiment=ok +model/enc=global: Hydra's error, with why and the order that composes", async () => {
  const dir = await confTree(TREE);
  try {
    const bad = await strata(["compose", "-d", "conf", "+experiment=ok", "+model/enc=global"], {
      cwd: dir,
    });
    assertNoStackTrace(bad.stderr);
    assert.equal(bad.code, 1, bad.stderr);
    assert.equal(bad.stdout, "");
    assert.match(
      bad.stderr,
      /^conf\/experiment\/ok\.yaml:3:5: In 'experiment\/ok': Could not override 'model\/enc'\.\nDid you mean to override model\/enc\?\n/,
    );
    assert.match(
      bad.stderr,
      /override #2 '\+model\/enc=global': .*from its last entry to its first/,
    );
    assert.match(bad.stderr, /Give '\+model\/enc=global' before '\+experiment=ok'/);
    // the order the note gives composes, the experiment's override applied
    const good = await strata(["compose", "-d", "conf", "+model/enc=global", "+experiment=ok"], {
      cwd: dir,
    });
    assert.equal(good.code, 0, good.stderr);
    assert.equal(good.stdout, "a: 1\nmodel:\n  enc:\n    x: local\nb: 2\n");
    // the experiment chosen by the primary's own list: no order to give on the command line
    const listed = await strata(["compose", "-d", "conf", "-n", "c2", "+model/enc=global"], {
      cwd: dir,
    });
    assert.equal(listed.code, 1, listed.stderr);
    assert.match(
      listed.stderr,
      /from its last entry to its first: an `override` reaches only the entries before its config\n/,
    );
    assert.doesNotMatch(listed.stderr, /Give /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose: an experiment's override of a group its primary lists below the experiment says why it found nothing (checker v69 #2)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: e\n  - paths: default\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /paths: other\n",
    "conf/paths/default.yaml": "a: 1\n",
    "conf/paths/other.yaml": "a: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/experiment/e.yaml:3:5: In 'experiment/e': Could not override 'paths'.\n" +
        "Did you mean to override paths?\n" +
        "    conf/config.yaml:4:12: 'paths' is chosen here\n" +
        "    Hydra expands a defaults list from its last entry to its first: an `override` " +
        "reaches only the entries listed above the one that brings in 'experiment/e'\n",
    );
    // listed last, the experiment's override applies
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "defaults:\n  - _self_\n  - paths: default\n  - experiment: e\n",
    );
    const ok = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /a: 2/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
