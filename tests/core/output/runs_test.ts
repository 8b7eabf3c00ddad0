import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { TextRuns } from "../../../core/output/runs.ts";

// well-formed text (no lone surrogate: UTF-8 cannot hold one, and the emitters escape them)
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 20000, maxLength: 70000 }),
  },
  { weight: 1, arbitrary: fc.constantFrom("é", "😀", "\u2028", "", "\n", "  ") },
);

Deno.test("property: the runs of TextRuns join to the pieces written, across run boundaries", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const out = new TextRuns();
      for (const p of pieces) out.write(p);
      const runs = out.runs();
      assert.equal(runs.join(""), pieces.join(""));
      assert.ok(runs.every((r) => r.length > 0), "no empty run");
      assert.equal(out.text(), pieces.join(""));
    }),
    { numRuns: 200 },
  );
});

Deno.test("TextRuns: a big output comes out as several runs", () => {
  const out = new TextRuns();
  for (let i = 0; i < 100_000; i++) out.write(`k${i}: é\n`);
  const runs = out.runs();
  assert.ok(runs.length > 10, `${runs.length} runs`);
  assert.equal(
    runs.join("").length,
    [...Array(100_000).keys()].map((i) => `k${i}: é\n`).join("").length,
  );
});

Deno.test("property: writeJsonString writes what JSON.stringify writes, escapes and all", () => {
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.array(
      fc.constantFrom("a", '"', "\\", "\n", "\u0000", "\u001f", "é", "😀", "\ud800", "\udc00"),
    )
      .map((cs) => cs.join("")),
    fc.string({ unit: "grapheme-ascii", minLength: 30000, maxLength: 70000 }),
  );
  fc.assert(
    fc.property(fc.array(text, { maxLength: 8 }), (texts) => {
      const out = new TextRuns();
      for (const t of texts) out.writeJsonString(t);
      assert.equal(out.text(), texts.map((t) => JSON.stringify(t)).join(""));
    }),
    { numRuns: 300 },
  );
});
