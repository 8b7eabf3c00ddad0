/**
 * A flow collection left open: the error points at its bracket and names
 * the token PyYAML stops at. When the next line goes on with a plain scalar
 * (`[1, 2` then `b: 3`), PyYAML reads `2 b` as one scalar and stops at the
 * `:` (3D-Diffusion-Policy, nuplan); a comment in between ends the scalar.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const CASES: [string, string][] = [
  ["a: [1, 2\nb: 3\n", "1:4: unclosed flow sequence: expected ',' or ']', but found ':' (at 2:2)"],
  [
    "lr: [5e-5\nweight_decay: 5e-4\n",
    "1:5: unclosed flow sequence: expected ',' or ']', but found ':' (at 2:13)",
  ],
  ["a: {x: 1\nb: 2\n", "1:4: unclosed flow mapping: expected ',' or '}', but found ':' (at 2:2)"],
  [
    "a: [1, 2 # c\nb: 3\n",
    "1:4: unclosed flow sequence: expected ',' or ']', but found 'b' (at 2:1)",
  ],
  [
    "a: [1, 2\n",
    "1:4: unclosed flow sequence: expected ',' or ']', but found the end of the file (at 2:1)",
  ],
];

Deno.test("an unclosed flow collection names the token PyYAML stops at", async () => {
  for (const [text, want] of CASES) {
    const dir = await confTree({ "conf/config.yaml": text });
    const r = await strata(["compose"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    assert.equal(r.stderr.split("\n")[0], `conf/config.yaml:${want}`, JSON.stringify(text));
    Deno.removeSync(dir, { recursive: true });
  }
});
