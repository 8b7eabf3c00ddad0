/**
 * Where YAML-level problems of a file are placed and keyed, as `strata
 * validate` and `strata compose` report them: a duplicate key carries its
 * full key, a non-UTF-8 byte its line and column, an unknown key written with
 * escapes the key's own position.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { validateIn, writeTree } from "./_tree.ts";

const DUP = "a:\n  c:\n    d: 1\n    d: 2\n";

Deno.test("validate: a duplicate key carries its full key (JSON and text)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: ok\n  - _self_\n",
    "conf/model/ok.yaml": "x: 1\n",
    "conf/model/dup.yaml": DUP,
  });
  try {
    const json = await validateIn(dir, ["conf/model/dup.yaml", "--format", "json"]);
    assert.equal(json.code, 1, json.stdout + json.stderr);
    const problems = JSON.parse(json.stdout).problems;
    assert.deepEqual(problems, [{
      severity: "error",
      code: "yaml-construct",
      message: "while constructing a mapping (at 3:5): found duplicate key d",
      origin: { file: "conf/model/dup.yaml", line: 4, col: 5 },
      // keyed as the file's other problems (a grammar error): the composed config's key, under
      // the file's package (checker w39)
      fullKey: "model.a.c.d",
    }]);
    const text = await validateIn(dir, ["conf/model/dup.yaml"]);
    assert.deepEqual(text.lines, [
      "conf/model/dup.yaml:4:5: error: while constructing a mapping (at 3:5): found duplicate key d [key: model.a.c.d]",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose: a duplicate key of the primary config shows its full key", async () => {
  const dir = writeTree({ "conf/config.yaml": DUP });
  try {
    const r = await strata(["compose", "-d", "conf"], { cwd: dir });
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    assert.equal(
      r.stderr,
      "conf/config.yaml:4:5: while constructing a mapping (at 3:5): found duplicate key d\n" +
        "    full key: a.c.d\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// "name: resnet\ndepth: 1\nwidth: 2\n# caf" then a Latin-1 é (0xe9): line 4, column 6
const LATIN1 = new Uint8Array([
  ...new TextEncoder().encode("name: resnet\ndepth: 1\nwidth: 2\n# caf"),
  0xe9,
  0x0a,
]);
// a BOM (dropped), then 'x: "é😀' (characters, not bytes, count) and a stray 0xff: 1:7
const WIDE = new Uint8Array([
  0xef,
  0xbb,
  0xbf,
  ...new TextEncoder().encode('x: "é😀'),
  0xff,
  0x22,
  0x0a,
]);

Deno.test("validate and compose: a byte that is not UTF-8 is reported where it is", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: ok\n  - _self_\n",
    "conf/model/ok.yaml": "x: 1\n",
    "conf/model/l.yaml": LATIN1,
    "conf/model/w.yaml": WIDE,
  });
  try {
    const r = await validateIn(dir, ["conf/model/l.yaml", "conf/model/w.yaml"]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines, [
      "conf/model/l.yaml:4:6: error: not a UTF-8 text file",
      "conf/model/w.yaml:1:7: error: not a UTF-8 text file",
    ]);
    const c = await strata(["compose", "-d", "conf", "model=l"], { cwd: dir });
    assert.equal(c.code, 1);
    assertNoStackTrace(c.stderr);
    assert.match(c.stderr, /^conf\/model\/l\.yaml:4:6: 'utf-8' codec can't decode byte 0xe9/);
    // the primary's default: reported once, by the file check, not again by the composition
    Deno.writeTextFileSync(`${dir}/conf/config.yaml`, "defaults:\n  - model: l\n  - _self_\n");
    const p = await validateIn(dir);
    assert.deepEqual(p.lines.filter((l) => l.startsWith("conf/model/l.yaml")), [
      "conf/model/l.yaml:4:6: error: not a UTF-8 text file",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an unknown key written with escapes is placed at the key, shown escaped in text", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - model: a\n  - _self_\n",
    "conf/_schema/model.schema.yaml":
      "type: object\nadditionalProperties: false\nproperties:\n  depth: {type: integer}\n",
    "conf/model/a.yaml": 'depth: 1\n"a\\tb": 1\n"foo": 1\n"c\\rd":    2\n',
  });
  try {
    const r = await validateIn(dir);
    assert.equal(r.code, 1);
    const tail = " (conf/_schema/model.schema.yaml:2:23)";
    assert.deepEqual(r.lines, [
      `conf/model/a.yaml:2:1: error: unknown key 'a\\tb'${tail} [key: model.a\\tb]`,
      `conf/model/a.yaml:3:1: error: unknown key 'foo'${tail} [key: model.foo]`,
      `conf/model/a.yaml:4:1: error: unknown key 'c\\rd'${tail} [key: model.c\\rd]`,
    ]);
    // JSON keeps the key as it is (JSON escapes it); GitHub's escaping is its own (CR as %0D)
    const json = JSON.parse((await validateIn(dir, ["--format", "json"])).stdout);
    assert.deepEqual(json.problems.map((p: { fullKey: string }) => p.fullKey), [
      "model.a\tb",
      "model.foo",
      "model.c\rd",
    ]);
    const gh = await validateIn(dir, ["--format", "github"]);
    assert.equal(
      gh.lines[2],
      `::error file=conf/model/a.yaml,line=4,col=1,title=strata validate::unknown key 'c%0Dd'${tail} [key: model.c%0Dd]`,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// Hydra lays its lists out with a tab a line (`Available options in 'g':\n\ta`), as compose
// prints them; the escaping of a key's tab must not turn that layout into a literal `\t`.
Deno.test("validate: Hydra's list of options keeps its tab, an option's own tab is escaped", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - g: d\n  - _self_\n",
    "conf/g/a.yaml": "v: 1\n",
    "conf/g/b\tc.yaml": "v: 2\n",
  });
  try {
    const expected = [
      "conf/config.yaml:2:8: error: In 'config': Could not find 'g/d'",
      "    Available options in 'g':",
      "    \ta",
      "    \tb\\tc",
    ];
    const r = await validateIn(dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.lines.slice(0, 4), expected, r.stdout);
    // the pre-commit hook's run: the staged file
    const staged = await validateIn(dir, ["--staged", "conf/config.yaml"]);
    assert.deepEqual(staged.lines.slice(0, 4), expected, staged.stdout);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("compose/validate: a bad indentation after a blank line is placed at the bad line", async () => {
  // PyYAML: expected <block end>, but found '<block mapping start>' at line 5, column 4
  const dir = writeTree({ "conf/config.yaml": "a:\n  b:\n    c: 1\n\n   d: 2\n" });
  const head = "conf/config.yaml:5:4: bad indentation: this line is indented by 3 spaces, " +
    "which matches no enclosing block (indented by 0 or 2 or 4)";
  try {
    const c = await strata(["compose", "-d", "conf"], { cwd: dir });
    assertNoStackTrace(c.stderr);
    assert.equal(c.code, 1, c.stdout);
    assert.equal(c.stderr.split("\n")[0], head);
    const gh = await validateIn(dir, ["--format", "github"]);
    assert.equal(gh.code, 1);
    assert.match(gh.stdout, /^::error file=conf\/config\.yaml,line=5,col=4\b/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
