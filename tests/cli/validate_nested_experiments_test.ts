/**
 * RVT's tree (checker v23): no config.yaml, two primaries, `dataset: ???` chosen by every run, and
 * experiments in sub-directories of `experiment/` with relative defaults (`- default`), run as
 * `+experiment/gen1=base`. validate tried them as `+experiment=gen1/base`, where Hydra reads
 * `default` as `experiment/default` (3 false errors, and the experiments composed as primaries of
 * their own gave a 4th); and with no config name it dropped the `???` warnings of every run,
 * so `--strict` passed.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const TREE = {
  "conf/train.yaml": "defaults:\n  - dataset: ???\n  - model: rnndet\n  - _self_\nlr: 1\n",
  "conf/val.yaml": "defaults:\n  - dataset: ???\n  - model: rnndet\n  - _self_\nckpt: ???\n",
  "conf/dataset/gen1.yaml": "name: gen1\npath: ???\n",
  "conf/dataset/gen4.yaml": "name: gen4\npath: /data/gen4\n",
  "conf/model/rnndet.yaml": "depth: 2\n",
  "conf/model/yolox.yaml": "depth: 3\n",
  "conf/experiment/gen1/default.yaml":
    "# @package _global_\ndefaults:\n  - override /model: yolox\nmodel:\n  width: 8\n",
  "conf/experiment/gen1/base.yaml":
    "# @package _global_\ndefaults:\n  - default\nmodel:\n  width: 16\n",
  "conf/experiment/gen4/default.yaml": "# @package _global_\nmodel:\n  width: 4\n",
  "conf/experiment/gen4/tiny.yaml":
    "# @package _global_\ndefaults:\n  - default\nmodel:\n  width: 2\n",
};

Deno.test("validate: experiments in sub-directories with relative defaults run as +experiment/gen1=base; every run's ??? is said", async () => {
  const dir = writeTree(TREE);
  try {
    for (const name of [[], ["-n", "train"]]) {
      const r = await validateIn(dir, ["-d", "conf", ...name]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(!r.lines.some((l) => / error: /.test(l)), r.stdout);
      assert.ok(
        r.lines.some((l) =>
          /^conf\/dataset\/gen1\.yaml:2:7: warning: Missing mandatory value/.test(l)
        ),
        r.stdout,
      );
      const strict = await validateIn(dir, ["-d", "conf", ...name, "--strict"]);
      assert.equal(strict.code, 1, strict.stdout);
    }
    const all = await validateIn(dir, ["-d", "conf"]);
    assert.ok(
      all.lines.some((l) =>
        /^conf\/val\.yaml:5:7: warning: Missing mandatory value .*\[key: ckpt\]/.test(l)
      ),
      all.stdout,
    );
    // the experiments are options, not primaries of their own
    const json = await validateIn(dir, ["-d", "conf", "-f", "json"]);
    assert.deepEqual(JSON.parse(json.stdout).primaries, ["train", "val"]);
    // pre-commit on one experiment: composed as its group's option
    const one = await validateIn(dir, [
      "-d",
      "conf",
      "-n",
      "train",
      "conf/experiment/gen4/tiny.yaml",
    ]);
    assert.equal(one.code, 0, one.stdout + one.stderr);
    assert.ok(!/ error: /.test(one.stdout), one.stdout);
    assert.match(one.stdout, /\(with dataset=gen1 \+experiment\/gen4=tiny\)\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validate: an option's ??? that the primary choosing it fills is not reported from another primary it is swapped into (hsd3, checker v26)", async () => {
  const dir = writeTree({
    "conf/a.yaml": "defaults:\n  - agent: hsd3\n  - _self_\nagent:\n  x: 1\n",
    "conf/b.yaml": "defaults:\n  - agent: sac\n  - _self_\nlr: 1\n",
    "conf/agent/hsd3.yaml": "x: ???\n",
    "conf/agent/sac.yaml": "y: 2\n",
  });
  try {
    const r = await validateIn(dir, ["-d", "conf", "--strict"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
