/**
 * strata's warning on a `# @package _group_` header that version_base 1.2+ reads as a literal key
 * is said in full once; each other file gets a short line pointing at it (mtrl, a Hydra 1.0 tree,
 * printed eight ~400-character warnings per compose). validate keeps one full line per file.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose, run: the literal _group_ header warning in full once, then short", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - a: x\n  - b: y\n  - _self_\nhydra:\n  run:\n    dir: out\n",
    "conf/a/x.yaml": "# @package _group_\nk: 1\n",
    "conf/b/y.yaml": "# @package _group_\nk: 2\n",
  });
  try {
    for (
      const args of [
        ["compose", "-d", "conf"],
        ["run", "-d", "conf", "--", "true"],
        // and when the composition then fails (checker x41: each in full, burying the error)
        ["compose", "-d", "conf", "--resolve", "+z=${nope}"],
        ["explain", "-d", "conf", "_group_.k"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      const fails = args.includes("+z=${nope}");
      assert.equal(r.code, fails ? 1 : 0, r.stderr);
      const lines = r.stderr.trimEnd().split("\n").filter((l) => / warning: /.test(l));
      assert.equal(lines.length, 2, r.stderr);
      if (fails) assert.match(r.stderr, /Interpolation key 'nope' not found/);
      // in the order the files were read: the first in full, the other pointing at it
      const [full, short] = lines;
      const at = /^(conf\/[ab]\/[xy]\.yaml:1:12): warning: '# @package _group_': strata composes/
        .exec(full)?.[1];
      assert.ok(at, full);
      const other = at.startsWith("conf/a") ? "conf/b/y.yaml:1:12" : "conf/a/x.yaml:1:12";
      assert.equal(
        short,
        `${other}: warning: '# @package _group_': a literal key here too (drop the header, or ` +
          `version_base: "1.1": see ${at})`,
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: no literal _group_ header warning for a config ~group takes out (version_base 1.1 keeps Hydra's own)", async () => {
  // serotiny's `~network/hidden_layers` (checker x41): the file merges nothing
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - a: x\n  - b: y\n  - _self_\n",
    "conf/a/x.yaml": "# @package _group_\nk: 1\n",
    "conf/b/y.yaml": "# @package _group_\nk: 2\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf", "~b"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const warned = r.stderr.trimEnd().split("\n");
    assert.equal(warned.length, 1, r.stderr);
    assert.match(warned[0], /^conf\/a\/x\.yaml:1:12: warning: /);
    // Hydra 1.1 warns of the deprecated header whatever becomes of the config
    const old = await strata(["compose", "-d", "conf", "~b", "--version-base", "1.1"], {
      cwd: dir,
    });
    assert.equal(old.code, 0, old.stderr);
    assert.match(
      old.stderr,
      /conf\/b\/y\.yaml:1:12: warning: In 'b\/y': Usage of deprecated keyword/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
