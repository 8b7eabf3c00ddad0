/**
 * A sweep function inside a list or dict value (`lr=[choice(1,2)]`) is no
 * sweep in Hydra: the sweep object stays in the value. OmegaConf cannot store
 * a ChoiceSweep, RangeSweep or IntervalSweep ("Error merging override ...",
 * exit 1) and stores a Glob as `{include, exclude}`. strata crashed (exit 70).
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const FILES = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - model: a\n  - _self_\nlr: 0.1\nseed: 1\n",
  "conf/db/mysql.yaml": "host: m\n",
  "conf/db/pg.yaml": "host: p\n",
  "conf/model/a.yaml": "x: 1\n",
  "conf/model/b.yaml": "x: 2\n",
};

/** Runs strata in `dir`; a stack trace fails the test. */
async function run(dir: string, args: string[]) {
  const r = await strata(args, { cwd: dir });
  assertNoStackTrace(r.stderr);
  return r;
}

Deno.test("compose: a sweep inside a list or dict value is Hydra's 'Error merging override', exit 1", async () => {
  const dir = await confTree(FILES);
  const cases: [string, string, string][] = [
    ["lr=[choice(1,2)]", "lr[0]", "choice(1,2)"],
    ["lr={a:choice(1,2)}", "lr.a", "choice(1,2)"],
    ["lr=[range(3)]", "lr[0]", "range(3)"],
    ["lr=[interval(0,1)]", "lr[0]", "interval(0,1)"],
    ["lr=[shuffle(1,2)]", "lr[0]", "shuffle(1,2)"],
    ["lr=[sort(1,2)]", "lr[0]", "sort(1,2)"],
    ["lr=[1,[choice(1,2)]]", "lr[1][0]", "choice(1,2)"],
    ["+x=[choice(1,2)]", "x[0]", "choice(1,2)"],
  ];
  for (const [override, key, sweep] of cases) {
    const r = await run(dir, ["compose", override]);
    assert.equal(r.code, 1, `${override}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    const lines = r.stderr.split("\n");
    assert.equal(lines[0], `override #1 '${override}': Error merging override ${override}`);
    assert.equal(lines[1], `    full key: ${key}`);
    // the caret is under the sweep
    const at = override.indexOf(sweep);
    assert.equal(lines[3], `    ${" ".repeat(at)}${"^".repeat(sweep.length)}`, override);
    assert.match(r.stderr, /is a sweep inside a list or dict value/);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compose: glob(...) inside a list is stored as OmegaConf stores Hydra's Glob", async () => {
  const dir = await confTree(FILES);
  const r = await run(dir, ["compose", "-p", "lr", "lr=[glob(*),glob([a,b],exclude=c)]"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "# @package lr\n- include:\n  - '*'\n  exclude: []\n- include:\n  - a\n  - b\n  exclude:\n  - c\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a group's list of options with a sweep or a container in it is refused, exit 1", async () => {
  const dir = await confTree(FILES);
  const sweep = await run(dir, ["compose", "db=[choice(mysql,pg)]"]);
  assert.equal(sweep.code, 1, sweep.stderr);
  assert.match(
    sweep.stderr,
    /^override #1 'db=\[choice\(mysql,pg\)\]': Config group override list items must be strings\. Got ChoiceSweep\n/,
  );
  const nested = await run(dir, ["compose", "db=[mysql,[pg]]"]);
  assert.equal(nested.code, 1, nested.stderr);
  assert.match(nested.stderr, /list items must be strings\. Got list/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a group's list of options with a number, bool or null in it is refused, exit 1", async () => {
  // Hydra 1.3.2's defaults list runs `"${" in item` on each option: an int item is a TypeError
  // ("argument of type 'int' is not iterable"); strata loaded `db/1` and said it was not there
  const dir = await confTree({ ...FILES, "conf/db/1.yaml": "host: one\n" });
  const cases: [string, string][] = [
    ["db=[1]", "int"],
    ["db=[mysql,2.5]", "float"],
    ["db=[true]", "bool"],
    ["+db@other=[null]", "NoneType"],
  ];
  for (const [o, type] of cases) {
    const r = await run(dir, ["compose", o]);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(
      r.stderr,
      `override #1 '${o}': Config group override list items must be strings. Got ${type}\n`,
    );
  }
  // a quoted name is a string: the config db/1
  const quoted = await run(dir, ["compose", "db=['1']"]);
  assert.equal(quoted.code, 0, quoted.stderr);
  assert.ok(quoted.stdout.startsWith("db:\n  host: one\n"), quoted.stdout);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("every command that composes fails cleanly on a sweep inside a value", async () => {
  const dir = await confTree(FILES);
  const o = "lr=[choice(1,2)]";
  for (
    const [args, code] of [
      [["sweep", o], 1],
      [["run", "-m", o, "--", "true"], 1],
      [["hash", o], 1],
      [["explain", "lr", o], 1],
      [["schema", o], 1],
      [["validate", "--override", o], 1],
      [["diff", "--a", o, "--b", "seed=2"], 2],
    ] as [string[], number][]
  ) {
    const r = await run(dir, args);
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr + r.stdout, /Error merging override lr=\[choice\(1,2\)\]/, args[0]);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep: a sweep over values that hold a sweep fails; one holding a glob expands", async () => {
  const dir = await confTree(FILES);
  const bad = await run(dir, ["sweep", "lr=[choice(1,2)],3"]);
  assert.equal(bad.code, 1, bad.stderr);
  assert.equal(bad.stdout, "");
  assert.match(bad.stderr, /cannot be written back as an override value/);
  const glob = await run(dir, ["sweep", "lr=[glob(*)],3"]);
  assert.equal(glob.code, 0, glob.stderr);
  assert.deepEqual(
    glob.stdout.trim().split("\n").map((l) => JSON.parse(l).overrides),
    [["lr=[{include:[*],exclude:[]}]"], ["lr=3"]],
  );
  Deno.removeSync(dir, { recursive: true });
});
