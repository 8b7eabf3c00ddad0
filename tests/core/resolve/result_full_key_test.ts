/**
 * Full keys inside a resolver's result, as OmegaConf 2.2 prints them: the result has no key of
 * its own but the interpolation's parent as its parent, so `oc.dict.values` at `a.b.v` fails at
 * `a.b.[0]`, at a list item `l[0]`, and `oc.create`'s dict at `a.b.x` (checker x57 #1: strata
 * said `[0]`, which names no key of the config). Expected values printed by
 * `OmegaConf.to_container(cfg, resolve=True)`'s error's `full_key` (python3-omegaconf 2.2).
 */

import assert from "node:assert/strict";
import { isStrataError, loadYaml, resolveTree } from "../../../engine.ts";

const CASES: [string, string][] = [
  ["a:\n  b:\n    v: ${oc.dict.values:.w}\n    w:\n      q: ${nope}\n", "a.b.[0]"],
  ["l:\n  - ${oc.dict.values:w}\nw:\n  q: ${nope}\n", "l[0]"],
  ["v: ${oc.dict.values:w}\nw:\n  q: ${nope}\n", "[0]"],
  ["a:\n  b:\n    v: '${oc.create:{x: \"\\${nope}\"}}'\n", "a.b.x"],
];

Deno.test("an error inside a resolver's result names OmegaConf's full key", () => {
  for (const [yaml, key] of CASES) {
    assert.throws(() => resolveTree(loadYaml(yaml)), (e: unknown) => {
      assert.ok(isStrataError(e), String(e));
      assert.equal(e.message, "Interpolation key 'nope' not found", yaml);
      assert.equal(e.fullKey, key, yaml);
      return true;
    });
  }
});
