/**
 * `--out` into a directory the user may not write: a one-line error naming
 * the user's path (not strata's temporary name), exit 1, nothing written.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("sweep/schema --out into a read-only directory: the path, permission denied, exit 1", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\n" });
  try {
    await Deno.mkdir(`${dir}/ro`, { mode: 0o555 });
    await Deno.chmod(`${dir}/ro`, 0o555);
    // Tests run as root: drop the capabilities that let root write anywhere.
    const wrapper = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"];
    for (
      const args of [
        ["sweep", "-d", "conf", "x=1,2", "-o", "ro/out.jsonl"],
        ["schema", "-d", "conf", "-o", "ro/out.jsonl"],
      ]
    ) {
      const r = await strata(args, { cwd: dir, wrapper });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, "Cannot write the file 'ro/out.jsonl': permission denied\n");
      assertNoStackTrace(r.stderr);
    }
    const gh = await strata(
      ["sweep", "-d", "conf", "x=1,2", "-f", "github", "-o", "ro/gh", "--", "echo"],
      { cwd: dir, wrapper },
    );
    assert.equal(gh.code, 1, gh.stderr);
    assert.equal(gh.stderr, "Cannot write into 'ro/gh': permission denied\n");
    assert.deepEqual([...Deno.readDirSync(`${dir}/ro`)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
