import assert from "node:assert/strict";
import { compose, ErrorCode, StrataError } from "../../../engine.ts";

/** A conf/ tree in a temp dir, removed after `body`. */
function withTree(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = Deno.makeTempDirSync();
  try {
    for (const [rel, text] of Object.entries(files)) {
      const path = `${dir}/${rel}`;
      Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      Deno.writeTextFileSync(path, text);
    }
    body(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

const TREE = {
  "without_sp.yaml": "a: 1\n",
  "with_base.yaml": "defaults:\n  - base\n  - _self_\nx: 1\n",
  "base.yaml": "hydra:\n  searchpath: [file:///nowhere]\ny: 2\n",
  "group2/overriding_sp.yaml": "# @package _global_\nhydra:\n  searchpath: [abc]\n",
  "group2/null_sp.yaml": "# @package _global_\nhydra:\n  searchpath: null\n",
  "db/at_db.yaml": "hydra:\n  searchpath: [abc]\n",
};

Deno.test("searchpath: hydra.searchpath from a config that is not the primary one fails, as in Hydra", () => {
  withTree(TREE, (dir) => {
    const fails = (configName: string, overrides: string[], config: string, line: number) =>
      assert.throws(() => compose({ configDir: dir, configName, overrides }), (e: unknown) => {
        assert.ok(e instanceof StrataError, `not a StrataError: ${e}`);
        assert.equal(e.code, ErrorCode.Composition);
        assert.equal(
          e.message,
          `In '${config}': Overriding hydra.searchpath is only supported from the primary config`,
        );
        assert.equal(e.fullKey, "hydra.searchpath");
        assert.equal(e.origin?.file, `${dir}/${config}.yaml`);
        assert.equal(e.origin?.line, line);
        return true;
      });
    // Hydra's test_searchpath_config_errors[overriding_sp_from_non_primary_config]
    fails("without_sp", ["+group2=overriding_sp"], "group2/overriding_sp", 3);
    // a config included by the primary one is not the primary config either
    fails("with_base", [], "base", 2);
  });
});

Deno.test("searchpath: a null hydra.searchpath passes Hydra's primary-only check, then fails HydraConf's merge", () => {
  withTree(TREE, (dir) => {
    // `searchpath: List[str]` is not Optional (OmegaConf: field 'hydra.searchpath' is not Optional)
    assert.throws(
      () => compose({ configDir: dir, configName: "without_sp", overrides: ["+group2=null_sp"] }),
      (e: unknown) =>
        e instanceof StrataError && e.fullKey === "hydra.searchpath" &&
        e.message === "In 'group2/null_sp': Validation error while composing config:\n" +
            "field 'hydra.searchpath' is not Optional",
    );
  });
});

Deno.test("searchpath: one under a package, or the primary's own are fine", () => {
  withTree(TREE, (dir) => {
    const ok = (configName: string, overrides: string[]) =>
      compose({ configDir: dir, configName, overrides });
    // at package db it is db.hydra.searchpath: plain data
    assert.ok(ok("without_sp", ["+db=at_db"]).config.entries.size > 0);
    assert.equal(ok("base", []).config.entries.size, 1);
  });
});

Deno.test("searchpath: the primary config's hydra.searchpath resolves its interpolations, as to_container(resolve=True) does", () => {
  withTree({
    "conf/interp.yaml": "root: ROOT\nhydra:\n  searchpath:\n    - file://${root}/extra\n",
    "conf/missing.yaml": "hydra:\n  searchpath: ???\n",
    "extra/grp/opt.yaml": "v: 1\n",
  }, (dir) => {
    Deno.writeTextFileSync(
      `${dir}/conf/interp.yaml`,
      Deno.readTextFileSync(`${dir}/conf/interp.yaml`).replace("ROOT", dir),
    );
    const c = compose({ configDir: `${dir}/conf`, configName: "interp", overrides: ["+grp=opt"] });
    assert.deepEqual(c.choices, { grp: "opt" });
    assert.equal(c.warnings.length, 0);
    // a command-line value is plain data: `${root}` stays text there (and the path is not found)
    const cli = compose({
      configDir: `${dir}/conf`,
      configName: "interp",
      overrides: ["hydra.searchpath=[file://${root}/extra]", "+grp=opt"],
    });
    assert.deepEqual(cli.choices, {});
    // OmegaConf.select gives None for ???: no search path, not an error
    compose({ configDir: `${dir}/conf`, configName: "missing" });
  });
});

Deno.test("searchpath: a bad hydra.searchpath says what it got, as Hydra's message does", () => {
  withTree({
    "bad1.yaml": "hydra:\n  searchpath: 42\n",
    "bad2.yaml": "hydra:\n  searchpath: [a, 1.5, true]\n",
    "ok.yaml": "{}\n",
  }, (dir) => {
    const message = (configName: string, overrides: string[] = []) => {
      try {
        compose({ configDir: dir, configName, overrides });
      } catch (e) {
        assert.ok(e instanceof StrataError);
        assert.equal(e.code, ErrorCode.Composition);
        return e.message;
      }
      assert.fail("no error");
    };
    const prefix = "hydra.searchpath must be a list of strings. Got: ";
    assert.equal(message("bad1"), prefix + "42");
    assert.equal(message("bad2"), prefix + "['a', 1.5, True]");
    assert.equal(message("ok", ["hydra.searchpath=42"]), prefix + "42");
    assert.equal(message("ok", ["hydra.searchpath=[42]"]), prefix + "[42]");
  });
});

Deno.test("searchpath: a pkg:// module strata cannot read is not available, with Hydra's warning", () => {
  withTree({
    "config.yaml":
      "hydra:\n  searchpath:\n    - pkg://some.missing.package\n    - pkg://my/app/conf/\na: 1\n",
  }, (dir) => {
    const c = compose({ configDir: dir, configName: "config" });
    assert.deepEqual(c.warnings, [
      // Hydra names the module with dots, without a trailing one
      "provider=hydra.searchpath in main, path=some.missing.package is not available." +
      " strata reads no Python package: name its directory instead, with --search-path some/missing/package" +
      " (which leaves the Python app's pkg:// alone) or file://some/missing/package (relative to where strata runs)",
      "provider=hydra.searchpath in main, path=my.app.conf is not available." +
      " strata reads no Python package: name its directory instead, with --search-path my/app/conf" +
      " (which leaves the Python app's pkg:// alone) or file://my/app/conf (relative to where strata runs)",
    ]);
  });
  // Hydra's own configs are there: `pkg://hydra.conf` is available
  withTree({ "config.yaml": "hydra:\n  searchpath: [pkg://hydra.conf]\na: 1\n" }, (dir) => {
    assert.deepEqual(compose({ configDir: dir, configName: "config" }).warnings, []);
  });
});
