/**
 * `strata validate FILES` with files that are not configs of the tree
 * (pre-commit passes every staged `.yaml`: a CI workflow, a compose file):
 * each is a note on stderr, not a failure, and when none of them is a
 * config file the report says nothing was checked (it said "no problems in
 * 0 files, 0 compositions").
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n",
  "conf/db/mysql.yaml": "host: localhost\n",
  "conf/unused/x.yaml": "a: ${oops\n",
  "conf/README.txt": "notes\n",
  "ci/broken.yaml": "a: [\n",
  "README.md": "# project\n",
};

Deno.test("validate: files outside the config directory are notes, and nothing checked says so", async () => {
  const dir = writeTree(TREE);
  const outside = await validateIn(dir, ["ci/broken.yaml"]);
  assert.equal(outside.code, 0, outside.stderr);
  assert.equal(outside.stdout, "nothing checked: the file given is not a config file of conf/\n");
  assert.equal(
    outside.stderr,
    "note: ci/broken.yaml: not in the config directory conf/: not checked\n",
  );
  const both = await validateIn(dir, ["conf/README.txt", "ci", "README.md"]);
  assert.equal(both.code, 0, both.stderr);
  assert.equal(
    both.stdout,
    "nothing checked: none of the 3 files given is a config file of conf/\n",
  );
  assert.deepEqual(both.stderr.trim().split("\n"), [
    "note: conf/README.txt: not a config file (Hydra reads *.yaml files): not checked",
    "note: ci: not in the config directory conf/: not checked",
    "note: README.md: not in the config directory conf/: not checked",
  ]);
  // with a config file among them: checked as before, the others noted
  const mixed = await validateIn(dir, ["ci/broken.yaml", "conf/db/mysql.yaml"]);
  assert.equal(mixed.code, 0, mixed.stderr);
  assert.equal(mixed.stdout, "no problems in 1 file, 1 composition\n");
  assert.match(mixed.stderr, /^note: ci\/broken\.yaml: not in the config directory conf\//);
  // a config no composition reads is still checked on its own
  const unused = await validateIn(dir, ["ci/broken.yaml", "conf/unused/x.yaml"]);
  assert.equal(unused.code, 1);
  assert.match(unused.stdout, /^conf\/unused\/x\.yaml:1:4: error: /);
  // JSON stays the report (nothing in it), the note on stderr
  const json = await validateIn(dir, ["--format", "json", "ci/broken.yaml"]);
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.stdout).files, 0);
  assert.match(json.stderr, /^note: ci\/broken\.yaml: /);
  // and the report holds it too, for a program reading it
  assert.deepEqual(JSON.parse(json.stdout).unchecked, [
    { path: "ci/broken.yaml", reason: "not in the config directory conf/" },
  ]);
  Deno.removeSync(dir, { recursive: true });
});
