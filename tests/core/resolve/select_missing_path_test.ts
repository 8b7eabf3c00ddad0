/**
 * A `???` on the way of a resolver's key (checked against omegaconf 2.2.2):
 * `oc.select` selects without throw_on_missing, so `${oc.select:m.x,0}` is
 * its default (0) when `m: ???`; `oc.dict.keys` raises the wrapped
 * MissingMandatoryValue (InterpolationResolutionError); a plain `${m.x}`
 * stays InterpolationToMissingValueError.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveAt } from "../../../core/resolve/resolve.ts";
import { toContainer } from "../../../core/container.ts";
import { ErrorCode, isStrataError } from "../../../core/errors.ts";

const ENGINES = ["wasm", "ts"] as const;

const YAML = `m: ???
l: ['???']
a: \${oc.select:m.x,0}
b: \${oc.select:m.x}
c: \${oc.select:l.0.x,7}
d: \${oc.select:m.x.y,1.5}
k: \${oc.dict.keys:m.x}
p: \${m.x}
`;

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isStrataError(e) ? e.code : `crash: ${e}`;
  }
  return undefined;
}

Deno.test("oc.select: a ??? on the way of its key gives the default", () => {
  for (const engine of ENGINES) {
    const at = (k: string) => toContainer(resolveAt(loadYaml(YAML), [k], { engine }));
    assert.equal(at("a"), 0, engine);
    assert.equal(at("b"), null, engine);
    assert.equal(at("c"), 7, engine);
    assert.equal(at("d"), 1.5, engine);
  }
});

Deno.test("other resolvers and plain interpolations through a ??? still fail", () => {
  for (const engine of ENGINES) {
    const at = (k: string) => () => resolveAt(loadYaml(YAML), [k], { engine });
    assert.equal(code(at("k")), ErrorCode.InterpolationResolution, engine);
    assert.equal(code(at("p")), ErrorCode.InterpolationToMissing, engine);
  }
});

Deno.test("oc.select: a key that is not a string is OmegaConf's AttributeError", () => {
  const yaml = `l: [1]
d: {a: 1}
1: q
x: \${oc.select:1,0}
n: \${oc.select:null,0}
f: \${oc.select:[a],0}
h: \${oc.select:\${l},0}
i: \${oc.select:\${d},0}
`;
  const want: Record<string, string> = {
    x: "'int' object has no attribute 'startswith'",
    n: "'NoneType' object has no attribute 'startswith'",
    f: "'list' object has no attribute 'startswith'",
    h: "ListConfig does not support attribute access",
    i: "Missing key startswith",
  };
  for (const engine of ENGINES) {
    for (const [k, msg] of Object.entries(want)) {
      assert.throws(
        () => resolveAt(loadYaml(yaml), [k], { engine }),
        (e: Error) =>
          isStrataError(e) && e.code === ErrorCode.InterpolationResolution &&
          e.message.includes(msg),
        `${engine}: ${k}`,
      );
    }
  }
});

Deno.test("oc.dict.keys/values of a ??? name the missing key, as OmegaConf's throw_on_missing select", () => {
  // omegaconf 2.2.2: InterpolationResolutionError "MissingMandatoryValue raised while resolving
  // interpolation: Missing mandatory value: a.y" (was a TypeError about a str)
  const yaml =
    `x: \${oc.dict.keys:y}\ny: ???\nv: \${oc.dict.values:a.y}\na:\n  y: ???\n  r: \${oc.dict.keys:.y}\n`;
  const want: [string[], string][] = [[["x"], "y"], [["v"], "a.y"], [["a", "r"], "a.y"]];
  for (const engine of ENGINES) {
    for (const [path, key] of want) {
      assert.throws(
        () => resolveAt(loadYaml(yaml), path, { engine }),
        (e: Error) =>
          isStrataError(e) && e.code === ErrorCode.InterpolationResolution &&
          e.message ===
            `MissingMandatoryValue raised while resolving interpolation: Missing mandatory value: ${key}`,
        `${engine}: ${path}`,
      );
    }
  }
});
