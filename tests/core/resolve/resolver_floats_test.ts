/**
 * A resolver's float result with an integral value (Python's `4000.0`): a
 * `PyFloat` (or `FloatKey` as a dict key) of any copy of strata's modules,
 * told by its `Symbol.for` brand (a resolvers module of the compiled binary
 * imports another copy of mod.ts: tests/cli/bundle_test.ts runs one), or
 * `ctx.float(x)`, which needs no import at all.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveTree } from "../../../core/resolve/resolve.ts";
import type { ResolverFn } from "../../../core/resolve/resolvers.ts";
import { fromPlain } from "../../../core/resolve/plain.ts";
import { toYaml } from "../../../core/yaml/emit.ts";
import { FloatKey, PyFloat } from "../../../mod.ts";

/** What another copy's `new PyFloat(x)` / `new FloatKey(x)` is to this one: its brand and value. */
const otherPyFloat = (value: number) => ({ [Symbol.for("strata.PyFloat")]: true, value });
const otherFloatKey = (value: number) => ({ [Symbol.for("strata.FloatKey")]: true, value });

Deno.test("PyFloat and FloatKey of another copy are read as floats", () => {
  assert.ok(otherPyFloat(1) instanceof PyFloat);
  assert.ok(otherFloatKey(1) instanceof FloatKey);
  assert.equal({ value: 1 } instanceof PyFloat, false);
  assert.equal(new FloatKey(1) instanceof PyFloat, false);
  assert.deepEqual(fromPlain(otherPyFloat(4000)), { kind: "value", type: "float", value: 4000 });
  const keyed = fromPlain(new Map([[otherFloatKey(1), "one"]]));
  assert.equal(toYaml(keyed), "1.0: one\n");
  // the brand is not an own property: deep equality and Object.keys see the value alone
  assert.deepEqual(Object.keys(new PyFloat(1)), ["value"]);
  assert.deepEqual(new PyFloat(1), new PyFloat(1));
});

Deno.test("a resolver makes a float with ctx.float, or returns another copy's PyFloat", () => {
  const resolvers: Record<string, ResolverFn> = {
    times: (a, ctx) => ctx.float((a[0] as number) * (a[1] as number)),
    other: (a) => otherPyFloat(a[0] as number),
    naive: (a) => (a[0] as number) * (a[1] as number),
  };
  for (const engine of ["wasm", "ts"] as const) {
    const out = resolveTree(
      loadYaml("a: ${times:0.01,400000}\nb: ${other:600}\nc: ${naive:0.01,400000}\n"),
      { resolvers, engine },
    );
    assert.equal(toYaml(out), "a: 4000.0\nb: 600.0\nc: 4000\n", engine);
  }
});

Deno.test("a float argument a resolver returns as it is stays a float, as Python's lambda x: x gives it (checker w46 #1)", () => {
  const resolvers: Record<string, ResolverFn> = {
    id: (a) => a[0],
    second: (a) => a[1],
    add: (a) => (a as number[]).reduce((x, y) => x + y, 0),
  };
  for (const engine of ["wasm", "ts"] as const) {
    const out = resolveTree(
      loadYaml(
        "x: 2.5\na: ${id:1.0}\nb: ${id:2e3}\nc: ${id:3}\nd: ${id:${x}}\ne: ${second:1.0,1}\n" +
          "f: ${add:1.0,2}\n",
      ),
      { resolvers, engine },
    );
    // (`e`: an int argument equal to it too, which one came back is not known; `f` is a new
    // number: ctx.float says what it is)
    assert.equal(toYaml(out), "x: 2.5\na: 1.0\nb: 2000.0\nc: 3\nd: 2.5\ne: 1\nf: 3\n", engine);
  }
});

Deno.test("the floats inside a container argument handed back stay floats, and an argument's node stays its node (checker x46 #1)", () => {
  const resolvers: Record<string, ResolverFn> = {
    id: (a) => a[0],
    sub: (a) => (a[0] as { s: unknown }).s,
    // new data holding the argument's: its floats are read back as floats
    wrap: (a) => ({ inner: a[0] }),
    changed: (a) => {
      const o = a[0] as Record<string, number>;
      o.lr = 2;
      return { ...o };
    },
  };
  const text = "p: {lr: 1.0, n: 2, s: {x: 0.0, r: '${..n}'}}\nf: [1.0, 3]\n" +
    "a: ${id:${p}}\nb: ${sub:${p}}\nc: ${id:${f}}\ne: ${wrap:${p.s}}\nh: ${changed:${p}}\n";
  for (const engine of ["wasm", "ts"] as const) {
    const out = resolveTree(loadYaml(text), { resolvers, engine });
    // `a`, `b` and `c` are the argument's nodes: OmegaConf.resolve takes them as a Python
    // resolver's DictConfig argument handed back (a plain dict or list it refuses)
    assert.equal(
      toYaml(out),
      "p:\n  lr: 1.0\n  'n': 2\n  s:\n    x: 0.0\n    r: 2\nf:\n- 1.0\n- 3\n" +
        "a:\n  lr: 1.0\n  'n': 2\n  s:\n    x: 0.0\n    r: 2\nb:\n  x: 0.0\n  r: 2\n" +
        "c:\n- 1.0\n- 3\ne:\n  inner:\n    x: 0.0\n    r: 2\n" +
        "h:\n  lr: 2\n  'n': 2\n  s:\n    x: 0.0\n    r: 2\n",
      engine,
    );
  }
  // a literal list argument is Python's list, not a config's: handed back it is plain data,
  // whose floats stay floats (`to_container` gives [1.0, 2.5])
  const lit = resolveTree(loadYaml("l: ${id:[1.0, 2.5]}\n"), { resolvers });
  assert.equal(toYaml(lit), "l:\n- 1.0\n- 2.5\n");
});
