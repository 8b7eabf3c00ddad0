/**
 * How `strata run` ends its jobs and passes their output on: jobs strata
 * stops are `interrupted` whatever their exit code, Ctrl-C reaches a Python
 * job as KeyboardInterrupt, SIGHUP and a closed stdout stop and record the
 * jobs, signal exit codes, a job that leaves a process behind, output byte
 * for byte as it comes.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, PERMISSIONS, ROOT, SHELL_COMMAND, strata, V8_FLAGS } from "./_cli.ts";
import { exists, PYTHON, status } from "./_run.ts";

function tree(files: Record<string, string> = {}): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-sig-" }));
  Deno.mkdirSync(join(dir, "conf"));
  Deno.writeTextFileSync(join(dir, "conf/config.yaml"), "seed: 0\n");
  for (const [name, text] of Object.entries(files)) Deno.writeTextFileSync(join(dir, name), text);
  return dir;
}

function spawn(args: string[], cwd: string, stdout: "piped" | "null" = "null") {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, ...V8_FLAGS, join(ROOT, "cli/main.ts"), ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout,
    stderr: "piped",
  }).spawn();
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dec = new TextDecoder();

/** The pid a job wrote to `path`, or 0 while the file is missing or not yet written. */
function pidIn(path: string): number {
  try {
    return Number(Deno.readTextFileSync(path).trim()) || 0;
  } catch {
    return 0;
  }
}

const CHECKPOINT = `import signal, sys, time
def on_term(*_):
    print("checkpoint saved", flush=True); sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
open("started", "w").close()
time.sleep(30)
`;

