/**
 * `strata run` as a user runs it: real Python jobs reading STRATA_CONFIG, a
 * failing job, Ctrl-C and --resume, placeholders, --job-index, bad input.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, PERMISSIONS, ROOT, strata } from "./_cli.ts";

/** The Python that has OmegaConf (a PATH python3 may not). */
const PYTHON = "/usr/bin/python3";

/** A temp dir holding a copy of the example's conf/ and the given scripts. */
function workspace(scripts: Record<string, string> = {}): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-run-" }));
  const copy = (from: string, to: string) => {
    Deno.mkdirSync(to, { recursive: true });
    for (const e of Deno.readDirSync(from)) {
      if (e.isDirectory) copy(join(from, e.name), join(to, e.name));
      else Deno.copyFileSync(join(from, e.name), join(to, e.name));
    }
  };
  copy(join(ROOT, "examples/llm-finetune/conf"), join(dir, "conf"));
  for (const [name, text] of Object.entries(scripts)) Deno.writeTextFileSync(join(dir, name), text);
  return dir;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function status(dir: string): string | undefined {
  try {
    return JSON.parse(Deno.readTextFileSync(join(dir, ".strata/status.json"))).state;
  } catch {
    return undefined;
  }
}

const TRAIN = `import os, sys
from omegaconf import OmegaConf
cfg = OmegaConf.load(os.environ["STRATA_CONFIG"])
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "result.txt"), "w") as f:
    f.write(f"{cfg.run_name} {cfg.optimizer.lr} {os.environ['STRATA_JOB_NUM']} {os.environ['STRATA_JOB_ID']}")
print("trained", cfg.run_name)
`;

