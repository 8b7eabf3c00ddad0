/**
 * A `.strata.yaml` with several wrong settings: validate reports each at its line in one run, as
 * it does unknown ones, instead of one per run (checkers w35, w37); compose still stops at the
 * first, as any command's bad settings do.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";
import { strata } from "./_cli.ts";

Deno.test("validate: every wrong .strata.yaml setting is reported at its line, in line order, in one run", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/a.yaml": "h: 1\n",
    ".strata.yaml": "version_base: 1.4\nvalidate:\n  overrides: ['x=2', 'db=[1,']\n" +
      "  option: {config: {}}\n  exclude: 3\nresolvers:\n  opaque: 3\n",
  });
  try {
    const r = await validateIn(dir, []);
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(r.lines.map((l) => l.replace(/: error: .*\[key: ([^\]]+)\].*$/, " $1")), [
      ".strata.yaml:1:15 version_base",
      ".strata.yaml:3:29 validate.overrides",
      ".strata.yaml:4:3 validate.option",
      ".strata.yaml:5:12 validate.exclude",
      ".strata.yaml:7:11 resolvers.opaque",
    ]);
    assert.match(r.stderr + r.stdout, /5 errors in 1 file, no composition built/);
    // compose: the first, as before
    const c = await strata(["compose"], { cwd: dir });
    assert.equal(c.code, 1, c.stderr);
    assert.match(c.stderr, /^\.strata\.yaml:1:15: version_base must be one of/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
