/**
 * parseOverride / parseOverrides on random and mutated overrides: a parsed
 * override or a StrataError naming the override, and the parser stays usable.
 */

import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { parseOverride, parseOverrides } from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";
import { anyOverride } from "./_inputs.ts";

function parseOne(text: string) {
  return within(1000, () => strataOnly(() => parseOverride(text, 3), { origin: true }, text), text);
}

Deno.test("parseOverride: random and mutated overrides parse or fail with an origin", () => {
  fc.assert(fc.property(anyOverride, (text) => void parseOne(text)), { numRuns: runs(1500) });
  // Whatever came before, the parser still answers.
  assert.equal(parseOverride("a=1").key, "a");
});

Deno.test("parseOverrides: a batch fails exactly when one of its overrides fails", () => {
  fc.assert(
    fc.property(fc.array(anyOverride, { maxLength: 6 }), (texts) => {
      const batch = strataOnly(() => parseOverrides(texts), { origin: true }, texts);
      const one = texts.map((t) => parseOne(t));
      assert.equal(
        batch instanceof Error,
        one.some((r) => r instanceof Error),
        JSON.stringify(texts),
      );
    }),
    { numRuns: runs(300) },
  );
});
