import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { engineValidate, interpStats, needsGrammarCheck } from "../../../core/resolve/engine.ts";
import { parseConfigValue } from "../../../core/resolve/grammar.ts";
import { dict, str } from "../../../core/node.ts";
import { loadYaml } from "../../../core/yaml/load.ts";
import { validateInterpolations } from "../../../core/resolve/validate.ts";

// The grammar check skips strings of a form known to be valid: the claim is
// checked here against both parsers on strings built from the pieces that
// matter (keys, dots, braces, escapes, resolver colons).
const PIECES = [
  "${",
  "}",
  ".",
  "..",
  "a",
  "b1",
  "-",
  "_",
  "$",
  "\\",
  "{",
  ":",
  " ",
  "[",
  "]",
  "x/y",
];

const TEXT = fc.constantFrom(...PIECES);
/** `${` dots keys `}` with pieces that make near misses: `..` inside, `:`, a space, brackets. */
const INTERPOLATION = fc.tuple(
  fc.constantFrom("", ".", ".."),
  fc.array(fc.constantFrom("a", "b1", "-", "_", "7", ".", "..", ":", " ", "[0]", "{"), {
    maxLength: 4,
  }),
).map(([dots, keys]) => "${" + dots + keys.join("") + "}");

Deno.test("a string the grammar check skips is valid for the TypeScript and the WASM parser", () => {
  let skipped = 0;
  fc.assert(
    fc.property(fc.array(fc.oneof(TEXT, INTERPOLATION), { maxLength: 6 }), (parts) => {
      const text = parts.join("");
      if (!text.includes("${") || needsGrammarCheck(text)) return;
      skipped++;
      assert.doesNotThrow(() => parseConfigValue(text), text);
      // the engine, given the text alone (a lone str is not skipped when it differs)
      const before = interpStats.validateCalls;
      engineValidate(dict([["k", str(text)]]));
      assert.equal(interpStats.validateCalls, before, `${text} went to the engine`);
    }),
    { numRuns: 3000 },
  );
  assert.ok(skipped > 50, `only ${skipped} strings of the skipped form were tried`);
});

Deno.test("the forms the check skips, and the near misses it does not", () => {
  for (const s of ["${a}", "x_${a.b}_y", "${..a}", "${a-b.1._}", "${a}${b}", "a/b${c}d"]) {
    assert.equal(needsGrammarCheck(s), false, s);
    parseConfigValue(s);
  }
  for (
    const s of ["${a..b}", "${a.}", "${}", "${oc.env:X}", "a\\${b}", "${a}}", "{${a}", "${a[0]}"]
  ) {
    assert.equal(needsGrammarCheck(s), true, s);
  }
  assert.equal(needsGrammarCheck("no interpolation"), false);
});

Deno.test("a file whose interpolations are all plain node keys makes no engine call; a bad one is still found", () => {
  const before = interpStats.validateCalls;
  validateInterpolations(loadYaml("a: 1\nb: ${a}\nc: x_${..a}_y\nd: {e: '${a}${b}'}"));
  assert.equal(interpStats.validateCalls, before);
  assert.throws(
    () => validateInterpolations(loadYaml("a: 1\nb: ${a}\nc: ${a..b}\n", { file: "c.yaml" })),
    (e: Error & { code?: string; fullKey?: string; origin?: { line?: number } }) =>
      e.code === "grammar" && e.fullKey === "c" && e.origin?.line === 3,
  );
});
