/**
 * Two containers whose interpolations read each other (`a: {m: ${b}}`,
 * `b: {k: ${a}}`) would be copied forever: OmegaConf's RecursionError, located
 * at the interpolation and its full key, on every command; validate reports
 * it and goes on (it crashed with "a value is too large" before, mtrl).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("a cycle through container interpolations is a located RecursionError, not a crash", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\na:\n  m: ${b}\nb:\n  k: ${a}\n",
    "conf/db/a.yaml": "x: 1\n",
    "conf/db/b.yaml": "x: ${nope}\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    const out = v.stdout + v.stderr;
    assertNoStackTrace(out);
    assert.equal(v.code, 1, out);
    assert.match(
      out,
      /conf\/config\.yaml:5:6: error: RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison \[key: a\.m\]/,
    );
    // the other compositions are still checked
    assert.match(out, /conf\/db\/b\.yaml:1:4: error: Interpolation key 'nope' not found/);
    const c = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(c.code, 1);
    assertNoStackTrace(c.stderr);
    assert.match(
      c.stderr,
      /^conf\/config\.yaml:5:6: RecursionError raised while resolving interpolation/,
    );
    assert.match(c.stderr, /\n {4}full key: a\.m\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
