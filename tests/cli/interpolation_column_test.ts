/**
 * An interpolation's error in a value written on one line is placed at the failing `${...}`, not
 * at the value's start (checker v41), as one in a block scalar is: plain, double- and
 * single-quoted values (their escapes before it), columns in code points (a surrogate pair is
 * one, in a block scalar too), a key of a nested `${...}` at that one; a grammar error at its
 * unclosed `${`; a quoted value that is one `${...}` at its `${` (checker v46), not at its quote; in a plain
 * value folded from several lines, on its continuation line.
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const CONFIG = [
  "name: x",
  "plain: run ${name} on ${nmae}",
  'quoted: "run\\t${name} on ${nmae}"',
  "single: 'it''s ${nmae}'",
  "twice: ${nmae}_${name}_${nmae}",
  "block: |",
  "  😀 ${nope}",
  "flow: {tag: 😀😀, v: 'x ${nope}'}",
  "nested: ${oc.decode:${nmae}}",
  "inner: x_${name}_${${nme}}",
  'whole: "${nmae}"',
  "whole_single: '${nmae}'",
  'in_flow: [1, "${nmae}"]',
  "bare: ${nmae}",
  "folded: first ${name}",
  "  then ${name} and ${nmae}",
  "",
].join("\n");

Deno.test("compose: an interpolation error in a one-line value is at the failing ${...}", async () => {
  const dir = writeTree({
    "conf/config.yaml": CONFIG,
    "conf/bad.yaml": "name: x\ngrammar: run ${name} on ${nm\n",
  });
  try {
    const at: Record<string, string> = {};
    for (
      const key of [
        "plain",
        "quoted",
        "single",
        "twice",
        "block",
        "flow.v",
        "nested",
        "inner",
        "whole",
        "whole_single",
        "in_flow.1",
        "bare",
        "folded",
        "grammar",
      ]
    ) {
      const name = key === "grammar" ? "bad" : "config";
      const r = await strata(["compose", "-d", "conf", "-n", name, "-p", key, "-c", "job"], {
        cwd: dir,
      });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, r.stderr);
      at[key] = r.stderr.split(": ")[0];
    }
    assert.deepEqual(at, {
      plain: "conf/config.yaml:2:23",
      quoted: "conf/config.yaml:3:26",
      single: "conf/config.yaml:4:16",
      twice: "conf/config.yaml:5:8",
      block: "conf/config.yaml:7:5",
      "flow.v": "conf/config.yaml:8:23",
      // a key not found in a nested ${...}: at the inner one (checker v45)
      nested: "conf/config.yaml:9:21",
      inner: "conf/config.yaml:10:20",
      // a quoted value that is one ${...}: at the ${, not its quote (checker v46); a bare one at
      // its start, which is the ${
      whole: "conf/config.yaml:11:9",
      whole_single: "conf/config.yaml:12:16",
      "in_flow.1": "conf/config.yaml:13:15",
      bare: "conf/config.yaml:14:7",
      // a plain value folded from two lines: its ${nmae}, on its continuation line
      // (checker v46: it was the value's start)
      folded: "conf/config.yaml:16:20",
      grammar: "conf/bad.yaml:2:25",
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
