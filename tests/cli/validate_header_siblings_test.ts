/**
 * An option with no `# @package` header among siblings that all say `_global_`
 * (vissl's vit_lr_scheduler.yaml): Hydra 1.1+ puts it at its group's package,
 * where it changes nothing it was meant to; validate warns, at the file.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("validate: a header-less option among _global_ siblings is a warning at the file; mixed directories are left alone", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - opt: a\nlr: 0\n",
    "conf/opt/a.yaml": "# @package _global_\nlr: 1\n",
    "conf/opt/b.yaml": "# @package _global_\nlr: 2\n",
    "conf/opt/sched.yaml": "lr: 3\n",
    // a group of group-package options with one global among them: nothing to say
    "conf/db/x.yaml": "port: 1\n",
    "conf/db/y.yaml": "port: 2\n",
    "conf/db/z.yaml": "# @package _global_\nport: 3\n",
  });
  try {
    const r = await strata(["validate", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const warnings = JSON.parse(r.stdout).problems;
    assert.deepEqual(warnings.map((p: { origin: { file: string } }) => p.origin.file), [
      "conf/opt/sched.yaml",
    ]);
    assert.match(warnings[0].message, /lands at its group's package, opt, not at the top/);
    // a pre-commit run about that file says it too; one about a sibling does not
    const one = await strata(["validate", "conf/opt/sched.yaml"], { cwd: dir });
    assert.match(one.stdout, /conf\/opt\/sched\.yaml:1:1: warning: no '# @package' header/);
    const other = await strata(["validate", "conf/opt/a.yaml"], { cwd: dir });
    assert.doesNotMatch(other.stdout, /sched/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a header-less option whose keys its _global_ siblings write under the group's name is left alone (tmlr_btnr's training/default.yaml)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - training: default\nseed: 0\n",
    "conf/training/default.yaml": "mode: single\nn_epochs: 50\n",
    "conf/training/grid.yaml": "# @package _global_\ntraining:\n  mode: grid\n  n_epochs: 100\n",
    "conf/training/ablation.yaml":
      "# @package _global_\ndefaults:\n  - grid\nmethod:\n  x: 1\ntraining:\n  n_epochs: 3\n",
  });
  try {
    const r = await strata(["validate", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).problems, []);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: a header-less option in a group's sub-directory names the package as it is chosen (checker w35)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - _self_\n  - experiment: null\n",
    "conf/experiment/sub/x.yaml": "b: 2\n",
    "conf/experiment/sub/y.yaml": "# @package _global_\nb: 3\n",
    "conf/experiment/sub/z.yaml": "# @package _global_\nb: 4\n",
  });
  try {
    const r = await strata(["validate", "-d", "conf"], { cwd: dir });
    assert.match(
      r.stdout,
      /^conf\/experiment\/sub\/x\.yaml:1:1: warning: .*lands at its group's package, experiment \(chosen as experiment=sub\/x; experiment\.sub as experiment\/sub=x\),/m,
    );
    const c = await strata(["compose", "-d", "conf", "experiment=sub/x"], { cwd: dir });
    assert.equal(c.stdout, "experiment:\n  b: 2\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
