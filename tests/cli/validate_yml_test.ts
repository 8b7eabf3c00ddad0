/**
 * A `.yml` file in a conf tree is no option Hydra lists (it reads `<name>.yaml`):
 * validate warns of it in a run that reads the whole tree or names it, not in a
 * pre-commit run about other files (vissl's tree, one option staged).
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a .yml file is a warning in a full run and when given, not in a run about other files", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "x: 1\n",
    "conf/db/b.yml": "x: 2\n",
  });
  try {
    const warning =
      "conf/db/b.yml: warning: not read by Hydra, which reads configs named <name>.yaml only. " +
      "Did you mean 'b.yaml'?";
    const full = await strata(["validate"], { cwd: dir });
    assert.equal(full.code, 0, full.stderr);
    assert.ok(full.stdout.split("\n").includes(warning), full.stdout);
    const other = await strata(["validate", "conf/db/a.yaml"], { cwd: dir });
    assert.equal(other.code, 0, other.stderr);
    assert.doesNotMatch(other.stdout, /b\.yml/);
    const given = await strata(["validate", "conf/db/b.yml"], { cwd: dir });
    assert.match(given.stdout + given.stderr, /b\.yml/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
