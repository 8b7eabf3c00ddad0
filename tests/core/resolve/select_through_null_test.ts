/**
 * `${a.x}` with `a: null` (checked against omegaconf 2.2.2): `a` is an
 * AnyNode holding None, not a container, so the interpolation is
 * InterpolationResolutionError "ConfigTypeError raised while resolving
 * interpolation: Error trying to access a.x: node `a` is not a container and
 * thus cannot contain `x`", as for `a: 3`; not "Interpolation key 'a.x' not
 * found". The resolvers that select (oc.select, oc.dict.keys, oc.deprecated)
 * find no key there, through a null as through an int.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveAt } from "../../../core/resolve/resolve.ts";
import { toContainer } from "../../../core/container.ts";
import { ErrorCode, isStrataError } from "../../../core/errors.ts";
import { createConfig, toYaml } from "../../../mod.ts";

const ENGINES = ["wasm", "ts"] as const;

function failure(f: () => unknown): { code: string; message: string; fullKey?: string } {
  try {
    f();
  } catch (e) {
    if (isStrataError(e)) return { code: e.code, message: e.message, fullKey: e.fullKey };
    throw e;
  }
  throw new Error("expected a StrataError");
}

const notAContainer = (path: string, node: string, key: string) =>
  `ConfigTypeError raised while resolving interpolation: Error trying to access ${path}: node \`${node}\` is not a container and thus cannot contain \`${key}\``;

Deno.test("an interpolation through a null is OmegaConf's ConfigTypeError, as through an int", () => {
  const cases: [string, string][] = [
    ["a: null\nb: ${a.x}\n", notAContainer("a.x", "a", "x")],
    ["a: null\nb: ${a.x.y}\n", notAContainer("a.x.y", "a", "x")],
    ["a: null\nb: x${a.x}\n", notAContainer("a.x", "a", "x")],
    ["a: {k: null}\nb: ${a.k.x}\n", notAContainer("a.k.x", "a.k", "x")],
    ["a: null\nb: ${a[0]}\n", notAContainer("a[0]", "a", "0")],
    ["a: 3\nb: ${a.x}\n", notAContainer("a.x", "a", "x")],
  ];
  for (const engine of ENGINES) {
    for (const [yaml, message] of cases) {
      const got = failure(() => resolveAt(loadYaml(yaml), ["b"], { engine }));
      assert.deepEqual(
        got,
        { code: ErrorCode.InterpolationResolution, message, fullKey: "b" },
        `${engine}: ${yaml}`,
      );
    }
  }
  // the library: reading the value and writing the resolved YAML
  const cfg = createConfig({ a: null, b: "${a.x}" });
  assert.equal(failure(() => cfg.get("b")).message, notAContainer("a.x", "a", "x"));
  assert.equal(
    failure(() => toYaml(cfg, { resolve: true })).message,
    notAContainer("a.x", "a", "x"),
  );
});

Deno.test("oc.select, oc.dict.keys and oc.deprecated through a null or an int find no key", () => {
  for (const a of ["null", "3"]) {
    const yaml = `a: ${a}
s: \${oc.select:a.x,0}
k: \${oc.dict.keys:a.x}
d: \${oc.deprecated:a.x}
`;
    for (const engine of ENGINES) {
      const at = (k: string) => () => toContainer(resolveAt(loadYaml(yaml), [k], { engine }));
      assert.equal(at("s")(), 0, `${engine} ${a}`);
      assert.equal(
        failure(at("k")).message,
        "ConfigKeyError raised while resolving interpolation: Key not found: 'a.x'",
        `${engine} ${a}`,
      );
      assert.equal(
        failure(at("d")).message,
        "ConfigKeyError raised while resolving interpolation: In oc.deprecated resolver at 'd': Key not found: 'a.x'",
        `${engine} ${a}`,
      );
    }
  }
});
