/** Run-dir planning: where jobs go, what they get, and what fails before any job starts. */

import assert from "node:assert/strict";
import { dirname } from "node:path";
import { planMultirun, planRun, type RunOptions } from "../../../core/run/plan.ts";
import type { StrataError } from "../../../core/errors.ts";
import { thrown } from "../../_errors.ts";

function conf(files: Record<string, string>): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-plan-" });
  for (const [rel, text] of Object.entries(files)) {
    Deno.mkdirSync(dirname(`${dir}/${rel}`), { recursive: true });
    Deno.writeTextFileSync(`${dir}/${rel}`, text);
  }
  return dir;
}

const NOW = new Date(2024, 0, 5, 10, 20, 30);

function options(dir: string, overrides: string[]): RunOptions {
  return { configDir: dir, configName: "config", overrides, jobName: "train", cwd: "/w", now: NOW };
}

Deno.test("planRun: run.dir resolves against the job config; env_set (the hydra node alone) and chdir reach the job", () => {
  const dir = conf({
    "config.yaml":
      "name: exp1\nhydra:\n  run:\n    dir: runs/${name}/${now:%H}\n  job:\n    chdir: true\n" +
      "    env_set:\n      OMP_NUM_THREADS: 4\n      RUN_NAME: run-${hydra:job.name}\n",
  });
  try {
    const job = planRun(options(dir, []));
    assert.equal(job.dir, "/w/runs/exp1/10");
    assert.equal(job.chdir, true);
    assert.deepEqual(job.env, { OMP_NUM_THREADS: "4", RUN_NAME: "run-train" });
    assert.equal(job.jobName, "train");
    assert.equal(job.num, null);
    assert.ok(job.files.get(".hydra/hydra.yaml")!.includes("\n    output_dir: /w/runs/exp1/10\n"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("planRun: hydra.output_subdir=null writes no .hydra files; hydra.job.name wins over the script's", () => {
  const dir = conf({ "config.yaml": "a: 1\n" });
  try {
    const job = planRun(options(dir, ["hydra.output_subdir=null", "hydra.job.name=custom"]));
    assert.equal(job.files.size, 0);
    assert.equal(job.jobName, "custom");
    assert.equal(job.resolvedConfig, "a: 1\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("planMultirun: job dirs from sweep.subdir, job id and num recorded", () => {
  const dir = conf({ "config.yaml": "lr: 0.1\nseed: 0\n" });
  try {
    const plan = planMultirun(
      options(dir, [
        "hydra.sweep.dir=/abs/s",
        "hydra.sweep.subdir=${hydra.job.override_dirname}",
        "lr=1,2",
        "seed=7",
      ]),
    );
    assert.equal(plan.sweepDir, "/abs/s");
    assert.equal(plan.count, 2);
    const job = plan.job(1);
    assert.equal(job.dir, "/abs/s/lr=2,seed=7");
    assert.deepEqual(job.overrides, ["lr=2", "seed=7"]);
    const hydra = job.files.get(".hydra/hydra.yaml")!;
    assert.ok(hydra.includes("\n    id: '1'\n    num: 1\n"));
    assert.ok(hydra.includes("\n    - hydra.mode=MULTIRUN\n    task:\n    - lr=2\n    - seed=7\n"));
    assert.match(plan.multirunYaml, /^hydra:\n/);
    assert.ok(plan.multirunYaml.includes("\n    - lr=1,2\n"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("planMultirun: a sweep dir or subdir that does not resolve fails with its key and origin", () => {
  const dir = conf({ "config.yaml": "hydra:\n  sweep:\n    dir: out/${missing_key}\n" });
  try {
    const e = thrown(() => planMultirun(options(dir, ["+a=1,2"])));
    assert.equal(e.fullKey, "hydra.sweep.dir");
    // resolved from the master config before any job (a pinned job never expands the sweep)
    assert.equal(
      e.message,
      "cannot resolve hydra.sweep.dir: Interpolation key 'missing_key' not found",
    );
    assert.match(e.origin?.file ?? "", /config\.yaml$/);
    const plan = planMultirun(
      options(dir, ["hydra.sweep.dir=s", "hydra.sweep.subdir=${nope}", "+a=1,2"]),
    );
    assert.throws(() => plan.job(0), (err: StrataError) => err.fullKey === "hydra.sweep.subdir");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
