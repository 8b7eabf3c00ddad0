/**
 * A dict written in a resolver argument whose keys are equal in Python
 * (`1`, `1.0`, `true`) is a Python dict: the first key stays, with the last
 * value (omegaconf 2.2.2: `${oc.decode:"{1: a, true: c}"}` is `{1: 'c'}`),
 * as the YAML loader and the override grammar already do.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveAt } from "../../../core/resolve/resolve.ts";
import { toContainer } from "../../../core/container.ts";
import { FloatKey } from "../../../core/node.ts";

const ENGINES = ["wasm", "ts"] as const;

const YAML = `a: '\${oc.decode:"{1: a, true: c}"}'
b: '\${oc.create:{1: a, true: c}}'
c: '\${oc.select:z,{1.0: a, true: c, 1: d}}'
e: '\${oc.decode:"{false: a, 0: c}"}'
`;

Deno.test("resolver dict arguments: equal keys keep the first key and the last value", () => {
  for (const engine of ENGINES) {
    const at = (k: string) => toContainer(resolveAt(loadYaml(YAML), [k], { engine }));
    assert.deepEqual(at("a"), new Map([[1, "c"]]), engine);
    assert.deepEqual(at("b"), new Map([[1, "c"]]), engine);
    assert.deepEqual(at("c"), new Map([[new FloatKey(1), "d"]]), engine);
    assert.deepEqual(at("e"), new Map([[false, "c"]]), engine);
  }
});
