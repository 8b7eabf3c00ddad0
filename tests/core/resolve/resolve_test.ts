import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { ErrorCode, StrataError } from "../../../core/errors.ts";
import { dict, int, type Node, str } from "../../../core/node.ts";
import {
  registerResolver,
  resolveAt,
  resolveTree,
  unregisterResolver,
  validateInterpolations,
} from "../../../core/resolve/mod.ts";

// deno-lint-ignore no-explicit-any
function plain(n: Node): any {
  if (n.kind === "list") return n.items.map(plain);
  if (n.kind === "dict") {
    return Object.fromEntries([...n.entries.values()].map((e) => [String(e.key), plain(e.node)]));
  }
  return n.type === "missing" ? "???" : n.type === "float" ? { float: n.value } : n.value;
}
const load = (y: string) => loadYaml(y, { file: "t.yaml" });
const res = (y: string, engine: "wasm" | "ts" = "wasm") =>
  plain(resolveTree(load(y), { engine, onWarning: () => {} }));

function fails(
  fn: () => unknown,
  code: string,
  fullKey: string,
  message: RegExp,
  line?: number,
): StrataError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StrataError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.fullKey, fullKey);
    assert.match(e.message, message);
    if (line !== undefined) assert.equal(e.origin?.line, line);
    return e;
  }
  assert.fail("expected an error");
}

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`resolve (${engine}): absolute, relative, list indices, nested keys`, () => {
    assert.deepEqual(res("a: {b: 5}\nx: ${a.b}", engine), { a: { b: 5 }, x: 5 });
    assert.deepEqual(res("x: 10\na:\n  b: ${..x}\n  c: ${.b}", engine), {
      x: 10,
      a: { b: 10, c: 10 },
    });
    assert.deepEqual(res("l: [10, 20]\nx: ${l.1}\ny: ${l[0]}", engine), {
      l: [10, 20],
      x: 20,
      y: 10,
    });
    assert.deepEqual(res("f: {a: 1, b: 2}\nk: b\nx: ${f.${k}}", engine).x, 2);
  });

  Deno.test(`resolve (${engine}): string interpolation uses Python formatting`, () => {
    const out = res(
      "lr: 1e-5\nb: true\nn: null\nl: [1, 'a', 2.5]\nx: ${lr}/${b}/${n}/${l}",
      engine,
    );
    assert.equal(out.x, "1e-05/True/None/[1, 'a', 2.5]");
    assert.equal(res("f: 1000.0\nx: v${f}", engine).x, "v1000.0");
  });

  Deno.test(`resolve (${engine}): node interpolation copies subtrees and keeps types`, () => {
    const out = res("m:\n  d: 4\n  h: ${.d}\nc: ${m}\ny: ${c.h}\nf: 1.0\ng: ${f}", engine);
    assert.deepEqual(out.c, { d: 4, h: 4 });
    assert.equal(out.y, 4);
    assert.deepEqual(out.g, { float: 1 });
  });

  Deno.test(`resolve (${engine}): escapes`, () => {
    assert.equal(res("a: 1\nx: \\${a}", engine).x, "${a}");
    assert.equal(res("a: 1\nx: \\\\${a}", engine).x, "\\1");
  });
}

Deno.test("resolvers: oc.env with defaults keeps strings", () => {
  Deno.env.delete("STRATA_T_NOPE");
  Deno.env.set("STRATA_T_A", "hello");
  assert.deepEqual(
    res(
      "a: ${oc.env:STRATA_T_A}\nb: ${oc.env:STRATA_T_NOPE,1}\nc: ${oc.env:STRATA_T_NOPE,true}\nd: ${oc.env:STRATA_T_NOPE,null}",
    ),
    {
      a: "hello",
      b: "1",
      c: "True",
      d: null,
    },
  );
});

Deno.test("resolvers: select, decode, create, dict keys/values", () => {
  const out = res(
    "a: {x: 1, y: 2}\ns: '[1, yes, 0x10]'\n" +
      "sel: ${oc.select:nope,9}\ndec: ${oc.decode:${s}}\ncr: '${oc.create:{k: [1, 2]}}'\n" +
      "ks: ${oc.dict.keys:a}\nvs: ${oc.dict.values:a}",
  );
  assert.equal(out.sel, 9);
  assert.deepEqual(out.dec, [1, "yes", "0x10"]);
  assert.deepEqual(out.cr, { k: [1, 2] });
  assert.deepEqual(out.ks, ["x", "y"]);
  assert.deepEqual(out.vs, [1, 2]);
});

