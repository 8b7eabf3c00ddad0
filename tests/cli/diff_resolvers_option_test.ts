/**
 * `diff --resolvers FILE.ts`, as every other command that composes takes it:
 * a side's values that call the project's resolvers resolve with them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("diff takes --resolvers: the sides resolve with them", async () => {
  const dir = writeTree({
    "conf/config.yaml": "x: 1\ny: ${five:}\n",
    "five.ts": "export default { five: () => 5 };\n",
  });
  try {
    const r = await strata(
      ["diff", "-d", "conf", "--resolvers", "five.ts", "--a", "x=1", "--b", "x=2", "-f", "json"],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, "");
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.changes.map((c: { key: string }) => c.key), ["x"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
