import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// explain and diff print values in JSON reports: a float must stay a float
// (`1.0`, not `1`) and an int past 2^53 must keep its digits, as compose -f json writes them.
const CONF = {
  "conf/config.yaml": "seed: 1\nlr: 1.0\nbig: 99999999999999999999\n",
};

Deno.test("strata explain -f json: 1.0 stays 1.0, a big int keeps its digits", async () => {
  const dir = await writeTree(CONF);
  const lr = await strata(["explain", "-d", "conf", "-f", "json", "lr"], { cwd: dir });
  assert.equal(lr.code, 0, lr.stderr);
  assert.match(lr.stdout, /"value": 1\.0,\n/);
  assert.match(lr.stdout, /"composed": \{\n\s+"value": 1\.0,/);
  assert.match(lr.stdout, /\n {2}"value": 1\.0\n\}\n$/);
  const big = await strata(["explain", "-d", "conf", "-f", "json", "big"], { cwd: dir });
  assert.equal(big.code, 0, big.stderr);
  assert.match(big.stdout, /\n {2}"value": 99999999999999999999\n\}\n$/);
});

Deno.test("strata diff -f json: values keep 1.0 and big ints, as the text output does", async () => {
  const dir = await writeTree(CONF);
  const r = await strata(
    ["diff", "-d", "conf", "-f", "json", "--a", "", "--b", "seed=1.0 big=99999999999999999998"],
    { cwd: dir },
  );
  assert.equal(r.code, 1, r.stderr);
  const changes = r.stdout.split('"key": ').slice(1);
  assert.equal(changes.length, 2, r.stdout);
  assert.match(changes[0], /"value": 1,\n\s+"type": "int"[^]*"value": 1\.0,\n\s+"type": "float"/);
  assert.match(
    changes[1],
    /"value": 99999999999999999999,[^]*"value": 99999999999999999998,/,
  );
});
