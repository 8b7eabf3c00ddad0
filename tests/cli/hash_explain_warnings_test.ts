/**
 * `strata hash` and `strata explain` compose the config as compose does, and
 * print what composing it warned of (here a header word that reads as a
 * keyword), on stderr in the one warning layout; stdout stays the hash or
 * the explanation.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const GLOBL = "conf/db/a.yaml:1:12: warning: '_globl_' is a literal key in a header " +
  "(its only keyword is '_global_'). Did you mean '_global_'?";

Deno.test("hash and explain print the composition's warnings, as compose does", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
  });
  try {
    const hash = await strata(["hash", "-d", "conf"], { cwd: dir });
    assert.equal(hash.code, 0, hash.stderr);
    assert.match(hash.stdout, /^[0-9a-f]{64}\n$/);
    assert.equal(hash.stderr, GLOBL + "\n");
    const explain = await strata(["explain", "-d", "conf", "x"], { cwd: dir });
    assert.equal(explain.code, 0, explain.stderr);
    assert.match(explain.stdout, /^x\n/);
    assert.equal(explain.stderr, GLOBL + "\n");
    const json = await strata(["explain", "-d", "conf", "x", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).key, "x");
    assert.equal(json.stderr, GLOBL + "\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("hash under hydra.mode MULTIRUN prints the sweep's warnings once", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: a\n  - _self_\nx: 1\nhydra:\n  mode: MULTIRUN\n",
    "conf/db/a.yaml": "# @package _globl_\nport: 1\n",
  });
  try {
    const hash = await strata(["hash", "-d", "conf"], { cwd: dir });
    assert.equal(hash.code, 0, hash.stderr);
    assert.match(hash.stdout, /^[0-9a-f]{64}\n$/);
    assert.equal(hash.stderr, GLOBL + "\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
