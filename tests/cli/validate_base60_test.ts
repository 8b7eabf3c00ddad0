/**
 * validate warns at a number YAML 1.1 reads in base 60 (`start: 12:30` is the int 750 to
 * PyYAML, so to OmegaConf and Hydra: checker x36); compose reads it as they do; a quoted one,
 * and a time past :59 (`12:60`, a string to them) are left alone.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a base-60 number is a warning at the value, with its full key", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - sched: day\n  - _self_\nport: 8080\n",
    "conf/sched/day.yaml": "start: 12:30\nspan: [1, -1:30]\nlong: 1:20:30.5\n" +
      "quoted: '12:30'\npast: 12:60\n",
  });
  try {
    const v = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const warnings = (v.stdout + v.stderr).split("\n").filter((l) => l.includes("base 60"));
    const tail = "YAML 1.1 (PyYAML, so OmegaConf and Hydra) reads numbers separated by ':' as " +
      "one number in base 60; quote it for the text";
    assert.deepEqual(warnings, [
      `conf/sched/day.yaml:1:8: warning: '12:30' is the int 750: ${tail} ('12:30') ` +
      "[key: sched.start]",
      `conf/sched/day.yaml:2:11: warning: '-1:30' is the int -90: ${tail} ('-1:30') ` +
      "[key: sched.span[1]]",
      `conf/sched/day.yaml:3:7: warning: '1:20:30.5' is the float 4830.5: ${tail} ` +
      "('1:20:30.5') [key: sched.long]",
    ]);
    const c = await strata(["compose", "-d", "conf", "-p", "sched", "-f", "json"], { cwd: dir });
    assert.deepEqual(JSON.parse(c.stdout), {
      start: 750,
      span: [1, -90],
      long: 4830.5,
      quoted: "12:30",
      past: "12:60",
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
