/**
 * Option files whose names are not plain words of the override grammar (`copy (2).yaml`, the
 * name a file manager gives a copy; `lr=0.1.yaml`): validate chooses them with the name quoted,
 * as a user must type it, rather than failing on an override nobody wrote.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: options named 'copy (2)' and 'lr=0.1' are composed (quoted), their errors found", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - task@_global_: a\n  - _self_\n",
    "conf/task/a.yaml": "x: 1\n",
    "conf/task/copy (2).yaml": "x: 2\n",
    "conf/task/lr=0.1.yaml": "x: ${nope}\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines, [
      "conf/task/lr=0.1.yaml:1:4: error: Interpolation key 'nope' not found [key: x] " +
      "(with task@_global_='lr=0.1')",
    ]);
    // the override it names is the one a user types
    const c = await strata(["compose", "-d", "conf", "task@_global_='copy (2)'"], { cwd: dir });
    assert.equal(c.stdout, "x: 2\n", c.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
