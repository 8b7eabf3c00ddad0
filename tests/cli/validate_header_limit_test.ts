/**
 * Hydra reads a config's `# @package` header from its first 512 characters
 * (`f.read(512)`): validate warns about a header line past them (Hydra ignores
 * it, so its words are not checked) or cut by them (Hydra reads the cut text).
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a '# @package' line past or across Hydra's 512 characters is a warning", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: cut\n",
    // 500 characters, then `# @package f` fills the 512
    "conf/db/cut.yaml": `${" ".repeat(499)}\n# @package foo.bar\nhost: a\n`,
    "conf/db/late.yaml": `${" ".repeat(600)}\n# @package a b c\nhost: b\n`,
    "conf/db/early.yaml": "# @package a b c\nhost: c\n",
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(r.lines, [
      "conf/db/cut.yaml:2:3: warning: Hydra reads a config's header from its first 512 characters: " +
      "this line is cut to '# @package f' there",
      "conf/db/early.yaml:1:3: error: too many words in '# @package a b c'",
      "conf/db/late.yaml:2:3: warning: Hydra reads a config's header from its first 512 characters: " +
      "this line is past them, ignored",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a '# @package' line Hydra does not read as the header is a warning, not checked", async () => {
  // Hydra stops reading the header at the first line that is not `# @...`
  // (a plain comment, `## @...`): compose ignores what follows, so validate
  // must not check its words, and says the package does not apply
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: late\n",
    "conf/db/late.yaml": "# the database\n# @package a b c\nhost: b\n",
    "conf/db/hashes.yaml": "## @package _globl_\nhost: c\n",
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.lines, [
      "conf/db/hashes.yaml:1:4: warning: Hydra reads only '# @...' lines (one '#'): this line is ignored",
      "conf/db/late.yaml:2:3: warning: Hydra reads a config's header only up to its first line " +
      "that is not '# @...', line 1 here: this line is ignored",
      "2 warnings in 3 files, 2 compositions",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
