/**
 * Library misuse gets a StrataError with a code, never a raw TypeError (report_library): `append`
 * or `insert` on the root dict, `toObject` of an object that only looks like a Standard Schema,
 * `merge` given `undefined` (JavaScript's None: refused as OmegaConf refuses None).
 */
import assert from "node:assert/strict";
import {
  compose,
  type Config,
  createConfig,
  ErrorCode,
  expandSweep,
  merge,
  resolve,
  StrataError,
  toJson,
  toYaml,
  update,
  validate,
} from "../../../mod.ts";

const isCode = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof StrataError && e.code === code && message.test(e.message);

Deno.test("append and insert on a root dict: type errors, as on a nested dict", () => {
  const cfg = createConfig({ a: 1, g: { x: 1 } });
  assert.throws(() => cfg.append(1), isCode("type", /^append needs a ListConfig$/));
  assert.throws(() => cfg.insert(0, 1), isCode("type", /^insert needs a ListConfig$/));
  assert.throws(
    () => (cfg.get("g") as Config).append(1),
    isCode("type", /^append needs a ListConfig$/),
  );
});

Deno.test("toObject of an object that is no Standard Schema: usage", () => {
  const cfg = createConfig({ a: 1 });
  const fake = { "~standard": {} } as never;
  assert.throws(() => cfg.toObject(fake), isCode("usage", /has no validate function/));
});

Deno.test("merge with undefined is refused as OmegaConf refuses None", () => {
  const cfg = createConfig({ a: 1 });
  assert.throws(
    () => merge(cfg, undefined as never),
    isCode("value", /^Cannot merge with an undefined config$/),
  );
  assert.throws(() => merge(undefined as never, cfg), isCode("value", /^Invalid input/));
  assert.throws(
    () => merge(cfg, null as never),
    isCode("value", /^Cannot merge with a None config$/),
  );
});

Deno.test("compose, expandSweep and validate refuse an option they do not know, with did-you-mean (checker w25: `overides` was ignored)", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/config.yaml`, "lr: 0.001\n");
  try {
    const typo = { configDir: dir, configName: "config", overides: ["lr=0.5"] };
    const unknown = (fn: string, name: string, near: string) => (e: unknown) =>
      e instanceof StrataError && e.code === "usage" &&
      e.message === `${fn}: unknown option '${name}'` && e.suggestions[0] === near;
    assert.throws(() => compose(typo as never), unknown("compose", "overides", "overrides"));
    assert.throws(
      () => expandSweep(typo as never),
      unknown("expandSweep", "overides", "overrides"),
    );
    await assert.rejects(validate(typo as never), unknown("validate", "overides", "overrides"));
    // Hydra's spelling, from JSON: no empty config returned silently
    const hydra = JSON.parse(`{"configDir": ${JSON.stringify(dir)}, "config_name": "config"}`);
    assert.throws(() => compose(hydra), unknown("compose", "config_name", "configName"));
    // the options each takes still work
    assert.equal(
      compose({ configDir: dir, configName: "config", overrides: ["lr=0.5"] }).config.get("lr"),
      0.5,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("library: a misspelt option of toYaml, toJson, resolve, select or update is refused with did-you-mean, not ignored (checker w38)", () => {
  const c = createConfig({ b: 1, a: "${b}" });
  const refused: [() => unknown, RegExp, string[]][] = [
    [() => toYaml(c, { sort_keys: true } as never), /^toYaml: unknown option 'sort_keys'$/, [
      "sortKeys",
    ]],
    [() => resolve(c, { resolverz: {} } as never), /^resolve: unknown option 'resolverz'$/, [
      "resolvers",
    ]],
    [() => c.select("zz", { defualt: 5 } as never), /^select: unknown option 'defualt'$/, [
      "default",
    ]],
    [
      () => update(c, "b", 2, { force_add: true } as never),
      /^update: unknown option 'force_add'$/,
      ["forceAdd"],
    ],
    [
      () => toJson(c, { resolve: true } as never),
      /^toJson: indent must be a number, not an object \(to resolve first: toJson\(resolve\(cfg\)\)\)$/,
      [],
    ],
  ];
  for (const [call, message, suggestions] of refused) {
    assert.throws(call, (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.code, ErrorCode.Usage);
      assert.match(e.message, message);
      assert.deepEqual(e.suggestions, suggestions);
      return true;
    });
  }
  // the right spellings work
  assert.equal(toYaml(c, { sortKeys: true }), "a: ${b}\nb: 1\n");
  assert.equal(toJson(resolve(c)), '{"b": 1, "a": 1}');
  assert.equal(c.select("zz", { default: 5 }), 5);
});
