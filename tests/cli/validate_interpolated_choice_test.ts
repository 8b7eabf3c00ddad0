import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// `size: ${generator}_${projector}` chooses by the other choices: a misspelt `projector: identty`
// is the one mistake (Hydra stops at it), not also `size/big_identty` for each generator tried
// (checker x18, catlab-team/latentclr).
Deno.test("validate: a missing choice is reported once, not again through a choice interpolated from it", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - generator: big\n  - projector: identty\n" +
      "  - size: ${generator}_${projector}\n  - _self_\nx: 1\n",
    "conf/generator/big.yaml": "g: 1\n",
    "conf/generator/small.yaml": "g: 2\n",
    "conf/projector/identity.yaml": "p: 1\n",
    "conf/size/big_identity.yaml": "s: 1\n",
    "conf/size/small_identity.yaml": "s: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    const errors = r.lines.filter((l) => l.includes(" error: "));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(
      errors[0],
      /^conf\/config\.yaml:3:16: error: In 'config': Could not find 'projector\/identty'\. Did you mean 'identity'\?/,
    );
    assert.doesNotMatch(r.stdout, /size\/\w+_identty/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an option of a group the primary chooses by interpolation (optional hpo: ${model}) is tried with the choice it follows, not beside the default (checker x40)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: mlp\n  - optional hpo: ${model}\n  - _self_\n",
    "conf/model/mlp.yaml": "layers: 2\n",
    "conf/model/randomforest.yaml": "n_estimators: 10\n",
    "conf/hpo/mlp.yaml": "space: ${model.layers}\n",
    "conf/hpo/randomforest.yaml": "space: ${model.n_estimators}\n",
    // an option no model name reaches is still tried alone, beside the default model
    "conf/hpo/orphan.yaml": "space: ${model.nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1);
    const errors = r.lines.filter((l) => / error: /.test(l));
    assert.deepEqual(errors, [
      "conf/hpo/orphan.yaml:1:8: error: Interpolation key 'model.nope' not found [key: hpo.space] (with hpo=orphan)",
    ]);
    // hpo/randomforest.yaml is checked, through model=randomforest: a typo there is found
    Deno.writeTextFileSync(`${dir}/conf/hpo/randomforest.yaml`, "space: ${model.n_estimatorz}\n");
    const typo = await validateIn(dir, ["-d", "conf", "conf/hpo/randomforest.yaml"]);
    assert.equal(typo.code, 1);
    assert.match(
      typo.stdout,
      /randomforest\.yaml:1:8: error: Interpolation key 'model\.n_estimatorz' not found .*\(with model=randomforest\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
