// `--info plugins` (Hydra 1.3.2's show_info "plugins": _print_plugins, which composes nothing)
// lists strata's built-in plugins by type in Hydra's layout; `--info all` lists them after the
// version banner, as Hydra's _print_all_info does.
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const PLUGINS = "Installed Hydra Plugins\n***********************\n" +
  "\tConfigSource:\n\t-------------\n\t\tFileConfigSource\n\t\tImportlibResourcesConfigSource\n" +
  "\t\tStructuredConfigSource\n" +
  "\tCompletionPlugin:\n\t-----------------\n\t\tBashCompletion\n\t\tFishCompletion\n\t\tZshCompletion\n" +
  "\tLauncher:\n\t---------\n\t\tBasicLauncher\n" +
  "\tSweeper:\n\t--------\n\t\tBasicSweeper\n";

Deno.test("compose/run --info plugins: the built-in plugins by type, without composing", async () => {
  // a config that does not compose: Hydra lists its plugins all the same
  const dir = await confTree({ "conf/config.yaml": "defaults:\n  - db: nope\na: 1\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--info", "plugins"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, PLUGINS);
    const run = await strata(["run", "-d", "conf", "-i", "plugins", "--", "true"], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, PLUGINS);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --info all: the plugins after the version banner, then the search path", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--info", "all"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout.startsWith("Hydra 1.3.2\n===========\n" + PLUGINS + "\nConfig search path\n"),
      r.stdout,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
