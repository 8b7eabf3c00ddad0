import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// audiocraft's shape: `conditioner` is chosen by a solver, not by the primary's defaults list, so
// validate tries its options with the first solver that chooses it
const TREE: Record<string, string> = {
  "conf/config.yaml": "defaults:\n  - solver: default\n  - _self_\n",
  "conf/solver/default.yaml": "# @package __global__\nlr: 1\n",
  "conf/solver/lm.yaml": "# @package __global__\ndefaults:\n  - /conditioner: none\n  - _self_\n" +
    "card: 4\n",
  "conf/conditioner/none.yaml": "kind: none\n",
  "conf/conditioner/chords.yaml": "kind: chords\nsize: ${chords_card}\n",
};

Deno.test("validate: the text report says which composition a group's options were tried in when the primary's defaults do not choose it", async () => {
  const r = await validateIn(writeTree(TREE));
  assert.equal(r.code, 1, r.stdout);
  assert.deepEqual(r.lines, [
    "conf/conditioner/chords.yaml:2:7: error: Interpolation key 'chords_card' not found [key: conditioner.size] (with solver=lm conditioner=chords)",
  ]);
  assert.match(
    r.stderr,
    /^note: conditioner's options were checked with solver=lm: the first composition found that composes and chooses conditioner \(the primary config's own does not\)\n/,
  );
  // JSON has the compositions already: no note on stderr, the host in `hosts`
  const json = await validateIn(writeTree(TREE), ["-f", "json"]);
  assert.doesNotMatch(json.stderr, /note:/);
  assert.deepEqual(JSON.parse(json.stdout).hosts, [{ key: "conditioner", host: "solver=lm" }]);
});

Deno.test("validate: no host note when the primary's defaults choose the group", async () => {
  const r = await validateIn(writeTree({
    ...TREE,
    "conf/config.yaml": "defaults:\n  - solver: default\n  - conditioner: none\n  - _self_\n",
  }));
  assert.equal(r.code, 1, r.stdout);
  assert.doesNotMatch(r.stderr, /tried with/);
});

Deno.test("validate: no host note when the composition is the primary's own, its `???` choice filled (sheeprl's exp: ???)", async () => {
  const r = await validateIn(writeTree({
    "conf/config.yaml": "defaults:\n  - g1: x\n  - exp: ???\n  - _self_\n",
    "conf/g1/x.yaml": "v: 1\n",
    "conf/g1/y.yaml": "v: 2\n",
    "conf/exp/a.yaml": "# @package _global_\nbad: ${nope}\n",
    "conf/exp/b.yaml": "# @package _global_\nok: 1\n",
  }));
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.lines[0], /^conf\/exp\/a\.yaml:2:6: error: Interpolation key 'nope' not found/);
  assert.doesNotMatch(r.stderr, /note:/, r.stderr);
});

Deno.test("validate: keys checked with the same composition share one note, naming them all (checker v44: six lines for six packages of a group)", async () => {
  const r = await validateIn(writeTree({
    ...TREE,
    "conf/solver/lm.yaml": "# @package __global__\ndefaults:\n  - /conditioner@c1: none\n" +
      "  - /conditioner@c2: none\n  - _self_\ncard: 4\n",
  }));
  const notes = r.stderr.split("\n").filter((l) => l.startsWith("note:"));
  assert.deepEqual(notes, [
    "note: the options of conditioner@c1 and conditioner@c2 were checked with solver=lm: the " +
    "first composition found that composes and chooses them (the primary config's own does not)",
  ]);
});
