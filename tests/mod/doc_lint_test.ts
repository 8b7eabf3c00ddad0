/**
 * Each entry point's documentation is complete on its own: `deno doc --lint`
 * over all four at once accepts a type one of them uses and only another
 * exports, which a user importing just that one does not see.
 */

import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

for (const entry of ["mod.ts", "override.ts", "ops.ts", "engine.ts"]) {
  Deno.test(`deno doc --lint ${entry} alone is clean`, async () => {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["doc", "--lint", entry],
      cwd: root,
      stdout: "null",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
  });
}