Deno.test("strata run -m -j 3: 3x2 jobs of the example, each reading its STRATA_CONFIG", async () => {
  const dir = workspace({ "train.py": TRAIN });
  try {
    const sweep = ["model=glob(*)", "optimizer.lr=1e-4,3e-4"];
    const r = await strata(
      ["run", "-m", "-j", "3", "hydra.sweep.dir=sweep", ...sweep, "--", PYTHON, "train.py"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(r.stderr, /6 jobs: 6 done, 0 failed/);
    const jobs = (await strata(["sweep", ...sweep], { cwd: dir })).stdout.trim().split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(jobs.length, 6);
    for (const job of jobs) {
      const jobDir = join(dir, "sweep", String(job.index));
      const composed = await strata(["compose", ...job.overrides], { cwd: dir });
      assert.equal(Deno.readTextFileSync(join(jobDir, ".hydra/config.yaml")), composed.stdout);
      const resolved = JSON.parse(
        (await strata(["compose", "--resolve", "-f", "json", ...job.overrides], { cwd: dir }))
          .stdout,
      );
      assert.equal(
        Deno.readTextFileSync(join(jobDir, "result.txt")),
        `${resolved.run_name} ${resolved.optimizer.lr} ${job.index} ${job.index}`,
      );
      assert.match(Deno.readTextFileSync(join(jobDir, "train.log")), /^trained /);
      assert.match(r.stdout, new RegExp(`^\\[#${job.index}\\] trained ${resolved.run_name}$`, "m"));
      assert.equal(status(jobDir), "done");
    }
    assert.ok(exists(join(dir, "sweep/multirun.yaml")));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

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
    assert.equal(Deno.readTextFileSync(log), "job 1\ndiverged\n");
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
    const ran = Deno.readTextFileSync(join(dir, "ran.txt")).trim().split("\n").sort();
    assert.deepEqual(ran, ["2", "3"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const ECHO_ARGV = `import json, os, sys
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "argv.json"), "w") as f:
    json.dump({"argv": sys.argv[1:], "cwd": os.getcwd(), "run_dir": os.environ["STRATA_RUN_DIR"]}, f)
`;

Deno.test("strata run: {overrides}, {run_dir} and {job_num} hand the job its own strings", async () => {
  const dir = workspace({ "app.py": ECHO_ARGV });
  try {
    const r = await strata([
      "run",
      "-m",
      "hydra.sweep.dir=s",
      "model=gpt2,llama3_8b",
      "+tag='a b',\"c,d\"",
      "--",
      PYTHON,
      "app.py",
      "{overrides}",
      "hydra.run.dir={run_dir}",
      "n={job_num}",
    ], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const got = (i: number) => JSON.parse(Deno.readTextFileSync(join(dir, `s/${i}/argv.json`)));
    assert.deepEqual(got(1).argv, ["model=gpt2", '+tag="c,d"', `hydra.run.dir=${dir}/s/1`, "n=1"]);
    assert.deepEqual(got(2).argv, [
      "model=llama3_8b",
      "+tag='a b'",
      `hydra.run.dir=${dir}/s/2`,
      "n=2",
    ]);
    assert.equal(got(2).cwd, dir, "no chdir by default");
    const overrides = Deno.readTextFileSync(join(dir, "s/1/.hydra/overrides.yaml"));
    assert.equal(overrides, '- model=gpt2\n- +tag="c,d"\n');
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: hydra.job.chdir=true runs the job in its run dir", async () => {
  const dir = workspace({ "app.py": ECHO_ARGV });
  try {
    const r = await strata(
      ["run", "hydra.run.dir=out", "hydra.job.chdir=true", "--", PYTHON, "app.py"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    const got = JSON.parse(Deno.readTextFileSync(join(dir, "out/argv.json")));
    assert.equal(got.cwd, join(dir, "out"));
    assert.equal(got.run_dir, join(dir, "out"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run --job-index I writes exactly job I of -m (index from an expanded env var)", async () => {
  const dir = workspace({ "app.py": ECHO_ARGV });
  try {
    const sweep = ["hydra.sweep.dir=s", "model=glob(*)", "seed=1,2"];
    const all = await strata(["run", "-m", ...sweep, "--", PYTHON, "app.py"], { cwd: dir });
    assert.equal(all.code, 0, all.stderr);
    const files = [
      ".hydra/config.yaml",
      ".hydra/hydra.yaml",
      ".hydra/overrides.yaml",
      "config.yaml",
    ];
    const want = files.map((f) => Deno.readTextFileSync(join(dir, "s/3", f)));
    const multirun = Deno.readTextFileSync(join(dir, "s/multirun.yaml"));
    Deno.removeSync(join(dir, "s"), { recursive: true });
    const line = `${Deno.execPath()} run ${PERMISSIONS.join(" ")} ${ROOT}cli/main.ts run ` +
      `--job-index $SLURM_ARRAY_TASK_ID --config-dir conf --config-name config ${
        sweep.map((a) => `'${a}'`).join(" ")
      } ` +
      `-- ${PYTHON} app.py`;
    const out = await new Deno.Command("sh", {
      args: ["-c", line],
      cwd: dir,
      env: { SLURM_ARRAY_TASK_ID: "3" },
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.deepEqual(files.map((f) => Deno.readTextFileSync(join(dir, "s/3", f))), want);
    assert.equal(Deno.readTextFileSync(join(dir, "s/multirun.yaml")), multirun);
    assert.deepEqual([...Deno.readDirSync(join(dir, "s"))].map((e) => e.name).sort(), [
      "3",
      "multirun.yaml",
    ]);
    const again = await strata(
      ["run", "--job-index", "3", "--resume", ...sweep, "--", PYTHON, "app.py"],
      { cwd: dir },
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /--resume: 1 of 1 jobs already done/);
    const bad = await strata(["run", "--job-index", "6", ...sweep, "--", PYTHON, "app.py"], {
      cwd: dir,
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--job-index 6 is out of range: the sweep has 6 jobs/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run --cfg hydra shows what the run records; --cfg all puts hydra first", async () => {
  const dir = workspace();
  try {
    const r = await strata(["run", "-c", "hydra", "hydra.run.dir=out", "--", PYTHON, "train.py"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes("\n  mode: RUN\n"), r.stdout);
    assert.ok(r.stdout.includes("\n    hydra:\n    - hydra.run.dir=out\n    - hydra.mode=RUN\n"));
    assert.ok(r.stdout.includes("\n    name: train\n"), "the job name is the script's stem");
    assert.ok(r.stdout.includes(`    output_dir: ${dir}/out\n`));
    assert.ok(!exists(join(dir, "out")), "--cfg runs nothing");
    const all = await strata(["run", "--cfg", "all", "--job-name", "x", "--", "true"], {
      cwd: dir,
    });
    assert.match(all.stdout, /^hydra:\n/);
    assert.ok(all.stdout.includes("\n    name: x\n"), "--job-name");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: bad input is a clear error and writes nothing", async () => {
  const dir = workspace();
  try {
    Deno.writeTextFileSync(join(dir, "blocker"), "a file, not a dir\n");
    const cases: [string[], number, RegExp][] = [
      [["run", "-m", "seed=1,2"], 2, /missing the command to run/],
      [["run", "--", "no-such-program-x"], 2, /cannot run 'no-such-program-x': no such program/],
      [["run", "--", "./missing.sh"], 2, /cannot run '.\/missing.sh'/],
      [["run", "hydra.run.dir=blocker/run", "--", "true"], 2, /cannot create the run directory/],
      [
        ["run", "-m", "hydra.sweep.dir=${nope}", "seed=1,2", "--", "true"],
        1,
        /hydra\.sweep\.dir.*'nope' not found/s,
      ],
      [
        ["run", "-m", "hydra.sweep.subdir=${oops}", "seed=1,2", "--", "true"],
        1,
        /hydra\.sweep\.subdir/,
      ],
      [["run", "-j", "0", "--", "true"], 2, /--jobs must be an integer >= 1/],
    ];
    for (const [args, code, message] of cases) {
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assertNoStackTrace(r.stderr);
      const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
      assert.deepEqual(left, ["blocker", "conf"], `${args.join(" ")} left files behind`);
    }
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
