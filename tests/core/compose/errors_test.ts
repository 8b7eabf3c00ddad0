import assert from "node:assert/strict";
import { compose, ErrorCode, StrataError, toContainer } from "../../../engine.ts";

const conf = new URL("../../fixtures/compose/conf", import.meta.url).pathname;

function fails(
  configName: string | null,
  overrides: string[],
  check: (e: StrataError) => void,
): void {
  assert.throws(() => compose({ configDir: conf, configName, overrides }), (e: unknown) => {
    assert.ok(e instanceof StrataError, `not a StrataError: ${e}`);
    check(e);
    return true;
  });
}

Deno.test("errors: an unknown option from the command line names the override, the options and the chain", () => {
  fails("config", ["db=oracl"], (e) => {
    assert.equal(e.code, ErrorCode.MissingConfig);
    assert.match(
      e.message,
      /^In 'config': Could not find 'db\/oracl'\n\nAvailable options in 'db':\n\tmysql\n\tpostgresql\n/,
    );
    assert.match(
      e.message,
      /Config search path:\n\tprovider=hydra, path=pkg:\/\/hydra.conf\n\tprovider=main/,
    );
    assert.deepEqual(e.origin, { override: 0, text: "db=oracl" });
    // the error is at the override: the entry it replaced is the news
    assert.equal(e.related[0].message, "included by 'config'");
    assert.equal(e.related[0].origin.line, 2);
    assert.equal(e.related[0].origin.col, 9);
  });
});

Deno.test("errors: an unknown option in a file names the file:line:col of the entry", () => {
  fails("missing_option", [], (e) => {
    assert.equal(e.code, ErrorCode.MissingConfig);
    assert.match(e.message, /^In 'missing_option': Could not find 'db\/oracle'/);
    assert.equal(e.origin?.file?.endsWith("missing_option.yaml"), true);
    assert.deepEqual([e.origin?.line, e.origin?.col], [2, 9]);
    assert.deepEqual(e.suggestions, []);
  });
});

Deno.test("errors: a missing primary config names the directory searched, not a file that is not there", () => {
  fails("nope", [], (e) => {
    assert.equal(e.code, ErrorCode.MissingConfig);
    assert.match(
      e.message,
      /^Cannot find primary config 'nope'\. Check that it's in your config search path\./,
    );
    assert.equal(e.origin?.file?.endsWith("conf"), true, e.origin?.file);
  });
});

