import assert from "node:assert/strict";
import { engineStats } from "../../core/engine/merge.ts";
import { compose, ErrorCode, StrataError, toYaml } from "../../engine.ts";

const conf = new URL("../fixtures/basic/conf", import.meta.url).pathname;

Deno.test("compose: defaults list, group and value overrides", () => {
  const { config, choices } = compose({
    configDir: conf,
    configName: "config",
    overrides: ["db=postgresql", "db.port=5433", "+extra=1"],
  });
  assert.deepEqual(choices, { db: "postgresql" });
  assert.equal(
    toYaml(config),
    "db:\n  driver: postgresql\n  port: 5433\n  user: admin\napp:\n  name: demo\n  lr: 1.0e-05\nextra: 1\n",
  );
});

Deno.test("compose: the merge runs in the WASM engine", () => {
  const before = engineStats.mergeCalls;
  compose({ configDir: conf, configName: "config", overrides: ["app.lr=0.1"] });
  assert.ok(engineStats.mergeCalls > before, "the composer did not call the engine");
});

Deno.test("compose: an unknown group option lists the available ones, names the override", () => {
  assert.throws(
    () => compose({ configDir: conf, configName: "config", overrides: ["db=mysq"] }),
    (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.code, ErrorCode.MissingConfig);
      assert.match(e.message, /Could not find 'db\/mysq'/);
      assert.match(e.message, /\tmysql\n\tpostgresql/);
      assert.deepEqual(e.origin, { override: 0, text: "db=mysq" });
      assert.deepEqual(e.suggestions, ["mysql"]);
      return true;
    },
  );
});

Deno.test("compose: a key that is not in the config needs +", () => {
  assert.throws(
    () => compose({ configDir: conf, configName: "config", overrides: ["app.nme=x"] }),
    (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.code, ErrorCode.Composition);
      assert.match(e.message, /Could not override 'app.nme'/);
      assert.deepEqual(e.suggestions, ["app.name"]);
      return true;
    },
  );
});
