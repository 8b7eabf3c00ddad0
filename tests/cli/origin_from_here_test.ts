/**
 * Run inside the config dir (its path `..` from a group's directory), a file's place is named
 * from here, `train.yaml:1:4`, not `../trainer/train.yaml:1:4` (checker w62 #6).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

Deno.test("a file below the working directory reached through the config dir above it is named from here", async () => {
  const dir = writeTree({
    "ml/.strata.yaml": "config_dir: conf\n",
    "ml/conf/config.yaml": "defaults:\n  - trainer: train\n  - _self_\n",
    "ml/conf/trainer/train.yaml": "x: ${nope}\n",
    "ml/conf/other/o.yaml": "y: 1\n",
  });
  Deno.mkdirSync(`${dir}/.git`);
  try {
    const r = await validateIn(`${dir}/ml/conf/trainer`, ["train.yaml"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^train\.yaml:1:4: error: Interpolation key 'nope' not found/);
    const c = await strata(["compose", "--resolve"], { cwd: `${dir}/ml/conf/trainer` });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /^train\.yaml:1:4: Interpolation key 'nope' not found/);
    // a file beside it, not below here: named as the path goes
    const o = await validateIn(`${dir}/ml/conf/other`, []);
    assert.match(o.stdout, /^\.\.\/trainer\/train\.yaml:1:4: error: /);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
