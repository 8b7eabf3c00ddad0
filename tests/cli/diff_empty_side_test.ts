import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// An empty config (an empty file, `{}`) against one with keys: every key is
// added, and no key "" is reported removed.
Deno.test("strata diff: an empty side has no removed root key, only the other side's keys", async () => {
  const dir = await writeTree({ "empty.yaml": "", "braces.yaml": "{}\n", "b.yaml": "a: 1\n" });
  for (const empty of ["empty.yaml", "braces.yaml"]) {
    const r = await strata(["diff", empty, "b.yaml"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      `--- a: ${empty}\n+++ b: b.yaml\n+ a: 1\n    b: b.yaml:1:4\n0 changed, 1 added, 0 removed\n`,
    );
    const back = await strata(["diff", "b.yaml", empty], { cwd: dir });
    assert.match(back.stdout, /\n- a: 1\n.*\n0 changed, 0 added, 1 removed\n$/);
  }
});
