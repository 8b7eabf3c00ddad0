/**
 * `oc.create` of null is OmegaConf.create(None): a config holding None,
 * which reads and prints as None (it was "Object of unsupported type").
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("oc.create of null reads as None", async () => {
  const dir = await confTree({
    "conf/config.yaml":
      "n: null\nb: ${oc.create:${n}}\nc: ${oc.create:null}\nd: x${oc.create:null}\n",
    "conf/scalar.yaml": "e: ${oc.create:5}\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "'n': null\nb: null\nc: null\nd: xNone\n");
  const scalar = await strata(["compose", "-n", "scalar", "--resolve"], { cwd: dir });
  assert.equal(scalar.code, 1);
  assert.match(scalar.stderr, /Object of unsupported type: 'int'/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("oc.create of oc.decode's dict is a config: --resolve prints it, as OmegaConf.resolve does", async () => {
  // python3-omegaconf: OmegaConf.resolve(cfg); to_yaml(cfg) prints model as a mapping and n: m
  const dir = await confTree({
    "conf/config.yaml":
      "model: \"${oc.create:${oc.decode:'{name: m, layer_size: [100, 200]}'}}\"\nn: ${model.name}\n",
  });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "model:\n  name: m\n  layer_size:\n  - 100\n  - 200\n'n': m\n");
  Deno.removeSync(dir, { recursive: true });
});
