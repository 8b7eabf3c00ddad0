/**
 * `oc.deprecated`'s warning (OmegaConf's `UserWarning: 'old' is deprecated
 * ...`) is printed by the CLI in the layout of every warning, at the value of
 * the deprecated key: `FILE:L:C: warning: ...`.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const WARNING = "conf/config.yaml:2:6: warning: 'old' is deprecated. Change your code and " +
  "config to use 'new'\n";

Deno.test("compose --resolve, hash, explain and run: oc.deprecated's warning is located at the key", async () => {
  const dir = writeTree({ "conf/config.yaml": "new: 1\nold: ${oc.deprecated:new}\n" });
  try {
    for (
      const args of [
        ["compose", "-d", "conf", "--resolve"],
        ["hash", "-d", "conf"],
        ["explain", "-d", "conf", "old"],
        ["run", "-q", "-d", "conf", "hydra.run.dir=o", "--", "true"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
      assert.equal(r.stderr, WARNING, args[0]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
