// A defaults entry naming a config no directory holds at its level, where a group beside it
// holds an option of that name (`- 250M-opt` after `- model:`, the items of an options list
// that lost their indent): did-you-mean names the option by its path, not the ConfigStore hint
// (checker x43 #1).
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("did-you-mean: a bare entry naming a group's option is suggested with its group", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model:\n  - neobert\n  - 250M-opt\n  - _self_\nx: 1\n",
    "conf/model/neobert.yaml": "a: 1\n",
    "conf/model/250M-opt.yaml": "b: 1\n",
    "conf/default.yaml": "c: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:4:5: In 'config': Could not load '250M-opt'\.\n {4}Did you mean 'model\/250M-opt'\?\n/,
    );
    assert.doesNotMatch(r.stderr, /ConfigStore/);
    // the suggestion, written back, composes
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "defaults:\n  - model/neobert\n  - model/250M-opt\n  - _self_\nx: 1\n",
    );
    const fixed = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stdout, "model:\n  a: 1\n  b: 1\nx: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hint: a group entry naming several options as one says a list chooses them all (checker x43 #2)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - model: neobert, 250M-opt\n  - _self_\nx: 1\n",
    "conf/model/neobert.yaml": "a: 1\n",
    "conf/model/250M-opt.yaml": "b: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /\n {4}'neobert, 250M-opt' names 2 options of 'model' as one: a list chooses them all, '- model: \[neobert, 250M-opt\]'\n$/,
    );
    // one that is no option: no such hint
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "defaults:\n  - model: neobert, nope\n");
    const other = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(other.code, 1);
    assert.doesNotMatch(other.stderr, /a list chooses them all/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
