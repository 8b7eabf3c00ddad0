/**
 * An error echoes a long override briefly (README, Security: about 200
 * characters of it), however it fails, never in full.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a 5,000-character override is echoed in short lines", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - g: x\nv: 1\n",
    "conf/g/x.yaml": "v: 1\n",
  });
  const p = "p".repeat(5000);
  try {
    for (const o of [`g@${p}=x`, `~g@${p}`, `g=${p}`, `g=x,${p}`, `${p}=1`, `v.${p}=1`]) {
      const r = await strata(["compose", "-d", "conf", o], { cwd: dir });
      assert.equal(r.code, 1, o.slice(0, 12));
      assertNoStackTrace(r.stderr);
      const longest = Math.max(...r.stderr.split("\n").map((l) => l.length));
      assert.ok(longest <= 610, `${o.slice(0, 12)}: a ${longest}-character line`);
      assert.ok(r.stderr.length < 2500, `${o.slice(0, 12)}: ${r.stderr.length} characters`);
    }
    const group = await strata(["compose", "-d", "conf", `g@${p}=x`], { cwd: dir });
    assert.match(group.stderr, /Could not override 'g@p{197}…'\./);
    assert.match(group.stderr, /To append to your default list use \+g@p{196}…\n/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
