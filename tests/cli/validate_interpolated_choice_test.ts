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
