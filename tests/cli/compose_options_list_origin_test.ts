/**
 * An option missing from a defaults entry's options list (`- callbacks: [a, typo]`, or one item a
 * line) is placed at that item, not at the list's start or its first item (checker x15); an
 * override that replaced the list is placed at the override.
 */
import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

Deno.test("compose: a missing option of an options list is placed at its item", async () => {
  const cases: [string, string[], string][] = [
    ["  - callbacks:\n    - ckpt\n    - ckpnt\n", [], "conf/config.yaml:4:7: "],
    ["  - callbacks: [ckpt, ckpnt]\n", [], "conf/config.yaml:2:23: "],
    ["  - callbacks: [ckpt]\n", ["callbacks=[ckpt,nope]"], "override #1 'callbacks=[ckpt,nope]': "],
  ];
  for (const [entry, overrides, at] of cases) {
    const dir = await confTree({
      "conf/config.yaml": `defaults:\n${entry}  - _self_\nx: 1\n`,
      "conf/callbacks/ckpt.yaml": "a: 1\n",
    });
    try {
      const r = await strata(["compose", "-d", "conf", ...overrides], { cwd: dir });
      assert.equal(r.code, 1, r.stdout);
      assert.ok(r.stderr.startsWith(`${at}In 'config': Could not load 'callbacks/`), r.stderr);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});