Deno.test("resolvers: oc.select's dict or list default is a plain value, its strings as written (OmegaConf 2.2; checker v30)", () => {
  // OmegaConf.to_container(resolve=True): {'e': {'k': '${x}'}, 'f': ['${x}'], 'g': [1, 'X'], 'h': 'X'}
  for (const engine of ["wasm", "ts"] as const) {
    const out = res(
      "x: X\ne: '${oc.select:nope,{k: \"\\${x}\"}}'\nf: '${oc.select:nope,[\"\\${x}\"]}'\n" +
        "g: ${oc.select:nope,[1,${x}]}\nh: ${oc.select:x,[1]}\n",
      engine,
    );
    assert.deepEqual(out.e, { k: "${x}" }, engine);
    assert.deepEqual(out.f, ["${x}"], engine);
    assert.deepEqual(out.g, [1, "X"], engine);
    assert.equal(out.h, "X", engine);
  }
});

Deno.test("resolvers: oc.deprecated warns", () => {
  const warnings: string[] = [];
  const out = resolveTree(load("new: 5\nold: ${oc.deprecated:new}"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(plain(out).old, 5);
  assert.deepEqual(warnings, [
    "UserWarning: 'old' is deprecated. Change your code and config to use 'new'",
  ]);
});

Deno.test("resolvers: registry and per-call resolvers", () => {
  registerResolver("t.add", (args) => (args as number[]).reduce((a, b) => a + b, 0), {
    replace: true,
  });
  try {
    assert.equal(res("x: ${t.add:1,2,3}").x, 6);
    const out = resolveTree(load("x: ${now:%Y}-${t.add:1,1}"), {
      resolvers: { now: (a) => `Y${a[0]}` },
    });
    assert.equal(plain(out).x, "Y%Y-2");
  } finally {
    unregisterResolver("t.add");
  }
});

Deno.test("resolveAt walks like cfg[a][b]", () => {
  const cfg = load("m: {d: 4}\nc: ${m}\nl: [5, 6]\nl2: ${l}");
  assert.deepEqual(plain(resolveAt(cfg, ["c", "d"])), 4);
  assert.deepEqual(plain(resolveAt(cfg, ["l2", 1])), 6);
});

Deno.test("errors: interpolation-key, with full key and origin", () => {
  fails(
    () => resolveTree(load("a: 1\nx: ${nope}")),
    ErrorCode.InterpolationKey,
    "x",
    /Interpolation key 'nope' not found/,
    2,
  );
});

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`errors (${engine}): oc.dict.values of a key no interpolation can name is OmegaConf's GrammarParseError at the call's key (checker v30)`, () => {
    fails(
      () => res("dct:\n  a: 1\n  'c d': 3\nvals: ${oc.dict.values:dct}\n", engine),
      ErrorCode.InterpolationResolution,
      "vals",
      /^GrammarParseError raised while resolving interpolation: token recognition error at: ' d'$/,
      4,
    );
  });
}

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`errors (${engine}): a resolver's key above the root is a ConfigKeyError it raised`, () => {
    // OmegaConf: `${..top}` is an InterpolationKeyError, `${oc.select:..top}` the
    // resolver's ConfigKeyError wrapped in an InterpolationResolutionError
    fails(
      () => res("top: 1\na: ${..top}\n", engine),
      ErrorCode.InterpolationKey,
      "a",
      /^ConfigKeyError while resolving interpolation: Error resolving key '\.\.top'$/,
    );
    for (const call of ["oc.select:..top", "oc.dict.keys:..", "oc.deprecated:..top"]) {
      fails(
        () => res(`top: 1\na: \${${call}}\n`, engine),
        ErrorCode.InterpolationResolution,
        "a",
        /^ConfigKeyError raised while resolving interpolation: Error resolving key '\.\.(top)?'$/,
      );
    }
  });
}

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`errors (${engine}): a relative key not found is named without its dots, as OmegaConf names it`, () => {
    // OmegaConf's _resolve_key_and_root strips the dots before the message is made
    fails(
      () => res("d:\n  n: ${.x}\n", engine),
      ErrorCode.InterpolationKey,
      "d.n",
      /^Interpolation key 'x' not found$/,
    );
    fails(
      () => res("d:\n  n: ${..e.y}\ne: {}\n", engine),
      ErrorCode.InterpolationKey,
      "d.n",
      /^Interpolation key 'e.y' not found$/,
    );
    fails(
      () => res("d:\n  l:\n  - x${..nope}\n", engine),
      ErrorCode.InterpolationKey,
      "d.l[0]",
      /^Interpolation key 'nope' not found$/,
    );
  });
}

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`errors (${engine}): built-in resolvers name an argument's type as Python sees it`, () => {
    const y = (call: string) => `x: {a: 1}\nl: [1]\nk: '\${${call}}'\n`;
    const type = (call: string, message: RegExp) =>
      fails(() => res(y(call), engine), ErrorCode.InterpolationResolution, "k", message);
    // os.environ[key] with a key that is not a str: a TypeError, the default unused
    type("oc.env:1", /^TypeError raised while resolving interpolation: str expected, not int$/);
    type("oc.env:true,x", /: str expected, not bool$/);
    type("oc.env:${x}", /: str expected, not DictConfig$/);
    // a list or dict written in the call is a plain list or dict; one reached by ${...} a config
    type("oc.env:[a]", /: str expected, not list$/);
    type("oc.decode:[1]", /but `\[1\]` is of type list$/);
    type("oc.decode:${l}", /but `\[1\]` is of type ListConfig$/);
    type("oc.dict.keys:{a: 1}", /obtained `\{'a': 1\}` of type: dict$/);
    type("oc.deprecated:a,[1]", /message type is not a string \(list\)$/);
  });
}

