/**
 * `strata run` as a user runs it: real Python jobs reading STRATA_CONFIG,
 * placeholders, chdir, --job-index, --cfg, bad input.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, PERMISSIONS, ROOT, strata } from "./_cli.ts";
import { exists, PYTHON, status, workspace } from "./_run.ts";

const TRAIN = `import os, sys
from omegaconf import OmegaConf
cfg = OmegaConf.load(os.environ["STRATA_CONFIG"])
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "result.txt"), "w") as f:
    f.write(f"{cfg.run_name} {cfg.optimizer.lr} {os.environ['STRATA_JOB_NUM']} {os.environ['STRATA_JOB_ID']}")
with open(os.path.join(os.environ["STRATA_RUN_DIR"], "hash.txt"), "w") as f:
    f.write(os.environ["STRATA_CONFIG_HASH"])
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
      // the job's STRATA_CONFIG_HASH is `strata hash` of its overrides, also kept in the run dir
      const hash = (await strata(["hash", ...job.overrides], { cwd: dir })).stdout.trim();
      assert.match(hash, /^[0-9a-f]{64}$/);
      assert.equal(Deno.readTextFileSync(join(jobDir, "hash.txt")), hash);
      assert.equal(Deno.readTextFileSync(join(jobDir, ".strata/config_hash")), hash + "\n");
      assert.match(r.stdout, new RegExp(`^\\[#${job.index}\\] trained ${resolved.run_name}$`, "m"));
      assert.equal(status(jobDir), "done");
    }
    assert.ok(exists(join(dir, "sweep/multirun.yaml")));
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
    assert.deepEqual(got(1).argv, [
      "hydra.sweep.dir=s",
      "model=gpt2",
      '+tag="c,d"',
      // the job's number and id, which Hydra's launcher sets on a job (checker x33)
      "hydra.job.num=1",
      "hydra.job.id=1",
      `hydra.run.dir=${dir}/s/1`,
      "n=1",
    ]);
    assert.deepEqual(got(2).argv, [
      "hydra.sweep.dir=s",
      "model=llama3_8b",
      "+tag='a b'",
      "hydra.job.num=2",
      "hydra.job.id=2",
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

Deno.test("strata run: {overrides} holds the hydra.* overrides too, as a Hydra app needs them", async () => {
  const dir = workspace({ "app.py": ECHO_ARGV });
  try {
    // A single run: what Hydra records as hydra.overrides.hydra, but hydra.mode, then the task's.
    const hydra = ["hydra.run.dir=out", "hydra.job.chdir=true", "hydra/job_logging=disabled"];
    const r = await strata(["run", ...hydra, "seed=3", "--", PYTHON, "app.py", "{overrides}"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    const got = JSON.parse(Deno.readTextFileSync(join(dir, "out/argv.json")));
    assert.deepEqual(got.argv, [...hydra, "seed=3"]);
    // A sweep's jobs: the master's hydra.* overrides, never its hydra.mode=MULTIRUN, which
    // would make the app sweep by itself.
    const m = await strata(
      ["run", "-m", "hydra.sweep.dir=s", "hydra.job.chdir=true", "hydra.mode=MULTIRUN", "seed=1,2"]
        .concat("--", PYTHON, join(dir, "app.py"), "{overrides}"),
      { cwd: dir },
    );
    assert.equal(m.code, 0, m.stderr);
    const job = JSON.parse(Deno.readTextFileSync(join(dir, "s/1/argv.json")));
    assert.deepEqual(job.argv, [
      "hydra.sweep.dir=s",
      "hydra.job.chdir=true",
      "seed=2",
      "hydra.job.num=1",
      "hydra.job.id=1",
    ]);
    assert.equal(Deno.readTextFileSync(join(dir, "s/1/.hydra/overrides.yaml")), "- seed=2\n");
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
  const dir = workspace({ "app.py": `${ECHO_ARGV}print("argv:", *sys.argv[1:])\n` });
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
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    // one job's output, as a single run shows it: no `[#3] ` before its lines
    assert.match(new TextDecoder().decode(out.stdout), /^argv:$/m);
    assert.doesNotMatch(new TextDecoder().decode(out.stdout), /\[#3\]/);
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
    assert.match(again.stderr, /--resume: job #3 already done in .*, nothing to launch\n/);
    assert.doesNotMatch(again.stderr, /Launching|0 jobs/);
    const bad = await strata(["run", "--job-index", "6", ...sweep, "--", PYTHON, "app.py"], {
      cwd: dir,
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--job-index 6 is out of range: the sweep has 6 jobs/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run --link zips sweeps like strata sweep; --job-index picks from the zip", async () => {
  const dir = workspace({ "app.py": ECHO_ARGV });
  try {
    const sweep = ["hydra.sweep.dir=s", "model=gpt2,llama3_8b", "seed=1,2", "--link", "model,seed"];
    const r = await strata(["run", "-m", ...sweep, "--", PYTHON, "app.py", "{overrides}"], {
      cwd: dir,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2 jobs: 2 done, 0 failed/);
    const argv = (i: number) =>
      JSON.parse(Deno.readTextFileSync(join(dir, `s/${i}/argv.json`))).argv;
    assert.deepEqual([argv(0), argv(1)], [
      ["hydra.sweep.dir=s", "model=gpt2", "seed=1", "hydra.job.num=0", "hydra.job.id=0"],
      ["hydra.sweep.dir=s", "model=llama3_8b", "seed=2", "hydra.job.num=1", "hydra.job.id=1"],
    ]);
    const listed = (await strata(["sweep", ...sweep, "-f", "text"], { cwd: dir })).stdout;
    assert.equal(listed, "model=gpt2 seed=1\nmodel=llama3_8b seed=2\n");
    Deno.removeSync(join(dir, "s"), { recursive: true });
    const one = await strata([
      "run",
      "--job-index",
      "1",
      ...sweep,
      "--",
      PYTHON,
      "app.py",
      "{overrides}",
    ], {
      cwd: dir,
    });
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(argv(1), [
      "hydra.sweep.dir=s",
      "model=llama3_8b",
      "seed=2",
      "hydra.job.num=1",
      "hydra.job.id=1",
    ]);
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
    Deno.writeTextFileSync(join(dir, "train.py"), "print(1)\n", { mode: 0o644 });
    const cases: [string[], number, RegExp][] = [
      [["run", "-m", "seed=1,2"], 2, /missing the command to run/],
      // there, but not executable: what a shell says, not "no such program"
      [
        ["run", "--", "./train.py"],
        2,
        /cannot run '\.\/train\.py': permission denied \(the file is not executable: chmod \+x \.\/train\.py, or run it with its interpreter: -- python3 \.\/train\.py\)/,
      ],
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
      assert.deepEqual(
        left,
        ["blocker", "conf", "train.py"],
        `${args.join(" ")} left files behind`,
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("strata run: overrides too long for one environment variable start the job without STRATA_JOB_OVERRIDES, and say so", async () => {
  const dir = workspace();
  try {
    // Three values of 30 KB pass as arguments; their joined line (90 KB) is over the variable's cap.
    const overrides = ["a", "b", "c"].map((k) => `+${k}=${k.repeat(30_000)}`);
    const r = await strata(
      [
        "run",
        "hydra.run.dir=out",
        ...overrides,
        "--",
        "sh",
        "-c",
        'echo "${STRATA_JOB_OVERRIDES-unset}" > got',
      ],
      { cwd: dir, env: { STRATA_JOB_OVERRIDES: "inherited" } },
    );
    assert.equal(r.code, 0, r.stderr);
    assertNoStackTrace(r.stderr);
    assert.match(
      r.stderr,
      /warning: job #0: its overrides take 90\d{3} bytes, .*STRATA_JOB_OVERRIDES is not set \(they are in .*out\/\.hydra\/overrides\.yaml\)/,
    );
    assert.equal(Deno.readTextFileSync(join(dir, "got")), "unset\n");
    const small = await strata([
      "run",
      "hydra.run.dir=out2",
      "+a=1",
      "--",
      "sh",
      "-c",
      'echo "$STRATA_JOB_OVERRIDES" > got',
    ], { cwd: dir });
    assert.equal(small.code, 0, small.stderr);
    assert.equal(Deno.readTextFileSync(join(dir, "got")), "+a=1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