Deno.test("a job that exits 0 when strata stops it is interrupted, and --resume reruns it", async () => {
  const dir = tree({ "train.py": CHECKPOINT });
  try {
    const args = ["run", "-m", "hydra.sweep.dir=s", "seed=1", "--", PYTHON, "train.py"];
    const child = spawn(args, dir);
    await until(() => exists(join(dir, "started")));
    child.kill("SIGTERM");
    const out = await child.output();
    // 128 + SIGTERM's 15, as a shell reports it (SLURM's ExitCode=143 for scancel, a timeout)
    assert.equal(out.code, 143, dec.decode(out.stderr));
    assert.equal(status(join(dir, "s/0")), "interrupted");
    assert.match(Deno.readTextFileSync(join(dir, "s/0/train.log")), /checkpoint saved/);
    Deno.removeSync(join(dir, "started"));
    const again = spawn([args[0], "--resume", ...args.slice(1)], dir);
    await until(() => exists(join(dir, "started")));
    again.kill("SIGTERM");
    await again.output();
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const KEYBOARD = `import time
open("started", "w").close()
try:
    time.sleep(30)
except KeyboardInterrupt:
    print("KeyboardInterrupt: saving", flush=True)
finally:
    print("finally ran", flush=True)
`;

Deno.test("Ctrl-C reaches a Python job as KeyboardInterrupt (SIGINT first)", async () => {
  const dir = tree({ "train.py": KEYBOARD });
  try {
    const child = spawn(["run", "hydra.run.dir=o", "--", PYTHON, "train.py"], dir);
    await until(() => exists(join(dir, "started")));
    child.kill("SIGINT");
    const out = await child.output();
    assert.equal(out.code, 130);
    assert.equal(
      Deno.readTextFileSync(join(dir, "o/train.log")),
      "KeyboardInterrupt: saving\nfinally ran\n",
    );
    assert.equal(status(join(dir, "o")), "interrupted");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("SIGHUP stops and records every job, as SIGTERM does", async () => {
  const dir = tree();
  try {
    const job = ["--", "sh", "-c", "echo $$ > pid$STRATA_JOB_NUM; exec sleep 30"];
    const child = spawn(
      ["run", "-q", "-m", "-j", "2", "hydra.sweep.dir=s", "seed=1,2", ...job],
      dir,
    );
    // the shell creates pidN before it writes the pid: a stop in between leaves it empty,
    // and Number("") is 0, the test's own process group, which answers any signal
    await until(() => [0, 1].every((n) => pidIn(join(dir, `pid${n}`)) > 0));
    child.kill("SIGHUP");
    const out = await child.output();
    assert.equal(out.code, 129, dec.decode(out.stderr)); // 128 + SIGHUP's 1
    for (const n of [0, 1]) {
      assert.equal(status(join(dir, "s", String(n))), "interrupted");
      const pid = pidIn(join(dir, `pid${n}`));
      assert.ok(pid > 0);
      assert.throws(() => Deno.kill(pid, "SIGCONT"), "the job is gone");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a job the same SIGTERM ended just before strata heard it is interrupted, not done (scancel)", async () => {
  // SLURM's scancel signals every process of the step: job 0's trap saves and exits 0, and
  // strata's own SIGTERM arrives a moment later; job 1 keeps strata running meanwhile
  const dir = tree();
  try {
    const job = [
      "--",
      "sh",
      "-c",
      "echo $$ > pid$STRATA_JOB_NUM; trap 'kill $!; exit 0' TERM; sleep 30 & wait",
    ];
    const child = spawn(
      ["run", "-q", "-m", "-j", "2", "hydra.sweep.dir=s", "seed=1,2", ...job],
      dir,
    );
    await until(() => [0, 1].every((n) => pidIn(join(dir, `pid${n}`)) > 0));
    Deno.kill(pidIn(join(dir, "pid0")), "SIGTERM");
    await until(() => status(join(dir, "s/0")) !== undefined);
    child.kill("SIGTERM");
    const out = await outputWithin(child);
    assert.equal(out.code, 143, dec.decode(out.stderr));
    assert.equal(status(join(dir, "s/0")), "interrupted");
    assert.equal(status(join(dir, "s/1")), "interrupted");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/**
 * Whether a process is gone: no such pid, or a zombie not reaped yet (a
 * container's init may reap orphans late, and a zombie still answers kill).
 */
async function gone(pid: number): Promise<boolean> {
  try {
    Deno.kill(pid, "SIGCONT");
  } catch {
    return true;
  }
  // Deno reads /proc only with --allow-all: cat reads it. "pid (comm) state ...",
  // where comm may hold spaces and parentheses.
  const out = await new Deno.Command("cat", { args: [`/proc/${pid}/stat`], stderr: "null" })
    .output();
  const stat = dec.decode(out.stdout);
  return !out.success || stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
}

/** Waits until a process is {@link gone}, or fails the test with `what`. */
async function untilGone(pid: number, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!await gone(pid)) {
    if (Date.now() > end) assert.fail(`${what} (pid ${pid}) outlived strata`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The child's output; it is killed if it has not exited within `ms` (a hang fails, not blocks, the test). */
async function outputWithin(child: Deno.ChildProcess, ms = 30_000): Promise<Deno.CommandOutput> {
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  try {
    return await child.output();
  } finally {
    clearTimeout(timer);
  }
}

/** Kills what a test's job left behind when an assertion failed before strata did. */
function cleanUp(child: Deno.ChildProcess, pids: number[]): void {
  for (const pid of pids.filter((p) => p > 0)) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch { /* gone */ }
  }
  try {
    child.kill("SIGKILL");
  } catch { /* exited */ }
}

Deno.test("Ctrl-C stops what a job left in its process group, though the job itself exited", async () => {
  const dir = tree();
  // a background command of sh ignores SIGINT: the sleep outlives the shell that Ctrl-C ends
  const job = ["--", "sh", "-c", "sleep 1000 & echo $! > pid.tmp; mv pid.tmp pid; wait"];
  const child = spawn(["run", "hydra.run.dir=o", ...job], dir);
  let pid = 0;
  try {
    await until(() => (pid = pidIn(join(dir, "pid"))) > 0);
    child.kill("SIGINT");
    const out = await outputWithin(child);
    assert.equal(out.code, 130, dec.decode(out.stderr));
    assert.equal(status(join(dir, "o")), "interrupted");
    // the wait for the leftover is said, once, with what comes next (it lasted the grace time)
    const waiting = dec.decode(out.stderr).split("\n").filter((l) => l.includes("waiting for"));
    assert.deepEqual(waiting, [
      "[strata] waiting for processes left running by a stopped job: SIGTERM within 5 s, " +
      "then SIGKILL; Ctrl-C sends it now",
    ]);
    // strata sent SIGTERM after the grace time; the process may take a moment to die
    await untilGone(pid, "the job's background sleep");
  } finally {
    cleanUp(child, [pid]);
    await child.status;
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("Ctrl-C: jobs that ignore SIGINT are ended by SIGTERM, with no wait said for their exited members", async () => {
  // checker x49 #3: the sleeps SIGTERM ended are zombies until init reaps them, and a group of
  // zombies still takes a signal: that is nothing left running
  const dir = tree();
  const job = ["--", "sh", "-c", 'trap "" INT; touch "started.$$"; sleep 30'];
  const args = ["run", "-m", "-q", "hydra.sweep.dir=swt", "seed=1,2", "-j", "2", ...job];
  const child = spawn(args, dir);
  const started = () => [...Deno.readDirSync(dir)].filter((e) => e.name.startsWith("started."));
  try {
    await until(() => started().length === 2);
    child.kill("SIGINT");
    const out = await outputWithin(child);
    const err = dec.decode(out.stderr);
    assert.equal(out.code, 130, err);
    assert.match(err, /#0 interrupted \(exit 143, SIGTERM\)/);
    assert.match(err, /#1 interrupted \(exit 143, SIGTERM\)/);
    assert.ok(!err.includes("waiting for processes"), err);
  } finally {
    cleanUp(child, []);
    await child.status;
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("Ctrl-C again escalates at once, also to what an exited job left behind", async () => {
  const dir = tree();
  // the background loop ignores SIGINT (as any background command of sh) and notes SIGTERM;
  // its output goes nowhere: sh's "Terminated" (its sleep's) on the pipe strata stopped
  // reading once the job exited would end it by SIGPIPE
  const loop = "(trap 'echo TERM >> got' TERM; while :; do sleep 0.1; done) >/dev/null 2>&1 &";
  const job = ["--", "sh", "-c", `${loop} echo $! > pid.tmp; mv pid.tmp pid; wait`];
  const child = spawn(["run", "hydra.run.dir=o", ...job], dir);
  let pid = 0;
  const ctrlC = () => {
    try {
      child.kill("SIGINT");
    } catch {
      assert.fail("strata returned while the job's background loop still ran");
    }
  };
  try {
    await until(() => (pid = pidIn(join(dir, "pid"))) > 0);
    ctrlC();
    // the shell ended (recorded), only the loop is left: a second Ctrl-C sends SIGTERM...
    await until(() => status(join(dir, "o")) === "interrupted");
    // each escalation is timed from its own Ctrl-C: the grace time (5 s) must not pass
    // between a Ctrl-C and what it sends (timing all three together flaked under load)
    let sent = Date.now();
    ctrlC();
    await until(() => exists(join(dir, "got")));
    assert.ok(Date.now() - sent < 4500, `SIGTERM took ${Date.now() - sent} ms`);
    // ... which the loop survives, and a third one SIGKILL
    sent = Date.now();
    ctrlC();
    const out = await outputWithin(child);
    assert.equal(out.code, 130, dec.decode(out.stderr));
    assert.ok(Date.now() - sent < 4500, `SIGKILL took ${Date.now() - sent} ms`);
    await untilGone(pid, "the job's background loop");
  } finally {
    cleanUp(child, [pid]);
    await child.status;
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run ... | head -1: exit 141 quietly, the jobs stopped and recorded", async () => {
  const dir = tree();
  try {
    // strata, as any Unix tool, learns that stdout is gone when it next writes
    const job = `-- sh -c 'echo $$ > pid; while :; do echo tick; sleep 0.1; done'`;
    const line = `${SHELL_COMMAND} run -m hydra.sweep.dir=s seed=1,2 ${job} 2>err | head -1; ` +
      "echo ${PIPESTATUS[0]} > rc";
    const out = await new Deno.Command("bash", { args: ["-c", line], cwd: dir }).output();
    assert.equal(dec.decode(out.stdout), "[#0] tick\n");
    const stderr = Deno.readTextFileSync(join(dir, "err"));
    assert.equal(Deno.readTextFileSync(join(dir, "rc")), "141\n", stderr);
    assertNoStackTrace(stderr);
    assert.doesNotMatch(stderr, /BrokenPipe|Uncaught/);
    assert.equal(status(join(dir, "s/0")), "interrupted");
    assert.ok(!exists(join(dir, "s/1")), "no job starts after stdout is gone");
    const pid = Number(Deno.readTextFileSync(join(dir, "pid")));
    assert.throws(() => Deno.kill(pid, "SIGCONT"), "the job is gone");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run ... | head -1: quiet too when the stopped job outlives the interrupt", async () => {
  const dir = tree();
  try {
    // the job ignores SIGINT: strata waits for it (SIGTERM after the grace time), saying nothing
    const job = `-- sh -c 'trap "" INT; while :; do echo tick; sleep 0.1; done'`;
    const line = `${SHELL_COMMAND} run hydra.run.dir=o ${job} 2>err | head -1; ` +
      "echo ${PIPESTATUS[0]} > rc";
    const out = await new Deno.Command("bash", { args: ["-c", line], cwd: dir }).output();
    assert.equal(dec.decode(out.stdout), "tick\n");
    const stderr = Deno.readTextFileSync(join(dir, "err"));
    assert.equal(Deno.readTextFileSync(join(dir, "rc")), "141\n", stderr);
    assert.equal(stderr, "");
    assert.equal(status(join(dir, "o")), "interrupted");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a job a signal ends exits 128 + n (SIGSEGV 139, SIGABRT 134)", async () => {
  const dir = tree();
  try {
    for (const [sig, code] of [["SEGV", 139], ["ABRT", 134]] as const) {
      const r = await strata(
        ["run", "-q", "hydra.run.dir=o", "--", "sh", "-c", `kill -${sig} $$`],
        {
          cwd: dir,
        },
      );
      assert.equal(r.code, code, r.stderr);
      assert.deepEqual(JSON.parse(Deno.readTextFileSync(join(dir, "o/.strata/status.json"))), {
        state: "failed",
        exit_code: code,
      });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a job is finished when its process exits, whatever it left running", async () => {
  const dir = tree();
  try {
    const start = Date.now();
    const r = await strata(
      ["run", "hydra.run.dir=o", "--", "sh", "-c", "sleep 6 & echo started; exit 0"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
    assert.equal(r.stdout, "started\n");
    assert.equal(status(join(dir, "o")), "done");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a single run's output passes through byte for byte, an unfinished line at once", async () => {
  const dir = tree();
  try {
    const r = await strata([
      "run",
      "hydra.run.dir=o",
      "--",
      PYTHON,
      "-c",
      'import os, sys; sys.stdout.buffer.write(b"caf\\xe9\\n" + os.environ["PYTHONUNBUFFERED"].encode() + b" no newline")',
    ], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const log = Deno.readFileSync(join(dir, "o/config.log"));
    assert.deepEqual(
      [...log],
      [...new TextEncoder().encode("caf?\n1 no newline")].map((b, i) => i === 3 ? 0xe9 : b),
    );
    // a prompt without a newline shows while the job still runs
    const child = spawn(
      ["run", "hydra.run.dir=p", "--", "sh", "-c", "printf 'name? '; sleep 3; echo done"],
      dir,
      "piped",
    );
    const reader = child.stdout.getReader();
    const start = Date.now();
    const first = await reader.read();
    assert.equal(dec.decode(first.value), "name? ");
    assert.ok(Date.now() - start < 2500, `took ${Date.now() - start} ms`);
    reader.releaseLock();
    await child.output();
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a sweep shows an unfinished line (a \\r progress bar) with its job number before the newline", async () => {
  const dir = tree();
  try {
    // the job goes on only once the test has seen its unfinished line (`go`), or after 20 s, when
    // it says so: a line held back until its newline fails, however loaded the machine is
    const go = join(dir, "go");
    const wait =
      `i=0; while [ ! -f '${go}' ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; ` +
      `[ -f '${go}' ] || printf ' (not seen while running)'`;
    const job = ["--", "sh", "-c", `printf 'epoch 1\\n\\r10%%'; ${wait}; printf '\\r20%%\\n'`];
    const child = spawn(["run", "-m", "hydra.sweep.dir=s", "seed=1", ...job], dir, "piped");
    const reader = child.stdout.getReader();
    let seen = "";
    while (!seen.includes("10%")) seen += dec.decode((await reader.read()).value);
    Deno.writeTextFileSync(go, "");
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += dec.decode(value);
    }
    assert.equal(seen, "[#0] epoch 1\n\r[#0] 10%\r[#0] 20%\n");
    reader.releaseLock();
    assert.equal((await child.output()).code, 0);
    assert.equal(Deno.readTextFileSync(join(dir, "s/0/config.log")), "epoch 1\n\r10%\r20%\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a job killed by SIGTERM that strata did not send (scancel reaching it first) is interrupted, not failed", async () => {
  // the job's own process dies of SIGTERM while strata is not signalled at all
  const dir = tree({ "train.sh": "echo $$ > pid\nexec sleep 30\n" });
  try {
    const child = spawn(["run", "-d", "conf", "hydra.run.dir=out", "--", "sh", "train.sh"], dir);
    await until(() => pidIn(join(dir, "pid")) > 0);
    Deno.kill(pidIn(join(dir, "pid")), "SIGTERM");
    const r = await child.output();
    const err = dec.decode(r.stderr);
    assertNoStackTrace(err);
    assert.equal(status(join(dir, "out")), "interrupted", err);
    assert.equal(
      JSON.parse(Deno.readTextFileSync(join(dir, "out/.strata/status.json"))).exit_code,
      143,
    );
    assert.notEqual(r.code, 0, err);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
