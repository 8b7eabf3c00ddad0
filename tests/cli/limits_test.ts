/**
 * The limits on hostile input (core/limits.ts): each is a located error,
 * reached early, never a RangeError, an out-of-memory death or a screenful.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

/** `a0: <16 chars>`, then `aN: ${aN-1}${aN-1}`: aN has 16 * 2^N characters. */
function doubling(levels: number, value = (i: number) => `\${a${i - 1}}\${a${i - 1}}`): string {
  const lines = ["a0: xxxxxxxxxxxxxxxx"];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: ${value(i)}`);
  return lines.join("\n") + "\n";
}

for (const levels of [26, 27, 40]) {
  Deno.test(`CLI: a ${levels}-level doubling interpolation stops at the 64 Mi string limit, located`, async () => {
    const dir = await confTree({ "config.yaml": doubling(levels) });
    const r = await strata(["compose", "-d", dir, "--resolve"]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    // a23 = 16 * 2^23 = 2^27 characters is the first string past 2^26
    assert.equal(
      r.stderr,
      `${dir}/config.yaml:24:6: the resolved string has 134217728 characters or more, ` +
        "over the limit of 67108864 (64 Mi)\n    full key: a23\n",
    );
  });
}

Deno.test("CLI: containers copied by doubling interpolations stop at 10^6 nodes, located", async () => {
  const dir = await confTree({
    "config.yaml": doubling(40, (i) => `['\${a${i - 1}}', '\${a${i - 1}}']`).replace(
      "a0: xxxxxxxxxxxxxxxx",
      "a0: [1, 2]",
    ),
  });
  const r = await strata(["compose", "-d", dir, "--resolve"]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /^\S+config\.yaml:\d+:\d+: resolving copies more than 1000000 nodes \(the limit\)/,
  );
  assert.match(r.stderr, /full key: a\d+/);
  assertNoStackTrace(r.stderr);
});

Deno.test("CLI: a 65,000-deep override is echoed in ~200 characters, with a caret where it crossed 500", async () => {
  const dir = await confTree({ "config.yaml": "x: 1\n" });
  const text = "x=" + "[".repeat(65000) + "]".repeat(65000);
  const r = await strata(["compose", "-d", dir, text]);
  // an override of the command line that does not parse: bad usage
  assert.equal(r.code, 2);
  assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters of stderr`);
  assert.match(r.stderr, /nesting deeper than 500 levels at column 503/);
  const [snippet, caret] = r.stderr.split("\n").slice(1, 3);
  assert.ok(snippet.length <= 210);
  // the caret points at the bracket that crossed the limit
  assert.equal(snippet[caret.indexOf("^")], "[");
});

Deno.test("CLI: a config file over 256 MiB is a limit error before it is read", async () => {
  const dir = await confTree({ "config.yaml": "x: 1\n" });
  await Deno.truncate(`${dir}/config.yaml`, 300 * 1024 * 1024); // sparse: no disk used
  const r = await strata(["compose", "-d", dir]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `${dir}/config.yaml: config file is 314572800 bytes, over the limit of 268435456 bytes (256 MiB)\n`,
  );
});
