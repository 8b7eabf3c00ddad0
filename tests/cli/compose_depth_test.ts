/**
 * Package and override-key depth is bounded by the nesting limit (500, the
 * README's Security section): a located `limit` error, not a JavaScript
 * stack overflow.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const keys = (n: number) => Array(n).fill("k").join(".");

Deno.test("compose: a package or override key deeper than 500 levels is a located limit error", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - g: x\n",
    "conf/g/x.yaml": `# @package ${keys(3000)}\nv: 1\n`,
    "conf/g/ok.yaml": `# @package ${keys(500)}\nv: 1\n`,
    "conf/plain.yaml": "x: 1\n",
    // (501 levels: a YAML key of 3000 would be PyYAML's 1024-character limit first)
    "conf/entry.yaml": `defaults:\n  - g@${keys(501)}: ok\n`,
  });
  try {
    const run = (...args: string[]) => strata(["compose", "-d", "conf", ...args], { cwd: dir });
    // Hydra reads a `# @package` header from the first 512 characters only, so
    // a header cannot nest past ~256 levels: this one is read cut, and composes
    const header = await run();
    assert.equal(header.code, 0, header.stderr);
    const override = await run("-n", "plain", `+${keys(3000)}=1`);
    assert.equal(override.code, 1);
    assert.match(
      override.stderr,
      /^override #1 '\+k\.k.*…': the key of the override nests deeper than 500 levels/,
    );
    const entry = await run("-n", "entry");
    assert.equal(entry.code, 1);
    assert.match(
      entry.stderr,
      /^conf\/entry\.yaml:2:\d+: the package of 'g\/ok' nests deeper than 500 levels/,
    );
    for (const r of [header, override, entry]) {
      assertNoStackTrace(r.stderr);
      assert.doesNotMatch(r.stderr, /JavaScript engine/);
    }
    // at the limit it composes
    assert.equal((await run("g=ok")).code, 0);
    assert.equal((await run("-n", "plain", `+${keys(500)}=1`)).code, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compose: a block mapping 3000 levels deep is placed where it crosses 500 levels, on every run", async () => {
  // npm:yaml overflows its own stack at a place that varies from run to run;
  // the error is at the 501st level (line 501, its indent + 1) all the same
  const text = Array.from({ length: 3000 }, (_, i) => "  ".repeat(i) + `k${i}:\n`).join("") +
    "  ".repeat(3000) + "v\n";
  const dir = await confTree({ "config.yaml": text });
  try {
    const r = await strata(["compose", "-d", dir]);
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /config\.yaml:501:1001: the document nests deeper than 500 levels\n {4}full key: …k\d+\.k\d+.*k499\n/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
