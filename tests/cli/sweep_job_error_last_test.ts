/**
 * A sweep job's composition error names the job on its last line, after the
 * message's own lines (the search path, did-you-mean, the chain), not in the
 * middle of them (map-anything).
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("sweep: a job's error says which job on its last line", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\n",
    "conf/db/a.yaml": "x: 1\n",
    "conf/db/b.yaml": "defaults:\n  - /model: larg\n",
    "conf/model/large.yaml": "m: 1\n",
  });
  const r = await strata(["sweep", "db=a,b", "-f", "jsonl"], { cwd: dir });
  assert.equal(r.code, 1);
  assertNoStackTrace(r.stderr);
  assert.match(r.stderr, /^conf\/db\/b\.yaml:2:13: In 'db\/b': Could not find 'model\/larg'\n/);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.at(-1), "    in sweep job #1: db=b");
  assert.ok(lines.indexOf("    Did you mean 'large'?") < lines.length - 1, r.stderr);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep: a job of no overrides is said so, not with an empty list (checker x32)", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - env: ???\n",
    "conf/env/x.yaml": "a: 1\n",
  });
  try {
    const r = await strata(["sweep", "-f", "jsonl"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^conf\/config\.yaml:2:10: You must specify 'env', e\.g, env=<OPTION>/);
    assert.equal(r.stderr.trimEnd().split("\n").at(-1), "    in sweep job #0 (no overrides)");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
