/**
 * The `???` group choices validate fills to compose a primary are named in the defaults list's
 * order in a problem's `(with ...)` (checker x38: Hydra asks for them from the list's end, and
 * the label read backwards).
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: the ??? choices it fills read in the defaults list's order", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - a: ???\n  - b: ???\n  - c: ???\n  - _self_\n",
    "conf/a/a1.yaml": "x: 1\n",
    "conf/b/b1.yaml": "y: ${nope}\n",
    "conf/c/c1.yaml": "z: 1\n",
  });
  try {
    const r = await validateIn(dir, []);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines, [
      "conf/b/b1.yaml:1:4: error: Interpolation key 'nope' not found [key: b.y] (with a=a1 b=b1 c=c1)",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
