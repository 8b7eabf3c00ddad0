/**
 * A later config's dict merged onto a resolver interpolation (`${oc.select:base}`)
 * is merged into a copy of what it resolves to, as Hydra (OmegaConf's
 * `_map_merge`) does, not put in its place.
 *
 * @module
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose: a dict merged onto ${oc.select:base} extends a copy of base", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - over: x\nbase: {a: 1}\n" +
      "model: ${oc.select:base}\nplain: '${oc.decode:\"{a: 1}\"}'\n",
    "conf/over/x.yaml": "# @package _global_\nmodel: {b: 2}\nplain: {b: 2}\n",
  });
  const r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  // oc.decode gives a plain dict, not a config: the source replaces it
  assert.equal(r.stdout, "base:\n  a: 1\nmodel:\n  a: 1\n  b: 2\nplain:\n  b: 2\n");
  Deno.removeSync(dir, { recursive: true });
});
