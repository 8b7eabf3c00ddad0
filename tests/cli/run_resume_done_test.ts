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

Deno.test("strata run -m, with --resume or not: a job that still runs is not started again (exit 2); one whose process is gone is", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-resume-running-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "lr: 1\n");
    const args = ["run", "-d", "conf", "-m", "hydra.sweep.dir=sw", "lr=1,2"];
    const first = await strata([...args, "--", "true"], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    // as a first run still at job 0 leaves it (or its job, when strata was killed)
    const status = join(dir, "sw/0/.strata/status.json");
    Deno.writeTextFileSync(
      status,
      JSON.stringify({ state: "running", exit_code: null, pid: Deno.pid }),
    );
    const again = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(again.code, 2, again.stderr);
    assertNoStackTrace(again.stderr);
    assert.match(again.stderr, new RegExp(`^--resume: job #0 still runs \\(pid ${Deno.pid}, in `));
    // the same sweep started again without --resume would write the running job's dir: refused
    // too, nothing written (checker x53)
    const log = join(dir, "sw/0/.hydra/overrides.yaml");
    const before = Deno.readTextFileSync(log);
    const fresh = await strata([...args, "--", "true"], { cwd: dir });
    assert.equal(fresh.code, 2, fresh.stderr);
    assertNoStackTrace(fresh.stderr);
    assert.match(fresh.stderr, new RegExp(`^job #0 still runs \\(pid ${Deno.pid}, in `));
    assert.equal(Deno.readTextFileSync(log), before);
    assert.equal(JSON.parse(Deno.readTextFileSync(status)).pid, Deno.pid);
    // its process gone (a pid no process has): run again
    Deno.writeTextFileSync(
      status,
      JSON.stringify({ state: "running", exit_code: null, pid: 2 ** 22 + 1 }),
    );
    const gone = await strata([...args, "--resume", "--", "true"], { cwd: dir });
    assert.equal(gone.code, 0, gone.stderr);
    assert.match(gone.stderr, /--resume: 1 of 2 jobs already done/);
    assert.equal(JSON.parse(Deno.readTextFileSync(status)).state, "done");
    // what strata writes for a job it starts: the pid and when it started
    const started = await strata(
      ["run", "-d", "conf", "hydra.run.dir=one", "--", "cat", "one/.strata/status.json"],
      { cwd: dir },
    );
    assert.equal(started.code, 0, started.stderr);
    const own = JSON.parse(started.stdout);
    assert.equal(own.state, "running");
    assert.ok(Math.abs(own.started - Date.now() / 1000) < 60, started.stdout);
    // its pid now another program's (this test's process, started after the job): run again
    if (Deno.build.os === "linux") {
      Deno.writeTextFileSync(
        status,
        JSON.stringify({
          state: "running",
          exit_code: null,
          pid: Deno.pid,
          started: Math.floor(Date.now() / 1000) - 3600,
        }),
      );
      const reused = await strata([...args, "--resume", "--", "true"], { cwd: dir });
      assert.equal(reused.code, 0, reused.stderr);
      assert.equal(JSON.parse(Deno.readTextFileSync(status)).state, "done");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// DeFlow's run dir is named to the minute (`${now:%m-%d-%H-%M}`): a second run into it while the
// first still runs replaced the config the first job read (checker y3)
Deno.test("strata run (single): a run dir whose job still runs is refused, exit 2, nothing written", async () => {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-single-running-" }));
  try {
    Deno.mkdirSync(join(dir, "conf"));
    Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "a: 1\n");
    const first = await strata(["run", "-d", "conf", "hydra.run.dir=fixed", "a=2", "--", "true"], {
      cwd: dir,
    });
    assert.equal(first.code, 0, first.stderr);
    const status = join(dir, "fixed/.strata/status.json");
    Deno.writeTextFileSync(
      status,
      JSON.stringify({ state: "running", exit_code: null, pid: Deno.pid }),
    );
    const config = join(dir, "fixed/.hydra/config.yaml");
    const again = await strata(
      ["run", "-d", "conf", "hydra.run.dir=fixed", "a=3", "--", "true"],
      { cwd: dir },
    );
    assert.equal(again.code, 2, again.stderr);
    assertNoStackTrace(again.stderr);
    assert.match(again.stderr, new RegExp(`^the run still runs \\(pid ${Deno.pid}, in `));
    assert.equal(Deno.readTextFileSync(config), "a: 2\n");
    // its process gone: runs
    Deno.writeTextFileSync(
      status,
      JSON.stringify({ state: "running", exit_code: null, pid: 2 ** 22 + 1 }),
    );
    const gone = await strata(
      ["run", "-d", "conf", "hydra.run.dir=fixed", "a=3", "--", "true"],
      { cwd: dir },
    );
    assert.equal(gone.code, 0, gone.stderr);
    assert.equal(Deno.readTextFileSync(config), "a: 3\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
