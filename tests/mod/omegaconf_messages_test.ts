/**
 * The library's errors in OmegaConf 2.2.2's words (each message below is what
 * python3-omegaconf raised for the same call): to_container/to_object's
 * MissingMandatoryValue names the key (the full key apart), OmegaConf.merge's
 * ValueErrors for a None, a scalar or a YAML string, a user resolver's exception wrapped as
 * "X raised while resolving interpolation: ...", and an unclosed `${b:`.
 */

import assert from "node:assert/strict";
import {
  type Config,
  createConfig,
  ErrorCode,
  isInterpolation,
  isStrataError,
  merge,
  registerResolver,
  resolve,
  StrataError,
  toObject,
  toYaml,
  unregisterResolver,
  update,
} from "../../mod.ts";

function thrown(f: () => unknown): StrataError {
  try {
    f();
  } catch (e) {
    if (isStrataError(e)) return e;
    throw e;
  }
  throw new Error("expected a StrataError");
}

const failure = (f: () => unknown) => {
  const e = thrown(f);
  return { code: e.code, message: e.message, fullKey: e.fullKey };
};

Deno.test("toObject with throwOnMissing: 'Missing mandatory value: <key>', as to_container(throw_on_missing=True)", () => {
  const missing = (key: string, fullKey: string) => ({
    code: ErrorCode.MissingValue,
    message: `Missing mandatory value: ${key}`,
    fullKey,
  });
  const opts = { throwOnMissing: true };
  assert.deepEqual(failure(() => toObject(createConfig({ a: "???" }), opts)), missing("a", "a"));
  assert.deepEqual(
    failure(() => toObject(createConfig({ n: { b: "???" } }), opts)),
    missing("b", "n.b"),
  );
  assert.deepEqual(
    failure(() => toObject(createConfig({ l: [1, "???"] }), opts)),
    missing("1", "l[1]"),
  );
  const nested = createConfig({ nl: { l: ["???"] } });
  assert.deepEqual(failure(() => nested.toObject()), missing("0", "nl.l[0]"));
  assert.deepEqual(failure(() => toObject(nested.get("nl"), opts)), missing("0", "nl.l[0]"));
  assert.deepEqual(
    failure(() => toObject(createConfig({ i: "${m}", m: "???" }), { ...opts, resolve: false })),
    missing("m", "m"),
  );
});

Deno.test("merge with a null or a scalar: OmegaConf.merge's ValueError", () => {
  const invalid =
    "Invalid input. Supports one of [dict,list,DictConfig,ListConfig,dataclass,dataclass instance,attr class,attr class instance]";
  const cfg = createConfig({ a: 1 });
  const value = (message: string) => ({ code: ErrorCode.Value, message, fullKey: "" });
  assert.deepEqual(
    failure(() => merge(cfg, null as never)),
    value("Cannot merge with a None config"),
  );
  assert.deepEqual(
    failure(() => merge(cfg, null as never, { b: 2 })),
    value("Cannot merge with a None config"),
  );
  assert.deepEqual(
    failure(() => merge({ a: 1 }, null as never)),
    value("Cannot merge with a None config"),
  );
  assert.deepEqual(failure(() => merge(null as never, cfg)), value(invalid));
  assert.deepEqual(failure(() => merge(cfg, 1 as never)), value(invalid));
  assert.deepEqual(failure(() => merge(cfg, true as never)), value(invalid));
  assert.deepEqual(failure(() => merge(cfg, 1.5 as never)), value(invalid));
  assert.equal(cfg.get("a"), 1);
});

