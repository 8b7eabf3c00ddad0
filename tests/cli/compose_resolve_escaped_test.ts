// `compose --resolve` is Hydra's show_cfg: OmegaConf.resolve of the config (or of the
// --package container), then to_yaml. An escaped `\${x}` is set to the text `${x}`, written
// as it is; one set to a broken `${` (`\${x` gives `${x`) is OmegaConf.resolve's
// GrammarParseError. A leaf package is printed as read, JSON is to_container's: no error.
// (Texts from python3-omegaconf 2.2.2 and Hydra 1.3's show_cfg.)
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: an escaped interpolation is printed as the one it became", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\nv: \\${x}\nw: a\\${x}b\n" });
  try {
    const r = await strata(["compose", "-d", "conf", "--resolve"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "x: 1\nv: ${x}\nw: a${x}b\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose --resolve: a value resolved to a broken ${ is OmegaConf.resolve's GrammarParseError", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\nn:\n  d: \\${x\n" });
  try {
    for (const args of [[], ["-p", "n"], ["-c", "all"]]) {
      const r = await strata(["compose", "-d", "conf", "--resolve", ...args], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, args.join(" "));
      assert.equal(
        r.stderr,
        "conf/config.yaml:3:6: no viable alternative at input '${x'\n    full key: n.d\n",
      );
    }
    const leaf = await strata(["compose", "-d", "conf", "--resolve", "-p", "n.d"], { cwd: dir });
    assert.equal(leaf.code, 0, leaf.stderr);
    assert.equal(leaf.stdout, "${x\n");
    const json = await strata(["compose", "-d", "conf", "--resolve", "-f", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).n.d, "${x");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
