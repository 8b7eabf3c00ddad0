/**
 * A `${${...}}` nested 2000 deep (a pull request's config) overflowed the TypeScript evaluator
 * inside validate, which then said "please report" without a place; compose --resolve said
 * Python's RecursionError at the value. validate says the same, at the value's line and key.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: an interpolation nested past the evaluator's stack is a RecursionError at its value", async () => {
  // 5000 deep: the stack a level takes shrinks once V8 optimizes the evaluator, and 2000 levels
  // fitted in a loaded run (the grammar check's own stack gives out past ~20000)
  let text = "x";
  for (let i = 0; i < 5000; i++) text = "${" + text + "}";
  const dir = writeTree({ "conf/config.yaml": `a: "${text}"\nx: 1\n` });
  try {
    const r = await validateIn(dir, ["-d", "conf"]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.lines, [
      "conf/config.yaml:1:4: error: RecursionError raised while resolving interpolation: " +
      "maximum recursion depth exceeded [key: a]",
    ]);
    assert.doesNotMatch(r.stderr, /please report/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
