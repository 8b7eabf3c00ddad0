/**
 * What OmegaConf 2.2 does with a custom resolver's result and arguments
 * (checked against /usr/bin/python3's omegaconf 2.2.2):
 * - a plain dict or list returned (not a DictConfig) is an opaque value:
 *   `to_container(resolve=True)` and `to_yaml(resolve=True)` give its strings
 *   as written, `${x}` and `${..x}` included, at any depth;
 * - a container argument (`${cp:${src.in}}`) is the node itself: read from a
 *   resolver, its `${..x}` is relative to where it sits, and returned
 *   (`lambda x: x`) it stays a view of that place.
 * The WASM engine and the TypeScript evaluator give the same results.
 */

import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveAt, resolveTree } from "../../../core/resolve/resolve.ts";
import type { ResolverFn } from "../../../core/resolve/resolvers.ts";
import { toContainer } from "../../../core/container.ts";
import {
  type Config,
  createConfig,
  isConfig,
  isMissing,
  registerResolver,
  resolve,
  toObject,
  toYaml,
  unregisterResolver,
} from "../../../mod.ts";

const ENGINES = ["wasm", "ts"] as const;

const RESOLVERS: Record<string, ResolverFn> = {
  mk: () => ({ s: "${x}", n: { t: "${..x}" } }),
  mkl: () => ["${x}", "${..x}"],
  cp: (args) => args[0],
  node: (_args, ctx) => ctx.nodes[0],
};

const YAML = `x: 1
src:
  x: 5
  in:
    v: \${..x}
    w: \${x}
a:
  x: 2
  d: \${mk:}
  l: \${mkl:}
  cp: \${cp:\${src.in}}
  node: \${node:\${src.in}}
  cpmk: \${cp:\${mk:}}
`;

const MK = { s: "${x}", n: { t: "${..x}" } };
const IN = { v: 5, w: 1 };

Deno.test("a resolver's plain dict or list keeps its strings as written; a container argument is read where it sits", () => {
  for (const engine of ENGINES) {
    const opts = { engine, resolvers: RESOLVERS };
    const got = toContainer(resolveTree(loadYaml(YAML), opts)) as Record<string, unknown>;
    assert.deepEqual(got.a, {
      x: 2,
      d: MK,
      l: ["${x}", "${..x}"],
      cp: IN,
      node: IN,
      cpmk: MK,
    }, engine);
    for (const key of ["d", "cp", "node"]) {
      const one = toContainer(resolveAt(loadYaml(YAML), ["a", key], opts));
      assert.deepEqual(one, key === "d" ? MK : IN, `${engine}: a.${key}`);
    }
  }
});

Deno.test("library: registerResolver's plain results are values; resolve() refuses them as OmegaConf.resolve does", () => {
  registerResolver("t.mk", () => ({ s: "${x}" }), { replace: true });
  registerResolver("t.cp", (args) => args[0], { replace: true });
  registerResolver("t.mkl", () => [1], { replace: true });
  try {
    const cfg = createConfig({
      x: 1,
      src: { x: 5, in: { v: "${..x}" } },
      a: { x: 2, cp: "${t.mk:}", c: "${t.cp:${src.in}}" },
    });
    assert.deepEqual(cfg.get("a.cp"), { s: "${x}" });
    // an argument's container handed back is its node, as OmegaConf's `cfg.a.c` is the
    // DictConfig of src.in (its `${..x}` read where it sits: 5)
    assert.ok(isConfig(cfg.get("a.c")));
    assert.deepEqual(toObject(cfg.get<Config>("a.c"), { resolve: true }), { v: 5 });
    assert.equal(toYaml(resolve(cfg.get<Config>("src"))), "x: 5\nin:\n  v: 5\n");
    // OmegaConf.resolve: UnsupportedValueType "Value 'dict' is not a supported
    // primitive type" (a resolved copy holding it would read `${x}` again)
    for (const at of [cfg, cfg.get<Config>("a")]) {
      assert.throws(() => resolve(at), {
        code: "unsupported-value",
        message: "Value 'dict' is not a supported primitive type",
        fullKey: "a.cp",
      });
    }
    assert.throws(() => resolve(createConfig({ l: ["${t.mkl:}"] })), {
      code: "unsupported-value",
      message: "Value 'list' is not a supported primitive type",
      fullKey: "l[0]",
    });
    // as a string piece it is the dict's str(), as in OmegaConf
    assert.equal(toYaml(resolve(createConfig({ s: "s_${t.mk:}" }))), "s: 's_{''s'': ''${x}''}'\n");
  } finally {
    unregisterResolver("t.mk");
    unregisterResolver("t.cp");
    unregisterResolver("t.mkl");
  }
});

