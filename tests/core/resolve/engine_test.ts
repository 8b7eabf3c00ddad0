import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { engineValidate, interpStats } from "../../../core/resolve/engine.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveTree } from "../../../core/resolve/resolve.ts";
import { registerResolver, unregisterResolver } from "../../../core/resolve/resolvers.ts";
import { clone, dict, float, int, list, type Node, str } from "../../../core/node.ts";
import { toContainer } from "../../../core/container.ts";
import { alloc, free, memory } from "../../../asm/wasm.ts";

const both = (y: string) => {
  const a = resolveTree(loadYaml(y), { onWarning: () => {} });
  const b = resolveTree(loadYaml(y), { engine: "ts", onWarning: () => {} });
  assert.deepEqual(a, b);
  return a;
};

Deno.test("engine: one WASM call resolves plain, string, nested and escaped interpolations", () => {
  const before = { ...interpStats };
  const out = both(
    "a: 1\nf: 1e-5\nb: ${a}\nc: x${b}_${f}\nk: a\nn: ${${k}}\nm: ${oc.decode:'[1, ${a}]'}\n" +
      "e: \\${a}\ng: \\\\${a}\nt: true\ns: ${t}/${z}\nz: null\nl: '${oc.env:STRATA_NOPE_X,${l2}}'\nl2: [1, 'q']",
  );
  assert.equal(interpStats.resolveCalls, before.resolveCalls + 1);
  assert.equal(interpStats.hostNodes, before.hostNodes); // nothing left to the TS evaluator
  assert.equal(interpStats.hostRounds, before.hostRounds + 1); // oc.decode and oc.env: one batch
  assert.ok(out.kind === "dict");
  const v = (k: string) => (out.entries.get(k)!.node as { value: unknown }).value;
  assert.equal(v("c"), "x1_1e-05");
  assert.equal(v("n"), 1);
  assert.equal(v("e"), "${a}");
  assert.equal(v("g"), "\\1");
  assert.equal(v("s"), "True/None");
  assert.equal(v("l"), "[1, 'q']");
});

Deno.test("engine: resolver rounds follow the dependency levels", () => {
  registerResolver("t.inc", (a) => (a[0] as number) + 1, { replace: true });
  try {
    const before = interpStats.hostRounds;
    const out = both("a: ${t.inc:1}\nb: ${t.inc:${a}}\nc: ${t.inc:${b}}\nd: ${t.inc:5}");
    assert.equal(interpStats.hostRounds - before, 3);
    assert.ok(out.kind === "dict");
    assert.equal((out.entries.get("c")!.node as { value: unknown }).value, 4);
  } finally {
    unregisterResolver("t.inc");
  }
});

Deno.test("engine: errors are the TypeScript evaluator's (code, key, origin, cycle)", () => {
  for (
    const y of ["a: ${b}\nb: ${a}", "x: ${nope}", "a: ???\nx: ${a}", "a:\n  b: ${a}", "x: ${foo:1}"]
  ) {
    let wasm: unknown, ts: unknown;
    try {
      resolveTree(loadYaml(y, { file: "t.yaml" }));
    } catch (e) {
      wasm = e;
    }
    try {
      resolveTree(loadYaml(y, { file: "t.yaml" }), { engine: "ts" });
    } catch (e) {
      ts = e;
    }
    assert.ok(wasm && ts, y);
    assert.deepEqual(
      { ...(wasm as object), message: (wasm as Error).message },
      { ...(ts as object), message: (ts as Error).message },
    );
  }
});

Deno.test("engine: validation in one call", () => {
  const before = interpStats.validateCalls;
  engineValidate(loadYaml("a: ${b.c}\nd: ${oc.env:X,'y'}"));
  assert.equal(interpStats.validateCalls, before + 1);
  assert.throws(
    () => engineValidate(loadYaml("a: ${b")),
    /no viable alternative/,
  );
});

