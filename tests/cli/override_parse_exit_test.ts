/**
 * A command-line override that does not parse (its grammar) is bad usage,
 * exit 2, on every command that takes overrides, with the same message (the
 * override, its position, a caret). An override read from a file (a
 * config's hydra.sweeper.params) or pinned by --job-overrides stays an
 * invalid config, exit 1.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/config.yaml": "a: 1\nb: 2\n",
  "params/config.yaml": "a: 1\nhydra:\n  sweeper:\n    params:\n      a: '[1,'\n",
};

const BAD: [string, RegExp][] = [
  ["a", /^override #1 'a': Error parsing override 'a': expected '=' after the key at column 2/],
  [
    "+../x=y",
    /^override #1 '\+\.\.\/x=y': Error parsing override '\+\.\.\/x=y': unexpected character '\.'/,
  ],
  ["a=[1,", /^override #1 'a=\[1,': Error parsing override 'a=\[1,': expected a value at column 6/],
];

Deno.test("a command-line override that does not parse is exit 2 on compose, sweep, run, hash, explain, schema, validate", async () => {
  const dir = writeTree(TREE);
  try {
    for (const [override, message] of BAD) {
      for (
        const args of [
          ["compose", override],
          ["sweep", override],
          ["sweep", "-f", "slurm", override, "--", "true"],
          ["run", override, "--", "true"],
          ["run", "-m", override, "--", "true"],
          ["hash", override],
          ["explain", "a", override],
          ["schema", override],
          ["validate", "--override", override],
        ]
      ) {
        const r = await strata(args, { cwd: dir });
        assertNoStackTrace(r.stderr);
        assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
        assert.match(r.stderr, message, args.join(" "));
        assert.match(r.stderr, /\n +\^\n/, "a caret at the position");
      }
    }
    // the second override: its own number
    const second = await strata(["sweep", "a=1,2", "b=[1,"], { cwd: dir });
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, /^override #2 'b=\[1,'/);
    // a params entry given on the command line is one of its overrides
    const params = await strata(["sweep", "+hydra.sweeper.params={a: '[1,'}"], { cwd: dir });
    assert.equal(params.code, 2, params.stderr);
    // diff: any trouble is 2 (1 means "different")
    const diff = await strata(["diff", "--a", "a=[1,", "--b", "a=1"], { cwd: dir });
    assert.equal(diff.code, 2, diff.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("an override read from a config's hydra.sweeper.params or pinned by --job-overrides stays exit 1", async () => {
  const dir = writeTree(TREE);
  try {
    for (const args of [["sweep", "-d", "params"], ["run", "-d", "params", "-m", "--", "true"]]) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /^params\/config\.yaml:5:10: Error parsing override 'a=\[1,'/);
    }
    const pinned = await strata(
      ["run", "--job-index", "0", "--job-overrides", '["a=[1,"]', "--", "true"],
      { cwd: dir },
    );
    assert.equal(pinned.code, 1, pinned.stderr);
    assert.match(pinned.stderr, /^override #1 of --job-overrides 'a=\[1,': Error parsing override/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
