/**
 * Quoted scalars over several lines whose continuation lines are not
 * indented (PyYAML reads them at any indent; npm:yaml does not), as a user
 * meets them through `strata compose`. Values, errors and their places are
 * PyYAML 6's (checked with /usr/bin/python3 -c 'import yaml; ...').
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("compose: a quoted scalar's continuation lines at column 1 load as in PyYAML", async () => {
  const dir = await confTree({
    "conf/top.yaml": "a: \"hello\nworld\"\nb: 'x\ny'\n",
    "conf/nested.yaml": 'p:\n  a: "hello\nworld"\n  b: 1\nq:\n  - "c\n\nd"\n',
    "conf/keylike.yaml": "a: \"hello\nb: world\"\nc: 'x\n- y\n# z\n---x'\n",
    "conf/dedent.yaml": 'p:\n  a: "hello\nworld"\nb: 2\n',
    // an anchor sends the file to the full reader
    "conf/anchor.yaml": 'x: &k 1\na: "hello\n\tworld"\nb: *k\n',
    "conf/sep.yaml": 'x: 1\na: "hello\n---\nworld"\n',
    "conf/end.yaml": "x: 1\na: 'hello\n...\n'\n",
    "conf/eos.yaml": 'a: "hello\nworld\n',
    "conf/after.yaml": 'a: "x\n😀"\tx\n',
  });
  try {
    const json = async (name: string) => {
      const r = await strata(["compose", "-d", "conf", "-n", name, "-f", "json"], { cwd: dir });
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    assert.deepEqual(await json("top"), { a: "hello world", b: "x y" });
    assert.deepEqual(await json("nested"), { p: { a: "hello world", b: 1 }, q: ["c\nd"] });
    assert.deepEqual(await json("keylike"), { a: "hello b: world", c: "x - y # z ---x" });
    assert.deepEqual(await json("dedent"), { p: { a: "hello world" }, b: 2 });
    assert.deepEqual(await json("anchor"), { x: 1, a: "hello world", b: 1 });
    const fails = async (name: string, want: string) => {
      const r = await strata(["compose", "-d", "conf", "-n", name], { cwd: dir });
      assert.equal(r.code, 1, name);
      assert.equal(r.stderr.split("\n")[0], want, name);
      assertNoStackTrace(r.stderr);
    };
    // located at the opening quote, where the parser gave up in the message
    const sep = "while scanning a quoted scalar: found unexpected document separator (at 3:1)";
    await fails("sep", `conf/sep.yaml:2:4: ${sep}`);
    await fails("end", `conf/end.yaml:2:4: ${sep}`);
    await fails(
      "eos",
      "conf/eos.yaml:1:4: while scanning a quoted scalar: found unexpected end of stream (at 3:1)",
    );
    // the column after the closing quote is the file's, not the indented copy's
    await fails(
      "after",
      "conf/after.yaml:2:3: while scanning for the next token: found character '\\t' that cannot start any token (PyYAML, which Hydra reads YAML with, separates tokens with spaces, never tabs)",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
