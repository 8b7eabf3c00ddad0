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
