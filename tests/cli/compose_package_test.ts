/**
 * `--package/-p KEY` with `--resolve` resolves the selected node only, as
 * Hydra's `show_cfg` does (`OmegaConf.select`, then `OmegaConf.resolve`).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const CONFIG = "a: ${oc.env:STRATA_TEST_UNSET_KEY}\nmodel:\n  name: gpt2\n  n: ${.name}\n" +
  "  up: ${b}\n  m: ???\n  z: null\nb: 1\n";

Deno.test("-p KEY --resolve: an error elsewhere in the config does not fail it", async () => {
  const dir = await confTree({ "conf/config.yaml": CONFIG });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    const node = await run("-c", "job", "-p", "model", "--resolve");
    assert.equal(node.stderr, "");
    assert.equal(node.code, 0);
    assert.equal(node.stdout, "# @package model\nname: gpt2\n'n': gpt2\nup: 1\nm: ???\nz: null\n");
    // a leaf is read (so resolved) even without --resolve, as OmegaConf.select does
    for (const extra of [[], ["--resolve"], ["-f", "json", "--resolve"]]) {
      const leaf = await run("-p", "model.n", ...extra);
      assert.equal(leaf.stdout, "gpt2\n", `${extra}: ${leaf.stderr}`);
      assert.equal(leaf.code, 0);
    }
    // without --resolve a container is printed as it is
    assert.match((await run("-p", "model")).stdout, /^'n': \$\{\.name\}$/m);
    // select gives None for ??? and null: Hydra's "not found"
    for (const key of ["model.m", "model.z"]) {
      const none = await run("-p", key);
      assert.equal(none.code, 1);
      assert.match(none.stderr, new RegExp(`package '${key}' not found in config`));
    }
    // the whole config still fails where it fails, located
    const all = await run("--resolve");
    assert.equal(all.code, 1);
    assert.match(all.stderr, /conf\/config\.yaml:1:4: .*STRATA_TEST_UNSET_KEY/);
    assertNoStackTrace(all.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