Deno.test("errors: interpolation-to-missing", () => {
  fails(
    () => resolveTree(load("a: ???\nx: ${a}")),
    ErrorCode.InterpolationToMissing,
    "x",
    /Missing mandatory value: a/,
    2,
  );
});

Deno.test("errors: interpolation-resolution, cycles name the whole cycle and origins", () => {
  const e = fails(
    () => resolveTree(load("a: ${b}\nb: ${a}")),
    ErrorCode.InterpolationResolution,
    "a",
    /a -> b -> a/,
    1,
  );
  assert.deepEqual(e.related.map((r) => r.origin.line), [1, 2]);
  fails(
    () => resolveTree(load("a:\n  b: ${a}")),
    ErrorCode.InterpolationResolution,
    "a.b",
    /parent node/,
    2,
  );
});

Deno.test("errors: unsupported-interpolation", () => {
  fails(
    () => resolveTree(load("x: ${foo:bar}")),
    ErrorCode.UnsupportedInterpolation,
    "x",
    /Unsupported interpolation type foo/,
    1,
  );
});

Deno.test("errors: missing-value via resolveAt", () => {
  fails(
    () => resolveAt(load("a: ???"), ["a"]),
    ErrorCode.MissingValue,
    "a",
    /Missing mandatory value: a/,
    1,
  );
});

Deno.test("errors: grammar at validation time", () => {
  fails(
    () => validateInterpolations(load("a: 1\nb:\n  - x: ${a")),
    ErrorCode.Grammar,
    "b[0].x",
    /no viable alternative/,
    3,
  );
  fails(
    () => validateInterpolations(load("x: '${oc.env:A,f(x)}'")),
    ErrorCode.Grammar,
    "x",
    /token recognition error/,
    1,
  );
  validateInterpolations(load("a: ${b}\nc: x${d.e[0]}"));
});

Deno.test("property: resolution does not depend on key order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(20), { minLength: 1, maxLength: 20 }),
      fc.integer(),
      (refs, seed) => {
        // k<i> is an int or refers to an earlier key; shuffle the key order
        const entries: [string, Node][] = refs.map((r, i) => [
          `k${i}`,
          i > 0 && r % 2 === 0 ? str(r % 4 === 0 ? `\${k${r % i}}` : `v_\${k${r % i}}`) : int(r),
        ]);
        const shuffled = [...entries].sort((a, b) =>
          ((a[0].length * 31 + seed) % 7) - ((b[0].length * 17 + seed) % 5)
        );
        const a = plain(resolveTree(dict(entries)));
        const b = plain(resolveTree(dict(shuffled)));
        for (const [k] of entries) assert.deepEqual(a[k], b[k]);
      },
    ),
  );
});

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`errors (${engine}): a resolver returning an ancestor is Python's RecursionError`, () => {
    fails(
      () => resolveTree(load("a: {b: '${oc.select:a}'}"), { engine }),
      ErrorCode.InterpolationResolution,
      "a.b",
      /RecursionError raised while resolving interpolation: maximum recursion depth exceeded/,
      1,
    );
    fails(
      () => resolveTree(load("a: '${oc.deprecated:.}'"), { engine, onWarning: () => {} }),
      ErrorCode.InterpolationResolution,
      "a",
      /RecursionError/,
      1,
    );
  });
}
