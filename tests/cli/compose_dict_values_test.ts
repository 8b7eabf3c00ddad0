/**
 * `oc.dict.values` returns a list of `${key.k}` interpolations in OmegaConf:
 * inside a string it prints them as they are, while the node itself
 * resolves to the values. `--resolve` is OmegaConf.resolve, in key order: a
 * string printing a container that was set before it shows its values.
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
      // vals is set to [1, 1] before again reads it: OmegaConf.resolve walks in key order
      "vals:\n- 1\n- 1\nagain: y=[1, 1]\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("oc.dict.values items are interpolations read when the list is: no cycle through a string, raw text kept", async () => {
  const dir = await confTree({
    "conf/config.yaml": "e:\n  b:\n    d: ${x}\n  c: 's=${e.b}'\nx: 1\nv: ${oc.dict.values:e}\n" +
      "a:\n  e:\n    b:\n      d: x${oc.dict.values:a.e}\n    c: 2\n",
    "conf/missing.yaml": "a:\n  x: ???\n  y: 1\nv: ${oc.dict.values:a}\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  // the item c reads e.c, whose string shows e.b as the walk in key order left it (e.b.d was
  // set to 1 before e.c was read), as OmegaConf.resolve (python3-omegaconf 2.2.2) gives it
  assert.match(r.stdout, /^v:\n- d: 1\n- 's=\{''d'': 1\}'\n/m);
  assert.match(r.stdout, /^ {2}c: 's=\{''d'': 1\}'\n/m);
  // a string holding the values of its own dict is no cycle: the items are not read
  assert.match(r.stdout, /^ {6}d: x\['\$\{a\.e\.b\}', '\$\{a\.e\.c\}'\]$/m);
  // an item that reaches a ??? is ???, as OmegaConf.resolve (Hydra's --cfg job --resolve) sets it
  const missing = await strata(["compose", "-n", "missing", "--resolve"], { cwd: dir });
  assert.equal(missing.code, 0, missing.stderr);
  assert.equal(missing.stdout, "a:\n  x: ???\n  'y': 1\nv:\n- ???\n- 1\n");
  Deno.removeSync(dir, { recursive: true });
});
