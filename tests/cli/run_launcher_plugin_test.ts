/**
 * A launcher plugin chosen in the config (`hydra/launcher: submitit_slurm`,
 * as a submitit project's `launcher=slurm` selects it): `strata run -m` runs
 * the jobs locally, so it says so where the plugin was chosen and points to
 * the manifests, as it does for a sweeper plugin.
 */

import assert from "node:assert/strict";
import { confTree, strata } from "./_cli.ts";

const SLURM = "hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher";

const TREE = {
  "conf/config.yaml": "defaults:\n  - _self_\n  - optional launcher: null\nseed: 0\n",
  "conf/launcher/slurm.yaml": "# @package _global_\ndefaults:\n" +
    "  - override /hydra/launcher: submitit_slurm\n" +
    `hydra:\n  launcher:\n    _target_: ${SLURM}\n    partition: gpu\n    gpus_per_node: 1\n`,
  "conf/hydra/launcher/submitit_slurm.yaml": `# @package hydra.launcher\n_target_: ${SLURM}\n` +
    "partition: null\ngpus_per_node: null\ntimeout_min: 60\n",
  "conf/hydra/launcher/bare.yaml": "# @package hydra.launcher\npartition: cpu\n",
};

Deno.test("run -m: a launcher plugin's _target_ gets a located warning that the jobs run locally", async () => {
  const dir = await confTree(TREE);
  try {
    const r = await strata(
      [
        "run",
        "-q",
        "-d",
        "conf",
        "-m",
        "hydra.sweep.dir=s",
        "seed=1,2",
        "launcher=slurm",
        "--",
        "true",
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    // the layout of every warning: FILE:L:C: warning: MSG
    const line = r.stderr.split("\n").find((l) => l.includes("warning: hydra.launcher"));
    assert.ok(line, r.stderr);
    assert.ok(
      line.startsWith(
        // where the option was chosen (the override entry), not the _target_ below it
        `conf/launcher/slurm.yaml:3:31: warning: hydra.launcher._target_ is ${SLURM}: ` +
          "strata runs the jobs here, locally",
      ),
      line,
    );
    assert.match(line, /strata sweep \.\.\. -f slurm/);
    assert.equal(r.stderr.split("\n").filter((l) => l.includes("warning:")).length, 1);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: a _target_ only the launcher option holds is located where the option was chosen", async () => {
  // dpr-scale: trainer/slurm.yaml chooses submitit_slurm, whose own file holds the _target_
  const dir = await confTree({
    ...TREE,
    "conf/launcher/slurm.yaml": "# @package _global_\ndefaults:\n" +
      "  - override /hydra/launcher: submitit_slurm\n",
  });
  try {
    const r = await strata(
      ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=s", "seed=1,2", "launcher=slurm"]
        .concat("--", "true"),
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^conf\/launcher\/slurm\.yaml:3:31: warning: hydra\.launcher\._target_ is hydra_plugins\./m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: an option of hydra/launcher without a _target_ is named by its choice", async () => {
  const dir = await confTree(TREE);
  try {
    const r = await strata(
      ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=s", "seed=1,2", "hydra/launcher=bare"]
        .concat("--", "true"),
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^override #3 'hydra\/launcher=bare': warning: hydra\/launcher is bare: strata runs the jobs here/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m: a defaults list's choice of a launcher option without _target_ is located at its entry", async () => {
  const dir = await confTree({
    "conf/config.yaml": "defaults:\n  - override hydra/launcher: bare\n  - _self_\nseed: 0\n",
    "conf/hydra/launcher/bare.yaml": "partition: cpu\n",
  });
  try {
    const r = await strata(
      ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=s", "seed=1,2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^conf\/config\.yaml:2:\d+: warning: hydra\/launcher is bare: strata runs the jobs here/m,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run: no launcher warning with Hydra's basic launcher, nor in a manifest's task (--job-index)", async () => {
  const dir = await confTree(TREE);
  try {
    const basic = await strata(
      ["run", "-q", "-d", "conf", "-m", "hydra.sweep.dir=s", "seed=1,2", "--", "true"],
      { cwd: dir },
    );
    assert.equal(basic.code, 0, basic.stderr);
    assert.doesNotMatch(basic.stderr, /warning/);
    const task = await strata(
      [
        "run",
        "-q",
        "-d",
        "conf",
        "--job-index",
        "1",
        "hydra.sweep.dir=t",
        "seed=1,2",
        "launcher=slurm",
      ]
        .concat("--", "true"),
      { cwd: dir },
    );
    assert.equal(task.code, 0, task.stderr);
    assert.doesNotMatch(task.stderr, /warning/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
