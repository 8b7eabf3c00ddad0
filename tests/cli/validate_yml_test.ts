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
      "conf/db/b.yml: warning: not listed by Hydra, which lists configs named <name>.yaml only (version_base 1.1 still reads it where an entry or override names it with its `.yml`, deprecated). " +
      "Did you mean 'b.yaml'?";
    const full = await strata(["validate"], { cwd: dir });
    assert.equal(full.code, 0, full.stderr);
    assert.ok(full.stdout.split("\n").includes(warning), full.stdout);
    const other = await strata(["validate", "conf/db/a.yaml"], { cwd: dir });
    assert.equal(other.code, 0, other.stderr);
    assert.doesNotMatch(other.stdout, /b\.yml/);
    const given = await strata(["validate", "conf/db/b.yml"], { cwd: dir });
    assert.ok(given.stdout.split("\n").includes(warning), given.stdout);
    // the file given was checked: counted, not "in 0 files" (checker w37)
    assert.match(given.stdout + given.stderr, /^1 warning in 1 file, 0 compositions$/m);
    // the warning says why it is not read: no "not checked" note that contradicts it
    assert.doesNotMatch(given.stdout + given.stderr, /not checked/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a --search-path directory that is not there is bad usage, not a pass (a pre-commit hook's typo)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    "lib/db/a.yaml": "x: 1\nx: 2\n",
  });
  try {
    const typo = await strata(["validate", "--search-path", "lbi", "lib/db/a.yaml"], { cwd: dir });
    assert.equal(typo.code, 2, typo.stdout + typo.stderr);
    assert.match(typo.stderr, /search path directory 'lbi' not found \(--search-path\)/);
    const right = await strata(["validate", "--search-path", "lib", "lib/db/a.yaml"], {
      cwd: dir,
    });
    assert.equal(right.code, 1, right.stdout + right.stderr);
    assert.match(right.stdout, /duplicate key x/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate, version_base 1.1: an entry naming a .yml config gets Hydra's deprecation warning at the entry, in a full run and a pre-commit run of that file (checker w35)", async () => {
  const dir = writeTree({
    ".strata.yaml": "version_base: 1.1\n",
    "conf/config.yaml": "defaults:\n  - callbacks: default\n  - _self_\na: 1\n",
    "conf/callbacks/default.yaml": "defaults:\n  - lrm.yml\n",
    "conf/callbacks/lrm.yml": "lrm:\n  x: 1\n",
  });
  const deprecated = "conf/callbacks/default.yaml:2:5: warning: Support for .yml files is " +
    "deprecated. Use .yaml extension for Hydra config files";
  try {
    const full = await strata(["validate"], { cwd: dir });
    assert.equal(full.code, 0, full.stdout + full.stderr);
    assert.ok(full.stdout.split("\n").includes(deprecated), full.stdout);
    const files = await strata(["validate", "conf/callbacks/default.yaml"], { cwd: dir });
    assert.equal(files.code, 0, files.stdout + files.stderr);
    assert.ok(files.stdout.split("\n").includes(deprecated), files.stdout);
    const compose = await strata(["compose"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.equal(compose.stdout, "callbacks:\n  lrm:\n    x: 1\na: 1\n");
    assert.ok(compose.stderr.split("\n").includes(deprecated), compose.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
