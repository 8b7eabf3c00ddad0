/**
 * DYffusion (checker w24): `- /module@_here_: base` inside module/*.yaml is an include written as a
 * group default; its override key is `module@_global_`, which no user chooses. Validate tried the
 * group's other options there, each of which includes that slot again: Hydra's RecursionError in
 * compositions no run makes, and five errors on a tree every real run composes. And a composition
 * that failed at an override (no file) was reported for any file given, blocking every commit.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { inTree, validateIn } from "./_tree.ts";

const DYFFUSION = {
  "conf/config.yaml": "defaults:\n  - module: dyff\n  - optimizer: adam\n  - _self_\nseed: 1\n",
  "conf/module/base.yaml": "# @package _global_\nmodule:\n  lr: 1\n",
  "conf/module/multi.yaml": "# @package _global_\ndefaults:\n  - /module@_here_: base.yaml\n" +
    "  - _self_\nmodule:\n  steps: 0\n",
  "conf/module/dyff.yaml": "# @package _global_\ndefaults:\n  - multi.yaml\n  - _self_\n" +
    "module:\n  x: 1\n",
  "conf/module/interp.yaml": "# @package _global_\ndefaults:\n  - /module@_here_: base.yaml\n" +
    "  - _self_\nmodule:\n  y: 1\n",
  "conf/optimizer/adam.yaml": "lr: 0.1\n",
  "conf/optimizer/sgd.yaml": "lr: 0.2\n",
};

Deno.test("validate: an include slot at a package of its own (module@_global_) is not tried with options that recurse through it (checker w24)", async () => {
  await inTree(DYFFUSION, async (dir) => {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /no problems in 7 files, \d+ compositions/);
    // the runs users make compose, as validate says
    for (const module of ["dyff", "interp", "multi"]) {
      const c = await strata(["compose", "-d", "conf", `module=${module}`], { cwd: dir });
      assert.equal(c.code, 0, c.stderr);
    }
    const staged = await validateIn(dir, ["-d", "conf", "conf/optimizer/sgd.yaml"]);
    assert.equal(staged.code, 0, staged.stdout + staged.stderr);
  });
});

// model/b.yaml includes itself as written; model/c.yaml's own `/model@_here_: a` has the key
// `model`, so `model=c` redirects it to c too: both are Hydra's RecursionError on a command line
const SELF = {
  "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
  "conf/model/a.yaml": "x: 1\n",
  "conf/model/b.yaml": "defaults:\n  - /model@_here_: b\n  - _self_\ny: 1\n",
  "conf/model/c.yaml": "defaults:\n  - /model@_here_: a\n  - _self_\nz: 1\n",
};

Deno.test("validate: a recursion a user's choice makes is still an error, and reported for the files of the options it chooses only (checker w24)", async () => {
  await inTree(SELF, async (dir) => {
    const want = [
      "override #1 'model=b': error: Recursive defaults list: 'model/b' includes itself " +
      "(model/b -> model/b) (with model=b)",
      "override #1 'model=c': error: Recursive defaults list: 'model/c' includes itself " +
      "(model/c -> model/c) (with model=c)",
    ];
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, want);
    const c = await strata(["compose", "-d", "conf", "model=c"], { cwd: dir });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /Recursive defaults list: 'model\/c' includes itself/);
    // a commit of a.yaml alone: neither failing composition chooses it
    const a = await validateIn(dir, ["-d", "conf", "conf/model/a.yaml"]);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    const b = await validateIn(dir, ["-d", "conf", "conf/model/b.yaml"]);
    assert.equal(b.code, 1);
    assert.deepEqual(b.lines, [want[0]]);
  });
});
