import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// Hydra's lexer reads an unquoted interpolation as `${` up to the first `}`: a nested one fails
// to parse there too (the error is kept), and quoting the value is the fix.
Deno.test("an override with an unquoted nested interpolation: the parse error says to quote the value", async () => {
  const dir = writeTree({ "conf/config.yaml": "d:\n  k: 4\n" });
  const cases: [string, string][] = [
    ["+up=${f:${d.k},3}", "+up='${f:${d.k},3}'"],
    ["+y=[${d.k},${f:${d.k}}]", "+y=[${d.k},'${f:${d.k}}']"],
  ];
  for (const [arg, fixed] of cases) {
    const r = await strata(["compose", "-d", "conf", arg], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Error parsing override/);
    assert.ok(
      r.stderr.endsWith(
        `\n    an unquoted interpolation ends at its first '}'; quote the value: ${fixed}\n`,
      ),
      r.stderr,
    );
    // the quoted value parses
    const q = await strata(["compose", "-d", "conf", fixed.replace(/\$\{f:/, "${oc.select:")], {
      cwd: dir,
    });
    assert.equal(q.code, 0, q.stderr);
  }
  // a parse error with no nested interpolation has no such hint
  const r = await strata(["compose", "-d", "conf", "+a=[1"], { cwd: dir });
  assert.equal(r.code, 2);
  assert.ok(!r.stderr.includes("quote the value"), r.stderr);
});
