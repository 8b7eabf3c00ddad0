/**
 * An override the shell split at a space (`x=[1, 2]` unquoted reaches strata as `x=[1,` and
 * `2]`): Hydra's parse error at the first piece, exit 2, and a note that says the shell split it
 * and how to quote it (checker w51 #2).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("an override split by the shell says so beside the parse error", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    for (const command of [["compose"], ["sweep"], ["hash"]]) {
      const r = await strata([...command, "-d", "conf", "x=[1,", "2]"], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /\n {4}the shell split it at a space: 'x=\[1,' and '2\]' came as two arguments; quote the whole override: 'x=\[1, 2\]'\n$/,
      );
      assertNoStackTrace(r.stderr);
    }
    // an option after it: no such note
    const flag = await strata(["compose", "-d", "conf", "x=[1,", "-p", "a"], { cwd: dir });
    assert.equal(flag.code, 2);
    assert.doesNotMatch(flag.stderr, /the shell split/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("no shell-split note where the next argument is no rest of the override; a shell's '\\'' is named (checker x56 #1)", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    // `seed=3` after `x=[1,`: together no override, so no "quote the whole override"
    const other = await strata(["compose", "-d", "conf", "x=[1,", "seed=3"], { cwd: dir });
    assert.equal(other.code, 2);
    assert.doesNotMatch(other.stderr, /the shell split/);
    // `"+note='it'\''s'"`: a shell's quote inside Hydra's quoted value
    const sh = await strata(["compose", "-d", "conf", "+note='it'\\''s'", "seed=3"], { cwd: dir });
    assert.equal(sh.code, 2);
    assert.doesNotMatch(sh.stderr, /the shell split/);
    assert.match(
      sh.stderr,
      /\n {4}'\\'' is the shell's way to put a quote in a quoted word, not Hydra's: in a quoted value write \\' \('it\\'s'\), or quote with the other kind \("it's"\)\n$/,
    );
    // what it says works
    const ok = await strata(["compose", "-d", "conf", "+note='it\\'s'"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /note: it's\n/);
    assertNoStackTrace(sh.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
