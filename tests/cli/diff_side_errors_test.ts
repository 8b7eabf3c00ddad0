import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// Both override sets count from #1: an error says which side's set it is in.
Deno.test("strata diff: an error in --a or --b names the side", async () => {
  const dir = await writeTree({
    "conf/config.yaml": "lr: 1\nm: x\n",
    "conf/db/ok.yaml": "p: 1\n",
    "conf/db/bad.yaml": "x: [\n",
  });
  const parse = await strata(["diff", "-d", "conf", "--a", "lr=2", "--b", "lr=["], { cwd: dir });
  assert.equal(parse.code, 2);
  assert.match(parse.stderr, /^override #1 of --b 'lr=\[': Error parsing override 'lr=\['/);
  assertNoStackTrace(parse.stderr);
  const struct = await strata(["diff", "-d", "conf", "--a", "nope=2", "--b", "lr=3"], {
    cwd: dir,
  });
  assert.equal(struct.code, 2);
  assert.match(struct.stderr, /^override #1 of --a 'nope=2': Could not override 'nope'/);
  // a missing option: the related position names the side too
  const missing = await strata(["diff", "-d", "conf", "--a", "lr=2", "--b", "lr=3 +db=nope"], {
    cwd: dir,
  });
  assert.equal(missing.code, 2);
  assert.match(
    missing.stderr,
    /^override #2 of --b '\+db=nope': In 'config': Could not find 'db\/nope'/,
  );
  assert.match(
    missing.stderr,
    /\n {4}appended to the defaults list of 'config' by the command line\n/,
  );
  assert.doesNotMatch(missing.stderr, /override #\d '/);
  // an error in a file only one side's choice loads: the chain to the file names the side's
  // override (the `(composing --b ...)` note is for an error that names none)
  const file = await strata(["diff", "-d", "conf", "--a", "+db=ok", "--b", "+db=bad"], {
    cwd: dir,
  });
  assert.equal(file.code, 2);
  assert.match(file.stderr, /^conf\/db\/bad\.yaml:1:4: unclosed flow sequence/);
  assert.match(
    file.stderr,
    /\n {4}override #1 of --b '\+db=bad': appended to the defaults list of 'config' by the command line\n/,
  );
  // a path side is named by its path already: unchanged
  const path = await strata(["diff", "-d", "conf", "--a", "lr=[", "conf/db/ok.yaml"], { cwd: dir });
  assert.match(path.stderr, /^override #1 of --a 'lr=\['/);
});
