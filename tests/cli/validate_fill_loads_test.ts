/**
 * A `???` group default is filled, to compose the primary, with an option that loads: one that
 * does not is read as empty, and the primary's own values (`checkpoint: ???`) would go unchecked
 * while it is broken (checker w41).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a ??? group is filled with an option that loads, so the primary's values are checked", async () => {
  const dir = writeTree({
    // two primaries (no config.yaml): eval leaves its dataset to the command line
    "conf/eval.yaml": "defaults:\n  - ds@test_ds: ???\n  - _self_\ncheckpoint: ???\n",
    "conf/train.yaml": "defaults:\n  - ds: b\n  - _self_\nx: 1\n",
    "conf/ds/a.yaml": "splits: [train, val\n",
    "conf/ds/b.yaml": "splits: [x]\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines.map((l) => l.split(": ").slice(0, 2).join(": ")), [
      "conf/ds/a.yaml:1:9: error",
      "conf/eval.yaml:4:13: warning",
    ]);
    assert.match(
      r.lines[1],
      /Missing mandatory value \(\?\?\?\) \[key: checkpoint\] \(with --config-name=eval ds@test_ds=b\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
