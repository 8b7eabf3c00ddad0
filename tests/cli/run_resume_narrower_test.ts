/**
 * `strata run -m --resume` of a narrower sweep in the dir of a wider one: its jobs run or are
 * found done, multirun.yaml is rewritten for it, and the job dirs of the wider sweep that are no
 * job of this one are named in a note, left as they are (checker x44 #2).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

Deno.test("strata run -m --resume: job dirs of an earlier, wider sweep are named, not removed", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-resume-narrower-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "lr: 1\n");
    const run = (values: string, ...more: string[]) =>
      strata([
        "run",
        "-d",
        "conf",
        "-m",
        "hydra.sweep.dir=sw",
        `lr=${values}`,
        ...more,
        "--",
        "true",
      ], {
        cwd: dir,
      });
    const wide = await run("1,2,3,4");
    assert.equal(wide.code, 0, wide.stderr);
    const narrow = await run("1,2", "--resume");
    assert.equal(narrow.code, 0, narrow.stderr);
    assertNoStackTrace(narrow.stderr);
    assert.equal(
      narrow.stderr,
      `[strata] --resume: 2 job dirs in ${join(dir, "sw")} are no job of this sweep (2, 3): ` +
        "left as they are; multirun.yaml now describes this sweep\n" +
        `[strata] --resume: all 2 jobs already done in ${join(dir, "sw")}, nothing to launch\n`,
    );
    assert.ok(Deno.statSync(join(dir, "sw/3")).isDirectory);
    assert.match(Deno.readTextFileSync(join(dir, "sw/multirun.yaml")), /- lr=1,2\n/);
    // the same sweep resumed again: nothing left over to name
    const same = await run("1,2,3,4", "--resume");
    assert.equal(same.code, 0, same.stderr);
    assert.doesNotMatch(same.stderr, /no job of this sweep/);
    // one left over, one job: said in the singular (checker x51)
    const one = await run("1", "--resume");
    assert.equal(one.code, 0, one.stderr);
    assert.equal(
      one.stderr,
      `[strata] --resume: 3 job dirs in ${join(dir, "sw")} are no job of this sweep (1, 2, 3): ` +
        "left as they are; multirun.yaml now describes this sweep\n" +
        `[strata] --resume: its one job already done in ${join(dir, "sw")}, nothing to launch\n`,
    );
    const three = await run("1,2,3", "--resume");
    assert.equal(three.code, 0, three.stderr);
    assert.match(
      three.stderr,
      /^\[strata\] --resume: 1 job dir in .* is no job of this sweep \(3\): left as it is;/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
