/**
 * The launcher of `strata run -m`: a failing job, --fail-fast, Ctrl-C and
 * --resume, the progress line, a run dir that cannot be created mid-sweep.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, PERMISSIONS, ROOT, strata } from "./_cli.ts";
import { exists, PYTHON, status, workspace } from "./_run.ts";

const FAIL_ON_1 = `import os, sys
n = int(os.environ["STRATA_JOB_NUM"])
print("job", n)
if n == 1:
    sys.stderr.write("diverged\\n")
    sys.exit(3)
`;

Deno.test("strata run -m: a failing job fails the sweep (exit 1), its exit code and log in the summary", async () => {
  const dir = workspace({ "job.py": FAIL_ON_1 });
  try {
    const r = await strata(
      ["run", "-m", "hydra.sweep.dir=s", "seed=1,2,3", "--", PYTHON, "job.py"],
      { cwd: dir },
    );
    assert.equal(r.code, 1);
    assertNoStackTrace(r.stderr);
    const log = join(dir, "s/1/job.log");
    assert.match(r.stderr, /3 jobs: 2 done, 1 failed/);
    assert.ok(r.stderr.includes(`#1 failed (exit 3): ${log}`), r.stderr);
    // stdout and stderr are two pipes: which of the two lines reaches the log first is a race.
    assert.deepEqual(Deno.readTextFileSync(log).split("\n").sort(), ["", "diverged", "job 1"]);
    assert.match(r.stderr, /^\[#1\] diverged$/m);
    assert.deepEqual([0, 1, 2].map((i) => status(join(dir, "s", String(i)))), [
      "done",
      "failed",
      "done",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run -m --fail-fast: jobs after the first failure do not start", async () => {
  const dir = workspace({ "job.py": FAIL_ON_1 });
  try {
    const r = await strata(
      [
        "run",
        "-m",
        "--fail-fast",
        "-q",
        "hydra.sweep.dir=s",
        "seed=1,2,3,4",
        "--",
        PYTHON,
        "job.py",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /4 jobs: 1 done, 1 failed, 0 interrupted, 2 not started/);
    assert.equal(r.stdout, "", "--quiet echoes nothing");
    assert.ok(!exists(join(dir, "s/2")));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const SLOW_FROM_2 = `import os, time
n = int(os.environ["STRATA_JOB_NUM"])
with open("ran.txt", "a") as f:
    f.write(f"{n}\\n")
if n >= 2 and not os.environ.get("FAST"):
    time.sleep(60)
`;

Deno.test("strata run -m --fail-fast -j 2: a job stopped because another failed says so", async () => {
  // job 0 fails once job 1 runs (and has set its trap); job 1 runs until
  // --fail-fast stops it: its report names the failure, not a bare
  // "interrupted (exit 0)" that reads as a Ctrl-C
  const dir = workspace({});
  try {
    const job = 'trap "exit 0" TERM INT; if [ "$STRATA_JOB_NUM" = 0 ]; then ' +
      "while [ ! -f started ]; do sleep 0.05; done; exit 1; fi; " +
      "touch started; while :; do sleep 0.1; done";
    const r = await strata(
      [
        "run",
        "-m",
        "--fail-fast",
        "-j",
        "2",
        "hydra.sweep.dir=s",
        "seed=1,2",
        "--",
        "sh",
        "-c",
        job,
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    const why = /interrupted: job #0 failed and --fail-fast stopped the others \(exit (0|143)\)/;
    assert.match(r.stderr, new RegExp(`\\[strata\\] #1 ${why.source}\\n`), r.stderr);
    assert.match(r.stderr, new RegExp(` {2}#1 ${why.source}: `), r.stderr);
    assert.match(r.stderr, /#0 failed \(exit 1\)/, r.stderr);
    assert.doesNotMatch(r.stderr, /#1 interrupted \(exit/, r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
Deno.test("strata run -m: SIGINT stops the jobs (exit 130), --resume reruns only the unfinished ones", async () => {
  const dir = workspace({ "job.py": SLOW_FROM_2 });
  try {
    const args = [
      "run",
      "-m",
      "-j",
      "2",
      "hydra.sweep.dir=s",
      "seed=1,2,3,4",
      "--",
      PYTHON,
      join(dir, "job.py"),
    ];
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", ...PERMISSIONS, join(ROOT, "cli/main.ts"), ...args],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "null",
      stderr: "piped",
    }).spawn();
    // Jobs 0 and 1 finish at once; 2 and 3 hang until interrupted.
    while (
      !(status(join(dir, "s/0")) && status(join(dir, "s/1")) && exists(join(dir, "s/3/job.log")))
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGINT");
    const out = await child.output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 130, stderr);
    assert.match(stderr, /4 jobs: 2 done, 0 failed, 2 interrupted/);
    assert.deepEqual([0, 1, 2, 3].map((i) => status(join(dir, "s", String(i)))), [
      "done",
      "done",
      "interrupted",
      "interrupted",
    ]);
    Deno.removeSync(join(dir, "ran.txt"));
    const again = await strata([...args.slice(0, 1), "--resume", ...args.slice(1)], {
      cwd: dir,
      env: { FAST: "1" },
    });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /--resume: 2 of 4 jobs already done/);
    // the summary says the jobs done before, not as if they were lost (checker x49)
    assert.match(
      again.stderr,
      /\[strata\] 2 jobs: 2 done, 0 failed, 0 interrupted, 0 not started; 2 done before, not run again\n/,
    );
    const ran = Deno.readTextFileSync(join(dir, "ran.txt")).trim().split("\n").sort();
    assert.deepEqual(ran, ["2", "3"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const SCRIPT = ["/usr/bin/script", "/bin/script"].find(exists);

Deno.test({
  name:
    "strata run -m on a terminal draws a live progress line on stderr; piped, it prints plain lines",
  ignore: SCRIPT === undefined,
  async fn() {
    const dir = workspace();
    try {
      const strataCmd = [Deno.execPath(), "run", ...PERMISSIONS, join(ROOT, "cli/main.ts")];
      const args = ["run", "-m", "-q", "hydra.sweep.dir=s", "seed=1,2", "--", "true"];
      // script(1) gives the command a pseudo-terminal.
      const out = await new Deno.Command(SCRIPT!, {
        args: ["-qec", [...strataCmd, ...args].map((a) => `'${a}'`).join(" "), "/dev/null"],
        cwd: dir,
        env: { NO_COLOR: "1" },
        stdout: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout);
      assert.equal(out.code, 0, text);
      const CLEAR_LINE = "\r\x1b[2K";
      assert.ok(text.includes(`${CLEAR_LINE}[strata] 2/2 done, 0 failed, 0 running, `), text);
      assert.doesNotMatch(text, /\[strata\] #0 done \(exit 0\)/);
      const piped = await strata(args, { cwd: dir });
      assert.ok(!piped.stderr.includes("\x1b["), "no terminal codes when piped");
      assert.match(piped.stderr, /^\[strata\] #1 done \(exit 0\)$/m);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("strata run -m: a job dir that cannot be created is an exit-2 error before any job runs", async () => {
  const dir = workspace();
  try {
    Deno.mkdirSync(join(dir, "s"));
    Deno.writeTextFileSync(join(dir, "s/seed=2"), "a file where job 1's dir would go\n");
    const r = await strata(
      [
        "run",
        "-m",
        "hydra.sweep.dir=s",
        "hydra.sweep.subdir=${hydra.job.override_dirname}",
        "seed=1,2",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /cannot create the run directory: not a directory: .*\/s\/seed=2\n/);
    assert.match(r.stderr, /full key: hydra\.sweep\.subdir/);
    assert.doesNotMatch(r.stderr, /jobs: /, "no job ran, no summary");
    // nothing written: not job 0's dir, not multirun.yaml
    assert.deepEqual([...Deno.readDirSync(join(dir, "s"))].map((e) => e.name).sort(), ["seed=2"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run -m and sweep -f slurm: a job dir name over 255 bytes is refused before any job runs", async () => {
  // `${hydra.job.override_dirname}` of a long override (entity-factored-rl's launchers)
  const dir = workspace();
  const long = "x".repeat(260);
  const args = [
    "hydra.sweep.dir=s",
    "hydra.sweep.subdir=${hydra.job.num}_${hydra.job.override_dirname}",
    `+pad=a,${long}`,
  ];
  try {
    const r = await strata(["run", "-m", "-j", "2", ...args, "--", "sleep", "1"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /cannot create the run directory: file name too long: .*\/s\/1_\+pad=x+ \(a name of 267 bytes, over the 255/,
    );
    assert.match(r.stderr, /full key: hydra\.sweep\.subdir/);
    assert.equal(exists(join(dir, "s")), false, "nothing written, no job started");
    const m = await strata(["sweep", ...args, "-f", "slurm", "-o", "sl", "--", "true"], {
      cwd: dir,
    });
    assert.equal(m.code, 2, m.stderr);
    assert.match(m.stderr, /file name too long/);
    assert.equal(exists(join(dir, "sl")), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: a job that appends to its own log (as a Hydra app does) keeps both outputs", async () => {
  // Hydra's file handler appends `<output_dir>/<job name>.log`, the file strata
  // writes the job's output to: each write must land at the end.
  const app = `import os, sys, time
print("first", flush=True)
time.sleep(0.3)
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "job.log"), "a") as f:
    f.write("[app] a log record\\n")
time.sleep(0.3)
print("second", flush=True)
`;
  const dir = workspace({ "job.py": app });
  try {
    const r = await strata(["run", "hydra.run.dir=out", "--", PYTHON, "job.py"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      Deno.readTextFileSync(join(dir, "out/job.log")),
      "first\n[app] a log record\nsecond\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run -m: a job a signal ended is summed up with the signal's name beside its code (checker x60 #3)", async () => {
  const dir = workspace({});
  try {
    const r = await strata(
      [
        "run",
        "-q",
        "-m",
        "hydra.sweep.dir=s",
        "seed=1,2",
        "--",
        "/bin/sh",
        "-c",
        'case "$STRATA_JOB_NUM" in 0) kill -SEGV $$;; esac',
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.ok(
      r.stderr.includes(`#0 failed (exit 139, SIGSEGV): ${join(dir, "s/0/config.log")}`),
      r.stderr,
    );
    assert.match(r.stderr, /2 jobs: 1 done, 1 failed/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
