// With several primaries, an option no primary chooses is added to each (`+exp=x`); one that fails
// with one (a CEL rule of a's schema) and composes with another is taken as the other's: said
// in a note, and in JSON's `partial`, not left out in silence (checker w36).
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: an appended option failing with one primary and composing with another is noted", async () => {
  const dir = writeTree({
    "conf/a.yaml": "v: 2.0\n",
    "conf/b.yaml": "w: 1\n",
    "conf/exp/x.yaml": "# @package _global_\nv: 0.5\n",
    "conf/_schema/a.schema.yaml":
      'type: object\nx-strata-rules:\n  - rule: "self.v >= 1.0"\n    message: "v too small"\n',
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      /^note: \+exp=x fails with a \(no primary chooses its group: it is added to each\) and composes with b: taken as that one's option \(validate -n a shows the errors\)$/m,
    );
    const json = JSON.parse(
      (await strata(["validate", "-d", "conf", "-f", "json"], { cwd: dir })).stdout,
    );
    assert.deepEqual(json.partial, [
      { option: "+exp=x", failsWith: ["a"], composesWith: ["b"], appended: true },
    ]);
    const one = await strata(["validate", "-d", "conf", "-n", "a"], { cwd: dir });
    assert.equal(one.code, 1, one.stdout);
    assert.match(one.stdout, /v too small/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
