// register_new_resolver(..., use_cache=True): OmegaConf keeps a resolver's
// result on the root config, so every read of it gives the same value.
import assert from "node:assert/strict";
import {
  compose,
  type Config,
  createConfig,
  merge,
  registerResolver,
  resolve,
  unregisterResolver,
} from "../../../mod.ts";

Deno.test("useCache: one value per config and arguments, across reads and resolve()", () => {
  let n = 0;
  registerResolver("test.cached_seed", () => ++n, { useCache: true, replace: true });
  try {
    const cfg = createConfig({
      a: "${test.cached_seed:}",
      b: "${test.cached_seed:}",
      c: "${test.cached_seed:x}",
    });
    assert.equal(cfg.get("a"), 1);
    assert.equal(cfg.get("a"), 1);
    assert.equal(cfg.get("b"), 1);
    assert.equal(cfg.get("c"), 2);
    assert.deepEqual(resolve(cfg).toObject(), { a: 1, b: 1, c: 2 });
    assert.deepEqual(cfg.toObject(), { a: 1, b: 1, c: 2 });
    // another config has its own cache
    assert.equal(createConfig({ a: "${test.cached_seed:}" }).get("a"), 3);
  } finally {
    unregisterResolver("test.cached_seed");
  }
});

Deno.test("useCache: a composition's reads and its resolve() share one cache, as Hydra's one config", async () => {
  let n = 0;
  registerResolver("test.cached_id", () => ++n, { useCache: true, replace: true });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      "id: ${test.cached_id:}\nsame: ${test.cached_id:}\n",
    );
    const c = compose({ configDir: dir, configName: "config" });
    assert.equal(c.config.get("id"), 1);
    assert.deepEqual(c.resolve().toObject(), { id: 1, same: 1 });
    assert.deepEqual(resolve(c.config).toObject(), { id: 1, same: 1 });
  } finally {
    unregisterResolver("test.cached_id");
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without useCache a resolver runs on every read, as in OmegaConf", () => {
  let n = 0;
  registerResolver("test.uncached", () => ++n, { replace: true });
  try {
    const cfg = createConfig({ a: "${test.uncached:}" });
    assert.equal(cfg.get("a"), 1);
    assert.equal(cfg.get("a"), 2);
  } finally {
    unregisterResolver("test.uncached");
  }
});

Deno.test("toObject: a resolver that fails runs once, also when the key-order walk is replayed", () => {
  let calls = 0;
  registerResolver("test.fails", () => {
    calls++;
    throw new Error("down");
  }, { replace: true });
  try {
    // the whole resolution fails on a; finding the failure OmegaConf meets first walks again
    const cfg = createConfig({ a: "${test.fails:1}", b: 2, c: { d: "${b}" } });
    assert.throws(
      () => cfg.toObject(),
      /ValueError|Error raised while resolving interpolation: down/,
    );
    assert.equal(calls, 1);
    calls = 0;
    assert.throws(() => resolve(cfg), /down/);
    assert.equal(calls, 1);
    // a later call of the library is a new operation: the resolver runs again
    calls = 0;
    assert.throws(() => cfg.toObject(), /down/);
    assert.equal(calls, 1);
  } finally {
    unregisterResolver("test.fails");
  }
});

Deno.test("a resolver's error is named by its class, as Python names the exception's class", () => {
  class QuotaError extends Error {}
  registerResolver("test.quota", () => {
    throw new QuotaError("over quota");
  }, { replace: true });
  try {
    assert.throws(
      () => createConfig({ a: "${test.quota:}" }).get("a"),
      /^StrataError: QuotaError raised while resolving interpolation: over quota/,
    );
  } finally {
    unregisterResolver("test.quota");
  }
});

Deno.test("a resolver sees the config it resolves in: info.parent and info.root (_parent_, _root_)", () => {
  registerResolver("test.sibling", (args, info) => info.parent?.get(args[0] as string | number), {
    replace: true,
  });
  registerResolver("test.top", (_args, info) => info.root?.keys().join(","), { replace: true });
  try {
    const cfg = createConfig({
      model: { lr: 0.1, copy: "${test.sibling:lr}", keys: "${test.top:}" },
      l: [5, "${test.sibling:0}"],
    });
    // python3-omegaconf: lambda k, _parent_: _parent_[k] and lambda _root_: ",".join(_root_.keys())
    assert.deepEqual(cfg.toObject(), {
      model: { lr: 0.1, copy: 0.1, keys: "model,l" },
      l: [5, 5],
    });
    assert.equal(cfg.get("model.copy"), 0.1);
    assert.deepEqual(resolve(cfg).get<Config>("l").toObject(), [5, 5]);
  } finally {
    unregisterResolver("test.sibling");
    unregisterResolver("test.top");
  }
});

Deno.test("a built-in names a resolver's plain dict or list by Python's type (dict, list)", () => {
  registerResolver("test.mkd", () => ({ x: 1 }), { replace: true });
  try {
    // python3-omegaconf: the dict a resolver returns is a dict, not a DictConfig
    assert.throws(
      () => createConfig({ a: "${oc.dict.keys:${test.mkd:}}" }).get("a"),
      /requires a string as input, but obtained `\{'x': 1\}` of type: dict$/m,
    );
  } finally {
    unregisterResolver("test.mkd");
  }
});

Deno.test("useCache: merge and createConfig copy the first config's cache, as OmegaConf's deep copy", () => {
  // python3-omegaconf 2.2.2, a counter registered with use_cache=True: cfg.a read (1), then
  // OmegaConf.merge(cfg, {"c": 1}).a is 1; OmegaConf.merge({"x": 1}, cfg).a a new value;
  // merging a config not read yet caches apart (merged 3, cfg 4); merge(c.n, {}) reads c's
  // cache, OmegaConf.create(cfg) too, OmegaConf.create(c.n) is a new root with none
  let n = 0;
  registerResolver("test.count", () => ++n, { useCache: true, replace: true });
  try {
    const cfg = createConfig({ a: "${test.count:}", b: "${test.count:}" });
    assert.equal(cfg.get("a"), 1);
    const merged = merge(cfg, { c: 1 });
    assert.deepEqual([merged.get("a"), merged.get("b")], [1, 1]);
    assert.equal(cfg.get("a"), 1);
    assert.equal(merge({ x: 1 }, cfg).get("a"), 2);
    const unread = createConfig({ a: "${test.count:}" });
    const copy = merge(unread, { c: 1 });
    assert.deepEqual([copy.get("a"), unread.get("a")], [3, 4]);
    const c = createConfig({ n: { a: "${test.count:}" } });
    assert.equal(c.get("n.a"), 5);
    assert.equal(merge(c.get<Config>("n"), {}).get("a"), 5);
    assert.equal(merge(c, {}).get("n.a"), 5);
    assert.equal(createConfig(cfg).get("a"), 1);
    assert.equal(createConfig(c.get<Config>("n")).get("a"), 6);
  } finally {
    unregisterResolver("test.count");
  }
});
