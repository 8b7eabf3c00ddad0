/**
 * A `${` nobody closed. OmegaConf's own message is terse ("no viable
 * alternative at input '${foo'"); strata keeps it and shows the value with a
 * caret under the opening and what is missing. An override that sets such a
 * value fails as Hydra's does, where it is applied (OmegaConf.update parses
 * what it sets), not only once something resolves it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const NEVER_CLOSED = "    this '${' is never closed: a '}' is missing\n";

Deno.test("an unclosed ${ in a file: OmegaConf's message, a caret under it, what is missing", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\nout: run_${a}_${b.c\n" });
  const r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 1);
  assertNoStackTrace(r.stderr);
  assert.equal(
    r.stderr,
    "conf/config.yaml:2:15: no viable alternative at input '${b.c'\n" +
      "    full key: out\n" +
      "    run_${a}_${b.c\n" +
      "             ^^\n" +
      NEVER_CLOSED,
  );
  assert.equal(r.stdout, "");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a grammar error that is no unclosed ${ gets a caret, no such hint", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: ${foo} ${b c}\n" });
  const r = await strata(["compose"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "conf/config.yaml:1:14: token recognition error at: ' c'\n" +
      "    full key: a\n" +
      "    ${foo} ${b c}\n" +
      "              ^\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("an override setting an unclosed ${ fails at compose, as Hydra's OmegaConf.update does", async () => {
  const dir = await confTree({ "conf/config.yaml": "a: 1\n" });
  const set = await strata(["compose", 'a="${foo"'], { cwd: dir });
  assert.equal(set.code, 1);
  assertNoStackTrace(set.stderr);
  assert.equal(
    set.stderr,
    `override #1 'a="\${foo"': Error merging override a="\${foo"\n` +
      "    full key: a\n" +
      "    no viable alternative at input '${foo'\n" +
      NEVER_CLOSED,
  );
  assert.equal(set.stdout, "");
  const inList = await strata(["compose", '+b=[1,"x_${a.c"]'], { cwd: dir });
  assert.equal(inList.code, 1);
  assert.ok(
    inList.stderr.includes("full key: b[1]\n    no viable alternative at input '${a.c'\n"),
    inList.stderr,
  );
  // an escaped one is a plain string, and a closed one is fine
  const escaped = await strata(["compose", 'a="\\${foo"', "+c='${a}'"], { cwd: dir });
  assert.equal(escaped.code, 0, escaped.stderr);
  assert.equal(escaped.stdout, "a: \\${foo\nc: ${a}\n");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a ']' missing inside a key: the caret is under the token it is missing before, not the '$' (checker v35)", async () => {
  const dir = await confTree({ "conf/config.yaml": "k:\n  a: 1\nv: ${k[a.b]}\n" });
  const r = await strata(["compose", "--resolve"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "conf/config.yaml:3:9: missing BRACKET_CLOSE at '.'\n" +
      "    full key: v\n" +
      "    ${k[a.b]}\n" +
      "         ^\n",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("${.} and ${a[0].}: the caret under the '}' the message names (checker x31)", async () => {
  for (
    const [value, caret] of [["x ${..} y", "      ^"], ["${a[0].}", "       ^"]] as const
  ) {
    const dir = await confTree({ "conf/config.yaml": `a: ${value}\n` });
    const r = await strata(["compose", "--resolve"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.ok(r.stderr.endsWith(`\n    ${value}\n    ${caret}\n`), r.stderr);
    Deno.removeSync(dir, { recursive: true });
  }
});