Deno.test("errors: a misspelt primary config gets did-you-mean, an absent one the configs there", () => {
  fails("confg", [], (e) => {
    assert.equal(e.code, ErrorCode.MissingConfig);
    assert.deepEqual(e.suggestions, ["config"]);
  });
  fails("db/mysq", [], (e) => assert.deepEqual(e.suggestions, ["db/mysql"]));
  // A tree of train.yaml and eval.yaml (lightning-hydra-template), no config.yaml.
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/train.yaml`, "a: 1\n");
  Deno.writeTextFileSync(`${dir}/eval.yaml`, "a: 2\n");
  // strata's own settings file beside them is not offered as a config
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "version_base: '1.1'\n");
  assert.throws(() => compose({ configDir: dir, configName: "config", overrides: [] }), (e) => {
    assert.ok(e instanceof StrataError);
    assert.deepEqual(e.suggestions, []);
    assert.deepEqual(e.related.map((r) => r.message), [
      "primary configs there: eval, train (choose one with --config-name/-n)",
    ]);
    return true;
  });
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("errors: overriding Hydra's groups from a defaults list fails in 'hydra/config'", () => {
  fails("bad_hydra_override", [], (e) => {
    assert.equal(e.code, ErrorCode.MissingConfig);
    assert.match(e.message, /^In 'hydra\/config': Could not find 'hydra\/job_logging\/nope'/);
    assert.match(e.message, /\tdefault\n\tdisabled\n\tnone\n\tstdout/);
    assert.equal(e.origin?.file?.endsWith("bad_hydra_override.yaml"), true);
  });
});

Deno.test("errors: group override with no match, with a did-you-mean over packages", () => {
  fails("packages", ["db=mysql"], (e) => {
    assert.equal(e.code, ErrorCode.Composition);
    assert.equal(
      e.message,
      "Could not override 'db'.\nDid you mean to override one of db@dest, db@source?\n" +
        "To append to your default list use +db=mysql",
    );
    assert.deepEqual(e.origin, { override: 0, text: "db=mysql" });
    assert.deepEqual(e.suggestions, ["db@dest", "db@source"]);
  });
  fails("placeholder", ["server=nginx"], (e) => {
    assert.equal(
      e.message,
      "Could not override 'server'. No match in the defaults list.\nTo append to your default list use +server=nginx",
    );
  });
});

Deno.test("errors: value overrides in struct mode, with did-you-mean and full key", () => {
  fails("config", ["app.nme=x"], (e) => {
    assert.equal(e.code, ErrorCode.Composition);
    assert.equal(
      e.message,
      "Could not override 'app.nme'.\nTo append to your config use +app.nme=x\n" +
        "Key 'nme' is not in struct",
    );
    assert.equal(e.fullKey, "app.nme");
    assert.deepEqual(e.suggestions, ["app.name"]);
    assert.deepEqual(e.origin, { override: 0, text: "app.nme=x" });
  });
  fails("config", ["+app.name=x"], (e) => {
    assert.match(e.message, /^Could not append to config\. An item is already at 'app\.name'\./);
    assert.match(e.message, /'\+\+app\.name=x'/);
    assert.equal(e.fullKey, "app.name");
  });
  fails("config", ["~app.nope"], (e) => {
    assert.equal(e.message, "Could not delete from config. 'app.nope' does not exist.");
  });
  fails("config", ["~app.name=other"], (e) => {
    assert.equal(
      e.message,
      "Could not delete from config. The value of 'app.name' is demo and not other.",
    );
  });
});

// nearest first, whatever the file's order (ProteinWorkshop's trainer.max_epoch)
Deno.test("errors: a misspelt key override's did-you-mean puts the nearest key first", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/config.yaml`, "trainer:\n  min_epochs: 1\n  max_epochs: 10\n");
  assert.throws(
    () => compose({ configDir: dir, configName: "config", overrides: ["trainer.max_epoch=5"] }),
    (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.deepEqual(e.suggestions, ["trainer.max_epochs", "trainer.min_epochs"]);
      return true;
    },
  );
});

// verl's actor/dp_actor.yaml: `- ../optim@actor.optim: fsdp`; the suggestion is what the entry
// can say (`../optim`), not the path Hydra's message names (`actor/../optim`)
Deno.test("errors: a misspelt relative group in a defaults list is suggested as the entry writes it", () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/actor`);
  Deno.mkdirSync(`${dir}/optim`);
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - actor: dp\n  - _self_\n");
  Deno.writeTextFileSync(`${dir}/optim/fsdp.yaml`, "lr: 1\n");
  const entry = (group: string) =>
    Deno.writeTextFileSync(`${dir}/actor/dp.yaml`, `defaults:\n  - ${group}@optim: fsdp\n`);
  for (const [group, near] of [["../optm", "../optim"], ["/optm", "/optim"]]) {
    entry(group);
    assert.throws(() => compose({ configDir: dir, configName: "config" }), (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.deepEqual(e.suggestions, [near]);
      return true;
    });
  }
});

// Hydra prints OmegaConf's cause under "Error merging override" (FrameFlow's experiment.wandb=[1])
Deno.test("errors: an override merging a list onto a mapping says OmegaConf's cause", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/config.yaml`, "experiment:\n  wandb:\n    name: x\nl: [1]\n");
  const cases: [string, string, string][] = [
    ["experiment.wandb=[1]", "experiment.wandb", "a list onto a mapping"],
    ["l={a:1}", "l", "a mapping onto a list"],
  ];
  for (const [override, key, which] of cases) {
    assert.throws(
      () => compose({ configDir: dir, configName: "config", overrides: [override] }),
      (e: unknown) => {
        assert.ok(e instanceof StrataError);
        assert.equal(
          e.message,
          `Error merging override ${override}\nCannot merge DictConfig with ListConfig (${which})`,
        );
        assert.equal(e.fullKey, key);
        return true;
      },
    );
  }
});

