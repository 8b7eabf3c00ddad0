import assert from "node:assert/strict";
import { compose, defaultsTree, toYaml } from "../../../engine.ts";

const conf = new URL("../../fixtures/compose/conf", import.meta.url).pathname;
const extra = new URL("../../fixtures/compose/extra", import.meta.url).pathname;

Deno.test("defaults: groups, nested multi-select, optional, interpolated choice, _self_ last", () => {
  const c = compose({ configDir: conf, configName: "config" });
  // choices in Hydra's order: the defaults list walked from its end
  assert.deepEqual(c.choices, {
    server_db: "apache_mysql",
    local: "default",
    server: "apache",
    db: "mysql",
  });
  assert.deepEqual([...c.config.entries.values()].map((e) => e.key), [
    "db",
    "server",
    "server_db",
    "app",
  ]);
  assert.equal(
    toYaml(c.config).split("app:")[0],
    "db:\n  driver: mysql\n  port: 3306\nserver:\n  site:\n    a:\n      domain: a.com\n" +
      "    b:\n      domain: b.com\n  name: apache\nserver_db:\n  tuned: true\n",
  );
  assert.deepEqual(c.warnings, []);
});

Deno.test("defaults: a group override re-resolves interpolated choices", () => {
  const c = compose({ configDir: conf, configName: "config", overrides: ["server=nginx"] });
  assert.equal(c.choices.server_db, "nginx_mysql");
  assert.equal(toYaml(c.config).includes("tuned: nginx"), true);
});

Deno.test("defaults: an experiment in _global_ overrides another group with 'override /db'", () => {
  const c = compose({ configDir: conf, configName: "config", overrides: ["+experiment=fast"] });
  assert.equal(c.choices.db, "postgresql");
  assert.equal(c.choices.experiment, "fast");
  assert.equal(c.choices.server_db, "apache_postgresql");
  assert.match(toYaml(c.config), /lr: 0.5/);
});

Deno.test("defaults: packages, placeholders, headers, deletion", () => {
  const p = compose({ configDir: conf, configName: "packages" });
  assert.deepEqual(p.choices, { "db@dest": "postgresql", "db@source": "mysql" });
  assert.equal(
    toYaml(p.config),
    "source:\n  driver: mysql\n  port: 3306\ndest:\n  driver: postgresql\n  port: 5432\n",
  );
  const n = compose({ configDir: conf, configName: "placeholder" });
  assert.deepEqual(n.choices, { db: null });
  assert.equal(n.config.entries.size, 0);
  const h = compose({ configDir: conf, configName: "header" });
  // the primary's header moves its whole defaults list under foo.bar, as in Hydra
  assert.equal(
    toYaml(h.config),
    "foo:\n  bar:\n    db:\n      driver: mysql\n      port: 3306\n    key: 1\n",
  );
  const d = compose({ configDir: conf, configName: "packages", overrides: ["~db@source"] });
  assert.deepEqual(d.choices, { "db@dest": "postgresql" });
  assert.equal(d.config.entries.has("source"), false);
});

Deno.test("defaults: a defaults list without _self_ in the primary config warns like Hydra", () => {
  const c = compose({ configDir: conf, configName: "missing_self" });
  assert.deepEqual(c.warnings, [
    "In 'missing_self': Defaults list is missing `_self_`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information",
  ]);
});

Deno.test("defaults: Hydra's own groups come first and fill hydra.runtime.choices", () => {
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["hydra/job_logging=disabled"],
  });
  const choices = c.hydra.entries.get("runtime")!.node;
  assert.ok(choices.kind === "dict");
  const yaml = toYaml(c.hydra);
  assert.match(yaml, /hydra\/job_logging: disabled/);
  assert.match(yaml, /hydra\/launcher: basic/);
  assert.match(yaml, /name: app/);
  assert.match(yaml, /task: \[\]|task:\n/);
  assert.equal(c.choices["hydra/job_logging"], undefined);
});

Deno.test("defaults: hydra.searchpath-style extra directories are searched after the primary one", () => {
  const c = compose({
    configDir: conf,
    configName: "placeholder",
    overrides: ["+extra_group=one"],
    searchPath: [extra],
  });
  assert.deepEqual(c.choices, { extra_group: "one", db: null });
  assert.equal(toYaml(c.config), "extra_group:\n  extra: 1\n");
});

Deno.test("defaultsTree: the merge order with packages and origins, nothing merged", () => {
  const info = defaultsTree({ configDir: conf, configName: "packages" });
  const rows = info.defaults.map((d) => `${d.configPath}@${d.package}`);
  assert.deepEqual(rows.slice(-3), ["db/mysql@source", "db/postgresql@dest", "packages@"]);
  assert.equal(rows[0], "hydra/output/default@hydra");
  const src = info.defaults.find((d) => d.configPath === "db/mysql")!;
  assert.equal(src.origin?.file?.endsWith("packages.yaml"), true);
  assert.equal(src.origin?.line, 2);
});
