import assert from "node:assert/strict";
import { charCount, firstChars, sliceWhole } from "../../core/chars.ts";

Deno.test("charCount and firstChars count as Python's len() and s[:n]: a surrogate pair is one character", () => {
  const e = "😀";
  assert.equal(charCount(e.repeat(3500)), 3500);
  assert.equal(charCount("a" + e + "b"), 3);
  assert.equal(charCount("\ud83d"), 1, "a lone surrogate is one character, as in Python");
  assert.equal(firstChars("a" + e.repeat(3), 3), "a" + e.repeat(2));
  assert.equal(firstChars(e.repeat(6001), 6000), e.repeat(6000));
  assert.equal(firstChars("abc", 0), "");
});

Deno.test("sliceWhole never keeps half of a surrogate pair at either end", () => {
  const t = "ab" + "😀".repeat(3);
  for (let i = 0; i <= t.length; i++) {
    for (let j = i; j <= t.length; j++) assert.ok(sliceWhole(t, i, j).isWellFormed(), `${i}..${j}`);
  }
  assert.equal(sliceWhole(t, 0, 3), "ab");
});
