// An option missing where an experiment's `override /proxy: torus` chose it: the error is at that
// line, and its chain names the entry the override replaced (`included by 'main'`), not a bare
// `config/main.yaml: 'main'` (checker w33).
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("compose: a missing option an experiment's override chose names the entry it replaced", async () => {
  const dir = writeTree({
    "config/main.yaml": "defaults:\n  - proxy: base\n  - _self_\nseed: 0\n",
    "config/experiments/ct/mle.yaml":
      "# @package _global_\ndefaults:\n  - override /proxy: torus\n",
    "config/proxy/base.yaml": "p: 1\n",
  });
  try {
    const r = await strata(["compose", "-d", "config", "-n", "main", "+experiments=ct/mle"], {
      cwd: dir,
    });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^config\/experiments\/ct\/mle\.yaml:3:22: In 'main': Could not find 'proxy\/torus'/,
    );
    assert.match(r.stderr, /\n {4}config\/main\.yaml:2:12: included by 'main'\n$/);
    assert.doesNotMatch(r.stderr, /config\/main\.yaml: 'main'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
