import assert from "node:assert/strict";
import { sweeperSettings } from "../../../core/sweep/master.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import type { StrataError } from "../../../core/errors.ts";

const FILE = "conf/hydra_node.yaml";

Deno.test("sweeperSettings: Hydra's defaults when the hydra node says nothing", () => {
  assert.deepEqual(sweeperSettings(loadYaml("{}")), {
    params: [],
    maxBatchSize: null,
    dirname: { kvSep: "=", itemSep: ",", excludeKeys: [] },
  });
});

Deno.test("sweeperSettings: params become override strings as Python's str() writes values", () => {
  const hydra = loadYaml(
    "sweeper:\n  params:\n    db: glob(*)\n    lr: 1e-3\n    flag: true\n    n: 5\n  max_batch_size: 4\n",
    { file: FILE },
  );
  const s = sweeperSettings(hydra);
  assert.deepEqual(s.params.map((p) => p.text), ["db=glob(*)", "lr=0.001", "flag=True", "n=5"]);
  assert.equal(s.params[0].origin?.file, FILE);
  assert.equal(s.maxBatchSize, 4);
});

Deno.test("sweeperSettings: max_batch_size -1 means one batch", () => {
  assert.equal(sweeperSettings(loadYaml("sweeper: {max_batch_size: -1}")).maxBatchSize, null);
});

Deno.test('sweeperSettings: a list or dict param is one value, Python\'s str() of it, as BasicSweeper writes f"{k}={v}"', () => {
  const hydra = loadYaml("sweeper:\n  params:\n    db: [a, 0.5, true, null]\n    o: {k: 1}\n", {
    file: FILE,
  });
  const params = sweeperSettings(hydra).params;
  assert.deepEqual(params.map((p) => p.text), [
    "db=['a', 0.5, True, None]",
    "o={'k': 1}",
  ]);
  assert.equal(params[0].origin?.line, 3);
});

Deno.test("sweeperSettings: a bad max_batch_size is a validation error at its position", () => {
  const hydra = loadYaml("sweeper:\n  max_batch_size: 0\n", { file: FILE });
  assert.throws(() => sweeperSettings(hydra), (e: StrataError) => {
    assert.equal(e.code, "validation");
    assert.equal(e.message, "hydra.sweeper.max_batch_size must be a positive int, got 0");
    assert.equal(e.fullKey, "hydra.sweeper.max_batch_size");
    assert.equal(e.origin?.file, FILE);
    assert.equal(e.origin?.line, 2);
    return true;
  });
});

Deno.test("sweeperSettings: override_dirname settings", () => {
  const hydra = loadYaml(
    "job: {config: {override_dirname: {kv_sep: ':', item_sep: '__', exclude_keys: [seed]}}}",
  );
  assert.deepEqual(sweeperSettings(hydra).dirname, {
    kvSep: ":",
    itemSep: "__",
    excludeKeys: ["seed"],
  });
});

Deno.test("sweeperSettings: a null param is a validation error (Dict[str, str] is not Optional)", () => {
  const hydra = loadYaml("sweeper:\n  params:\n    db: a,b\n    seed: null\n", { file: FILE });
  assert.throws(() => sweeperSettings(hydra), (e: StrataError) => {
    assert.equal(e.code, "validation");
    assert.equal(e.message, "field 'hydra.sweeper.params.seed' is not Optional");
    assert.equal(e.fullKey, "hydra.sweeper.params.seed");
    assert.equal(e.origin?.line, 4);
    return true;
  });
});