/** Random configs with interpolations: both engines give the same tree (or the same error). */
Deno.test("property: WASM and TypeScript engines agree", () => {
  const leaf = fc.oneof(
    fc.integer({ min: -5, max: 5 }).map((n) => int(n)),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((x) => float(x)),
    fc.constantFrom("a", "b c", "é", "it's", "true").map((s) => str(s)),
  );
  const ref = fc.tuple(
    fc.constantFrom("", "x_", "\\\\", "\\"),
    fc.constantFrom(
      "k0",
      "k1",
      "k2",
      "g.k0",
      "g.k1",
      ".k0",
      "..k1",
      "l[0]",
      "l.1",
      "${kk}",
      "nope",
    ),
    fc.constantFrom("", "_y", "${k0}"),
  ).map(([p, k, s]) => str(`${p}\${${k}}${s}`));
  const cfg = fc.tuple(
    fc.array(fc.oneof(leaf, ref), { minLength: 3, maxLength: 3 }),
    fc.array(fc.oneof(leaf, ref), { minLength: 2, maxLength: 2 }),
  )
    .map(([top, inner]) =>
      dict([
        ["k0", top[0]],
        ["k1", top[1]],
        ["k2", top[2]],
        ["kk", str("k1")],
        ["g", dict([["k0", inner[0]], ["k1", inner[1]]])],
        ["l", list([int(7), str("${k0}")])],
      ]) as Node
    );
  fc.assert(
    fc.property(cfg, (root) => {
      const run = (engine: "wasm" | "ts") => {
        try {
          return { ok: resolveTree(root, { engine, onWarning: () => {} }) };
        } catch (e) {
          return { err: (e as Error).message, key: (e as { fullKey?: string }).fullKey };
        }
      };
      assert.deepEqual(run("wasm"), run("ts"));
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: resolving a given-away tree in place gives what the copy gives", () => {
  const ref = fc.tuple(
    fc.constantFrom("", "x_", "\\", "\\\\"),
    fc.constantFrom("k0", "k1", "g", "g.k0", ".k0", "..k1", "l[0]", "l", "${kk}", "nope"),
  ).map(([p, k]) => str(`${p}\${${k}}`));
  const leaf = fc.oneof(fc.integer({ min: 0, max: 3 }).map((n) => int(n)), ref);
  const cfg = fc.array(leaf, { minLength: 5, maxLength: 5 }).map((v) =>
    dict([
      ["k0", v[0]],
      ["k1", v[1]],
      ["kk", str("k0")],
      ["g", dict([["k0", v[2]], ["k1", v[3]], ["d", dict([["x", v[4]]])]])],
      // keys that are not str: the in-place step finds their entries by node
      ["n", dict([[7, v[1]], [true, v[2]], [null, v[3]]])],
      ["l", list([v[4], dict([["y", v[0]]])])],
    ]) as Node
  );
  fc.assert(
    fc.property(cfg, (root) => {
      const run = (reuse: boolean) => {
        try {
          const out = resolveTree(reuse ? clone(root) : root, { reuse, onWarning: () => {} });
          return { ok: toContainer(out) };
        } catch (e) {
          return { err: (e as Error).message, key: (e as { fullKey?: string }).fullKey };
        }
      };
      assert.deepEqual(run(true), run(false));
    }),
    { numRuns: 400 },
  );
});

Deno.test("engine: a failing resolver runs once; its failure comes back as data", () => {
  let calls = 0;
  registerResolver("t.boom", () => {
    calls++;
    throw new Error("boom");
  }, { replace: true });
  try {
    for (const y of ["x: ${t.boom:1}", "a: ${x}\nx: ${t.boom:1}", "s: pre ${t.boom:${n}}\nn: 2"]) {
      calls = 0;
      assert.throws(
        () => resolveTree(loadYaml(y)),
        /Error raised while resolving interpolation: boom/,
        y,
      );
      assert.equal(calls, 1, y);
    }
  } finally {
    unregisterResolver("t.boom");
  }
});

Deno.test("engine: a resolver that grows the engine's memory leaves the outer resolution's table readable", () => {
  // The outer table lives in the engine's memory; a resolver that calls the
  // engine meanwhile (here the grammar check a create runs, on a big config)
  // may grow that memory, which empties every view of it: the second call of
  // the same round and the result's building read it again.
  let grew = 0;
  registerResolver("t.inner", (n: unknown) => {
    const before = memory.buffer.byteLength;
    // resolver calls: the check sends them to the engine (plain `${key}`s it need not parse)
    const big = dict(
      Array.from({ length: Number(n) }, (_, i) => [`k${i}`, str(`\${oc.select:k${i}}`)]),
    );
    engineValidate(big);
    // and a buffer bigger than the memory: it grows whatever room the encoder made first
    free(alloc(memory.buffer.byteLength));
    if (memory.buffer.byteLength > before) grew++;
    return big.entries.size;
  }, { replace: true });
  registerResolver("t.echo", (x: unknown) => `echo ${x}`, { replace: true });
  // a container node from a resolver is resolved while the result is built: a hook
  // (a plain object would be an opaque value, its strings never interpolations)
  registerResolver("t.mk", () => dict([["p", str("${t.inner:400000}")]]), { replace: true });
  try {
    const y = [
      "a: ${t.inner:100000}",
      "b: ${t.echo:${c}}",
      "c: 1",
      "d:",
      "  e: ${b}",
      "  f:",
      "    - ${c}",
      "    - x${a}",
      "    - ${...c}",
      "g: ${d}",
      "h: ${t.mk:}",
      "i: ${c}",
      "j:",
      "  - ${b}",
      "",
    ].join("\n");
    const viaEngine = toContainer(resolveTree(loadYaml(y)));
    assert.ok(grew > 0, "the engine's memory grew during the outer resolution");
    assert.deepEqual(viaEngine, toContainer(resolveTree(loadYaml(y), { engine: "ts" })));
    assert.deepEqual(viaEngine, {
      a: 100000,
      b: "echo 1",
      c: 1,
      d: { e: "echo 1", f: [1, "x100000", 1] },
      g: { e: "echo 1", f: [1, "x100000", 1] },
      h: { p: 400000 },
      i: 1,
      j: ["echo 1"],
    });
  } finally {
    unregisterResolver("t.inner");
    unregisterResolver("t.echo");
    unregisterResolver("t.mk");
  }
});
