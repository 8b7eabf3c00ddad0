/**
 * Completion on a conf tree whose primary config does not compose: what the
 * defaults lists still say decides which groups are offered bare (`model=`)
 * and which with `+`, the primary's `hydra.searchpath` groups included; only
 * when the primary does not read at all is every group offered. Never a
 * stack trace.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/model/small.yaml": "n: 1\n",
  "conf/db/a.yaml": "p: 1\n",
  "conf/extra/e1.yaml": "e: 1\n",
  "other/opt/o1.yaml": "o: 1\n",
};
const SEARCHPATH = "hydra:\n  searchpath:\n    - file://other\n";

/** The candidates `strata complete` gives for `compose WORD` in `dir`. */
async function candidates(dir: string, word: string): Promise<string[]> {
  const r = await strata(["complete", "--", "compose", word], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split("\n").filter((l) => l !== "" && !l.startsWith(":"))
    .map((l) => l.split("\t")[0]);
}

Deno.test("completion: a missing option in the defaults list still tells named groups apart", async () => {
  const dir = await confTree({
    ...TREE,
    "conf/config.yaml": "defaults:\n  - model: nope\n  - db: a\n  - _self_\n" + SEARCHPATH,
  });
  try {
    // Hydra's own groups are named by hydra/config's defaults list: no `+hydra/`; the groups
    // no list names come with their `+`
    assert.deepEqual(await candidates(dir, ""), ["db=", "model=", "hydra/", "+extra=", "+opt="]);
    assert.deepEqual(await candidates(dir, "+"), ["+extra=", "+opt="]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("completion: the primary's hydra.searchpath groups are offered", async () => {
  const dir = await confTree({
    ...TREE,
    "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\n" + SEARCHPATH,
  });
  try {
    assert.deepEqual(await candidates(dir, "+o"), ["+opt="]);
    const r = await strata(["complete", "--", "compose", "+opt="], { cwd: dir });
    assert.match(r.stdout, /^\+opt=o1\t/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("completion: a primary that does not parse offers every group, quietly", async () => {
  const dir = await confTree({
    ...TREE,
    "conf/config.yaml": "defaults:\n  - model: small\n  - _self_\nx: [1\n",
  });
  try {
    assert.deepEqual(await candidates(dir, ""), ["db=", "extra=", "model=", "hydra/"]);
    assert.deepEqual(await candidates(dir, "+"), ["+db=", "+extra=", "+model=", "+hydra/"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
