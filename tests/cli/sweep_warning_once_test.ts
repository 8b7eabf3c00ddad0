/**
 * A warning is said once per run, as Python's warnings filter says it: a
 * sweep job that fails does not repeat the warnings the sweep already said
 * (the primary config's missing `_self_`) before its error.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("sweep: a failing job's error does not say the sweep's warnings again", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\nx: 1\n",
    "conf/db/a.yaml": "host: a\n",
  });
  try {
    const r = await strata(["sweep", "-d", "conf", "--version-base", "1.1", "db=a,nope"], {
      cwd: dir,
    });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Could not find 'db\/nope'/);
    const said = r.stderr.split("\n").filter((l) =>
      l.includes("Defaults list is missing `_self_`")
    );
    assert.equal(said.length, 1, r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
