// oc.deprecated names the key its target is at as OmegaConf's select_node gives it
// (`target_node._get_full_key`): a resolver's value is wrapped at the key holding the call,
// a config node a resolver makes is a root of its own. Expected warnings and errors from
// python3-omegaconf 2.2.2 (OmegaConf.select(cfg, key) with warnings recorded).
import assert from "node:assert/strict";
import { createConfig, registerResolver, unregisterResolver } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { resolveTree } from "../../../core/resolve/mod.ts";
import { forgetSaidWarnings } from "../../../core/resolve/warning_sink.ts";

const use = (key: string, old = "r") =>
  `UserWarning: '${old}' is deprecated. Change your code and config to use '${key}'`;

/**
 * The warnings reading `key` of `data` emits (a library read warns on console.warn, each
 * message once: forgotten first, as each case is a program of its own).
 */
function warningsOf(data: Record<string, unknown>, key = "r"): string[] {
  forgetSaidWarnings();
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (w: unknown) => seen.push(String(w));
  try {
    createConfig(data as never).get(key);
  } finally {
    console.warn = warn;
  }
  return seen;
}

Deno.test("oc.deprecated: NEW_KEY for every shape of target, as OmegaConf names it", () => {
  registerResolver("test.dep_one", () => 1, { replace: true });
  registerResolver("test.dep_dict", () => ({ q: 1 }), { replace: true });
  try {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ a: "${oc.env:HOME}", r: "${oc.deprecated:a}" }, "a"],
      [{ a: "${test.dep_one:}", r: "${oc.deprecated:a}" }, "a"],
      [{ l: ["${test.dep_one:}"], r: "${oc.deprecated:l.0}" }, "l[0]"],
      [{ a: "${test.dep_dict:}", r: "${oc.deprecated:a}" }, "a"],
      [{ a: "${oc.decode:'{q: 1}'}", r: "${oc.deprecated:a}" }, "a"],
      [{ b: 1, a: "${oc.select:b}", r: "${oc.deprecated:a}" }, "a"],
      [{ a: "${oc.select:zz,5}", r: "${oc.deprecated:a}" }, "a"],
      [{ d: { x: "${oc.env:HOME}", r: "${oc.deprecated:.x}" } }, "d.x", "d.r"],
      [{ c: "${oc.env:HOME}", a: "${c}", r: "${oc.deprecated:a}" }, "c"],
      [{ d: { x: "${oc.env:HOME}" }, a: "${d}", r: "${oc.deprecated:a.x}" }, "d.x"],
      [{ a: "${b}", b: 1, r: "${oc.deprecated:a}" }, "b"],
      [{ a: "x${b}", b: 1, r: "${oc.deprecated:a}" }, "a"],
      [{ a: "???", r: "${oc.deprecated:a}" }, "a"],
      [{ d: { x: 1 }, r: "${oc.deprecated:d}" }, "d"],
      [{ a: "${d}", d: { q: 1 }, r: "${oc.deprecated:a.q}" }, "d.q"],
      [{ d: { x: "${oc.create:{q: 1}}" }, r: "${oc.deprecated:d.x}" }, ""],
      [{ a: "${oc.create:{q: '${oc.env:HOME}'}}", r: "${oc.deprecated:a.q}" }, "q"],
      [{ a: "${oc.dict.values:d}", d: { q: 1 }, r: "${oc.deprecated:a}" }, ""],
      [{ a: "${oc.dict.values:d}", d: { q: 1 }, r: "${oc.deprecated:a.0}" }, "d.q"],
      [{ a: "${oc.dict.keys:d}", d: { q: 1 }, r: "${oc.deprecated:a.0}" }, "[0]"],
    ];
    for (const [data, key, old] of cases) {
      assert.deepEqual(warningsOf(data, old), [use(key, old)], JSON.stringify(data));
    }
    // a message of one's own gets the same keys
    assert.deepEqual(
      warningsOf({ a: "${oc.env:HOME}", r: "${oc.deprecated:a,'$OLD_KEY -> $NEW_KEY'}" }),
      ["UserWarning: r -> a"],
    );
  } finally {
    unregisterResolver("test.dep_one");
    unregisterResolver("test.dep_dict");
  }
});

Deno.test("oc.deprecated: a scalar, null or ??? on the way is 'Key not found', as select_node's None", () => {
  registerResolver("test.dep_dict", () => ({ q: 1 }), { replace: true });
  try {
    for (
      const [data, key] of [
        [{ d: "???" }, "d.x"],
        [{ d: 1 }, "d.x"],
        [{ d: null }, "d.x"],
        [{ l: [1] }, "l.5"],
        [{ a: "${test.dep_dict:}" }, "a.q"],
        [{ a: "${oc.decode:'{q: 1}'}" }, "a.q"],
      ] as const
    ) {
      const cfg = createConfig({ ...data, r: `\${oc.deprecated:${key}}` } as never);
      const e = thrown(() => cfg.get("r"));
      assert.equal(e.code, "interpolation-resolution");
      assert.equal(
        e.message,
        `ConfigKeyError raised while resolving interpolation: In oc.deprecated resolver at 'r': Key not found: '${key}'`,
      );
    }
  } finally {
    unregisterResolver("test.dep_dict");
  }
});

for (const engine of ["wasm", "ts"] as const) {
  Deno.test(`oc.deprecated (${engine}): a resolver call's target named by its key in a whole resolution`, () => {
    const warnings: string[] = [];
    const tree = loadYaml(
      "a: ${oc.env:HOME}\nb: ${oc.select:a}\nr: ${oc.deprecated:a}\ns: ${oc.deprecated:b}\n",
    );
    resolveTree(tree, { engine, onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, [use("a"), use("b", "s")]);
  });
}

Deno.test("oc.deprecated: a library program is told of a deprecated key once, as Python's warnings filter says it (checker x27)", () => {
  forgetSaidWarnings();
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (w: unknown) => seen.push(String(w));
  try {
    const cfg = createConfig({ a: 1, r: "${oc.deprecated:a}", s: "${r}", t: "x${r}" });
    cfg.get("r");
    cfg.toObject();
    cfg.toObject();
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(seen, [use("a")]);
});
