/**
 * An integral JS number a resolver returns past 2^53 is an int with its exact
 * digits (`BigInt(n)`), as `createConfig` already stores it: `String(2 ** 60)`
 * is "1152921504606847000" and `String(1e21)` "1e+21" (a float to YAML), so
 * toYaml, toJson, string interpolation and the hash's canonical text would
 * otherwise change the value.
 */
import assert from "node:assert/strict";
import { canonicalJson } from "../../../core/hash.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveTree } from "../../../core/resolve/resolve.ts";
import {
  createConfig,
  PyFloat,
  registerResolver,
  resolve,
  toJson,
  toObject,
  toYaml,
  unregisterResolver,
} from "../../../mod.ts";

const P60 = "1152921504606846976", E21 = "1000000000000000000000";

Deno.test("a resolver's integral number past 2^53 is the exact int in toYaml, toJson, toObject and string interpolation", () => {
  registerResolver("t.p60", () => 2 ** 60, { replace: true });
  registerResolver("t.e21", () => -1e21, { replace: true });
  try {
    const c = createConfig("a: ${t.p60:}\nb: ${t.e21:}\nc: x${t.p60:}\n");
    const yaml = `a: ${P60}\nb: -${E21}\nc: x${P60}\n`;
    assert.equal(toYaml(c, { resolve: true }), yaml);
    assert.equal(toYaml(resolve(c)), yaml);
    assert.equal(toJson(resolve(c)), `{"a": ${P60}, "b": -${E21}, "c": "x${P60}"}`);
    assert.deepEqual(toObject(c), { a: BigInt(P60), b: -BigInt(E21), c: `x${P60}` });
    // the same as createConfig's path
    assert.equal(toYaml(createConfig({ a: 2 ** 60 })), `a: ${P60}\n`);
  } finally {
    unregisterResolver("t.p60");
    unregisterResolver("t.e21");
  }
});

Deno.test("the hash's canonical text of a resolver's big integral number is its decimal digits, on both engines", () => {
  for (const engine of ["wasm", "ts"] as const) {
    const resolvers = { p60: () => 2 ** 60, e21: () => 1e21, small: () => 3 };
    const tree = resolveTree(loadYaml("a: ${p60:}\nb: ${e21:}\nc: ${small:}\n"), {
      engine,
      resolvers,
    });
    assert.equal(canonicalJson(tree), `{"a":${P60},"b":${E21},"c":3}`, engine);
  }
});

Deno.test("README: a resolver's integral JS number is an int; new PyFloat(4) is Python's float 4.0", () => {
  const sum = (a: unknown[]) => (a as number[]).reduce((x, y) => x + y, 0);
  registerResolver("t.add", sum, { replace: true });
  registerResolver("t.addf", (a) => new PyFloat(sum(a)), { replace: true });
  try {
    const c = createConfig("a: ${t.add:1.5,2.5}\nb: x${a}\nc: ${t.addf:1.5,2.5}\nd: x${c}\n");
    assert.equal(toYaml(c, { resolve: true }), "a: 4\nb: x4\nc: 4.0\nd: x4.0\n");
  } finally {
    unregisterResolver("t.add");
    unregisterResolver("t.addf");
  }
});
