import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a Hydra plugin's option keeps compose's hint on how to add the plugin's configs", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - override hydra/job_logging: colorlog\na: 1\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.lines[0],
    "conf/config.yaml:3:33: error: In 'hydra/config': Could not find 'hydra/job_logging/colorlog'",
  );
  assert.match(
    r.stdout,
    /\n {4}'colorlog' comes from Hydra's hydra-colorlog plugin, .*--search-path/,
  );
  assert.doesNotMatch(r.stdout, /Config search path|provider=/);
});
