/**
 * `strata explain KEY [overrides...]`: an override written where KEY goes (vissl users type
 * `explain config=... config.OPTIMIZER.num_epochs`) is bad usage that says the order, not an
 * override parse error about the key.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain: an override in KEY's place is a usage error naming the order and the command", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "x: 1\n",
    "conf/db/b.yaml": "x: 2\n",
  });
  try {
    const r = await strata(["explain", "db=b", "db.x"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /'db=b' is an override, not the KEY to explain: KEY comes first \(strata explain KEY \[overrides\.\.\.\]\): strata explain db\.x db=b/,
    );
    const ok = await strata(["explain", "db.x", "db=b"], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /value: 2/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