Deno.test("errors: a config merging a list onto a mapping is OmegaConf's ConfigTypeError, not Hydra's 'Validation error' (only a ValidationError gets that)", () => {
  // SMARTS' agents_configs/lane_control-v0_2.yaml, a list, onto `agents_configs: {}` (checker v47)
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/ac`);
  Deno.writeTextFileSync(`${dir}/config.yaml`, "ac: {}\n");
  Deno.writeTextFileSync(`${dir}/ac/l.yaml`, "- a: 1\n");
  Deno.writeTextFileSync(
    `${dir}/ac/typed.yaml`,
    "# @package _global_\nhydra:\n  job:\n    chdir: maybe\n",
  );
  try {
    assert.throws(
      () => compose({ configDir: dir, configName: "config", overrides: ["+ac=l"] }),
      (e: unknown) => {
        assert.ok(e instanceof StrataError);
        assert.equal(e.code, ErrorCode.Type);
        assert.equal(
          e.message,
          "Cannot merge DictConfig with ListConfig at 'ac' (a list onto a mapping)",
        );
        assert.equal(e.origin?.file, `${dir}/ac/l.yaml`);
        return true;
      },
    );
    // a ValidationError keeps Hydra's wrapping
    assert.throws(
      () => compose({ configDir: dir, configName: "config", overrides: ["+ac=typed"] }),
      (e: unknown) => {
        assert.ok(e instanceof StrataError);
        assert.match(
          e.message,
          /^In 'ac\/typed': Validation error while composing config:\nValue 'maybe' is not a valid bool/,
        );
        return true;
      },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("errors: a config's `override /env_cfg:` that matches nothing suggests the group it abbreviates", () => {
  // SMARTS' experiment with `override /env_cfg: ...` for the group env_config (checker v47)
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/env_config`);
  Deno.mkdirSync(`${dir}/experiment`);
  Deno.writeTextFileSync(`${dir}/env_config/hiway.yaml`, "a: 1\n");
  Deno.writeTextFileSync(`${dir}/env_config/full.yaml`, "b: 1\n");
  Deno.writeTextFileSync(
    `${dir}/experiment/badov.yaml`,
    "# @package _global_\ndefaults:\n  - override /env_cfg: full\n",
  );
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - env_config: hiway\n  - _self_\n");
  try {
    assert.throws(
      () => compose({ configDir: dir, configName: "config", overrides: ["+experiment=badov"] }),
      (e: unknown) => {
        assert.ok(e instanceof StrataError);
        assert.equal(
          e.message,
          "In 'experiment/badov': Could not override 'env_cfg'. No match in the defaults list.",
        );
        assert.deepEqual(e.suggestions, ["env_config"]);
        return true;
      },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("errors: a key not in struct below a list item has OmegaConf's full key (eval[0].num_env), its did-you-mean the override's spelling", () => {
  // Jaxpot's `eval.0.num_env=3` (checker v48: full key eval.0.num_env)
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/config.yaml`, "eval:\n  - num_envs: 1\n  - num_envs: 2\n");
  try {
    assert.throws(
      () => compose({ configDir: dir, configName: "config", overrides: ["eval.0.num_env=3"] }),
      (e: unknown) => {
        assert.ok(e instanceof StrataError);
        assert.match(e.message, /Key 'num_env' is not in struct$/);
        assert.equal(e.fullKey, "eval[0].num_env");
        assert.deepEqual(e.suggestions, ["eval.0.num_envs"]);
        return true;
      },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("errors: ~key of a null value keeps Hydra's 'does not exist', and says where the key is", () => {
  fails("config", ["+app.ckpt=null", "~app.ckpt"], (e) => {
    assert.equal(e.message, "Could not delete from config. 'app.ckpt' does not exist.");
    assert.equal(e.related.length, 1);
    assert.match(e.related[0].message, /'app\.ckpt' is there, with the value null/);
    assert.deepEqual(e.related[0].origin, { override: 0, text: "+app.ckpt=null" });
  });
  fails("config", ["+app.todo=???", "~app.todo"], (e) => {
    assert.match(e.related[0].message, /'app\.todo' is there, with the value \?\?\?/);
  });
  fails("config", ["~app.nope"], (e) => assert.deepEqual(e.related, []));
});

Deno.test("errors: deleting a list item is refused, as Hydra's del node['1'] raises TypeError", () => {
  // the list comes from an override so the fixture tree stays as other tests read it
  fails("config", ["+app.tags=[a,b,c]", "~app.tags.1"], (e) => {
    assert.equal(e.code, ErrorCode.Composition);
    assert.match(
      e.message,
      /^Could not delete from config\. 'app\.tags\.1' is an item of the list 'app\.tags'/,
    );
    assert.match(e.message, /list indices must be integers or slices, not str/);
    assert.equal(e.fullKey, "app.tags.1");
    assert.deepEqual(e.origin, { override: 1, text: "~app.tags.1" });
  });
  // a dict inside a list is a dict: its keys delete as Hydra deletes them
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["+app.tags=[{x: 1, y: 2}]", "~app.tags.0.x"],
  });
  assert.deepEqual((toContainer(c.config) as { app: { tags: unknown } }).app.tags, [{ y: 2 }]);
});

Deno.test("errors: group override kinds Hydra refuses", () => {
  fails("config", ["db=null"], (e) => {
    assert.equal(e.code, ErrorCode.Value);
    assert.equal(e.message, "Config group override must be a string or a list. Got NoneType");
    assert.deepEqual(e.origin, { override: 0, text: "db=null" });
    // an option file named null.yaml is chosen quoted (checker x34)
    assert.equal(e.related[0]?.message, "to choose an option named 'null', quote it: db='null'");
  });
  fails("config", ["++db=postgresql"], (e) => {
    assert.equal(e.message, "force-add of config groups is not supported: '++db=postgresql'");
  });
  fails("config", ["x=1", "+db=postgresql"], (e) => {
    assert.equal(
      e.message,
      "Multiple values for db. To override a value use 'override db: postgresql'",
    );
    // located at the override, with the defaults entry it collides with and the fix
    assert.deepEqual(e.origin, { override: 1, text: "+db=postgresql" });
    assert.equal(e.related[0].message, "the defaults list already has 'db: mysql'");
    assert.match(e.related[0].origin.file ?? "", /config\.yaml$/);
    assert.equal(e.related[0].origin.line, 2);
    assert.equal(e.related[1].message, "to change its choice, drop the '+': db=postgresql");
  });
  fails("config", ["~server_db=nope"], (e) => {
    assert.equal(e.message, "Could not delete 'server_db=nope'. No match in the defaults list");
  });
  fails("config", ["app.lr=1,2"], (e) => {
    assert.match(e.message, /^Ambiguous value for argument 'app.lr=1,2'/);
    // the library is Hydra's Compose API: the quotes it advises are not escaped for a shell
    assert.match(e.message, /quote the value: key='value1,value2'\n/);
  });
});

Deno.test("errors: broken defaults lists", () => {
  fails("bad_defaults", [], (e) => {
    assert.equal(e.code, ErrorCode.Value);
    assert.equal(
      e.message,
      "Invalid defaults list in 'bad_defaults', defaults must be a list (got mapping)",
    );
    assert.equal(e.origin?.line, 2);
  });
  fails("dup_self", [], (e) => {
    assert.equal(e.code, ErrorCode.Composition);
    assert.equal(e.message, "Duplicate _self_ defined in dup_self");
    assert.equal(e.origin?.line, 4);
  });
  fails("wrong_order", [], (e) => {
    assert.equal(
      e.message,
      "In wrong_order: Override 'db : postgresql' is defined before 'server: apache'.\nOverrides must be at the end of the defaults list",
    );
    assert.equal(e.origin?.line, 3);
    // and the override to move, where it is written (checker v47)
    assert.equal(
      e.related[0].message,
      "the override of db: move it below 'server: apache'; or, if that entry replaces a choice " +
        "of server made elsewhere, make it an override too: 'override /server: apache'",
    );
    assert.equal(e.related[0].origin.line, 2);
    assert.equal(e.related[0].origin.col, 5);
  });
  fails("twice", [], (e) => {
    assert.equal(
      e.message,
      "Multiple values for db. To override a value use 'override db: postgresql'",
    );
  });
  fails("required", [], (e) => {
    assert.equal(
      e.message,
      "You must specify 'db', e.g, db=<OPTION>\nAvailable options:\n\tmysql\n\tpostgresql",
    );
    assert.equal(e.origin?.line, 2);
  });
  fails("a_list", [], (e) => {
    assert.equal(e.message, "primary config 'a_list' must be a DictConfig, got ListConfig");
  });
});

Deno.test("errors: a field of Hydra's structured config cannot be deleted; free-form nodes can", () => {
  fails("config", ["~hydra.run.dir"], (e) => {
    assert.equal(e.code, ErrorCode.Composition);
    assert.equal(e.message, "Error merging override ~hydra.run.dir");
    assert.equal(e.fullKey, "hydra.run.dir");
    assert.deepEqual(e.origin, { override: 0, text: "~hydra.run.dir" });
  });
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["~hydra.job_logging.root"],
  });
  const logging = c.hydra.entries.get("job_logging")!.node;
  assert.ok(logging.kind === "dict" && !logging.entries.has("root"));
});

Deno.test("errors: a key of a sweeper or launcher option written in YAML can be deleted; of Hydra's basic one it cannot", () => {
  // hydra.sweeper is `Any` in HydraConf, typed only by the basic option (checker x40)
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/hydra/sweeper`, { recursive: true });
  Deno.writeTextFileSync(`${dir}/hydra/sweeper/mine.yaml`, "_target_: my.Sweeper\nfoo: 1\n");
  Deno.writeTextFileSync(
    `${dir}/config.yaml`,
    "defaults:\n  - override hydra/sweeper: mine\n  - _self_\na: 1\n",
  );
  try {
    const c = compose({ configDir: dir, configName: "config", overrides: ["~hydra.sweeper.foo"] });
    const sweeper = c.hydra.entries.get("sweeper")!.node;
    assert.ok(sweeper.kind === "dict" && !sweeper.entries.has("foo"));
    assert.ok(sweeper.entries.has("_target_"));
    assert.throws(
      () =>
        compose({
          configDir: dir,
          configName: "config",
          overrides: ["hydra/sweeper=basic", "~hydra.sweeper._target_"],
        }),
      (e: unknown) =>
        e instanceof StrataError &&
        e.message === "Error merging override ~hydra.sweeper._target_" &&
        /field of Hydra's own \(structured\) config/.test(e.related[0].message),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("errors: ~key reads the value before deleting it, as Hydra does", () => {
  const dir = new URL("../../fixtures/compose/delete", import.meta.url).pathname;
  const del = (...overrides: string[]) =>
    compose({ configDir: dir, configName: "config", overrides });
  const fails = (override: string, cause: RegExp, line: number) =>
    assert.throws(() => del(override), (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.code, ErrorCode.Composition);
      assert.equal(e.message, `Error merging override ${override}`);
      assert.equal(e.fullKey, override.slice(1).split("=")[0]);
      assert.deepEqual(e.origin, { override: 0, text: override });
      assert.match(
        e.related[0].message,
        /^deleting '[a-z.]+' reads its value first, as Hydra does/,
      );
      assert.match(e.related[0].message, cause);
      assert.equal(e.related[0].origin.line, line);
      return true;
    });
  fails("~model.steps", /Unsupported interpolation type eval/, 3);
  fails("~model.width", /Interpolation key 'model.base_width' not found/, 4);
  fails("~model.steps=${eval:2*8}", /Unsupported interpolation type eval/, 3);
  // a resolvable interpolation, a plain value or a whole dict is deleted
  assert.equal(del("~model.head").config.entries.get("model")?.node.kind, "dict");
  assert.ok(!del("~model.depth").config.entries.has("depth"));
  assert.equal(del("~model").config.entries.size, 0);
  assert.ok(del("+model.base_width=8", "~model.width"));
  // an interpolation that resolves to null reads as absent, as OmegaConf.select does
  assert.throws(() => del("~model.nothing"), /'model.nothing' does not exist/);
});

Deno.test("errors: an empty config directory is the current one, as its message names it", () => {
  // the message named the resolved path (the cwd) while the check stat'ed "": the cwd is a
  // directory, so "" is found; its missing config.yaml is the error
  const dir = Deno.makeTempDirSync();
  const cwd = Deno.cwd();
  Deno.chdir(dir);
  try {
    let err: StrataError | undefined;
    try {
      compose({ configDir: "", configName: "config" });
    } catch (e) {
      err = e as StrataError;
    }
    assert.equal(err?.code, ErrorCode.MissingConfig);
    Deno.writeTextFileSync(`${dir}/config.yaml`, "a: 1\n");
    assert.equal(compose({ configDir: "", configName: "config" }).config.entries.size, 1);
  } finally {
    Deno.chdir(cwd);
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("errors: +key reads the value as Hydra's OmegaConf.select does (lightning-hydra-classifiers)", () => {
  const dir = new URL("../../fixtures/compose/delete", import.meta.url).pathname;
  const add = (...overrides: string[]) =>
    compose({ configDir: dir, configName: "config", overrides });
  // `${model.none}` resolves to null: no item there, so + sets it
  const c = add("+model.nothing=3");
  const model = c.config.entries.get("model")!.node;
  assert.ok(model.kind === "dict");
  const set = model.entries.get("nothing")!.node;
  assert.ok(set.kind === "value" && set.value === 3, JSON.stringify(set));
  // one that resolves is an item already
  assert.throws(
    () => add("+model.head=3"),
    /Could not append to config\. An item is already at 'model\.head'/,
  );
  // one that does not resolve fails, whatever the value (select is read first)
  for (const o of ["+model.width=3", "+model.width={a: 1}"]) {
    assert.throws(() => add(o), (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.equal(e.message, `Error merging override ${o}`);
      assert.match(e.related[0].message, /^appending at 'model\.width' reads its value first/);
      return true;
    });
  }
});

Deno.test("errors: a relative override in an experiment of a group chosen at the top suggests its absolute path", () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/db`);
  Deno.mkdirSync(`${dir}/experiment`);
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: mysql\n  - _self_\n");
  Deno.writeTextFileSync(`${dir}/db/mysql.yaml`, "host: m\n");
  Deno.writeTextFileSync(`${dir}/db/sqlite.yaml`, "host: s\n");
  Deno.writeTextFileSync(
    `${dir}/experiment/relative.yaml`,
    "# @package _global_\ndefaults:\n  - override db: sqlite\n",
  );
  const run = () =>
    compose({ configDir: dir, configName: "config", overrides: ["+experiment=relative"] });
  assert.throws(run, (e) => {
    assert.ok(e instanceof StrataError);
    // Hydra's text, and the fix Hydra's "configuring experiments" page gives
    assert.match(
      e.message,
      /^In 'experiment\/relative': Could not override 'experiment\/db@db'\. No match/,
    );
    assert.deepEqual(e.suggestions, ["/db"]);
    return true;
  });
  Deno.writeTextFileSync(
    `${dir}/experiment/relative.yaml`,
    "# @package _global_\ndefaults:\n  - override /db: sqlite\n",
  );
  assert.deepEqual(toContainer(run().config), { db: { host: "s" } });
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a package with brackets is split as OmegaConf.update splits it (Hydra places configs with it)", () => {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/g`);
  Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - g: a\n  - g@b[x].y: c\n");
  Deno.writeTextFileSync(`${dir}/g/a.yaml`, "# @package a[0]\nx: 1\n");
  Deno.writeTextFileSync(`${dir}/g/c.yaml`, "z: 2\n");
  const c = compose({ configDir: dir, configName: "config", overrides: [] });
  // OmegaConf 2.2.2: OmegaConf.update(cfg, "a[0]", {...}) gives {"a": {"0": {...}}}
  assert.deepEqual(toContainer(c.config), { a: { "0": { x: 1 } }, b: { x: { y: { z: 2 } } } });
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("errors: an override before a config entry (not a group's choice) is told to move, the one fix (checker v55 #2)", () => {
  const dir = Deno.makeTempDirSync();
  try {
    for (const d of ["optim", "net"]) Deno.mkdirSync(`${dir}/${d}`);
    Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - optim: adam\n  - net: bad\n");
    Deno.writeTextFileSync(`${dir}/optim/adam.yaml`, "lr: 1\n");
    Deno.writeTextFileSync(`${dir}/optim/sgd.yaml`, "lr: 2\n");
    Deno.writeTextFileSync(`${dir}/net/mlp.yaml`, "w: 1\n");
    Deno.writeTextFileSync(`${dir}/net/bad.yaml`, "defaults:\n  - override /optim: sgd\n  - mlp\n");
    assert.throws(() => compose({ configDir: dir, configName: "config" }), (e: unknown) => {
      assert.ok(e instanceof StrataError);
      assert.match(e.message, /^In net\/bad: Override 'optim@net\.optim : sgd' is defined before/);
      assert.deepEqual(e.related.map((r) => r.message), [
        "the override of optim@net.optim: move it below 'net: mlp'",
      ]);
      return true;
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
