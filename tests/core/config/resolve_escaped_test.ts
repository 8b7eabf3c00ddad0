/**
 * An escaped interpolation through `resolve(cfg)`, as python3-omegaconf
 * 2.2.2's OmegaConf.resolve does it: `v: \${x}` is set to the text `${x}`,
 * which is an interpolation again, so reading `v` afterwards gives x's value,
 * to_yaml writes `${x}`, and a second resolve sets it to that value
 * (`cfg.v` → 1, to_yaml → `v: ${x}`, resolve again → `v: 1`). A value whose
 * text is then a broken `${` (`\${x` gives `${x`) is the GrammarParseError
 * OmegaConf.resolve raises as it sets it ("no viable alternative at input '${x'").
 */

import assert from "node:assert/strict";
import { createConfig, isStrataError, resolve, toObject, toYaml } from "../../../mod.ts";

Deno.test("resolve: an escaped interpolation becomes one, as OmegaConf.resolve leaves it", () => {
  const cfg = createConfig({ x: 1, v: "\\${x}", w: "a\\${x}b", n: { q: "\\${x}" }, l: ["\\${x}"] });
  assert.equal(cfg.get("v"), "${x}");
  const once = resolve(cfg);
  assert.equal(once.get("v"), 1);
  assert.equal(once.get("w"), "a1b");
  assert.equal(toYaml(once), "x: 1\nv: ${x}\nw: a${x}b\n'n':\n  q: ${x}\nl:\n- ${x}\n");
  assert.equal(toYaml(once, { resolve: true }), "x: 1\nv: 1\nw: a1b\n'n':\n  q: 1\nl:\n- 1\n");
  assert.deepEqual(toObject(once, { resolve: false }), {
    x: 1,
    v: "${x}",
    w: "a${x}b",
    n: { q: "${x}" },
    l: ["${x}"],
  });
  const twice = resolve(once);
  assert.deepEqual(toObject(twice, { resolve: false }), {
    x: 1,
    v: 1,
    w: "a1b",
    n: { q: 1 },
    l: [1],
  });
  // the config resolved is not changed
  assert.equal(toYaml(cfg).includes("v: \\${x}"), true);
});

Deno.test("resolve: a value that resolves to a broken ${ is OmegaConf.resolve's GrammarParseError", () => {
  const failure = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (isStrataError(e)) return { code: e.code, message: e.message, fullKey: e.fullKey };
      throw e;
    }
    return undefined;
  };
  const grammar = (fullKey: string) => ({
    code: "grammar",
    message: "no viable alternative at input '${x'",
    fullKey,
  });
  assert.deepEqual(failure(() => resolve(createConfig({ x: 1, d: "\\${x" }))), grammar("d"));
  assert.deepEqual(failure(() => resolve(createConfig({ l: [1, "\\${x"] }))), grammar("l[1]"));
  const nested = createConfig({ n: { d: "\\${x", r: "${.d}" } });
  assert.deepEqual(failure(() => resolve(nested)), grammar("n.d"));
  assert.deepEqual(failure(() => resolve(nested.get("n"))), grammar("n.d"));
  // reading it, or to_yaml(resolve=True) (to_container), sets nothing: the text as it is
  assert.equal(nested.get("n.d"), "${x");
  assert.equal(toYaml(nested, { resolve: true }), "'n':\n  d: ${x\n  r: ${x\n");
});

Deno.test("resolve: a value printing a container reads it as the walk in key order left it (checker v32)", () => {
  const cfg = createConfig({
    model: { dim: 128, layers: ["${model.dim}"] },
    tag: "mlp_${model.layers}",
  });
  assert.equal(resolve(cfg).get("tag"), "mlp_[128]");
  const before = createConfig({
    tag: "mlp_${model.layers}",
    model: { dim: 128, layers: ["${model.dim}"] },
  });
  // set to text holding `${`, it is an interpolation again: read, it resolves (python: 'mlp_['128']')
  assert.equal(resolve(before).get("tag"), "mlp_['128']");
  assert.match(toYaml(resolve(before)), /^tag: mlp_\['\$\{model\.dim\}'\]\n/);
  assert.throws(
    () => resolve(createConfig({ a: "\\${x}", b: "${a}" })),
    (e) => isStrataError(e) && e.message === "Interpolation key 'x' not found",
  );
});
