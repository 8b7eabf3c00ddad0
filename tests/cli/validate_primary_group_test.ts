import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// `-n model/base`: the primary is an option of `model`, composed at package `model`. Hydra composes
// a sibling as `-cn model/gpt2`; `+model=gpt2` would merge a second primary into the first.
Deno.test("validate: a primary inside a group directory has its siblings tried in its place", async () => {
  const dir = writeTree({
    "conf/model/base.yaml": "name: base\nlayers: 2\n",
    "conf/model/gpt2.yaml": "name: gpt2\nsize: ${layers}\n",
    "conf/db/pg.yaml": "port: ${nope}\n",
  });
  for (const files of [[], ["conf/model/gpt2.yaml"]]) {
    const r = await validateIn(dir, ["-d", "conf", "-n", "model/base", ...files]);
    assert.equal(r.code, 1);
    // gpt2 alone is the primary: nothing of base.yaml (layers) is there to interpolate
    assert.deepEqual(
      r.lines,
      [
        "conf/model/gpt2.yaml:2:7: error: Interpolation key 'layers' not found [key: model.size] (with --config-name=model/gpt2)",
      ].concat(
        files.length ? [] : [
          "conf/db/pg.yaml:1:7: error: Interpolation key 'nope' not found [key: db.port] (with +db=pg)",
        ],
      ).sort(),
    );
  }
});

Deno.test("validate: a sibling of a grouped primary that a config includes is checked where it is included", async () => {
  const dir = writeTree({
    "conf/experiment/fast.yaml": "defaults:\n  - _base\n  - _self_\nlr: 0.1\n",
    "conf/experiment/_base.yaml": "steps: ${.lr}\n",
    "conf/experiment/slow.yaml": "lr: ${nope}\n",
  });
  const r = await validateIn(dir, ["-d", "conf", "-n", "experiment/fast"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.lines, [
    "conf/experiment/slow.yaml:1:5: error: Interpolation key 'nope' not found [key: experiment.lr] (with --config-name=experiment/slow)",
  ]);
  assert.equal(r.stderr, "1 error in 3 files, 2 compositions\n");
});
