import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

Deno.test("resolvers module: a missing file is bad usage on the command line, located in .strata.yaml", async () => {
  const dir = writeTree({ "conf/config.yaml": "a: 1\n", ".git/HEAD": "ref: refs/heads/main\n" });
  let r = await validateIn(dir, ["--resolvers", "tools/nope.ts"]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, "resolvers module 'tools/nope.ts' not found\n");
  Deno.writeTextFileSync(`${dir}/.strata.yaml`, "resolvers:\n  module: tools/nope.ts\n");
  r = await validateIn(dir);
  assert.equal(r.code, 1, r.stderr);
  // reported as the tree's problems are (a line GitHub can annotate), then the count
  assert.match(
    r.stdout,
    // (named as written from here, with its key: checker w62 #5)
    /^\.strata\.yaml:2:11: error: resolvers module 'tools\/nope\.ts' not found \[key: resolvers\.module\]$/m,
  );
  assert.match(r.stderr, /1 error in 1 file, no composition built/);
});
