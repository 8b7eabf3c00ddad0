/**
 * `validate` checks hydra-submitit-launcher's typed fields as a multirun (and `strata sweep
 * -f slurm|k8s|github`) reads them (checker w62 #3: range-view-3d-detection's
 * `tasks_per_node: ${trainer.devices}` with `devices: auto` passed validate, and the sweep
 * refused it).
 *
 * @module
 */

import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const LAUNCHER = "_target_: hydra_plugins.hydra_submitit_launcher.submitit_launcher." +
  "SlurmLauncher\ntimeout_min: 60\ntasks_per_node: 1\n";

Deno.test("validate: a submitit launcher field of a type SlurmQueueConf refuses is an error in a multirun, a warning otherwise", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - trainer: t\n  - override hydra/launcher: submitit_slurm\n" +
      "  - _self_\nhydra:\n  launcher:\n    tasks_per_node: ${trainer.devices}\n",
    "conf/trainer/t.yaml": "devices: auto\n",
    "conf/hydra/launcher/submitit_slurm.yaml": LAUNCHER,
  });
  try {
    const single = await validateIn(dir, ["-d", "conf"]);
    assert.equal(single.code, 0, single.stdout + single.stderr);
    assert.match(
      single.stdout,
      /^conf\/config\.yaml:7:21: warning: hydra\.launcher\.tasks_per_node must be a positive integer \(submitit's SlurmQueueConf\), got "auto": a multirun of this composition fails on it/m,
    );
    const multi = await validateIn(dir, ["-d", "conf", "--override", "hydra.mode=MULTIRUN"]);
    assert.equal(multi.code, 1, multi.stdout + multi.stderr);
    assert.match(
      multi.stdout,
      /^conf\/config\.yaml:7:21: error: hydra\.launcher\.tasks_per_node must be a positive integer \(submitit's SlurmQueueConf\), got "auto" \[key: hydra\.launcher\.tasks_per_node\]$/m,
    );
    // an int there: nothing said
    const fixed = await validateIn(dir, ["-d", "conf", "--override", "trainer.devices=2"]);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.doesNotMatch(fixed.stdout, /tasks_per_node/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
