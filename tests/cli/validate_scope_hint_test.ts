/**
 * An option validate appends to the primary (`+sim=closed`: its defaults list does not choose
 * the group) that overrides a group the primary does not have fails as in Hydra; the error says
 * why it was composed and how `.strata.yaml` scopes another primary's options out (nuplan's
 * simulation experiments beside its training primary).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/train.yaml": "defaults:\n  - model: small\n  - _self_\nepochs: 1\n",
  "conf/model/small.yaml": "width: 8\n",
  "conf/sim/closed.yaml":
    "# @package _global_\ndefaults:\n  - override /observation: box\nsteps: 3\n",
};

Deno.test("validate: an appended option overriding a group the primary lacks gets the scope hint", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await validateIn(dir, ["-d", "conf", "-n", "train"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines.slice(0, 2), [
      "conf/sim/closed.yaml:3:5: error: In 'sim/closed': Could not override 'observation'. " +
      "No match in the defaults list. (with +sim=closed)",
      "    '+sim=closed' is composed because train's defaults list does not choose 'sim'; if its " +
      "options go with another primary, scope them out in .strata.yaml: " +
      "validate: {options: {train: {sim: []}}}",
    ]);
    // what it says to write works
    Deno.writeTextFileSync(`${dir}/.strata.yaml`, "validate: {options: {train: {sim: []}}}\n");
    const scoped = await validateIn(dir, ["-d", "conf", "-n", "train"]);
    assert.equal(scoped.code, 0, scoped.stdout + scoped.stderr);
    // a group the primary chooses gets no hint: the option is its own mistake
    const chosen = writeTree({
      ...TREE,
      "conf/model/big.yaml": "defaults:\n  - override /observation: box\nwidth: 64\n",
    });
    try {
      const c = await validateIn(chosen, ["-d", "conf", "-n", "train"]);
      const big = c.lines.find((l) => l.includes("model/big"));
      assert.ok(big, c.stdout);
      assert.doesNotMatch(
        c.stdout,
        /is composed because train's defaults list does not choose 'model'/,
      );
    } finally {
      Deno.removeSync(chosen, { recursive: true });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a misspelt group in an experiment's override (did you mean 'db'?) gets no hint to scope the experiments out (checker w30)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/a.yaml": "host: a\n",
    "conf/db/b.yaml": "host: b\n",
    "conf/experiment/e.yaml": "# @package _global_\ndefaults:\n  - override /dbb: b\nx: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines, [
      "conf/experiment/e.yaml:3:5: error: In 'experiment/e': Could not override 'dbb'. No match " +
      "in the defaults list. Did you mean 'db'? (with +experiment=e)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