Deno.test("merge with a YAML string: OmegaConf.merge's ValueError (it reads no text, createConfig does)", () => {
  const invalid =
    "Invalid input. Supports one of [dict,list,DictConfig,ListConfig,dataclass,dataclass instance,attr class,attr class instance]";
  const cfg = createConfig({ a: 1 });
  const value = { code: ErrorCode.Value, message: invalid, fullKey: "" };
  assert.deepEqual(failure(() => merge(cfg, "b: 2" as never)), value);
  assert.deepEqual(failure(() => merge("a: 1" as never, cfg)), value);
  assert.deepEqual(failure(() => merge("a: 1" as never)), value);
  assert.deepEqual(failure(() => merge(cfg, "" as never)), value);
  assert.deepEqual(failure(() => merge(createConfig([1]), "[2]" as never)), value);
  const nested = createConfig({ m: { a: 1 } }).get("m") as ReturnType<typeof createConfig>;
  assert.deepEqual(failure(() => merge(nested, "x: 1" as never)), value);
  assert.equal(merge(cfg, createConfig("b: 2")).get("b"), 2);
});

Deno.test("a resolver's exception: 'X raised while resolving interpolation: message', whatever it threw", () => {
  class QuotaError extends Error {}
  const cases: [() => never, string][] = [
    [() => {
      throw new RangeError("bad q");
    }, "RangeError raised while resolving interpolation: bad q"],
    [() => {
      throw new QuotaError("quota");
    }, "QuotaError raised while resolving interpolation: quota"],
    [() => {
      throw new StrataError(ErrorCode.Value, "custom", { fullKey: "" });
    }, "ValueError raised while resolving interpolation: custom"],
    [() => {
      throw "plain";
    }, "Error raised while resolving interpolation: plain"],
    // a value with no string form is named by its tag, not a TypeError from the report
    [() => {
      throw Object.create(null);
    }, "Error raised while resolving interpolation: [object Object]"],
  ];
  for (const [boom, message] of cases) {
    const cfg = createConfig({ n: { a: "x${boom:q}" } });
    assert.deepEqual(
      failure(() => resolve(cfg, { resolvers: { boom } })),
      { code: ErrorCode.InterpolationResolution, message, fullKey: "n.a" },
    );
    registerResolver("test.boom", boom);
    try {
      assert.deepEqual(
        failure(() => createConfig({ a: "${test.boom:}" }).get("a")),
        { code: ErrorCode.InterpolationResolution, message, fullKey: "a" },
      );
    } finally {
      unregisterResolver("test.boom");
    }
  }
});

Deno.test("an unclosed ${b: is OmegaConf's GrammarParseError text", () => {
  const expecting =
    "{INTER_OPEN, BRACE_OPEN, BRACE_CLOSE, QUOTE_OPEN_SINGLE, QUOTE_OPEN_DOUBLE, COMMA, BRACKET_OPEN, COLON, FLOAT, INT, BOOL, NULL, UNQUOTED_CHAR, ID, ESC, WS}";
  for (const text of ["${b:", "x${b:", "${b: "]) {
    assert.deepEqual(failure(() => createConfig({ a: text })), {
      code: ErrorCode.Grammar,
      message: `mismatched input '<EOF>' expecting ${expecting}`,
      fullKey: "a",
    });
  }
  assert.equal(
    failure(() => createConfig({ a: "${b:x" })).message,
    "missing BRACE_CLOSE at '<EOF>'",
  );
});

Deno.test("pop of an absent key below the root names its path, as DictConfig.pop does", () => {
  // python3-omegaconf: c.a.pop("zz") -> "Key not found: 'zz' (path: 'a.zz')"; c.pop("zz") -> no path
  const nested = thrown(() => createConfig({ a: { b: 1 } }).pop("a.zz"));
  assert.equal(nested.code, ErrorCode.Key);
  assert.equal(nested.message, "Key not found: 'zz' (path: 'a.zz')");
  assert.equal(nested.fullKey, "a.zz");
  assert.equal(
    thrown(() => createConfig({ a: { b: 1 } }).pop("zz")).message,
    "Key not found: 'zz'",
  );
});

