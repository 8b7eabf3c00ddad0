/**
 * validate warns at a yes/no/on/off that YAML 1.1 reads as a bool (`country: NO` is False to
 * PyYAML, so to OmegaConf and Hydra: checker x54), as it warns at octal and base-60 numbers;
 * compose reads it as they do; `true`, a quoted 'no' and a word that is no bool are left alone.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a YAML 1.1 bool word is a warning at the value, with its full key", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - geo: nordic\n  - _self_\nseed: 1\n",
    "conf/geo/nordic.yaml": "country: NO\nflags: [yes, Off]\nok: true\nquoted: 'no'\nnope: nope\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const warnings = (v.stdout + v.stderr).split("\n").filter((l) => l.includes(" bool "));
    const tail = "YAML 1.1 (PyYAML, so OmegaConf and Hydra) reads yes/no/on/off as bools; " +
      "quote it for the text";
    assert.deepEqual(warnings, [
      `conf/geo/nordic.yaml:1:10: warning: 'NO' is the bool False: ${tail} ('NO'), or write ` +
      "false [key: geo.country]",
      `conf/geo/nordic.yaml:2:9: warning: 'yes' is the bool True: ${tail} ('yes'), or write ` +
      "true [key: geo.flags[0]]",
      `conf/geo/nordic.yaml:2:14: warning: 'Off' is the bool False: ${tail} ('Off'), or write ` +
      "false [key: geo.flags[1]]",
    ]);
    const c = await strata(["compose", "-d", "conf", "-p", "geo", "-f", "json"], { cwd: dir });
    assert.deepEqual(JSON.parse(c.stdout), {
      country: false,
      flags: [true, false],
      ok: true,
      quoted: "no",
      nope: "nope",
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
