import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("explain: a value calling a resolver .strata.yaml declares opaque is shown as written", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  opaque: [if]\n",
    "conf/config.yaml": "x: true\nflag: ${if:${x},1,2}\nother: ${nope:1}\n",
  });
  let r = await strata(["explain", "flag"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.trim().split("\n").at(-1),
    `  value: "\${if:\${x},1,2}" (not resolved: 'if' is declared opaque in .strata.yaml, the app resolves it)`,
  );
  r = await strata(["explain", "flag", "-f", "json"], { cwd: dir });
  const json = JSON.parse(r.stdout);
  assert.equal(json.value, "${if:${x},1,2}");
  assert.equal(json.opaque, "if");
  // a resolver nobody declared is still an error
  r = await strata(["explain", "other"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Unsupported interpolation type nope/);
});
