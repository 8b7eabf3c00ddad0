/**
 * What OmegaConf 2.2 does with an exception a custom resolver raises
 * (base.py `resolve_parse_tree`, checked against /usr/bin/python3's
 * omegaconf 2.2.2): an InterpolationResolutionError or one of its subclasses
 * (InterpolationKeyError, InterpolationToMissingValueError,
 * UnsupportedInterpolationType) passes through unchanged, its message and
 * full key those of the node it was raised for; any other exception is
 * wrapped as `<Class> raised while resolving interpolation: <message>`.
 * OmegaConf.resolve then sets `???` where an InterpolationToMissingValueError
 * came out, as for one raised by a plain `${a}`. Both engines agree.
 *
 * The Python this mirrors:
 * ```python
 * other = OmegaConf.create({"a": "${m}", "m": "???", "b": "${nokey}",
 *                           "e": "${oc.env:STRATA_NOPE_X}", "c": "???"})
 * OmegaConf.register_new_resolver("sel", lambda p: OmegaConf.select(other, p))
 * OmegaConf.register_new_resolver("get", lambda p: other[p])
 * ```
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveAt, resolveTree } from "../../../core/resolve/resolve.ts";
import { InOrder } from "../../../core/resolve/in_order.ts";
import type { ResolverFn } from "../../../core/resolve/resolvers.ts";
import { toContainer } from "../../../core/container.ts";
import { ErrorCode, isStrataError } from "../../../core/errors.ts";
import type { DictNode } from "../../../core/node.ts";

const ENGINES = ["wasm", "ts"] as const;

const OTHER = loadYaml(
  "a: ${m}\nm: ???\nb: ${nokey}\ne: ${oc.env:STRATA_NOPE_X}\nc: ???\n",
  { file: "other.yaml" },
);

// OmegaConf.select(other, p) and other[p]: strata's errors come out of resolveAt as they are
const RESOLVERS: Record<string, ResolverFn> = {
  sel: (args) => resolveAt(OTHER, [String(args[0])]),
  get: (args) => resolveAt(OTHER, [String(args[0])]),
};

function failure(yaml: string, key: string, engine: "wasm" | "ts") {
  try {
    resolveAt(loadYaml(yaml), [key], { engine, resolvers: RESOLVERS });
  } catch (e) {
    if (!isStrataError(e)) throw e;
    return { code: e.code, message: e.message, fullKey: e.fullKey };
  }
  assert.fail(`${key} resolved`);
}

Deno.test("a resolver's InterpolationResolutionError (or subclass) passes through unchanged, as in OmegaConf", () => {
  for (const engine of ENGINES) {
    // x InterpolationToMissingValueError | MissingMandatoryValue while resolving
    //   interpolation: Missing mandatory value: m / full_key: a
    assert.deepEqual(failure("x: ${sel:a}", "x", engine), {
      code: ErrorCode.InterpolationToMissing,
      message: "MissingMandatoryValue while resolving interpolation: Missing mandatory value: m",
      fullKey: "a",
    }, engine);
    // y InterpolationKeyError | Interpolation key 'nokey' not found / full_key: b
    const y = failure("y: ${sel:b}", "y", engine);
    assert.equal(y.code, ErrorCode.InterpolationKey, engine);
    assert.equal(y.message, "Interpolation key 'nokey' not found", engine);
    assert.equal(y.fullKey, "b", engine);
    // z InterpolationResolutionError | KeyError raised while resolving interpolation:
    //   "Environment variable 'STRATA_NOPE_X' not found" / full_key: e  (wrapped once, not twice)
    assert.deepEqual(failure("z: ${sel:e}", "z", engine), {
      code: ErrorCode.InterpolationResolution,
      message:
        `KeyError raised while resolving interpolation: "Environment variable 'STRATA_NOPE_X' not found"`,
      fullKey: "e",
    }, engine);
  }
});

Deno.test("a resolver's other errors are still wrapped, at the interpolation's key", () => {
  for (const engine of ENGINES) {
    // w InterpolationResolutionError | MissingMandatoryValue raised while resolving
    //   interpolation: Missing mandatory value: c ... full_key: w
    const w = failure("w: ${get:c}", "w", engine);
    assert.equal(w.code, ErrorCode.InterpolationResolution, engine);
    assert.match(
      w.message,
      /^MissingMandatoryValue raised while resolving interpolation: Missing mandatory value: c/,
      engine,
    );
    assert.equal(w.fullKey, "w", engine);
  }
});

Deno.test("OmegaConf.resolve sets ??? where a resolver's InterpolationToMissingValueError comes out", () => {
  // c2 = {"x": "${sel:a}", "v": "pre_${sel:a}"}; OmegaConf.resolve(c2) -> x: ???, v: ???
  const root = loadYaml("x: ${sel:a}\nv: pre_${sel:a}\n") as DictNode;
  const out = new InOrder(root, { resolvers: RESOLVERS }).resolve([]);
  assert.deepEqual(toContainer(out), { x: "???", v: "???" });
  for (const engine of ENGINES) {
    assert.throws(
      () => resolveTree(loadYaml("v: pre_${sel:a}"), { engine, resolvers: RESOLVERS }),
      (e) => isStrataError(e) && e.code === ErrorCode.InterpolationToMissing,
    );
  }
});
