/**
 * Flow collections over several lines whose following lines are not
 * indented past their key (PyYAML reads them at any indent; npm:yaml does
 * not), as a user meets them through `strata compose`. Values, errors and
 * their places are PyYAML 6's (checked with /usr/bin/python3 -c 'import yaml; ...').
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a flow collection's lines at column 1 load as in PyYAML", async () => {
  const dir = await confTree({
    "conf/seq.yaml": "a: [1,\n2]\nb: 3\n",
    "conf/map.yaml": "a: {x: 1,\ny: [2,\n3]}\n",
    "conf/items.yaml": "p:\n  - [1,\n2]\n  - {a: x, # a comment ]\n'b': \"]\"\n}\nq: 4\n",
    "conf/override.yaml": "lr: [0.1,\n0.2]\n",
    "conf/open.yaml": "a: [1,\n2\nb: 3\n",
    "conf/after.yaml": "a: {x: 1,\ny: 2} z\n",
  });
  try {
    const json = async (name: string, ...more: string[]) => {
      const r = await strata(["compose", "-d", "conf", "-n", name, "-f", "json", ...more], {
        cwd: dir,
      });
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    assert.deepEqual(await json("seq"), { a: [1, 2], b: 3 });
    assert.deepEqual(await json("map"), { a: { x: 1, y: [2, 3] } });
    assert.deepEqual(await json("items"), { p: [[1, 2], { a: "x", b: "]" }], q: 4 });
    assert.deepEqual(await json("override", "lr.1=0.5"), { lr: [0.1, 0.5] });
    const fails = async (name: string, want: string) => {
      const r = await strata(["compose", "-d", "conf", "-n", name], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.equal(r.stderr.split("\n")[0], want, name);
      assertNoStackTrace(r.stderr);
    };
    // never closed: PyYAML refuses it too, and no word of indentation
    await fails(
      "open",
      "conf/open.yaml:1:4: unclosed flow sequence: expected ',' or ']', but found '2' (at 2:1)",
    );
    // the column after the closing bracket is the file's, not the indented copy's
    await fails(
      "after",
      `conf/after.yaml:2:7: expected <block end>, but found '<scalar>': text after the value that ends before it (quote the whole value; inside '...' a ' is written '')`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
