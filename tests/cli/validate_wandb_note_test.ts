/**
 * A W&B sweep spec kept beside the configs (unifloral's `configs/algorithms/bpr.yaml`): its
 * `command:` macros (`${program}`) are not found when validate composes it as an option, and a
 * note says it reads like a W&B spec and gives `.strata.yaml`'s exclude, which then passes; an
 * experiment's own broken interpolation gets no such note (checker x35).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
  "conf/db/a.yaml": "h: 1\n",
  "conf/algorithms/bpr.yaml": "program: train.py\nmethod: grid\n" +
    "command:\n  - ${env}\n  - ${program}\n  - ${args_no_boolean_flags}\n",
  "conf/experiment/e.yaml": "# @package _global_\nlr: ${nope}\n",
};

Deno.test("validate: a W&B sweep spec among the configs gets a note with the exclude; that exclude passes", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^conf\/algorithms\/bpr\.yaml:5:5: error: Interpolation key 'program' not found .*\(with \+algorithms=bpr\)$/m,
    );
    const notes = r.stderr.split("\n").filter((l) => l.startsWith("note:"));
    assert.deepEqual(notes, [
      "note: algorithms/bpr.yaml reads like a W&B sweep spec (${env}, ${program}, " +
      "${args_no_boolean_flags} are macros of the wandb agent), not a Hydra config; if so, " +
      ".strata.yaml leaves it out: validate: {exclude: [algorithms/bpr.yaml]}",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  const excluded = writeTree({
    ...TREE,
    ".strata.yaml": "validate: {exclude: [algorithms/bpr.yaml]}\n",
  });
  try {
    const r = await validateIn(excluded, []);
    assert.equal(r.code, 1, r.stdout + r.stderr); // the experiment's own error stays
    assert.doesNotMatch(r.stdout, /bpr/);
    assert.doesNotMatch(r.stderr, /W&B/);
    assert.match(
      r.stdout,
      /^conf\/experiment\/e\.yaml:2:5: error: Interpolation key 'nope' not found/m,
    );
  } finally {
    Deno.removeSync(excluded, { recursive: true });
  }
});