Deno.test("selecting into a resolver's plain dict or list is OmegaConf's ConfigTypeError; oc.select gives its default", () => {
  const yaml =
    "a: {cp: '${cp:}', cl: '${cl:}'}\nx: ${a.cp.s}\ny: ${a.cl[0]}\nq: ${oc.select:a.cp.s,7}\n";
  const resolvers: Record<string, ResolverFn> = { cp: () => ({ s: 1 }), cl: () => [1, 2] };
  const notContainer = (node: string, key: string, path: string) =>
    "ConfigTypeError raised while resolving interpolation: Error trying to access " +
    `${path}: node \`${node}\` is not a container and thus cannot contain \`${key}\``;
  for (const engine of ENGINES) {
    const opts = { engine, resolvers };
    assert.throws(() => resolveAt(loadYaml(yaml), ["x"], opts), {
      code: "interpolation-resolution",
      message: notContainer("a.cp", "s", "a.cp.s"),
    }, engine);
    assert.throws(() => resolveAt(loadYaml(yaml), ["y"], opts), {
      message: notContainer("a.cl", "0", "a.cl[0]"),
    }, engine);
    assert.equal(toContainer(resolveAt(loadYaml(yaml), ["q"], opts)), 7, engine);
    assert.throws(() => resolveTree(loadYaml(yaml), opts), {
      message: notContainer("a.cp", "s", "a.cp.s"),
    }, engine);
  }
});

Deno.test("a container argument's interpolations resolve when the resolver reads them, as OmegaConf passes the DictConfig/ListConfig", () => {
  const yaml = "a: 1\nd: {p: 1, q: '${nope}'}\nl: [1, '${nope}']\n" +
    "x1: ${first:[${a},${nope}]}\nx2: ${keys:${d}}\nx3: ${first:${l}}\nx4: ${q:${d}}\n";
  const resolvers: Record<string, ResolverFn> = {
    first: (args) => (args[0] as unknown[])[0],
    keys: (args) => Object.keys(args[0] as object).join(","),
    q: (args) => (args[0] as Record<string, unknown>).q,
  };
  for (const engine of ENGINES) {
    const opts = { engine, resolvers };
    const at = (k: string) => toContainer(resolveAt(loadYaml(yaml), [k], opts));
    // an inline list is built before the call, as OmegaConf's grammar builds it
    assert.throws(() => at("x1"), { message: "Interpolation key 'nope' not found" }, engine);
    assert.equal(at("x2"), "p,q", engine);
    assert.equal(at("x3"), 1, engine);
    assert.throws(() => at("x4"), { message: "Interpolation key 'nope' not found" }, engine);
  }
});

Deno.test("resolvers: an item of a container argument that fails when the resolver reads it is named by its own key and place", () => {
  // OmegaConf re-raises the item's InterpolationKeyError as is: full_key d.q
  const cfg = loadYaml("x4: ${q:${d}}\nd:\n  q: ${nope}\n", { file: "c.yaml" });
  const resolvers: Record<string, ResolverFn> = {
    q: (args) => (args[0] as Record<string, unknown>).q,
  };
  const runs: [string, () => unknown][] = [
    ["resolveAt", () => resolveAt(cfg, ["x4"], { resolvers })],
    ...ENGINES.map((engine): [string, () => unknown] => [
      `resolveTree, ${engine}`,
      () => resolveTree(cfg, { resolvers, engine }),
    ]),
  ];
  for (const [how, run] of runs) {
    assert.throws(
      run,
      (e: unknown) => {
        const err = e as { fullKey?: string; origin?: { line?: number; col?: number } };
        assert.equal(err.fullKey, "d.q", how);
        assert.equal(err.origin?.line, 3, how);
        assert.equal(err.origin?.col, 6, how);
        return /Interpolation key 'nope' not found/.test(String(e));
      },
    );
  }
});

Deno.test("oc.decode of one interpolation gives that node, resolved where it sits; inside a list it stays a plain value", () => {
  // OmegaConf 2.2.2: to_object gives d {b: 1, c: 1} (the DictConfig at a), f [{b: 1, c: '${.b}'}, 1]
  const text = `a: {b: 1, c: "\${.b}"}
s: "\\\\\${a}"
l: "[\\\\\${a}, \\\\\${a.c}]"
d: "\${oc.decode:\${s}}"
f: "\${oc.decode:\${l}}"
`;
  for (const engine of ENGINES) {
    const got = toContainer(resolveTree(loadYaml(text), { engine })) as Record<string, unknown>;
    assert.deepEqual(got.d, { b: 1, c: 1 }, engine);
    assert.deepEqual(got.f, [{ b: 1, c: "${.b}" }, 1], engine);
    assert.deepEqual(toContainer(resolveAt(loadYaml(text), ["d"], { engine })), { b: 1, c: 1 });
  }
});

Deno.test("oc.create: a ??? in a grammar literal is the missing value, as OmegaConf.create reads it", () => {
  // omegaconf 2.2.2: is_missing(cfg.k, 'x') True, cfg.k.x MissingMandatoryValue,
  // select(cfg, 'k.x') None, is_missing(cfg.k.l, 0) True, cfg.k.y the str '1'
  const cfg = createConfig("c: 1\nk: '${oc.create:{x: ???, y: \"${c}\", l: [???, 1]}}'\n");
  assert.equal(isMissing(cfg, "k.x"), true);
  assert.equal(isMissing(cfg, "k.y"), false);
  assert.equal(isMissing(cfg, "k.l[0]"), true);
  assert.equal(cfg.select("k.x"), undefined);
  assert.throws(() => cfg.get("k.x"), /Missing mandatory value/);
  assert.equal(cfg.get("k.y"), "1", "a quoted string in the grammar resolves to a str");
});
