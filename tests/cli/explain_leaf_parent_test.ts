// explain KEY under a key an option set to null (or `???`, or a number): the message says what
// that key holds and where it was set, not a did-you-mean among other keys (checker v49 #5).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain: a key under a null, missing or scalar value says so, at where that value was set", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - model: elastic\ntrainer:\n  precision: 16\n",
    "conf/model/elastic.yaml": "# @package _global_\ntrainer: null\nlr: 3\n",
  });
  try {
    const nul = await strata(["explain", "trainer.precision"], { cwd: dir });
    assert.equal(nul.code, 2, nul.stderr);
    assert.equal(
      nul.stderr,
      "Key 'trainer.precision' is not in the composed config (trainer is null, not a mapping or a list)\n" +
        "    full key: trainer.precision\n" +
        "    conf/model/elastic.yaml:2:10: trainer set to null here\n",
    );
    const missing = await strata(["explain", "trainer.precision", "trainer=???"], { cwd: dir });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /\(trainer is \?\?\? \(missing\), not a mapping or a list\)\n/);
    assert.match(
      missing.stderr,
      /override #1 'trainer=\?\?\?': trainer set to \?\?\? \(missing\) here\n/,
    );
    const scalar = await strata(["explain", "lr.warmup"], { cwd: dir });
    assert.equal(scalar.code, 2, scalar.stderr);
    assert.match(
      scalar.stderr,
      /\(lr is 3, not a mapping or a list\)\n.*\n {4}conf\/model\/elastic\.yaml:3:5: lr set to 3 here\n$/,
    );
    assert.doesNotMatch(scalar.stderr, /did you mean/i);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
