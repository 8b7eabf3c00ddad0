/**
 * Two jobs of a sweep whose `hydra.sweep.subdir` resolves alike (the swept
 * key left out of `${hydra.job.override_dirname}`) share one job dir: run
 * side by side, one could read the other's `config.yaml`, so `-j 2` refuses
 * before any job starts; one at a time it runs as Hydra does, with a warning.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";

const CONFIG = `seed: 0
lr: 0.1
hydra:
  sweep:
    dir: sw
    subdir: \${hydra.job.override_dirname}
  job:
    config:
      override_dirname:
        exclude_keys: [seed]
`;

/** The job: the seed it was given, read from its STRATA_CONFIG after a while. */
const JOB = ["bash", "-c", 'sleep 0.3; grep seed "$STRATA_CONFIG" >> "$STRATA_RUN_DIR/seeds"'];

function tree(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-shared-dir-" });
  Deno.mkdirSync(`${dir}/conf`);
  Deno.writeTextFileSync(`${dir}/conf/config.yaml`, CONFIG);
  return dir;
}

Deno.test("run -m -j 2: jobs that would share a job dir are refused, nothing written", async () => {
  const dir = tree();
  const r = await strata(["run", "-m", "-j", "2", "seed=1,2", "lr=0.1", "--", ...JOB], {
    cwd: dir,
  });
  assert.equal(r.code, 1, r.stderr);
  assertNoStackTrace(r.stderr);
  // placed where the config sets the subdir (checker x25)
  assert.match(
    r.stderr,
    /^conf\/config\.yaml:\d+:\d+: jobs #0 and #1 both get the job dir \S+\/sw\/lr=0\.1: run side by side/,
  );
  assert.match(r.stderr, /full key: hydra\.sweep\.subdir/);
  assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "sw"), false, "nothing written");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("run -m: one job at a time, a shared job dir is a warning, as Hydra runs it", async () => {
  const dir = tree();
  const r = await strata(["run", "-q", "-m", "seed=1,2,3", "lr=0.1", "--", ...JOB], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /warning: 3 jobs \(#0, #1, #2\) all get the job dir \S+\/sw\/lr=0\.1 \(hydra\.sweep\.subdir\)/,
  );
  // as Hydra's job_logging FileHandler (mode 'a'): the log grows, the config files are replaced
  assert.match(
    r.stderr,
    /files \(\.hydra\/, config\.yaml\) replace the previous one's and its log is appended/,
  );
  // each job read its own config before the next one wrote its own
  assert.equal(Deno.readTextFileSync(`${dir}/sw/lr=0.1/seeds`), "seed: 1\nseed: 2\nseed: 3\n");
  const distinct = await strata(["run", "-q", "-m", "-j", "2", "lr=0.1,0.2", "--", "true"], {
    cwd: dir,
  });
  assert.equal(distinct.code, 0, distinct.stderr);
  assert.doesNotMatch(distinct.stderr, /warning/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("run -m: a job dir shared through ${now:...} in hydra.sweep.subdir says Hydra would resolve it per job (checker w23)", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-shared-now-" });
  try {
    Deno.mkdirSync(`${dir}/conf`);
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "lr: 1\nhydra:\n  sweep:\n    dir: sw\n    subdir: ${now:%Y}\n",
    );
    const r = await strata(["run", "-q", "-m", "lr=1,2", "--", "true"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: jobs #0 and #1 both get the job dir \S+ \(hydra\.sweep\.subdir reads \$\{now:\.\.\.\}, which strata resolves once for the whole sweep; Hydra resolves it as each job starts/,
    );
    assert.doesNotMatch(r.stderr, /as in Hydra/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: the shared job dir warning is placed where the subdir is set, and names no .hydra/ when output_subdir is null (checker x59 #2)", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "strata-shared-nohydra-" });
  try {
    Deno.mkdirSync(`${dir}/conf`);
    Deno.writeTextFileSync(
      `${dir}/conf/config.yaml`,
      "lr: 1\nhydra:\n  output_subdir: null\n  sweep:\n    dir: sw\n    subdir: .\n",
    );
    const r = await strata(["run", "-q", "-m", "lr=1,2", "--", "true"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:6:13: warning: jobs #0 and #1 both get the job dir \S+ \(hydra\.sweep\.subdir\): as in Hydra, each job's files \(config\.yaml\) replace/m,
    );
    assert.doesNotMatch(r.stderr, /\.hydra/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
