/**
 * validate tries every option of a group in each package it is chosen into; an error that only
 * such a try shows says so, and how `.strata.yaml` scopes the slot (checker v58: mtrl's
 * `agent/components`, each file meant for one slot).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - comp@a: x\n  - comp@b: y\n  - _self_\n",
  "conf/comp/x.yaml": "name: x\ninner: ${b}\n",
  "conf/comp/y.yaml": "name: y\n",
};

Deno.test("validate: an error of an option tried in another slot names the try and the scope", async () => {
  const dir = writeTree(TREE);
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      "conf/comp/x.yaml:2:8: error: Interpolation to parent node detected [key: b.inner] " +
      "(with comp@b=x)",
      "    'comp@b=x' is composed because validate tries every option of comp in each package " +
      "it is chosen into (here b); if only some of them go there, scope them in .strata.yaml: " +
      'validate: {options: {config: {"comp@b": [GLOB, ...]}}}',
    ]);
    // what it says to write scopes the slot: nothing left to report
    Deno.writeTextFileSync(
      `${dir}/.strata.yaml`,
      'validate: {options: {config: {"comp@b": [y]}}}\n',
    );
    const scoped = await validateIn(dir, []);
    assert.equal(scoped.code, 0, scoped.stdout + scoped.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an error of the default composition has no slot hint", async () => {
  const dir = writeTree({ ...TREE, "conf/comp/x.yaml": "name: x\ninner: ${nope}\n" });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout + r.stderr, /is composed because/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
