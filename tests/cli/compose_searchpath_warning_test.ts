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

Deno.test("compose: the 'is not available' warning comes before an error the missing entry explains (vissl's config=...)", async () => {
  // vissl's options live on a search path; without it `config=a/b` is a value override, and
  // Hydra's error is "You must specify 'config'": its warning, said first, is the clue
  const dir = writeTree({
    "conf/defaults.yaml": "defaults:\n  - _self_\n  - config: ???\n",
    "lib/config/a/b.yaml": "x: 1\n",
  });
  try {
    const r = await strata(["compose", "-n", "defaults", "--search-path", "lbi", "config=a/b"], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.split("\n");
    assert.match(lines[0], /^warning: provider=command-line, path=.*\/lbi is not available\.$/);
    assert.match(lines[1], /^conf\/defaults\.yaml:3:13: You must specify 'config'/);
    const ok = await strata(["compose", "-n", "defaults", "--search-path", "lib", "config=a/b"], {
      cwd: dir,
    });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a ??? group whose options are all in sub-directories names some of them (Hydra lists none)", async () => {
  const dir = writeTree({
    "conf/defaults.yaml": "defaults:\n  - _self_\n  - config: ???\n",
    "conf/config/pretrain/simclr.yaml": "x: 1\n",
    "conf/config/pretrain/swav.yaml": "x: 2\n",
  });
  try {
    const r = await strata(["compose", "-n", "defaults"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /You must specify 'config', e\.g, config=<OPTION>\nAvailable options:\n\n/,
    );
    assert.match(
      r.stderr,
      /'config' has its options in sub-directories: config=pretrain\/simclr, config=pretrain\/swav\n/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a config missing with a relative file:// search path entry that is not there says where that path is read from (checker w28)", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - override hydra/launcher: submitit_slurm\n  - _self_\nhydra:\n  searchpath:\n    - file://../plugins\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Could not find 'hydra\/launcher\/submitit_slurm'/);
    assert.ok(
      r.stderr.includes(
        "    provider=hydra.searchpath in main, path=../plugins is not available (a relative path " +
          `is read from where strata runs: ${Deno.realPathSync(dir)})\n`,
      ),
      r.stderr,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
