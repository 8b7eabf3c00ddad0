import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose --resolve: a value calling a resolver .strata.yaml declares opaque is kept as written", async () => {
  const dir = writeTree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".strata.yaml": "resolvers:\n  opaque: [eq]\n",
    "conf/config.yaml": "a: 1\nb: ${a}\nsame: ${eq:${a},1}\n",
  });
  let r = await strata(["compose", "--resolve"], { cwd: dir });
  assertNoStackTrace(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "a: 1\nb: 1\nsame: ${eq:${a},1}\n");
  assert.equal(
    r.stderr,
    "conf/config.yaml:3:7: warning: same calls 'eq', declared opaque in .strata.yaml: kept as written\n",
  );
  // an undeclared resolver still fails
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "a: 1\nb: ${nope:1}\n");
  r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Unsupported interpolation type nope/);
});
