/**
 * An interpolation reading a key a `~key` override deleted: OmegaConf's "Interpolation key ...
 * not found", and the override that deleted it beside it, in compose --resolve and explain
 * (checker w49 #4: explain said only "not found").
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve, explain: a key read after ~key deleted it names the override", async () => {
  const dir = await confTree({
    "conf/config.yaml": "trainer:\n  total: 10\nalgo:\n  anneal: ${trainer.total}\n",
  });
  try {
    for (
      const [deleted, note] of [["~trainer.total", "deleted here"], [
        "~trainer",
        "'trainer' deleted here",
      ]]
    ) {
      for (const args of [["compose", "--resolve"], ["explain", "algo.anneal"]]) {
        const r = await strata([...args, "-d", "conf", deleted], { cwd: dir });
        assert.equal(r.code, 1, r.stderr);
        assert.ok(
          r.stderr.endsWith(
            "conf/config.yaml:4:11: Interpolation key 'trainer.total' not found\n" +
              `    full key: algo.anneal\n    override #1 '${deleted}': ${note}\n`,
          ),
          r.stderr,
        );
        assertNoStackTrace(r.stderr);
      }
    }
    // put back by a later +key: no note
    const back = await strata(
      ["compose", "-d", "conf", "--resolve", "~trainer", "+trainer.total=3"],
      { cwd: dir },
    );
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /anneal: 3/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
