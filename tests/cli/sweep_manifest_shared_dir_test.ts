/**
 * A manifest's tasks run side by side. Two jobs that get one job dir (the
 * swept key in override_dirname's exclude_keys) would write it at once and
 * one could train with the other's config.yaml: `strata sweep -f slurm` and
 * `-f k8s --pvc` refuse the sweep (as `strata run -m -j 2` does), writing
 * nothing, unless `--parallel 1` runs the jobs one at a time. GitHub's matrix
 * jobs (a runner each) and pods without a volume share no file system: written
 * (checker w21: the refusal only made the sweep run one job at a time).
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const SHARED = [
  "seed=1,2",
  "lr=3",
  "hydra.sweep.subdir=${hydra.job.override_dirname}",
  "hydra.job.config.override_dirname.exclude_keys=[seed]",
];

Deno.test("sweep -f slurm|k8s --pvc: jobs that share a job dir side by side are refused; github and k8s pods apart are not", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\nlr: 1\n" });
  try {
    for (const format of [["github"], ["k8s", "--image", "app:1"]]) {
      const out = `apart-${format[0]}`;
      const r = await strata(["sweep", ...SHARED, "-f", ...format, "-o", out, "--", "./train"], {
        cwd: dir,
      });
      assert.equal(r.code, 0, `${format[0]}: ${r.stderr}`);
      assert.ok(
        Deno.statSync(`${dir}/${out}`).isFile || Deno.statSync(`${dir}/${out}`).isDirectory,
      );
    }
    const shared = [["slurm"], [
      "k8s",
      "--image",
      "app:1",
      "--pvc",
      "runs:/data",
      "hydra.sweep.dir=/data/s",
    ]];
    for (const format of shared) {
      const out = `out-${format[0]}`;
      const args = ["sweep", ...SHARED, "-f", ...format, "-o", out, "--", "./train"];
      const r = await strata(args, { cwd: dir });
      assert.equal(r.code, 1, `${format[0]}: ${r.stderr}`);
      // placed at the override that set the subdir (checker x25); a line of its
      // own: without a SLURM controller a note on the cluster's limits comes first
      assert.match(
        r.stderr,
        /^override #3 'hydra\.sweep\.subdir=\$\{hydra\.job\.override_dirname\}': jobs #0 and #1 both get the job dir \S+\/lr=3: the scheduler runs/m,
      );
      assert.match(r.stderr, /full key: hydra\.sweep\.subdir/);
      assertNoStackTrace(r.stderr);
      assert.throws(() => Deno.statSync(`${dir}/${out}`), Deno.errors.NotFound);
      // One at a time, as Hydra runs them, the later job's files replace the earlier's.
      const one = await strata([...args.slice(0, -2), "--parallel", "1", "--", "./train"], {
        cwd: dir,
      });
      assert.equal(one.code, 0, `${format[0]}: ${one.stderr}`);
    }
    // Distinct dirs (Hydra's default subdir, or the key not excluded) pass.
    const ok = await strata(
      [
        "sweep",
        "seed=1,2",
        "hydra.sweep.subdir=${hydra.job.override_dirname}",
        "-f",
        "slurm",
        "--",
        "./t",
      ],
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f slurm: a job dir name too long for a file system is refused, naming the task's job", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\npad: ''\n" });
  try {
    const args = [
      "sweep",
      `pad=${"x".repeat(260)},b`,
      "hydra.sweep.subdir=${hydra.job.override_dirname}",
      "-f",
      "slurm",
      "-o",
      "job.sbatch",
      "--",
      "./train",
    ];
    const r = await strata(args, { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assertNoStackTrace(r.stderr);
    // no dir is made here (checker w21): the task of job #0 would fail to make it
    assert.match(r.stderr, /job #0's task could not create its dir: file name too long: /);
    assert.throws(() => Deno.statSync(`${dir}/job.sbatch`), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
