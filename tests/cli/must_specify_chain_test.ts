/**
 * Hydra's "You must specify 'KEY'" for a `???` group default is located at the entry; the chain
 * under it says how that config was reached, not the entry's own line again (vissl's `config: ???`
 * in its primary printed "included by 'defaults'" and the primary's bare line under the error's
 * own place).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: You must specify's chain does not repeat the entry's line", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - exp: a\n  - model: ???\n  - _self_\n",
    "conf/exp/a.yaml": "defaults:\n  - /data: ???\nx: 1\n",
    "conf/model/m1.yaml": "y: 1\n",
    "conf/data/d1.yaml": "z: 1\n",
  });
  try {
    // in the primary: the entry is the whole story
    const primary = await strata(["compose", "-d", "conf", "+data=d1"], { cwd: dir });
    assert.equal(primary.code, 1);
    assert.equal(
      primary.stderr,
      "conf/config.yaml:3:12: You must specify 'model', e.g, model=<OPTION>\n" +
        "Available options:\n\tm1\n",
    );
    // in an option's list: the lines that reached that option, once each
    const nested = await strata(["compose", "-d", "conf", "model=m1"], { cwd: dir });
    assert.equal(nested.code, 1);
    assert.match(nested.stderr, /^conf\/exp\/a\.yaml:2:12: You must specify 'data@exp\.data'/);
    const chain = nested.stderr.split("\n").filter((l) => l.startsWith("    "));
    assert.deepEqual(chain, ["    conf/config.yaml:2:10: included by 'config'"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: You must specify names the override that misspelt the group (BenchMARL's algoritm=ippo)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - algorithm: ???\n  - _self_\n",
    "conf/algorithm/ippo.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "algoritm=ippo"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:16: You must specify 'algorithm', e.g, algorithm=<OPTION>\n" +
        "Available options:\n\tippo\n" +
        "    override #1 'algoritm=ippo': names no group: did you mean algorithm=ippo?\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: You must specify 'model' names an experiment's override of a misspelt group, unused (range-view's override /modle)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: ???\n  - _self_\n",
    "conf/model/baseline.yaml": "n: 1\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /modle: baseline\n",
  });
  try {
    const r = await strata(["compose", "+experiment=e"], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^conf\/config\.yaml:2:12: You must specify 'model'/);
    assert.match(
      r.stderr,
      /\n {4}conf\/experiment\/e\.yaml:3:22: 'override modle: baseline' overrides no group of the defaults list: did you mean 'model'\?\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: You must specify names an override that misspelt another group, whose option it gives (checker x54)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model_type: ???\n  - experiment: null\n  - _self_\n",
    "conf/model_type/ilm.yaml": "a: 1\n",
    "conf/experiment/ilm_stories.yaml":
      "# @package _global_\ndefaults:\n  - override /model_type: ilm\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "experimnt=ilm_stories", "lr=1"], {
      cwd: dir,
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "conf/config.yaml:2:17: You must specify 'model_type', e.g, model_type=<OPTION>\n" +
        "Available options:\n\tilm\n" +
        "    override #1 'experimnt=ilm_stories': names no group: did you mean experiment=ilm_stories?\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
