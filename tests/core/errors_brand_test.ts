// A StrataError of another copy of strata's modules (a resolvers module importing its own
// mod.ts; a program depending on two versions) is one to isStrataError and instanceof.
import assert from "node:assert/strict";
import { ErrorCode, isStrataError, StrataError } from "../../mod.ts";

Deno.test("StrataError: instanceof and isStrataError hold for another copy's errors (a Symbol.for brand)", async () => {
  // a second copy of core/errors.ts and what it imports, loaded as other modules
  const dir = Deno.makeTempDirSync();
  try {
    const root = new URL("../../core/", import.meta.url).pathname;
    Deno.copyFileSync(root + "errors.ts", `${dir}/errors.ts`);
    // its imports, as they are (the copy is of the class alone)
    const text = Deno.readTextFileSync(`${dir}/errors.ts`).replaceAll('from "./', `from "${root}`);
    Deno.writeTextFileSync(`${dir}/errors.ts`, text);
    const other = await import(`file://${dir}/errors.ts`);
    const theirs = new other.StrataError(ErrorCode.Key, "x");
    assert.notEqual(other.StrataError, StrataError, "two classes");
    assert.equal(theirs instanceof StrataError, true);
    assert.equal(isStrataError(theirs), true);
    assert.equal(new Error("x") instanceof StrataError, false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
