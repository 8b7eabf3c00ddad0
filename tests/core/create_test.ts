import assert from "node:assert/strict";
import { create, PyFloat } from "../../core/create.ts";
import { ErrorCode, StrataError } from "../../core/errors.ts";
import { toYaml } from "../../core/yaml/emit.ts";

Deno.test("create: plain data keeps int vs float, ??? is missing, Maps allow non-string keys", () => {
  const cfg = create({ lr: 3e-4, epochs: 3, scale: new PyFloat(1), m: "???", l: [1, null] });
  assert.equal(toYaml(cfg), "lr: 0.0003\nepochs: 3\nscale: 1.0\nm: ???\nl:\n- 1\n- null\n");
  const keyed = create(new Map<number, string>([[1, "one"]]));
  assert.equal(toYaml(keyed), "1: one\n");
});

Deno.test("create: YAML text goes through the loader", () => {
  assert.equal(toYaml(create("a: 1\nb: ${a}")), "a: 1\nb: ${a}\n");
});

Deno.test("create: a malformed interpolation fails at creation with its full key", () => {
  assert.throws(() => create({ model: { dim: "${oops" } }), (e: unknown) => {
    assert.ok(e instanceof StrataError);
    assert.equal(e.code, ErrorCode.Grammar);
    assert.equal(e.fullKey, "model.dim");
    return true;
  });
});

Deno.test("create: a scalar is not a config", () => {
  assert.throws(() => create(5 as never), (e: unknown) => {
    assert.ok(e instanceof StrataError);
    assert.equal(e.code, ErrorCode.YamlNotAConfig);
    return true;
  });
});

Deno.test("create: a hole in a JS array is a null item; the items after it keep their indexes", () => {
  // deno-lint-ignore no-sparse-arrays
  assert.equal(toYaml(create({ a: [1, , 3] })), "a:\n- 1\n- null\n- 3\n");
});

Deno.test("create: a None (null) key is refused, as OmegaConf refuses it (KeyValidationError)", () => {
  assert.throws(
    () => create(new Map([[null, "n"]]) as never),
    (e: unknown) =>
      e instanceof StrataError && e.code === ErrorCode.KeyValidation &&
      e.message === "Incompatible key type 'NoneType'",
  );
});

Deno.test("create: keys Python takes for one (1, then true) keep the first key and the last value", () => {
  assert.equal(
    toYaml(create(new Map<unknown, string>([[1, "i"], [true, "b"]]) as never)),
    "1: b\n",
  );
});
