/**
 * `strata run -m --resume` on a sweep whose jobs all succeeded already: it
 * says so and launches nothing (not `Launching 0 jobs`, not a summary of 0
 * jobs), exit 0.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, strata } from "./_cli.ts";

Deno.test("strata run -m --resume: every job done already: nothing to launch, exit 0", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-resume-done-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "lr: 1\n");
    const args = ["run", "-d", "conf", "-m", "hydra.sweep.dir=sw", "lr=1,2"];
    const first = await strata([...args, "--", "true"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assertNoStackTrace(again.stderr);
    assert.equal(
      again.stderr,
      `[strata] --resume: all 2 jobs already done in ${join(dir, "sw")}, nothing to launch\n`,
    );
    // a job added to the sweep still runs, with the usual report
    const more = await strata([
      "run",
      "-d",
      "conf",
      "-m",
      "hydra.sweep.dir=sw",
      "lr=1,2,3",
      "--resume",
      "--",
      "true",
    ], { cwd: dir });
    assert.equal(more.code, 0, more.stderr);
    assert.match(more.stderr, /--resume: 2 of 3 jobs already done\n/);
    assert.match(more.stderr, /Launching 1 jobs locally/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