Deno.test("update of a nested key with a list onto a mapping says the key, not 'the root'", () => {
  // OmegaConf: "Cannot merge DictConfig with ListConfig" (full_key x.y); strata says where
  const e = thrown(() => update(createConfig({ x: { y: { z: 1 } } }), "x.y", [1]));
  assert.equal(e.code, ErrorCode.Type);
  assert.match(
    e.message,
    /^Cannot merge DictConfig with ListConfig at 'x\.y' \(a list onto a mapping\)/,
  );
  assert.equal(e.fullKey, "x.y");
});

Deno.test("deleting a list index out of range is Python's list message, as ListConfig.__delitem__ raises it", () => {
  // python3-omegaconf: del c.l[5] -> IndexError "list assignment index out of range"
  const e = thrown(() => createConfig({ l: [1] }).get<Config>("l").delete(5));
  assert.equal(e.code, ErrorCode.Index);
  assert.equal(e.message, "list assignment index out of range");
  // reading or setting it stays ListConfig's own "list index out of range"
  assert.equal(
    thrown(() => createConfig({ l: [1] }).get("l[5]")).message.split("\n")[0],
    "list index out of range",
  );
});

Deno.test("iterating a list with a ??? item says ListConfig's 'Missing value at index N'", () => {
  // python3-omegaconf: list(c.l) -> MissingMandatoryValue "Missing value at index 1"; c.l[1] and a
  // dict's items() say "Missing mandatory value: l[1]" / "d.a"
  const cfg = createConfig({ l: [1, "???"], d: { a: "???" } });
  const e = thrown(() => [...cfg.get<Config>("l")]);
  assert.equal(e.code, ErrorCode.MissingValue);
  assert.equal(e.message, "Missing value at index 1");
  assert.equal(e.fullKey, "l[1]");
  assert.equal(thrown(() => cfg.get("l[1]")).message, "Missing mandatory value: l[1]");
  assert.equal(thrown(() => [...cfg.get<Config>("d")]).message, "Missing mandatory value: d.a");
});

Deno.test("oc.create of a plain dict or list (oc.decode's, a resolver's) makes a config, as OmegaConf.create does", () => {
  // custom_resolvers.rst: ${oc.create:${oc.decode:${oc.env:MODEL}}} -> cfg.model.layer_size is
  // ListConfig [100, 200]; python3-omegaconf reads l[1].a = 2 and s.a = 5 below too
  registerResolver("min_max_w6", (args: unknown[]) => ({ min: Math.min(...(args as number[])) }));
  try {
    const cfg = createConfig({
      model: "${oc.create:${oc.decode:'{name: m, layer_size: [100, 200]}'}}",
      l: "${oc.create:${oc.decode:'[1, {a: 2}]'}}",
      s: "${oc.create:${oc.decode:'{a: ${x}}'}}",
      r: "${oc.create:${min_max_w6:3,4}}",
      x: 5,
    });
    assert.equal(cfg.get("model.layer_size[1]"), 200);
    assert.equal(cfg.get("l[1].a"), 2);
    assert.equal(cfg.get("s.a"), 5);
    assert.equal(cfg.get("r.min"), 3);
  } finally {
    unregisterResolver("min_max_w6");
  }
});

Deno.test("oc.dict.values gives its ListConfig as OmegaConf does: interpolations, read when read", () => {
  // usage.rst: cfg.ips is ListConfig ['${workers.node3}', '${workers.node7}'], "dynamically
  // fetched through interpolations"; python3-omegaconf checked each line below
  const cfg = createConfig({
    workers: { node3: "10.0.0.2", node7: "10.0.0.9" },
    ips: "${oc.dict.values: workers}",
  });
  const ips = cfg.get<Config>("ips");
  assert.equal(toYaml(ips), "- ${workers.node3}\n- ${workers.node7}\n");
  assert.equal(isInterpolation(ips, 0), true);
  assert.equal(ips.get(1), "10.0.0.9");
  cfg.set("workers.node3", "CHANGED");
  assert.equal(ips.get(0), "CHANGED");
  assert.deepEqual([...ips].map(([, v]) => v), ["CHANGED", "10.0.0.9"]);
});
