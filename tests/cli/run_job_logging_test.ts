/**
 * The job's log is named as its `hydra.job_logging` names the app's:
 * lightning-hydra-template's file handler writes
 * `${hydra.runtime.output_dir}/${task_name}.log`, so a job's output is in
 * `train.log` whatever runs; with `hydra/job_logging=disabled` (no file
 * handler) no `<job name>.log` is written, and the capture is in
 * `.strata/output.log` alone.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { strata } from "./_cli.ts";
import { exists } from "./_run.ts";

function project(config: string): string {
  const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-joblog-" }));
  Deno.mkdirSync(join(dir, "conf"));
  Deno.writeTextFileSync(join(dir, "conf/config.yaml"), config);
  return dir;
}

const ECHO = ["--", "sh", "-c", "echo out; echo err >&2"];
const lines = (path: string) => Deno.readTextFileSync(path).split("\n").sort();

Deno.test("run: the job's log is the file hydra.job_logging's file handler names", async () => {
  const dir = project(
    "task_name: train\nhydra:\n  job_logging:\n    handlers:\n      file:\n" +
      "        filename: ${hydra.runtime.output_dir}/${task_name}.log\n",
  );
  try {
    const r = await strata(["run", "-q", "hydra.run.dir=a", ...ECHO], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(join(dir, "a/train.log")), ["", "err", "out"]);
    assert.equal(exists(join(dir, "a/config.log")), false);
    // a sweep's jobs, and a relative name in a job run in its dir (hydra.job.chdir)
    const m = await strata(
      ["run", "-q", "-m", "hydra.sweep.dir=s", "hydra.job.chdir=true"]
        .concat("hydra.job_logging.handlers.file.filename=job.log", "+x=1,2", ...ECHO),
      { cwd: dir },
    );
    assert.equal(m.code, 0, m.stderr);
    assert.deepEqual(lines(join(dir, "s/1/job.log")), ["", "err", "out"]);
    assert.equal(exists(join(dir, "s/1/config.log")), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: hydra/job_logging=disabled writes no <job name>.log; the capture is .strata/output.log", async () => {
  const dir = project("seed: 0\n");
  try {
    const r = await strata(
      ["run", "-q", "hydra.run.dir=a", "hydra/job_logging=disabled", ...ECHO],
      {
        cwd: dir,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(exists(join(dir, "a/config.log")), false);
    assert.deepEqual(lines(join(dir, "a/.strata/output.log")), ["", "err", "out"]);
    // the default still names it after the job
    const d = await strata(["run", "-q", "hydra.run.dir=b", ...ECHO], { cwd: dir });
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(lines(join(dir, "b/config.log")), ["", "err", "out"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: a job_logging filename that is one of strata's own run-dir files falls back to <job name>.log", async () => {
  for (const name of ["config.yaml", ".hydra", ".strata", "sub"]) {
    const dir = project(
      "lr: 0.1\nhydra:\n  job_logging:\n    handlers:\n      file:\n" +
        `        filename: \${hydra.runtime.output_dir}/${name}\n`,
    );
    try {
      if (name === "sub") Deno.mkdirSync(join(dir, "a/sub"), { recursive: true });
      const r = await strata(
        ["run", "-q", "hydra.run.dir=a", "--", "sh", "-c", 'echo out; cat "$STRATA_CONFIG"'],
        { cwd: dir },
      );
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      assert.equal(Deno.readTextFileSync(join(dir, "a/config.yaml")), "lr: 0.1\n", name);
      assert.deepEqual(lines(join(dir, "a/config.log")), ["", "lr: 0.1", "out"], name);
      assert.ok(exists(join(dir, "a/.strata/status.json")), name);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
});
