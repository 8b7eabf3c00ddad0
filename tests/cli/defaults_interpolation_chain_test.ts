// A defaults entry whose interpolated choice does not resolve (`/mod@here: ${modul}`) is said with
// the entries that led to its config, as every other defaults error is: a config included at
// several packages fails at one of them (checker v39).
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: an interpolated defaults entry that does not resolve names the entry that included its config", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - mod: a\n  - spec@x: ok\n  - spec@y: s\n  - _self_\n",
    "conf/spec/s.yaml": "defaults:\n  - /mod@here: ${modul}\n",
    "conf/spec/ok.yaml": "k: 1\n",
    "conf/mod/a.yaml": "m: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^conf\/spec\/s\.yaml:2:16: Error resolving interpolation '\$\{modul\}'/,
    );
    assert.match(r.stderr, /\n {4}conf\/config\.yaml:4:13: included by 'config'\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
