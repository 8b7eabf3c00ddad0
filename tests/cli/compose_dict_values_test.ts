/**
 * `oc.dict.values` returns a list of `${key.k}` interpolations in OmegaConf:
 * inside a string it prints them as they are, while the node itself
 * resolves to the values.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("oc.dict.values inside a string shows OmegaConf's ${key.k} items", async () => {
  const dir = await confTree({
    "conf/config.yaml": "d:\n  a: 1\n  b: ${d.a}\n" +
      "m:\n  s: 'x=${oc.dict.values:d}'\n  r: 'v=${oc.dict.values:..d}'\n" +
      "vals: ${oc.dict.values:d}\nagain: 'y=${vals}'\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "d:\n  a: 1\n  b: 1\nm:\n  s: x=['${d.a}', '${d.b}']\n  r: v=['${...d.a}', '${...d.b}']\n" +
      "vals:\n- 1\n- 1\nagain: y=['${d.a}', '${d.b}']\n",
  );
  Deno.removeSync(dir, { recursive: true });
});
