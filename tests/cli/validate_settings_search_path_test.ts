// A .strata.yaml search_path directory that is not there is reported beside the other wrong
// settings in one validate run, not only once they are mended (checker w45 #4).
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("validate: a missing search_path directory and another wrong setting, in one run", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\n",
    ".strata.yaml": "config_dir: conf\nsearch_path: [plugin]\nresolvers:\n  opaque: eval\n",
  });
  const r = await validateIn(dir);
  assert.equal(r.code, 1, r.stdout);
  assert.deepEqual(r.lines, [
    `.strata.yaml:2:15: error: Search path directory not found: no such file or directory: ${
      Deno.realPathSync(dir)
    }/plugin [key: search_path]`,
    ".strata.yaml:4:11: error: resolvers.opaque must be a list of names [key: resolvers.opaque]",
  ]);
  assert.match(r.stderr, /^2 errors in 1 file, no composition built$/m);
});
