// del, pop, append and insert on the Config view, as on OmegaConf's DictConfig and ListConfig
// (expected values and messages from python3-omegaconf 2.2).
import assert from "node:assert/strict";
import { type Config, createConfig, ErrorCode } from "../../../mod.ts";
import { thrown } from "../../_errors.ts";

const make = () => createConfig({ l: [1, 2, 3], d: { a: 1, b: "${d.a}", m: "???" } });

Deno.test("delete: a key of a dict, an item of a list (later items move up)", () => {
  const cfg = make();
  cfg.delete("d.a");
  assert.deepEqual(cfg.get<Config>("d").keys(), ["b", "m"]);
  cfg.get<Config>("l").delete(0);
  assert.deepEqual(cfg.get<Config>("l").toObject(), [2, 3]);
  cfg.delete("l[1]");
  assert.deepEqual(cfg.get<Config>("l").toObject(), [2]);
  const absent = thrown(() => cfg.delete("d.zz"));
  assert.equal(absent.code, ErrorCode.Key);
  assert.equal(absent.fullKey, "d.zz");
  assert.equal(thrown(() => cfg.delete("")).code, ErrorCode.Key, "the root has no parent");
});

Deno.test("delete: struct mode refuses a dict's key, readonly everything", () => {
  const cfg = make();
  cfg.struct = true;
  const e = thrown(() => cfg.delete("d.a"));
  assert.equal(e.code, ErrorCode.Type);
  assert.match(e.message, /DictConfig in struct mode does not support deletion/);
  cfg.struct = false;
  cfg.readonly = true;
  assert.equal(thrown(() => cfg.delete("l[0]")).code, ErrorCode.Readonly);
});

Deno.test("pop: the resolved value, removed; a default for an absent key or ???", () => {
  const cfg = make();
  assert.equal(cfg.pop("d.b"), 1, "an interpolation is resolved");
  assert.equal(cfg.pop("d.zz", { default: 5 }), 5);
  assert.equal(cfg.pop("d.m", { default: 0 }), 0);
  const missing = thrown(() => make().pop("d.m"));
  assert.equal(missing.code, ErrorCode.MissingValue);
  const absent = thrown(() => cfg.pop("d.zz"));
  assert.equal(absent.code, ErrorCode.Key);
  assert.match(absent.message, /Key not found: 'zz'/);
  assert.equal(cfg.pop("l[0]"), 1);
  const d = cfg.pop<Config>("d");
  assert.deepEqual(d.toObject(), { a: 1 }, "a container comes back as a config of its own");
  assert.deepEqual(cfg.keys(), ["l"]);
});

Deno.test("append and insert: values, configs and dicts with interpolations into a list", () => {
  const cfg = make();
  const l = cfg.get<Config>("l");
  l.append(4);
  l.insert(0, 0);
  l.insert(-1, 3.5);
  l.insert(l.length, { k: "${d.a}" });
  assert.deepEqual(l.toObject(), [0, 1, 2, 3, 3.5, 4, { k: 1 }]);
  assert.equal(l.get<Config>(6).get("k"), 1, "the new dict reads the config it joined");
  const range = thrown(() => l.insert(20, 1));
  assert.equal(range.code, ErrorCode.Index);
  assert.equal(range.message.split("\n")[0], "list assignment index out of range");
  assert.equal(thrown(() => cfg.get<Config>("d").append(1)).code, ErrorCode.Type);
  cfg.readonly = true;
  const ro = thrown(() => l.insert(0, 1));
  assert.equal(ro.code, ErrorCode.Readonly);
  assert.equal(ro.message.split("\n")[0], "Cannot insert into a read-only ListConfig");
  assert.equal(ro.fullKey, "l[0]");
  assert.equal(thrown(() => l.append(1)).message.split("\n")[0], "ListConfig is read-only");
});
