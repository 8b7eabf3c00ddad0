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

Deno.test("searchpath: a null hydra.searchpath, one under a package, or the primary's own are fine", () => {
  withTree(TREE, (dir) => {
    const ok = (configName: string, overrides: string[]) =>
      compose({ configDir: dir, configName, overrides });
    ok("without_sp", ["+group2=null_sp"]);
    // at package db it is db.hydra.searchpath: plain data
    assert.ok(ok("without_sp", ["+db=at_db"]).config.entries.size > 0);
    assert.equal(ok("base", []).config.entries.size, 1);
  });
});
