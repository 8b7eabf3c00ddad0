// OmegaConf's MISSING is no string: explain's and diff's text print it bare, `???`, as compose's
// YAML does, not as the quoted string "???" (their JSON keeps the value "???").
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain and diff print ??? bare, as compose does", async () => {
  const dir = writeTree({ "conf/config.yaml": "obs_dim: ???\nlr: 1\n" });
  try {
    const compose = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(compose.stdout, "obs_dim: ???\nlr: 1\n");
    const explain = await strata(["explain", "-d", "conf", "obs_dim"], { cwd: dir });
    assertNoStackTrace(explain.stderr);
    assert.match(explain.stdout, /^ {2}1\. config: \?\?\? {2}\(conf\/config\.yaml:1:10\)$/m);
    assert.match(explain.stdout, /^ {2}composed: \?\?\? /m);
    assert.doesNotMatch(explain.stdout, /"\?\?\?"/);
    const diff = await strata(["diff", "-d", "conf", "--a", "obs_dim=6", "--b", ""], { cwd: dir });
    assertNoStackTrace(diff.stderr);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^~ obs_dim: 6 -> \?\?\?$/m);
    const json = await strata(
      ["diff", "-d", "conf", "--a", "obs_dim=6", "--b", "", "-f", "json"],
      { cwd: dir },
    );
    assert.equal(JSON.parse(json.stdout).changes[0].b.value, "???");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
