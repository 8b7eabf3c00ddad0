/**
 * A sweep with an override that gives no values (a glob that matches no option, an empty
 * range) has no jobs. Hydra's BasicSweeper then launches none and exits 0, saying nothing;
 * strata does the same (sweep lists nothing, run -m launches 0 jobs) with a warning naming the
 * override, and a manifest, which cannot hold no jobs, fails naming it.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const TREE = {
  "conf/config.yaml": "defaults:\n  - env: atari/pong\n  - _self_\nseed: 0\n" +
    "hydra:\n  sweep:\n    dir: multirun\n",
  "conf/env/atari/pong.yaml": "id: Pong\n",
  "conf/env/mujoco/hopper.yaml": "id: Hopper\n",
  "conf/params.yaml": "seed: 0\nhydra:\n  sweeper:\n    params:\n      seed: range(0)\n",
};

const GLOB_WARNING = "override #1 'env=glob(atari/*)': warning: glob(atari/*) matches no " +
  "option of 'env' (it has none of its own; as in Hydra, glob() does not look in env/atari/, " +
  "env/mujoco/), so the sweep has no jobs\n";

Deno.test("sweep: an override that gives no values is named by a warning; no jobs, exit 0", async () => {
  const dir = await confTree(TREE);
  try {
    for (const format of ["jsonl", "text"]) {
      const r = await strata(["sweep", "-f", format, "env=glob(atari/*)"], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, GLOB_WARNING);
    }
    const count = await strata(["sweep", "--count", "seed=range(3,1)", "seed=range(5,1)"], {
      cwd: dir,
    });
    assert.equal(count.code, 0, count.stderr);
    assert.equal(count.stdout, "0\n");
    // the key's last value is the one swept, at its first position (Hydra's order)
    assert.equal(
      count.stderr,
      "override #2 'seed=range(5,1)': warning: range(5,1) gives no value for 'seed', " +
        "so the sweep has no jobs\n",
    );
    // a group that is not there at all: a misspelt one, with the groups beside it (checker x23)
    const typo = await strata(["sweep", "evn=glob(*)"], { cwd: dir });
    assert.equal(typo.code, 0, typo.stderr);
    assert.equal(
      typo.stderr,
      "override #1 'evn=glob(*)': warning: glob(*) matches no option of 'evn' (it has none: no " +
        "such group; did you mean 'env'?), so the sweep has no jobs\n",
    );
    // a hydra.sweeper.params entry is named at its place in the YAML
    const params = await strata(["sweep", "-n", "params"], { cwd: dir });
    assert.equal(params.code, 0, params.stderr);
    assert.equal(
      params.stderr,
      "conf/params.yaml:5:13: warning: range(0) gives no value for 'seed', so the sweep has no jobs\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: launches 0 jobs as Hydra does, after a warning naming the override", async () => {
  const dir = await confTree(TREE);
  try {
    const r = await strata(["run", "-m", "env=glob(atari/*)", "--", "true"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.split("\n")[0] + "\n", GLOB_WARNING);
    assert.match(r.stderr, /\[strata\] Launching 0 jobs locally in /);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github|slurm: a manifest of no jobs fails, naming the override", async () => {
  const dir = await confTree(TREE);
  try {
    const gh = await strata(
      ["sweep", "-f", "github", "-o", "gh", "env=glob(atari/*)", "--", "true"],
      { cwd: dir },
    );
    assert.equal(gh.code, 2);
    assert.equal(
      gh.stderr,
      "override #1 'env=glob(atari/*)': The sweep has no jobs to run: glob(atari/*) matches no " +
        "option of 'env' (it has none of its own; as in Hydra, glob() does not look in " +
        "env/atari/, env/mujoco/)\n",
    );
    const slurm = await strata(
      ["sweep", "-f", "slurm", "seed=range(0)", "--", "true"],
      { cwd: dir },
    );
    assert.equal(slurm.code, 2);
    assert.match(
      slurm.stderr,
      /^override #1 'seed=range\(0\)': The sweep has no jobs to run: range\(0\) gives no value for 'seed'\n/m,
    );
    // a config file's sweep (hydra.sweeper.params) is an invalid config, exit 1, at its place
    const params = await strata(["sweep", "-n", "params", "-f", "slurm", "--", "true"], {
      cwd: dir,
    });
    assert.equal(params.code, 1, params.stderr);
    // (a "note: scontrol ..." line may come first when no SLURM controller answers)
    assert.match(params.stderr, /^conf\/params\.yaml:5:13: The sweep has no jobs to run: /m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
