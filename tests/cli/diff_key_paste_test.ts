import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("strata diff writes a key holding a dot as explain (and OmegaConf.select) read it: d[d.k], pasted as is", async () => {
  const dir = await writeTree({
    "conf/config.yaml": 'd:\n  "d.k": 1\n  d:\n    k: 1\n"top.k": a\n',
    "b.yaml": 'd:\n  "d.k": 2\n  d:\n    k: 1\n"top.k": b\n',
  });
  const r = await strata(["diff", "conf/config.yaml", "b.yaml", "-f", "json"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const keys = JSON.parse(r.stdout).changes.map((c: { key: string }) => c.key);
  assert.deepEqual(keys, ["d[d.k]", "[top.k]"]);
  for (const [key, value] of [["d[d.k]", "1"], ["[top.k]", '"a"']]) {
    const e = await strata(["explain", "-d", "conf", key], { cwd: dir });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, new RegExp(`value: ${value}\\n$`));
  }
});
