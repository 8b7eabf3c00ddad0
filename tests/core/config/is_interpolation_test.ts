// isInterpolation(cfg, key) against OmegaConf.is_interpolation(cfg, key)
// (expected values and errors from python3-omegaconf 2.2.2).
import assert from "node:assert/strict";
import { type Config, createConfig, ErrorCode, isInterpolation } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

Deno.test("isInterpolation: the key holds an interpolation as written (is_interpolation)", () => {
  const c = createConfig({
    a: "${b}",
    b: { x: 1 },
    s: "x${b.x}",
    e: "\\${b}",
    d: "$${b}",
    r: "${oc.env:HOME}",
    n: { i: "${b.x}", l: [1, "${b.x}"] },
    m: "???",
    p: 1,
    nn: null,
    t: "x$",
  });
  // a node interpolation, a string interpolation, a resolver: True
  for (const k of ["a", "s", "r"]) assert.equal(isInterpolation(c, k), true, k);
  // escaped `\${` and `$${` are still strings OmegaConf parses: True, as is_interpolation says
  assert.equal(isInterpolation(c, "e"), true);
  assert.equal(isInterpolation(c, "d"), true);
  // a container, ???, a number, null, a lone `$`, an absent key: False
  for (const k of ["n", "b", "m", "p", "nn", "t", "zzz"]) {
    assert.equal(isInterpolation(c, k), false, k);
  }
  assert.equal(isInterpolation(c, ""), false, "the view itself (is_interpolation(cfg))");
  // a dotted path reads as is_interpolation(cfg.n, "i"), as isMissing reads one
  assert.equal(isInterpolation(c, "n.i"), true);
  assert.equal(isInterpolation(c.get<Config>("n"), "i"), true);
  assert.equal(isInterpolation(c, "n.l[1]"), true);
  assert.equal(isInterpolation(c.get<Config>("n.l"), 1), true);
  assert.equal(isInterpolation(c.get<Config>("n.l"), -1), true);
  assert.equal(isInterpolation(c.get<Config>("n.l"), 0), false);
  // through a node interpolation: is_interpolation(cfg.a, "x") reads b's x
  assert.equal(isInterpolation(c, "a.x"), false);
  assert.equal(isInterpolation(createConfig({ a: "${b}", b: { x: "${q}" }, q: 1 }), "a.x"), true);
});

Deno.test("isInterpolation: an index out of range, a key a list does not take, an absent key in struct mode fail as in OmegaConf", () => {
  const c = createConfig({ l: [1, "${a}"], a: 2, d: { y: 1 } });
  let e = thrown(() => isInterpolation(c.get<Config>("l"), -3));
  assert.equal(e.code, ErrorCode.Index);
  assert.equal(e.message, "list index out of range");
  assert.equal(e.fullKey, "l[-3]");
  e = thrown(() => isInterpolation(c, "l.x"));
  assert.equal(e.code, ErrorCode.KeyValidation);
  c.struct = true;
  e = thrown(() => isInterpolation(c, "zz"));
  assert.equal(e.code, ErrorCode.Attribute);
  assert.equal(e.message, "Key 'zz' is not in struct");
  e = thrown(() => isInterpolation(c, "d.zz"));
  assert.equal(e.message, "Key 'zz' is not in struct");
  assert.equal(e.fullKey, "d.zz");
});
