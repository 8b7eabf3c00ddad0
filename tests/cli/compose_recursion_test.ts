/**
 * Interpolations too deep for any stack fail as OmegaConf's RecursionError,
 * located at the node where the resolution started, with its full key.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose --resolve: deep interpolation chains and nestings fail located", async () => {
  const chain = Array.from({ length: 3000 }, (_, i) => `a${i}: \${a${i + 1}}\n`).join("") +
    "a3000: 1\n";
  const dir = await confTree({
    "conf/chain.yaml": "x: 1\n" + chain,
    "conf/select.yaml": `x: 1\nd: "${"${oc.select:".repeat(5000)}x${",1}".repeat(5000)}"\n`,
    "conf/decode.yaml": `a0: "${"[".repeat(5000)}${"]".repeat(5000)}"\ne: \${oc.decode:\${a0}}\n`,
  });
  try {
    const cases: [string, RegExp][] = [
      [
        "chain",
        /^conf\/chain\.yaml:2:5: RecursionError raised while resolving interpolation: maximum recursion depth exceeded\n {4}full key: a0\n/,
      ],
      [
        "select",
        /^conf\/select\.yaml:2:4: RecursionError: maximum recursion depth exceeded\n {4}full key: d\n/,
      ],
      [
        "decode",
        /^conf\/decode\.yaml:2:4: RecursionError raised while resolving interpolation: maximum recursion depth exceeded in comparison\n {4}full key: e\n/,
      ],
    ];
    for (const [name, want] of cases) {
      const r = await strata(["compose", "-d", "conf", "-n", name, "--resolve"], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.match(r.stderr, want, name);
      assert.doesNotMatch(r.stderr, /RangeError|call stack/, name);
      assertNoStackTrace(r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
