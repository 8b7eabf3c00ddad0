// set() and update() write to the key they name, as get() reads it: a key
// holding a dot (a logger name such as `datasets.arrow_dataset`, named as
// `loggers[datasets.arrow_dataset]` or reached through a view) and an int key
// are one key, never split again (expected results from python3-omegaconf 2.2:
// OmegaConf.update(c, "loggers[datasets.arrow_dataset].level", "SET"),
// c.loggers["datasets.arrow_dataset"].level = ..., k.m[1].a = 10).
import assert from "node:assert/strict";
import { type Config, createConfig, update } from "../../../mod.ts";

const loggers = () =>
  createConfig(
    "loggers:\n  datasets:\n    level: INFO\n  datasets.arrow_dataset:\n    level: INFO\n",
  );

Deno.test("set and update: a bracketed key with a dot is one key", () => {
  const c = loggers();
  c.set("loggers[datasets.arrow_dataset].level", "SET");
  update(c, "loggers[a.b]", 1);
  assert.deepEqual(c.toObject(), {
    loggers: {
      datasets: { level: "INFO" },
      "datasets.arrow_dataset": { level: "SET" },
      "a.b": 1,
    },
  });
});

Deno.test("set and update through a view of a dotted key, in struct mode", () => {
  const c = loggers();
  c.struct = true;
  const v = c.get<Config>("loggers[datasets.arrow_dataset]");
  v.set("level", "WARNING");
  assert.equal(v.get("level"), "WARNING");
  update(v, "level", "ERROR");
  assert.equal(c.get("loggers[datasets.arrow_dataset].level"), "ERROR");
  assert.equal(c.get("loggers.datasets.level"), "INFO");
});

Deno.test("set through a view of an int key writes there, not at the str key '1'", () => {
  const k = createConfig("m:\n  1: {a: 1}\n  '1': {a: 2}\n");
  k.get<Config>("m").get<Config>(1).set("a", 10);
  assert.equal(k.get<Config>("m").get<Config>(1).get("a"), 10);
  assert.equal(k.get<Config>("m").get<Config>("1").get("a"), 2);
});

Deno.test("set and update with an empty path set the key '' (OmegaConf.update(cfg, '', v)), in a view too", () => {
  const c = createConfig({ a: { x: 1 } });
  update(c, "", 5);
  c.get<Config>("a").set("", 6);
  assert.deepEqual(c.toObject(), { a: { x: 1, "": 6 }, "": 5 });
});
