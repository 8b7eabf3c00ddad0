/**
 * Hydra's "is not available" warning for a `hydra.searchpath` entry that does
 * not exist is located at the entry (`FILE:L:C: warning: ...`), or at the
 * override that set the search path, as every other warning is.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose and sweep: a search path entry that is not available is warned of at the entry", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\nhydra:\n  searchpath: [file://nonexist, pkg://nopkg.conf]\n",
  });
  const MAIN = [
    "conf/config.yaml:3:16: warning: provider=hydra.searchpath in main, path=nonexist is not available.",
    "conf/config.yaml:3:33: warning: provider=hydra.searchpath in main, path=nopkg.conf is not available. " +
    "strata reads no Python package: name its directory instead, with --search-path nopkg/conf " +
    "(which leaves the Python app's pkg:// alone) or file://nopkg/conf (relative to where strata runs)",
  ];
  try {
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.code, 0, compose.stderr);
    assert.deepEqual(compose.stderr.trimEnd().split("\n"), MAIN);
    const sweep = await strata(["sweep", "-d", "conf", "a=1,2"], { cwd: dir });
    assert.equal(sweep.code, 0, sweep.stderr);
    assert.deepEqual(sweep.stderr.trimEnd().split("\n"), MAIN);
    const cli = await strata(["compose", "-d", "conf", "hydra.searchpath=[file://zz]"], {
      cwd: dir,
    });
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(
      cli.stderr,
      "override #1 'hydra.searchpath=[file://zz]': warning: provider=hydra.searchpath in " +
        "command-line, path=zz is not available.\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
