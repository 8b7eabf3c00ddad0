import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { pyFloatRepr, pyFloatReprDigits, pyStrRepr } from "../../core/pyformat.ts";

Deno.test("property: repr(float)'s short way (JS String) equals the long way", () => {
  const edges = fc.constantFrom(
    1e-4,
    9.999999999999999e-5,
    1.0000000000000002e-4,
    1e16,
    9999999999999998,
    1e15,
    123456789012345680,
    0.1,
    -0.0001,
    -1e16,
    5e-324,
    Number.MAX_VALUE,
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
  );
  fc.assert(
    fc.property(fc.oneof(fc.double(), edges, fc.integer().map((i) => i / 8)), (x) => {
      assert.equal(pyFloatRepr(x), pyFloatReprDigits(x), String(x));
    }),
    { numRuns: 5000 },
  );
});

Deno.test("pyStrRepr escapes what Python's repr() escapes: every character str.isprintable() refuses", () => {
  // repr(['\xa0\u2028\xad\u200b\ufeff\u0378\ue000\U000e0001\u3000\x85\ud7ff\ud800 é☃😀']) in Python 3.11
  assert.equal(
    pyStrRepr("\xa0\u2028\xad\u200b\ufeff\u0378\ue000\u{e0001}\u3000\x85\ud7ff\ud800 é☃😀"),
    "'\\xa0\\u2028\\xad\\u200b\\ufeff\\u0378\\ue000\\U000e0001\\u3000\\x85\\ud7ff\\ud800 é☃😀'",
  );
});
