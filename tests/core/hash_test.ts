/**
 * The config hash is the SHA-256 of Python's `json.dumps(..., sort_keys=True)`: keys sorted by
 * their JSON text. An int key and a str key with the same text (`1` and `"1"`) in one dict
 * (Python's sort_keys refuses those) sorted as a tie, in the order they were written, so
 * `{1: a, "1": b}` and `{"1": a, 1: b}` hashed alike.
 */

import assert from "node:assert/strict";
import { canonicalJson, configHash } from "../../core/hash.ts";
import { loadYaml } from "../../core/yaml/load.ts";

Deno.test("hash: a str key and another key with the same text do not swap their values", () => {
  const pairs = [
    ["{1: a, '1': b}", "{'1': a, 1: b}"],
    ["{true: a, 'true': b}", "{'true': a, true: b}"],
    ["{1.5: a, '1.5': b}", "{'1.5': a, 1.5: b}"],
  ];
  for (const [x, y] of pairs) {
    assert.notEqual(configHash(loadYaml(x)), configHash(loadYaml(y)), `${x} / ${y}`);
    // the same dict written in another order is the same config
    const [k1, k2] = x.slice(1, -1).split(", ");
    assert.equal(configHash(loadYaml(x)), configHash(loadYaml(`{${k2}, ${k1}}`)), x);
  }
  assert.equal(canonicalJson(loadYaml("{'1': s, 1: i, '0': z}")), '{"0":"z","1":"i","1":"s"}');
});
